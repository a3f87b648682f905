"""Whole numbers within the columns that keep them: a count (an Integer column holds up to
2,147,483,647) and an amount of rupiah (BigInteger). The limits are far above any real value, so
a typo is told, never a database error."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

MAX_COUNT = 1_000_000
MAX_IDR = 1_000_000_000_000  # Rp1 triliun


def _dotted(n: int) -> str:
    return f"{n:,}".replace(",", ".")  # as the pages write numbers and rupiah


def cap(value: object, key: str, errors: dict, limit: int, *, rupiah: bool = False) -> None:
    """A message under `key` when value is a number above limit (unless `key` has one)."""
    if isinstance(value, int) and value > limit and key not in errors:
        errors[key] = (_l("Paling banyak Rp%(n)s.", n=_dotted(limit)) if rupiah
                       else _l("Paling banyak %(n)s.", n=_dotted(limit)))
