"""Searching the register by a fragment of a business, owner or product name, with every filter,
sort and page, on SQLite (FTS5) and PostgreSQL (pg_trgm) alike; the search text kept current by
every write; the indexes really used; bad arguments refused."""

from __future__ import annotations

import io
import random
import string
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from flask import Flask
from sqlalchemy import select, text
from sqlalchemy.dialects import postgresql, sqlite

from services.registry.domain.business import name_key
from services.registry.domain.search import fold, search_text
from services.registry.models import Business, Product
from services.registry.usecases import umkm as usecases
from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.support.factories import registration
from tests.support.platform import PlatformConfig
from tests.support.registry_sheets import HEADER, to_csv


@dataclass
class Registry:
    backend: str
    app: Flask
    client: object
    auth: dict
    url: str

    @property
    def uow(self):
        return self.app.extensions["registry"].uow

    def register(self, **overrides) -> dict:
        response = self.client.post("/api/v1/umkm", json=registration(**overrides),
                                    headers=self.auth)
        assert response.status_code == 201, response.json
        return response.json

    def search(self, **args) -> dict:
        response = self.client.get("/api/v1/umkm", query_string=args, headers=self.auth)
        assert response.status_code == 200, response.json
        return response.json

    def ids(self, **args) -> list[str]:
        return [item["id"] for item in self.search(per_page=200, **args)["items"]]


def _registry(backend: str, tmp_path, redis_server, request, *, migrate_to="head") -> Registry:
    from services.registry.app import create_app
    from services.registry.usecases.staff import ensure_admin

    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'registry.db'}"
    else:
        url = request.getfixturevalue("postgres").create(f"search_{uuid.uuid4().hex[:10]}")
    config = PlatformConfig(var_dir=tmp_path / "var", broker_url=redis_server.url,
                            database_urls={"registry": url})
    config.var_dir.mkdir(parents=True, exist_ok=True)
    config.migrate(("registry",))
    app = create_app(config.app_config("registry"))
    ensure_admin(app.extensions["registry"].uow, ADMIN_EMAIL, ADMIN_PASSWORD)
    client = app.test_client()
    token = client.post("/api/v1/auth/token",
                        json={"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}).json
    return Registry(backend, app, client, {"Authorization": f"Bearer {token['access_token']}"},
                    url)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def registry(request, tmp_path, redis_server):
    made = _registry(request.param, tmp_path, redis_server, request)
    yield made
    made.app.extensions["runtime"].dispose()


@pytest.fixture
def pg_registry(request, tmp_path, redis_server):
    made = _registry("postgres", tmp_path, redis_server, request)
    yield made
    made.app.extensions["runtime"].dispose()


def assert_search_text_current(registry: Registry) -> None:
    """Every business's search text is what its names make now, and on SQLite the FTS5 table
    holds exactly that text for exactly these businesses."""
    with registry.uow(readonly=True) as unit:
        session = unit.session
        products = defaultdict(list)
        for business_id, name in session.execute(select(Product.business_id, Product.name)):
            products[business_id].append(name)
        stored = {}
        for business in session.execute(select(Business)).scalars():
            assert business.search_text == search_text(
                business.name, business.owner.name, products[business.id]), business.name
            stored[business.id] = business.search_text
        if registry.backend == "sqlite":
            fts = dict(session.execute(text(
                "SELECT k.business_id, f.search_text FROM business_fts f "
                "JOIN business_fts_rowid k ON k.rowid = f.rowid")).all())
            assert fts == stored


# --- what a text query finds ---------------------------------------------------------------


def test_a_fragment_of_a_business_owner_or_product_name_finds_it(registry):
    keripik = registry.register(business_name="Keripik Pisang Bu Sri",
                                owner_name="Sri Wahyuni", nib="9120001234567")
    kopi = registry.register(business_name="Kedai Kopi Tapis", owner_name="Budi Santoso")
    cafe = registry.register(business_name="Café Ngopi 50% Diskon", owner_name="Ana_Maria")
    product = registry.client.post(f"/api/v1/umkm/{kopi['id']}/products", headers=registry.auth,
                                   json={"name": "Sambal Lado Hijau", "category": "Bumbu"})
    assert product.status_code == 201, product.json

    def found(q):
        return set(registry.ids(q=q))

    assert found("ripik pis") == {keripik["id"]}            # inside the business name
    assert found("WAHYU") == {keripik["id"]}                # the owner, any case
    assert found("lado hij") == {kopi["id"]}                # a product of the business
    assert found("  santoso ") == {kopi["id"]}              # spaces around are no part of it
    assert found("kopi   tapis") == {kopi["id"]}            # runs of spaces are one space
    assert found("cafe") == {cafe["id"]}                    # accents aside
    assert found("opi") == {kopi["id"], cafe["id"]}         # three letters: the index
    assert found("pi") == {keripik["id"], kopi["id"], cafe["id"]}  # two: read without it
    assert found("50%") == {cafe["id"]}                     # % and _ are plain characters
    assert found("0%d") == set()
    assert found("a_m") == {cafe["id"]}
    assert found("a%m") == set()
    assert found("'\"; --") == set()                        # quotes are text, not syntax
    assert found("bu sri wahyuni") == set()                 # never across two names
    assert found("9120001234567") == {keripik["id"]}        # a whole NIB
    assert found("912000123") == set()
    assert found("tidak ada") == set()
    assert registry.search(q="   ")["total"] == 3           # nothing to search for: all
    assert_search_text_current(registry)


def test_filters_sorts_and_pages_agree_with_a_plain_reading_of_the_records(registry):
    places = [("Metro Pusat", "Imopuro"), ("Metro Utara", "Banjarsari"),
              ("Metro Timur", "Iringmulyo"), ("Metro Pusat", "Yosomulyo")]
    sectors, names = ["kuliner", "batik", "kriya"], ["Kopi", "Batik", "Tapis", "Bakso"]
    made = []
    for n in range(18):
        kecamatan, kelurahan = places[n % 4]
        view = registry.register(
            business_name=f"{names[n % 4]} {chr(ord('A') + (n * 7) % 18)}{n}",
            owner_name=f"Pemilik {chr(ord('Z') - (n * 5) % 18)} {n}", kecamatan=kecamatan,
            kelurahan=kelurahan, sector=sectors[n % 3],
            capital_idr=[50_000_000, 2_000_000_000][n % 2],
            registered_on=(date(2023, 1, 1) + timedelta(days=(n * 11) % 9)).isoformat())
        if n % 3 == 0:
            registry.client.post(f"/api/v1/umkm/{view['id']}/verify", headers=registry.auth)
        if n % 4 == 1:
            registry.client.put(f"/api/v1/umkm/{view['id']}/mb2", headers=registry.auth,
                                json={"member": True})
        made.append(view["id"])
    records = [registry.client.get(f"/api/v1/umkm/{i}", headers=registry.auth).json
               for i in made]

    def expected(q=None, kecamatan=None, kelurahan=None, sector=None, scale=None, status=None,
                 mb2=None, sort="newest"):
        rows = [r for r in records
                if (q is None or q in r["business_name"].lower() or q in r["owner_name"].lower())
                and (kecamatan is None or r["kecamatan"].lower() == kecamatan.lower())
                and (kelurahan is None or r["kelurahan"].lower() == kelurahan.lower())
                and (sector is None or r["sector"] == sector)
                and (scale is None or r["scale"] == scale)
                and (status is None or r["status"] == status)
                and (mb2 is None or r["mb2_member"] == mb2)]
        keys = {"newest": lambda r: (r["registered_on"], r["created_at"], r["id"]),
                "oldest": lambda r: (r["registered_on"], r["created_at"], r["id"]),
                "business": lambda r: (name_key(r["business_name"]), r["id"]),
                "owner": lambda r: (name_key(r["owner_name"]), r["id"])}
        rows.sort(key=keys[sort], reverse=sort == "newest")
        return [r["id"] for r in rows]

    queries = [
        {}, {"sort": "oldest"}, {"sort": "business"}, {"sort": "owner"},
        {"q": "kopi"}, {"q": "kopi", "sort": "business"}, {"q": "pemilik", "sort": "owner"},
        {"q": "tapis", "status": "verified"}, {"kecamatan": "metro pusat", "sort": "oldest"},
        {"kecamatan": "Metro Pusat", "kelurahan": "yosomulyo"}, {"sector": "batik"},
        {"scale": "kecil", "sort": "business"}, {"status": "pending", "sort": "owner"},
        {"mb2": True}, {"mb2": False, "sector": "kuliner"},
        {"q": "a", "kecamatan": "Metro Utara", "scale": "mikro", "sort": "oldest"},
    ]
    for query in queries:
        args = {k: ("true" if v else "false") if isinstance(v, bool) else v
                for k, v in query.items()}
        want = expected(**{k: v.lower() if k == "q" else v for k, v in query.items()})
        assert registry.ids(**args) == want, query
        # the same order, page by page, with the same total
        pages = [registry.search(per_page=5, page=p, **args) for p in (1, 2, 3, 4)]
        assert [i["id"] for p in pages for i in p["items"]] == want[:20], query
        assert {(p["total"], p["total_exact"]) for p in pages} == {(len(want), True)}, query
        # and the same when there are too many to count (PostgreSQL: read from the indexes)
        uncounted = usecases.search_umkm(registry.uow, usecases.UmkmQuery(**query, per_page=200),
                                         count_cap=0)
        assert [i["id"] for i in uncounted["items"]] == want, query
    assert registry.search(kecamatan="Metro Barat")["total"] == 0
    assert registry.search(kecamatan="Tidak Ada")["total"] == 0


def test_past_the_count_cap_the_total_is_marked_inexact(registry):
    for n in range(7):
        registry.register(business_name=f"Warung Sate {n}")

    def search(**args):
        return usecases.search_umkm(registry.uow, usecases.UmkmQuery(q="sate", **args),
                                    count_cap=4)

    capped = search(per_page=2)
    assert (capped["total_exact"], len(capped["items"])) == (False, 2)
    # at least what was counted; PostgreSQL puts its own estimate in when that is higher
    assert capped["total"] == 4 if registry.backend == "sqlite" else capped["total"] >= 4
    last = search(per_page=2, page=4)  # a short page ends the list: its total is known
    assert (last["total"], last["total_exact"], len(last["items"])) == (7, True, 1)
    assert search(page=9)["items"] == []
    # by default every database counts a city's register exactly
    exact = registry.search(q="sate", per_page=2)
    assert (exact["total"], exact["total_exact"]) == (7, True)


# --- the search text follows every change ----------------------------------------------------


def test_the_search_text_follows_registration_edits_products_imports_and_merges(registry):
    client, auth = registry.client, registry.auth
    first = registry.register(business_name="Batik Tulis Siger", owner_name="Rina Marlina")
    second = registry.register(business_name="Tenun Tapis Cempaka", owner_name="Rina Marlina",
                               nik=registration()["nik"])
    assert registry.ids(q="tulis sig") == [first["id"]]
    assert_search_text_current(registry)

    # a new business name: the old fragment is gone, the new one found
    assert client.patch(f"/api/v1/umkm/{first['id']}", headers=auth,
                        json={"business_name": "Batik Cap Sekar"}).status_code == 200
    assert registry.ids(q="tulis sig") == []
    assert registry.ids(q="cap sek") == [first["id"]]
    # the owner's new name shows in each of the owner's businesses
    other_of_owner = client.post("/api/v1/umkm", headers=auth, json=registration(
        nik=client.get(f"/api/v1/umkm/{first['id']}/nik", headers=auth).json["nik"],
        owner_name="Rina Marlina", business_name="Sulam Usus Rina")).json
    assert client.patch(f"/api/v1/umkm/{first['id']}", headers=auth,
                        json={"owner_name": "Rina Marlina Putri"}).status_code == 200
    assert set(registry.ids(q="marlina putri")) == {first["id"], other_of_owner["id"]}
    assert registry.ids(q="cempaka") == [second["id"]]
    # a product
    client.post(f"/api/v1/umkm/{second['id']}/products", headers=auth,
                json={"name": "Selendang Tapis Emas", "category": "kain"})
    assert registry.ids(q="dang tapis em") == [second["id"]]
    assert_search_text_current(registry)

    # an import: new rows are found, and re-importing with a new name (update) moves them
    rows = [{column: "" for column in HEADER} | registration(
        business_name=f"Gula Aren Murni {n}", owner_name=f"Sutrisno {n}", nib=f"91200099{n:05d}")
        for n in range(3)]
    for content, mode in ((to_csv(rows), "skip"), (to_csv(
            [row | {"business_name": f"Gula Semut {n}"} for n, row in enumerate(rows)]),
            "update")):
        job = client.post("/api/v1/umkm/imports", headers=auth,
                          content_type="multipart/form-data",
                          data={"file": (io.BytesIO(content), "umkm.csv"), "mode": mode}).json
        from services.registry.usecases import imports
        while imports.run_next_import(registry.uow):
            pass
        done = client.get(f"/api/v1/umkm/imports/{job['id']}", headers=auth).json
        assert (done["status"], done["rejected"]) == ("done", 0), done
    assert registry.ids(q="gula aren") == []
    assert len(registry.ids(q="gula semut")) == 3
    assert len(registry.ids(q="sutrisno")) == 3
    assert_search_text_current(registry)

    # a merge moves the products (and what they are found by) to the record that stays
    assert client.post("/api/v1/duplicates/merge", headers=auth,
                       json={"keep_id": first["id"], "drop_id": second["id"]}).status_code == 200
    assert registry.ids(q="selendang") == [first["id"]]
    assert_search_text_current(registry)


def test_a_business_with_a_long_catalogue_is_still_written_and_found(registry):
    """PostgreSQL's sort indexes carry the search text, whose entries have a size limit."""
    from services.kernel.identity import ADMIN, StaffIdentity
    from services.registry.usecases.products import add_product

    made = registry.register(business_name="Toko Serba Ada Lengkap")
    staff = StaffIdentity(id="t", email="t@example.id", name="T", roles=(ADMIN,))
    rng = random.Random(7)  # names that do not compress
    names = ["".join(rng.choice(string.ascii_lowercase + " ") for _ in range(60))
             for _ in range(100)]
    for name in names:
        add_product(registry.uow, made["id"], {"name": name, "category": "lain"}, staff)
    assert registry.ids(q=min(fold(name) for name in names)[5:25]) == [made["id"]]
    assert registry.ids(q="serba ada") == [made["id"]]
    assert_search_text_current(registry)


# --- the indexes are used --------------------------------------------------------------------


def _plan(session, stmt) -> str:
    """The database's plan of the statement, values written in (no parameters to bind)."""
    name = session.get_bind().dialect.name
    dialect = postgresql.psycopg.dialect(paramstyle="named") if name == "postgresql" \
        else sqlite.dialect()
    compiled = str(stmt.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
    prefix = "EXPLAIN" if name == "postgresql" else "EXPLAIN QUERY PLAN"
    cursor = session.connection().connection.driver_connection.cursor()
    cursor.execute(f"{prefix} {compiled}")
    return "\n".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.postgres
def test_postgres_answers_a_text_query_from_the_trigram_index(pg_registry):
    registry = pg_registry
    registry.register(business_name="Kopi Luwak Sejahtera")
    with registry.uow() as unit:  # 20,000 more businesses, written as the bench does
        unit.session.execute(text(
            "INSERT INTO owner (id, nik, name, sex, birth_date, phone, kecamatan, kelurahan, "
            "address, locale, created_at, updated_at) SELECT 'o' || g, lpad(g::text, 16, '0'), "
            "'Pemilik ' || g, 'L', DATE '1980-01-01', '+62812' || g, 'Metro Pusat', 'Imopuro', "
            "'Jl. ' || g, 'id', now(), now() FROM generate_series(1, 20000) g"))
        unit.session.execute(text(
            "INSERT INTO business (id, owner_id, name, name_key, sector, scale, scale_basis, "
            "scale_regulation, kecamatan, kelurahan, address, status, registered_on, "
            "mb2_member, created_at, updated_at, search_text) SELECT 'b' || g, 'o' || g, "
            "'Usaha ' || md5(g::text), md5(g::text), 'kuliner', 'mikro', 'capital', "
            "'PP 7/2021', 'Metro Pusat', 'Imopuro', 'Jl. ' || g, 'pending', DATE '2023-01-01', "
            "false, now(), now(), 'usaha ' || md5(g::text) || E'\\npemilik ' || g "
            "FROM generate_series(1, 20000) g"))
        unit.session.execute(text("SELECT gin_clean_pending_list('ix_business_search_trgm')"))
        unit.session.execute(text("ANALYZE business"))
        unit.commit()
    query = usecases.UmkmQuery(q="luwak sejah")
    with registry.uow(readonly=True) as unit:
        stmt = usecases.sorted_query(query, unit.session).limit(20)
        planned = _plan(unit.session, stmt)
        unit.session.execute(text("SET LOCAL enable_seqscan = off"))
        forced = _plan(unit.session, stmt)
    assert "ix_business_search_trgm" in planned, planned
    assert "ix_business_search_trgm" in forced, forced
    assert registry.search(q="luwak sejah")["total"] == 1


def test_sqlite_answers_a_text_query_from_the_fts5_table(tmp_path, redis_server, request):
    registry = _registry("sqlite", tmp_path, redis_server, request)
    try:
        with registry.uow(readonly=True) as unit:
            stmt = usecases.sorted_query(usecases.UmkmQuery(q="kopi"), unit.session)
            plan = _plan(unit.session, stmt)
        assert "VIRTUAL TABLE" in plan and "business_fts" in plan, plan
    finally:
        registry.app.extensions["runtime"].dispose()


def test_without_the_trigram_tokenizer_sqlite_matches_from_the_start_of_words(
        tmp_path, redis_server, request, monkeypatch):
    """SQLite before 3.34 has no trigram tokenizer: the migration makes a unicode61 table,
    which finds a term only where its words begin (LIKE then checks the whole term)."""
    import importlib.util

    from services.registry.usecases import search
    from tests.support.platform import ROOT

    path = next((ROOT / "services/registry/migrations/versions").glob("*_search_text_*.py"))
    spec = importlib.util.spec_from_file_location("search_migration", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    registry = _registry("sqlite", tmp_path, redis_server, request)
    try:
        made = registry.register(business_name="Keripik Pisang Bu Sri", owner_name="Sri Wahyuni")
        monkeypatch.setattr(migration, "sqlite_tokenizer",
                            lambda bind: "unicode61 remove_diacritics 2")
        with registry.uow() as unit:
            migration.create_sqlite_fts(unit.session.connection(), backfill=True)
            unit.commit()
        search._tokenizers.clear()
        later = registry.register(business_name="Kripik Pisang Pak Budi")  # via the triggers
        assert registry.ids(q="keripik pis") == [made["id"]]
        assert set(registry.ids(q="pisang")) == {made["id"], later["id"]}
        assert registry.ids(q="pak bud") == [later["id"]]
        assert registry.ids(q="ripik") == []      # inside a word: not on this SQLite
        assert registry.ids(q="sri & - wahyu") == []  # every word, in this order
        assert registry.ids(q="sri wahyu") == [made["id"]]
        with registry.uow(readonly=True) as unit:
            plan = _plan(unit.session, usecases.sorted_query(
                usecases.UmkmQuery(q="pisang"), unit.session))
        assert "business_fts" in plan, plan
    finally:
        search._tokenizers.clear()
        registry.app.extensions["runtime"].dispose()


# --- a database made before the search text gets it ------------------------------------------


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres",
                                                            marks=pytest.mark.postgres)])
def test_the_migration_fills_the_search_text_and_index_of_existing_records(
        backend, tmp_path, redis_server, request):
    from services.kernel.migrations import upgrade
    from tests.support.platform import ROOT

    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.db'}"
    else:
        url = request.getfixturevalue("postgres").create(f"old_{uuid.uuid4().hex[:10]}")
    migrations = ROOT / "services" / "registry" / "migrations"
    upgrade(migrations, url, "d9874d8f048f")  # the revision before the search text
    from sqlalchemy import create_engine
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO owner (id, nik, name, sex, birth_date, phone, kecamatan, kelurahan, "
            "address, locale, created_at, updated_at) VALUES ('o1', '1872014107850001', "
            "'Sri  Wahyuni', 'P', '1985-07-01', '+6281200000001', 'Metro Pusat', 'Imopuro', "
            "'Jl. A', 'id', '2023-01-01 00:00:00', '2023-01-01 00:00:00')"))
        connection.execute(text(
            "INSERT INTO business (id, owner_id, name, name_key, sector, scale, scale_basis, "
            "scale_regulation, kecamatan, kelurahan, address, status, registered_on, "
            "mb2_member, created_at, updated_at) VALUES ('b1', 'o1', 'Keripik Pisang', "
            "'keripikpisang', 'kuliner', 'mikro', 'capital', 'PP 7/2021', 'Metro Pusat', "
            "'Imopuro', 'Jl. A', 'pending', '2023-01-01', false, '2023-01-01 00:00:00', "
            "'2023-01-01 00:00:00')"))
        connection.execute(text(
            "INSERT INTO product (id, business_id, name, category, active, created_at) VALUES "
            "('p1', 'b1', 'Kripik Balado', 'makanan', true, '2023-01-01 00:00:00')"))
    engine.dispose()
    config = PlatformConfig(var_dir=tmp_path / "var", broker_url=redis_server.url,
                            database_urls={"registry": url})
    config.migrate(("registry",))
    from services.registry.app import create_app
    app = create_app(config.app_config("registry"))
    try:
        uow = app.extensions["registry"].uow
        for q in ("ripik pis", "sri wahyuni", "balado"):
            found = usecases.search_umkm(uow, usecases.UmkmQuery(q=q))
            assert [i["id"] for i in found["items"]] == ["b1"], q
        assert_search_text_current(Registry(backend, app, None, {}, url))
    finally:
        app.extensions["runtime"].dispose()


# --- bad arguments ---------------------------------------------------------------------------


@pytest.mark.parametrize("args, field", [
    ({"page": "0"}, "page"), ({"page": "dua"}, "page"), ({"per_page": "0"}, "per_page"),
    ({"per_page": "201"}, "per_page"), ({"sort": "acak"}, "sort"), ({"status": "aktif"}, "status"),
    ({"sector": "tambang"}, "sector"), ({"scale": "raksasa"}, "scale"), ({"mb2": "mungkin"}, "mb2"),
    ({"q": "x" * 201}, "q"),
])
def test_bad_arguments_are_422_naming_the_field(client, auth, args, field):
    response = client.get("/api/v1/umkm", query_string=args, headers=auth)
    assert response.status_code == 422, response.json
    assert response.json["error"]["code"] == "invalid_input"
    assert field in response.json["error"]["fields"]


def test_the_list_page_searches_products_and_filters_mb2(app, client, auth):
    from tests.api.test_registry_pages import login

    member = client.post("/api/v1/umkm", json=registration(business_name="Toko Oleh Oleh"),
                         headers=auth).json["id"]
    client.post(f"/api/v1/umkm/{member}/products", headers=auth,
                json={"name": "Lempok Durian", "category": "makanan"})
    client.put(f"/api/v1/umkm/{member}/mb2", headers=auth, json={"member": True})
    other = client.post("/api/v1/umkm", json=registration(business_name="Lempok Durian Asli"),
                        headers=auth).json["id"]
    login(client)
    both = client.get("/umkm?q=lempok").get_data(as_text=True)
    assert "Toko Oleh Oleh" in both and "Lempok Durian Asli" in both
    members = client.get("/umkm?q=lempok&mb2=1").get_data(as_text=True)
    assert "Toko Oleh Oleh" in members and "Lempok Durian Asli" not in members
    assert 'value="1" selected' in members
    assert other
