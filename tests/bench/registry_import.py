"""Bulk import: 20,000 spreadsheet rows (2% of them bad) into the registry's SQLite database,
as the worker runs it, against a bare sqlite3 executemany of the same rows as the baseline."""

from __future__ import annotations

import sqlite3
import tempfile
import time
from pathlib import Path

from tests.bench import report
from tests.support.platform import PlatformConfig
from tests.support.registry_sheets import HEADER, sheet, to_csv

ROWS, BAD_EVERY, LIMIT_S = 20_000, 50, 10.0


def _bare_insert(rows: list[dict], path: Path) -> float:
    """The floor: the same rows into one plain table, one executemany, one commit."""
    db = sqlite3.connect(path)
    db.execute(f"CREATE TABLE umkm ({', '.join(HEADER)})")
    started = time.perf_counter()
    db.executemany(f"INSERT INTO umkm VALUES ({', '.join('?' * len(HEADER))})",  # noqa: S608
                   [[row.get(column) for column in HEADER] for row in rows])
    db.commit()
    elapsed = time.perf_counter() - started
    db.close()
    return elapsed


def measure(rows: int = ROWS) -> list[report.Figure]:
    from services.registry.app import create_app
    from services.registry.usecases import imports

    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    config = PlatformConfig(var_dir=work, broker_url="redis://127.0.0.1:1/0",
                            database_urls={"registry": f"sqlite:///{work / 'registry.db'}"})
    config.migrate(("registry",))
    app = create_app(config.app_config("registry", RELAY_NUDGE=False))
    uow = app.extensions["registry"].uow
    data, bad = sheet(rows, bad_every=BAD_EVERY, start=7_000_000)
    content = to_csv(data)
    baseline = _bare_insert(data, work / "bare.db")
    with app.app_context():
        job = imports.start_import(uow, "bench.csv", content, "skip", None, claim=True)
        started = time.perf_counter()
        result = imports.run_import(uow, job["id"])
        elapsed = time.perf_counter() - started
    app.extensions["runtime"].dispose()
    complete = (result["status"], result["imported"], result["rejected"]) == (
        "done", rows - len(bad), len(bad))
    return [report.latency(
        "registry_import_20k_s", elapsed, baseline, LIMIT_S, complete,
        f"{rows:,} CSV rows ({len(bad)} bad) imported with validation, history and outbox "
        f"events: {rows / elapsed:,.0f} rows/s; baseline: bare sqlite3 executemany of the "
        f"same rows")]


if __name__ == "__main__":
    from rich.console import Console

    figures = measure()
    report.print_table(Console(), figures, "Registry import")
