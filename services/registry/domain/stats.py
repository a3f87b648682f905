"""Statistics of the register as series: counts per period or category, and running totals."""

from __future__ import annotations

from collections.abc import Iterable

GROUPS = ("year", "month", "kecamatan", "sector", "scale")
PERIODS = ("year", "month")


def _next_period(key: str, group_by: str) -> str:
    if group_by == "year":
        return str(int(key) + 1)
    year, month = (int(part) for part in key.split("-"))
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return f"{year:04d}-{month:02d}"


def series(counts: Iterable[tuple[str, int]], group_by: str, *, before: int = 0) -> list[dict]:
    """Items `{key, count, cumulative}`.

    Periods (year, month) come in time order with the gaps filled by zero counts, `cumulative`
    being the number registered by the period's end (`before` counts those registered before
    the first period shown). Categories come largest first; their `cumulative` is the running
    total down that list, so the last item carries the grand total.
    """
    rows = [(str(key), int(count)) for key, count in counts if key is not None]
    if group_by in PERIODS:
        found = dict(rows)
        keys = sorted(found)
        filled: list[str] = []
        if keys:
            key = keys[0]
            while key <= keys[-1]:
                filled.append(key)
                key = _next_period(key, group_by)
        rows = [(key, found.get(key, 0)) for key in filled]
    else:
        rows.sort(key=lambda row: (-row[1], row[0]))
    total, items = before, []
    for key, count in rows:
        total += count
        items.append({"key": key, "count": count, "cumulative": total})
    return items
