"""Search of the register on 1,000,000 businesses in PostgreSQL: p50 and p95 of realistic list
requests (a fragment of a business, owner or product name, with filters, sorted, page 1 and deep
pages) through the registry's Flask app, against a bare primary-key read (GET /api/v1/umkm/<id>)
measured in the same run as the baseline.

The database is a throwaway one made with the service's own migrations; the rows are written
with COPY (secondary indexes are dropped for the load and made again as the migrations define
them), then VACUUM ANALYZE, as a register in steady use would be. It is dropped at the end.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import psycopg

from services.kernel.reference import KECAMATAN
from services.registry.domain.business import name_key
from services.registry.domain.search import search_text
from tests.bench import report
from tests.bench.workload import unique_nik
from tests.support.databases import ADMIN_URL, PostgresDatabases, postgres_available
from tests.support.platform import PlatformConfig

ROWS, QUICK_ROWS = 1_000_000, 50_000
TARGET_S = 0.050
ROUNDS, QUICK_ROUNDS = 20, 4
SEED = 20261128
ADMIN_EMAIL, ADMIN_PASSWORD = "bench@metrokota.go.id", "kata-sandi-bench-cari"

def _words(text: str) -> list[str]:
    return text.split()


PLACES = [(kec, kel) for kec, names in KECAMATAN.items() for kel in names]
SECTORS = [("kuliner", 40), ("perdagangan", 20), ("jasa", 12), ("fashion", 8), ("kriya", 8),
           ("pertanian", 6), ("batik", 4), ("lainnya", 2)]
STATUSES = [("verified", 60), ("pending", 30), ("rejected", 5), ("inactive", 5)]
SCALES = [("mikro", 90), ("kecil", 8), ("menengah", 2)]
FIRST = _words("""
Agus Ahmad Andi Anita Arif Bambang Budi Dedi Dewi Diah Dian Eko Endang Erna Fajar Fitri
Gunawan Hadi Hendra Heru Ika Indah Iwan Joko Kartini Lestari Lina Made Maria Mulyadi Nanang Nur
Nurul Putri Rahmat Ratna Rina Rudi Sari Siti Slamet Sri Suparman Supriyadi Susanti Sutrisno Teguh
Tri Wahyu Wati Yanti Yudi Yuliana Yusuf Zainal Ayu Bayu Citra Dimas Eka Fauzi Galih Hasan Ilham
Intan Kurnia Lukman Mega Nanda Oktavia Pandu Rizky Rosa Sigit Taufik Umar Vina Winda Yoga""")
LAST = _words("""
Santoso Wahyuni Saputra Hidayat Setiawan Kusuma Pratama Lestari Susanto Nugroho Wijaya
Purnomo Rahayu Hartono Gunawan Sulistyo Irawan Handayani Permana Kurniawan Utami Maharani Siregar
Nasution Harahap Pohan Lubis Simanjuntak Suharto Wibowo Prasetyo Suryadi Hakim Syahputra Ramadhan
Firmansyah Anggraini Safitri Puspita Kartika Fadillah Mulyani Hasibuan Rangkuti Sembiring Tarigan
Ginting Pane Damanik Marpaung Situmorang Sinaga Manurung Napitupulu Simatupang Sitompul""")
KINDS = _words("""Warung Toko Kedai Depot Kios Dapur Griya Sanggar Rumah Usaha Lapak Gerai Pondok
Bengkel Salon Konveksi Penjahit Galeri""")
GOODS = _words("""
Kopi Bakso Keripik Pisang Batik Tapis Jahit Sayur Buah Kue Roti Mie Ayam Pempek Seblak
Jamu Madu Gula Aren Rotan Bambu Sablon Laundry Sembako Ikan Tahu Tempe Kerupuk Dodol Lempok Sulam
Tenun Songket Anyaman Cilok Martabak Soto Sate Gulai Rendang Nasi Uduk Kuliner
Fashion Hijab""")
TRAITS = _words("""Barokah Berkah Jaya Makmur Sejahtera Mandiri Lestari Abadi Sentosa Sumber Rejeki
Mulia Indah Asri Sakinah Amanah Harapan Bersama Cahaya Bintang Mekar Sari Putra Putri Sederhana
Nikmat Lezat Mantap Siger Metro Lampung Bumi Ruwa Jurai""")
PRODUCTS = """Keripik Pisang|Keripik Singkong|Kopi Robusta Lampung|Kopi Luwak|Sambal Lado|
Lempok Durian|Dodol Nanas|Kain Tapis|Selendang Tapis|Batik Siger|Kemeja Batik|Tas Anyaman|
Sulam Usus|Madu Hutan|Gula Aren|Kerupuk Kemplang|Pempek Kapal Selam|Abon Ikan|Terasi Udang|
Jamu Kunyit Asam|Rengginang|Kue Bolu|Roti Manis|Bakso Beku|Nugget Tempe|Minyak Kelapa|
Sabun Sereh|Tas Rotan|Kursi Bambu|Songket Lampung|Hijab Instan|Mukena Bordir|Es Teh Jumbo|
Seblak Kering|Makaroni Pedas|Basreng|Cilok Bumbu Kacang|Kopi Susu Gula Aren|Teh Rosela|
Tahu Bakso""".replace("\n", "").split("|")
FLAVOURS = ["", "", " Original", " Pedas", " Manis", " Balado", " Coklat", " Keju", " Premium"]


def _weighted(choices: list[tuple[str, int]]) -> list[str]:
    return [name for name, weight in choices for _ in range(weight)]


@dataclass
class Loaded:
    rows: int
    seconds: float
    products: int
    sample_ids: list[str]


def _copy(cursor, table: str, columns: list[str], rows) -> int:
    count = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def _secondary_indexes(conn, tables: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name, CREATE INDEX ...) of the indexes that back no constraint, as migrated."""
    return conn.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = ANY(%s) "
        "AND i.schemaname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
        "WHERE c.conname = i.indexname)", (list(tables),)).fetchall()


def load(dsn: str, rows: int, *, seed: int = SEED, progress: Callable[[str], None] = print
         ) -> Loaded:
    """`rows` businesses (with owners and products) into a migrated, empty registry database."""
    rng = random.Random(seed)
    sectors, statuses, scales = _weighted(SECTORS), _weighted(STATUSES), _weighted(SCALES)
    started = time.perf_counter()
    base = datetime(2024, 6, 1, tzinfo=UTC)
    owner_cols = ["id", "nik", "name", "sex", "birth_date", "phone", "email", "kecamatan",
                  "kelurahan", "address", "locale", "created_at", "updated_at"]
    business_cols = ["id", "owner_id", "name", "name_key", "nib", "kbli", "sector", "scale",
                     "scale_basis", "scale_regulation", "capital_idr", "kecamatan", "kelurahan",
                     "address", "status", "registered_on", "verified_at", "verified_by",
                     "mb2_member", "created_at", "updated_at", "search_text", "owner_name_key"]
    product_cols = ["id", "business_id", "name", "category", "price_idr", "active",
                    "created_at"]
    owners, businesses, products, samples = [], [], [], []
    owner_of: list[tuple[str, str]] = []  # (id, name) of owners so far, for second businesses
    for i in range(rows):
        kecamatan, kelurahan = rng.choice(PLACES)
        if owner_of and rng.random() < 0.08:  # an owner with a second business
            owner_id, owner_name = owner_of[rng.randrange(len(owner_of))]
        else:
            owner_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            owner_name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            nik = unique_nik(i)
            created = base - timedelta(minutes=i)
            owners.append((owner_id, nik, owner_name, "P" if int(nik[6:8]) > 40 else "L",
                           date(1960 + i % 40, 1 + i % 12, 1 + i % 28), f"+62812{i:08d}",
                           None, kecamatan, kelurahan, f"Jl. Merdeka No. {i % 300}", "id",
                           created, created))
            owner_of.append((owner_id, owner_name))
        kind, goods, trait = rng.choice(KINDS), rng.choice(GOODS), rng.choice(TRAITS)
        name = f"{kind} {goods} {trait}"
        if rng.random() < 0.5:
            name += f" {owner_name.split()[0]}"
        if rng.random() < 0.3:
            name += f" {rng.randint(1, 99)}"
        business_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        registered = date(2000, 1, 1) + timedelta(days=rng.randrange(9300))
        created = datetime(registered.year, registered.month, registered.day,
                           tzinfo=UTC) + timedelta(seconds=rng.randrange(86400))
        status = rng.choice(statuses)
        product_names = []
        for _ in range(rng.choice((0, 0, 0, 0, 1, 1, 2))):
            product = rng.choice(PRODUCTS) + rng.choice(FLAVOURS)
            product_names.append(product)
            products.append((str(uuid.UUID(int=rng.getrandbits(128), version=4)), business_id,
                             product, "makanan", rng.randrange(5, 500) * 1000, True, created))
        businesses.append((
            business_id, owner_id, name, name_key(name),
            f"91{i:011d}" if rng.random() < 0.3 else None, None, rng.choice(sectors),
            rng.choice(scales), "capital", "PP 7/2021", rng.randrange(1, 900) * 1_000_000,
            kecamatan, kelurahan, f"Jl. Pasar No. {i % 500}", status, registered,
            created if status == "verified" else None,
            "petugas@metrokota.go.id" if status == "verified" else None,
            rng.random() < 0.1, created, created,
            search_text(name, owner_name, product_names), name_key(owner_name)))
        if i % 997 == 0:
            samples.append(business_id)
    progress(f"generated {rows:,} businesses, {len(owners):,} owners, {len(products):,} "
             f"products in {time.perf_counter() - started:.1f} s")
    with psycopg.connect(dsn, autocommit=True) as conn:
        indexes = _secondary_indexes(conn, ("owner", "business", "product"))
        for name, _ in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        with conn.cursor() as cursor:
            conn.execute("BEGIN")
            _copy(cursor, "owner", owner_cols, owners)
            _copy(cursor, "business", business_cols, businesses)
            _copy(cursor, "product", product_cols, products)
            conn.execute("COMMIT")
        progress(f"copied in {time.perf_counter() - started:.1f} s; making "
                 f"{len(indexes)} indexes")
        conn.execute("SET maintenance_work_mem = '1GB'")
        for _, definition in indexes:
            conn.execute(definition)
        conn.execute("VACUUM ANALYZE owner")
        conn.execute("VACUUM ANALYZE business")
        conn.execute("VACUUM ANALYZE product")
    seconds = time.perf_counter() - started
    progress(f"loaded and indexed in {seconds:.1f} s")
    return Loaded(rows, seconds, len(products), samples)


# Each shape is one kind of request staff make; each round fills it with other values.
SHAPES: dict[str, Callable[[random.Random], dict]] = {
    "list, newest first": lambda r: {},
    "owner fragment": lambda r: {"q": f"{r.choice(FIRST)} {r.choice(LAST)[:4]}".lower()},
    "business fragment": lambda r: {"q": f"{r.choice(GOODS)} {r.choice(TRAITS)[:4]}"},
    "product fragment": lambda r: {"q": r.choice(PRODUCTS).split()[-1][1:]},
    "one word, sorted by name": lambda r: {"q": r.choice(GOODS).lower(), "sort": "business"},
    "fragment + kecamatan + verified": lambda r: {
        "q": r.choice(TRAITS), "kecamatan": r.choice(list(KECAMATAN)), "status": "verified",
        "sort": "owner"},
    "kecamatan + sector": lambda r: {"kecamatan": r.choice(list(KECAMATAN)),
                                     "sector": r.choice(SECTORS)[0]},
    "kelurahan + scale, oldest": lambda r: {"kelurahan": r.choice(PLACES)[1],
                                            "scale": "kecil", "sort": "oldest"},
    "MB2 + sector by owner": lambda r: {"mb2": "true", "sector": r.choice(SECTORS[:4])[0],
                                        "sort": "owner"},
    "verified, deep page": lambda r: {"status": "verified", "page": r.randint(100, 250)},
    "fragment, deep page": lambda r: {"q": r.choice(GOODS).lower(), "page": r.randint(20, 50)},
    "sector by name, deep page": lambda r: {"sector": r.choice(SECTORS[:3])[0],
                                            "sort": "business", "page": r.randint(100, 250)},
}


@dataclass
class Timings:
    seconds: dict[str, list[float]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    empty: int = 0

    def all(self) -> list[float]:
        return [s for values in self.seconds.values() for s in values]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def measure_requests(client, headers: dict, samples: list[str], rounds: int,
                     seed: int = SEED) -> tuple[Timings, Timings]:
    """(search timings per shape, primary-key read timings); one warm-up round first."""
    rng = random.Random(seed + 1)
    search, lookup = Timings(), Timings()
    for round_ in range(rounds + 1):
        for shape, make in SHAPES.items():
            args = {"per_page": 20, **make(rng)}
            started = time.perf_counter()
            response = client.get("/api/v1/umkm", query_string=args, headers=headers)
            elapsed = time.perf_counter() - started
            if response.status_code != 200:
                search.failures.append(f"{shape} {args}: HTTP {response.status_code}")
            elif not response.json["items"]:
                search.empty += 1
            if round_:
                search.seconds.setdefault(shape, []).append(elapsed)
            umkm_id = rng.choice(samples)
            started = time.perf_counter()
            response = client.get(f"/api/v1/umkm/{umkm_id}", headers=headers)
            elapsed = time.perf_counter() - started
            if response.status_code != 200:
                lookup.failures.append(f"GET {umkm_id}: HTTP {response.status_code}")
            if round_:
                lookup.seconds.setdefault("by id", []).append(elapsed)
    return search, lookup


def _unavailable(reason: str) -> list[report.Figure]:
    return [report.latency("registry_search_p95_s", None, None, TARGET_S, False,
                           f"not measured: {reason}")]


def measure(rows: int = ROWS, rounds: int = ROUNDS, progress: Callable[[str], None] = print,
            keep: bool = False) -> list[report.Figure]:
    if not postgres_available():
        return _unavailable(f"no PostgreSQL answers at {ADMIN_URL}")
    from services.registry.app import create_app
    from services.registry.usecases.staff import ensure_admin

    databases = PostgresDatabases(prefix="metro_bench")
    url = databases.create("registry_search")
    try:
        work = Path(tempfile.mkdtemp(prefix="bench-search-"))
        config = PlatformConfig(var_dir=work, broker_url="redis://127.0.0.1:1/0",
                                database_urls={"registry": url})
        config.migrate(("registry",))
        loaded = load(url.replace("postgresql+psycopg://", "postgresql://", 1), rows,
                      progress=progress)
        app = create_app(config.app_config("registry", RELAY_NUDGE=False))
        try:
            ensure_admin(app.extensions["registry"].uow, ADMIN_EMAIL, ADMIN_PASSWORD)
            client = app.test_client()
            token = client.post("/api/v1/auth/token", json={
                "email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}).json["access_token"]
            headers = {"Authorization": f"Bearer {token}"}
            search, lookup = measure_requests(client, headers, loaded.sample_ids, rounds)
        finally:
            app.extensions["runtime"].dispose()
    finally:
        if keep:
            progress(f"kept the database: {url}")
        else:
            databases.drop_all()
    return figures(loaded, search, lookup, rounds)


def figures(loaded: Loaded, search: Timings, lookup: Timings, rounds: int
            ) -> list[report.Figure]:
    values, base = search.all(), lookup.all()
    completed = bool(values) and not search.failures and not lookup.failures
    p50, p95 = statistics.median(values), percentile(values, 0.95)
    base50, base95 = statistics.median(base), percentile(base, 0.95)
    shapes = sorted(((percentile(v, 0.95), name) for name, v in search.seconds.items()),
                    reverse=True)
    slowest = ", ".join(f"{name} {seconds * 1000:.1f} ms" for seconds, name in shapes[:3])
    common = (f"{loaded.rows:,} businesses ({loaded.products:,} products) in PostgreSQL, loaded "
              f"and indexed in {loaded.seconds:.0f} s; {len(values)} GET /api/v1/umkm requests "
              f"({len(SHAPES)} shapes x {rounds} rounds after a warm-up round: name fragments, "
              f"filters, every sort, page 1 and deep pages) through the registry's Flask app "
              f"(test client, bearer token)")
    problems = "; ".join(search.failures[:3] + lookup.failures[:3])
    if problems:
        common += f"; failures: {problems}"
    return [
        report.latency("registry_search_p50_s", p50, base50, None, completed,
                       f"p50 of {common}; baseline: p50 of GET /api/v1/umkm/<id>"),
        report.latency("registry_search_p95_s", p95, base95, TARGET_S, completed,
                       f"p95 of {common}; slowest shapes by p95: {slowest}; {search.empty} "
                       f"answers were empty pages; baseline: p95 of GET /api/v1/umkm/<id> "
                       f"(primary-key read) in the same run"),
    ]


def main(argv: list[str] | None = None) -> int:
    from rich.console import Console

    parser = argparse.ArgumentParser(prog="python -m tests.bench.registry_search",
                                     description=__doc__)
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    args = parser.parse_args(argv)
    console = Console()
    found = measure(args.rows, args.rounds, progress=console.print, keep=args.keep)
    report.print_table(console, found, "Registry search")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

