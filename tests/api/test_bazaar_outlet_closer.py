"""The staff member who closes a retail outlet is kept by their email, however long a valid
email is (254 characters), on SQLite and on PostgreSQL (where a narrower column refused it)."""

from contextlib import contextmanager

from alembic import command
from sqlalchemy import create_engine, inspect, text

from services.kernel.identity import BAZAAR_COORDINATOR
from services.kernel.migrations import alembic_config, upgrade
from services.registry.usecases.staff import create_staff
from tests.conftest import _app
from tests.support.platform import ROOT
from tests.support.retail_world import RetailWorld

MIGRATIONS = ROOT / "services" / "bazaar" / "migrations"
BEFORE, WIDENED = "a7c3e9d1f5b8", "b8d4f2a6c0e9"


def longest_email() -> str:
    """A valid email of 254 characters, the most an address may have: a 64-character local
    part and a domain of 189 in labels of at most 63."""
    email = f"{'k' * 64}@{'a' * 63}.{'b' * 63}.{'c' * 55}.go.id"
    assert len(email) == 254
    return email


@contextmanager
def coordinator_world(platform, email: str):
    """A retail world whose bearer token the registry issued to a coordinator with `email`."""
    registry = _app("registry", platform)
    try:
        create_staff(registry.extensions["registry"].uow, email, "Koordinator Bazar",
                     "kata-sandi-uji-123", [BAZAAR_COORDINATOR])
        answer = registry.test_client().post("/api/v1/auth/token", json={
            "email": email, "password": "kata-sandi-uji-123"})
        assert answer.status_code == 200, answer.json
        bazaar = _app("bazaar", platform)
        try:
            yield RetailWorld(bazaar, {"Authorization": f"Bearer {answer.json['access_token']}"})
        finally:
            bazaar.extensions["runtime"].dispose()
    finally:
        registry.extensions["runtime"].dispose()


def test_a_staff_member_with_the_longest_email_closes_an_outlet(platform_any):
    email = longest_email()
    with coordinator_world(platform_any, email) as world:
        partner = world.partner(outlets=("Gerai Metro Pusat", "Gerai Metro Timur"))
        east = next(o for o in partner["outlet_list"] if o["name"] == "Gerai Metro Timur")
        closed = world.post(f"/partners/{partner['id']}/outlets/{east['id']}/close")
        assert closed.status_code == 200, closed.json
        assert closed.json["closed_by"] == email and closed.json["open"] is False
        kept = {o["id"]: o for o in world.get(f"/partners/{partner['id']}").json["outlet_list"]}
        assert kept[east["id"]]["closed_by"] == email


def _closed_by(url: str):
    engine = create_engine(url)
    try:
        column = next(c for c in inspect(engine).get_columns("retail_outlet")
                      if c["name"] == "closed_by")
        with engine.connect() as connection:
            kept = connection.execute(text("SELECT closed_by FROM retail_outlet")).scalar_one()
        return column["type"].length, kept
    finally:
        engine.dispose()


def test_the_migration_widens_the_column_and_keeps_who_closed(backend, tmp_path, request):
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'bazaar.db'}"
    else:
        url = request.getfixturevalue("postgres").create(f"widen_{tmp_path.name[-12:]}")
    upgrade(MIGRATIONS, url, BEFORE)
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO retail_partner (id, name, name_key, active, created_at) "
            "VALUES ('p1', 'Swalayan', 'swalayan', true, CURRENT_TIMESTAMP)"))
        connection.execute(text(
            "INSERT INTO retail_outlet (id, partner_id, name, name_key, created_at, closed_on, "
            "closed_by) VALUES ('o1', 'p1', 'Gerai', 'gerai', CURRENT_TIMESTAMP, "
            "CURRENT_DATE, 'petugas@diskoperin.metrokota.go.id')"))
    engine.dispose()
    assert _closed_by(url) == (200, "petugas@diskoperin.metrokota.go.id")
    upgrade(MIGRATIONS, url, WIDENED)
    assert _closed_by(url) == (254, "petugas@diskoperin.metrokota.go.id")
    command.downgrade(alembic_config(MIGRATIONS, url), BEFORE)
    assert _closed_by(url) == (200, "petugas@diskoperin.metrokota.go.id")
