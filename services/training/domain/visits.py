"""Follow-up visits: due dates from the plan, the officer with the lowest load, overdue days."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

REASON_MAX = 300  # Reschedule.reason


def due_dates(completed_on: date, offsets: Iterable[int]) -> list[tuple[int, date]]:
    return [(days, completed_on + timedelta(days=days)) for days in sorted(set(offsets))]


def pick_officer(officers: list[Mapping], loads: Mapping[str, int]) -> Mapping | None:
    """The officer with the fewest open visits; one who covers the kecamatan by name comes
    before one covering the whole city at the same load; then by name."""
    if not officers:
        return None
    return min(officers, key=lambda o: (loads.get(o["staff_id"], 0),
                                        0 if o.get("kecamatan") else 1, o["name"]))


def days_overdue(due_on: date, today: date) -> int:
    return max((today - due_on).days, 0)
