"""Reading the services' SQLite files directly (the benchmark is tooling, not a service)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path


def _query(db: Path, sql: str, params: Iterable = ()) -> list[tuple]:
    connection = sqlite3.connect(db, timeout=30)
    try:
        return connection.execute(sql, tuple(params)).fetchall()
    finally:
        connection.close()


def epoch(stored: str) -> float:
    """A UTCDateTime column as SQLite keeps it (naive UTC text) -> epoch seconds."""
    return datetime.fromisoformat(stored).replace(tzinfo=UTC).timestamp()


def registered_events(registry_db: Path, umkm_ids: Iterable[str]) -> dict[str, float]:
    """event_id -> occurred_at of the `umkm.registered` events of these UMKM."""
    wanted = set(umkm_ids)
    rows = _query(registry_db, "SELECT id, occurred_at, json_extract(payload, '$.umkm_id') "
                               "FROM outbox_event WHERE type = 'umkm.registered'")
    return {event_id: epoch(at) for event_id, at, umkm_id in rows if umkm_id in wanted}


def first_messages(notifier_db: Path, event_ids: Iterable[str]) -> dict[str, float]:
    """event_id -> created_at of the earliest message row the notifier recorded for it."""
    wanted = set(event_ids)
    rows = _query(notifier_db, "SELECT event_id, MIN(created_at) FROM message "
                               "WHERE event_type = 'umkm.registered' GROUP BY event_id")
    return {event_id: epoch(at) for event_id, at in rows if event_id in wanted}


def unsettled_deliveries(dbs: Iterable[Path]) -> int:
    """Outbox deliveries (of these services) not yet acknowledged by their consumer, nor dead."""
    return sum(_query(db, "SELECT count(*) FROM outbox_delivery "
                          "WHERE status IN ('pending', 'sent')")[0][0] for db in dbs)


def wait_progress(remaining: Callable[[], int], timeout: float, stall: float,
                  interval: float = 0.25) -> int:
    """Poll until nothing remains, `timeout` passes, or nothing moved for `stall` seconds;
    returns what remains."""
    deadline = time.monotonic() + timeout
    last, last_change = remaining(), time.monotonic()
    while last and time.monotonic() < deadline and time.monotonic() - last_change < stall:
        time.sleep(interval)
        now = remaining()
        if now != last:
            last, last_change = now, time.monotonic()
    return last
