"""Text search of the register: the stored search text kept current, and the condition that
finds a term in it on each database.

- PostgreSQL: `search_text LIKE '%term%'`, served by the pg_trgm GIN index.
- SQLite: the FTS5 table business_fts (a trigram phrase query), kept in step with
  business.search_text by triggers; terms shorter than a trigram, or a database without FTS5,
  fall back to LIKE on business.search_text.
Every path gives the same answer: the folded term is a substring of one of the names.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable

from sqlalchemy import ColumnElement, column, func, literal_column, or_, select, table
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from services.kernel.contains import ESCAPE, like_pattern
from services.registry.domain.business import name_key
from services.registry.domain.search import (
    TRIGRAM,
    fts_phrase,
    fts_prefix_query,
    search_term,
    search_text,
    with_names,
)
from services.registry.models import Business, Product

CHUNK = 500

_FTS = table("business_fts", column("rowid"))
_FTS_ROWID = table("business_fts_rowid", column("rowid"), column("business_id"))
_tokenizers: weakref.WeakKeyDictionary[Engine, str | None] = weakref.WeakKeyDictionary()


def renamed(business: Business) -> None:
    """After a business or its owner got a new name: the search text and owner sort key of
    every business the change shows in (the owner's name is in each of the owner's)."""
    for each in {business, *business.owner.businesses}:
        each.search_text = with_names(each.search_text, each.name, each.owner.name)
        each.owner_name_key = name_key(each.owner.name)


def refresh_search_text(session: Session, business_ids: Iterable[str]) -> None:
    """Rebuild the search text of these businesses from the database (after their products
    changed). Flushes first, so that rows added in this session count."""
    ids = sorted(set(business_ids))
    if not ids:
        return
    session.flush()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        products: dict[str, list[str]] = {}
        for business_id, name in session.execute(
                select(Product.business_id, Product.name).where(Product.business_id.in_(chunk))):
            products.setdefault(business_id, []).append(name)
        for business in session.execute(select(Business).where(Business.id.in_(chunk))).scalars():
            business.search_text = search_text(business.name, business.owner.name,
                                               products.get(business.id, ()))
            business.owner_name_key = name_key(business.owner.name)


def sqlite_tokenizer(connection: Connection) -> str | None:
    """'trigram' or 'unicode61' as the migration made business_fts; None without it."""
    engine = connection.engine
    if engine not in _tokenizers:
        sql = connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'business_fts'"
        ).scalar()
        found = None
        if sql:
            found = "trigram" if "trigram" in sql else "unicode61"
        if found is None:  # not migrated yet: look again next time
            return None
        _tokenizers[engine] = found
    return _tokenizers[engine]


def _fts_ids(match: str):
    """Ids of the businesses whose FTS5 row matches."""
    fts_rows = select(_FTS.c.rowid).where(literal_column("business_fts").op("MATCH")(match))
    return select(_FTS_ROWID.c.business_id).where(_FTS_ROWID.c.rowid.in_(fts_rows))


def text_condition(q: str, session: Session | None = None) -> ColumnElement[bool] | None:
    """The WHERE condition of a text query (None when the query holds no text): the term in
    a business, owner or product name, or the query as the exact NIB."""
    term = search_term(q)
    if term is None:
        return None
    like = Business.search_text.like(like_pattern(term), escape=ESCAPE)
    found: ColumnElement[bool] = like
    if session is not None:
        connection = session.connection()
        if connection.dialect.name == "sqlite":
            tokenizer = sqlite_tokenizer(connection)
            if tokenizer == "trigram" and len(term) >= TRIGRAM:
                found = Business.id.in_(_fts_ids(fts_phrase(term)))
            elif tokenizer == "unicode61" and any(ch.isalnum() for ch in term):
                # Word prefixes narrow the rows down; LIKE keeps the substring meaning.
                found = Business.id.in_(_fts_ids(fts_prefix_query(term))) & like
    nib = "".join((q or "").split())
    return or_(found, Business.nib == nib) if nib.isdigit() else found


def capped_count(session: Session, stmt, cap: int | None) -> tuple[int, bool]:
    """How many rows `stmt` (a select of businesses) selects, counting no further than `cap`
    (None: all of them): (count, exact)."""
    rows = stmt.with_only_columns(literal_column("1")).select_from(Business).order_by(None)
    if cap is not None:
        rows = rows.limit(cap + 1)
    counted = session.execute(select(func.count()).select_from(rows.subquery())).scalar_one()
    if cap is None or counted <= cap:
        return counted, True
    return cap, False


def estimated_rows(session: Session, stmt) -> int | None:
    """The planner's estimate of the rows a select returns (PostgreSQL only)."""
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        return None
    compiled = stmt.with_only_columns(literal_column("1")).select_from(Business).order_by(
        None).compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    plan = connection.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {compiled}",
                                      compiled.params).scalar()
    return int(plan[0]["Plan"]["Plan Rows"])
