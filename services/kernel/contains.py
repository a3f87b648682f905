"""Finding rows whose text contains what a person typed into a search box.

LIKE reads "%" and "_" as wildcards: a search for "50%" or for the address "sri_w@..." would
match other rows too (every row, for "%"). Here they are the characters typed, escaped with a
backslash; the case of letters does not count."""

from __future__ import annotations

from sqlalchemy import ColumnElement, func, or_

ESCAPE = "\\"


def like_pattern(term: str) -> str:
    """`%term%` with LIKE's own wildcards taken literally (escape character: backslash)."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def containing(term: str, *columns, fold: bool = True) -> ColumnElement[bool]:
    """Any of `columns` contains `term` (spaces at its ends aside). `fold=False` for columns
    that hold a key already folded the way the caller folded `term`."""
    term = term.strip()
    pattern = like_pattern(term.lower() if fold else term)
    return or_(*((func.lower(column) if fold else column).like(pattern, escape=ESCAPE)
                 for column in columns))
