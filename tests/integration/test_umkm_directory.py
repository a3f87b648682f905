"""A consumer's UMKM directory kept from umkm.* events, on SQLite and PostgreSQL: the newest
event wins whatever order the events arrive in."""

from datetime import timedelta

import pytest

from services.bazaar.bootstrap import bootstrap as bazaar_bootstrap
from services.kernel.clock import utcnow
from services.kernel.events import CATALOGUE
from services.kernel.events.catalogue import make_envelope
from tests.support.fakes import RecordingPublisher


@pytest.fixture
def bazaar(platform_any):
    container = bazaar_bootstrap(platform_any.settings("bazaar"),
                                 publisher=RecordingPublisher(), nudge=False)
    yield container
    container.runtime.dispose()


def deliver(container, kind: str, at, **changes) -> str:
    event_type = CATALOGUE.get(kind)
    envelope = make_envelope(event_type, {**event_type.example, **changes}, at)
    return container.runtime.consumer.handle(envelope)


def entry(container, umkm_id: str) -> dict | None:
    with container.runtime.uow(readonly=True) as unit:
        return container.directory.get(unit, umkm_id)


def test_newest_event_wins_in_any_order(bazaar):
    umkm_id, start = "5b1f0c1e-1d2a-4c3b-9e8f-000000000001", utcnow()
    assert entry(bazaar, umkm_id) is None
    deliver(bazaar, "umkm.registered", start, umkm_id=umkm_id, status="pending",
            phone="+6281211110001")
    first = entry(bazaar, umkm_id)
    assert first["status"] == "pending" and first["phone"] == "+6281211110001"
    assert first["as_of"] == start

    later = start + timedelta(minutes=5)
    deliver(bazaar, "umkm.verified", later, umkm_id=umkm_id, phone="+6281211110002")
    # an older change arriving late is kept out, field by field
    deliver(bazaar, "umkm.updated", start + timedelta(minutes=1), umkm_id=umkm_id,
            status="pending", phone="+6281211110009")
    kept = entry(bazaar, umkm_id)
    assert (kept["status"], kept["phone"], kept["as_of"]) == ("verified", "+6281211110002",
                                                              later)

    deliver(bazaar, "umkm.deactivated", later + timedelta(minutes=1), umkm_id=umkm_id,
            locale="en")
    gone = entry(bazaar, umkm_id)
    assert (gone["status"], gone["locale"]) == ("inactive", "en")


def test_an_update_before_the_registration_is_kept_and_the_registration_does_not_undo_it(bazaar):
    umkm_id, start = "5b1f0c1e-1d2a-4c3b-9e8f-000000000002", utcnow()
    deliver(bazaar, "umkm.updated", start + timedelta(seconds=30), umkm_id=umkm_id,
            business_name="Kopi Robusta Metro")
    deliver(bazaar, "umkm.registered", start, umkm_id=umkm_id, business_name="Kopi Metro")
    assert entry(bazaar, umkm_id)["business_name"] == "Kopi Robusta Metro"


def test_a_search_takes_percent_and_underscore_as_typed(bazaar):
    """"%" and "_" are LIKE's wildcards: a search for "50%" found "Kopi 500" too, and one for
    "%" every business."""
    start = utcnow()
    names = {"5b1f0c1e-1d2a-4c3b-9e8f-000000000101": "Diskon 50% Kopi",
             "5b1f0c1e-1d2a-4c3b-9e8f-000000000102": "Kopi 500 Gram",
             "5b1f0c1e-1d2a-4c3b-9e8f-000000000103": "Toko_Rina",
             "5b1f0c1e-1d2a-4c3b-9e8f-000000000104": "Toko-Rina"}
    for umkm_id, name in names.items():
        deliver(bazaar, "umkm.registered", start, umkm_id=umkm_id, business_name=name,
                owner_name="Sri Wahyuni")

    def found(q: str) -> list[str]:
        with bazaar.runtime.uow(readonly=True) as unit:
            rows, total = bazaar.directory.search(unit, q=q, per_page=50)
        assert total == len(rows)
        return sorted(row["business_name"] for row in rows)

    assert found("50%") == ["Diskon 50% Kopi"]
    assert found("toko_") == ["Toko_Rina"]
    assert found("%") == ["Diskon 50% Kopi"]
    assert found("_") == ["Toko_Rina"]
    assert found("  KOPI ") == ["Diskon 50% Kopi", "Kopi 500 Gram"]
    assert found("sri wahyuni") == sorted(names.values())


def test_a_search_keeps_to_the_sectors_leaves_out_the_ids_and_counts_what_is_left(bazaar):
    """What a staff page may offer is filtered in the query: the count is of the eligible UMKM,
    whatever page of them is read."""
    from sqlalchemy import select

    from services.bazaar.models import Application

    start = utcnow()
    rows = {f"5b1f0c1e-1d2a-4c3b-9e8f-{n:012d}": (f"Usaha {n:02d}", sector)
            for n, sector in enumerate(["kuliner"] * 6 + ["kriya"] * 3 + ["fashion"] * 2,
                                       start=201)}
    for umkm_id, (name, sector) in rows.items():
        deliver(bazaar, "umkm.verified", start, umkm_id=umkm_id, business_name=name,
                sector=sector)
    ids = list(rows)

    def found(**filters) -> tuple[list[str], int]:
        with bazaar.runtime.uow(readonly=True) as unit:
            page, total = bazaar.directory.search(unit, per_page=4, **filters)
        return [row["umkm_id"] for row in page], total

    assert found(sectors=["kuliner", "kriya"]) == (ids[:4], 9)
    assert found(sectors=["fashion"], q="usaha") == (ids[9:], 2)
    assert found(sectors=["kuliner"], excluding=ids[:3]) == (ids[3:6], 3)
    assert found(excluding=[]) == (ids[:4], 11)
    assert found(only=[ids[7]], sectors=["kriya"]) == ([ids[7]], 1)
    assert found(only=[ids[7]], sectors=["kuliner"]) == ([], 0)
    nobody = select(Application.umkm_id).where(Application.bazaar_id == "none")
    assert found(sectors=["kriya"], excluding=nobody) == (ids[6:9], 3)
