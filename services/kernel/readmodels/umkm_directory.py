"""A consumer's own copy of what it may know of each UMKM, kept from `umkm.*` events.

Bazaar, training and notifier decide eligibility and reach owners from it without reading the
registry's tables. Events may arrive out of order: a row keeps the newest `occurred_at` it saw.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import (
    Column,
    Date,
    MetaData,
    Select,
    String,
    Table,
    bindparam,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from services.kernel.contains import containing
from services.kernel.db import UTCDateTime
from services.kernel.events.catalogue import Event
from services.kernel.uow import UnitOfWork

UMKM_EVENTS = ("umkm.registered", "umkm.verified", "umkm.updated", "umkm.deactivated",
               "umkm.rejected")
_FIELDS = ("owner_id", "business_name", "owner_name", "sector", "scale", "kecamatan",
           "kelurahan", "status", "phone", "email", "locale", "registered_on")


def define_umkm_directory(metadata: MetaData) -> Table:
    return Table(
        "umkm_directory",
        metadata,
        Column("umkm_id", String(36), primary_key=True),
        Column("owner_id", String(36), index=True),
        Column("business_name", String(200), nullable=False),
        Column("owner_name", String(200), nullable=False),
        Column("sector", String(40), nullable=False, index=True),
        Column("scale", String(20), nullable=False),
        Column("kecamatan", String(60), nullable=False, index=True),
        Column("kelurahan", String(60), nullable=False),
        Column("status", String(20), nullable=False, index=True),
        Column("phone", String(20)),
        Column("email", String(254)),
        Column("locale", String(5), nullable=False, default="id"),
        Column("registered_on", Date, nullable=False),
        Column("as_of", UTCDateTime(), nullable=False),
    )


def _upsert(insert_of, table: Table):
    """INSERT ... ON CONFLICT DO UPDATE WHERE newer, built once (parameters by column name)."""
    columns = ("umkm_id", *_FIELDS, "as_of")
    statement = insert_of(table).values(
        {name: bindparam(name, type_=table.c[name].type) for name in columns})
    return statement.on_conflict_do_update(
        index_elements=[table.c.umkm_id],
        set_={name: statement.excluded[name] for name in (*_FIELDS, "as_of")},
        where=table.c.as_of <= statement.excluded.as_of,
    )


@dataclass
class UmkmDirectory:
    table: Table
    _upserts: dict = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._upserts = {"sqlite": _upsert(sqlite_insert, self.table),
                         "postgresql": _upsert(postgresql_insert, self.table)}

    def apply(self, event: Event, uow: UnitOfWork) -> None:
        """The handler for every umkm.* event: upsert, newest event wins."""
        t = self.table
        values = {key: event.payload.get(key) for key in _FIELDS}
        values["locale"] = values.get("locale") or "id"
        umkm_id = event.payload["umkm_id"]
        session = uow.session
        upsert = self._upserts.get(session.get_bind().dialect.name)
        if upsert is not None:  # one statement: insert, or update when this event is newer
            session.execute(upsert, {"umkm_id": umkm_id, "as_of": event.occurred_at, **values})
            return
        current = session.execute(select(t.c.as_of).where(t.c.umkm_id == umkm_id)).first()
        if current is None:
            session.execute(insert(t).values(umkm_id=umkm_id, as_of=event.occurred_at, **values))
        elif current.as_of <= event.occurred_at:
            session.execute(
                update(t).where(t.c.umkm_id == umkm_id).values(as_of=event.occurred_at, **values)
            )

    def handlers(self) -> dict:
        return {name: self.apply for name in UMKM_EVENTS}

    def get(self, uow: UnitOfWork, umkm_id: str) -> dict | None:
        row = uow.session.execute(select(self.table).where(self.table.c.umkm_id == umkm_id))
        found = row.mappings().first()
        return dict(found) if found else None

    def search(self, uow: UnitOfWork, *, q: str | None = None, status: str | None = None,
               sector: str | None = None, kecamatan: str | None = None,
               sectors: Collection[str] | None = None,
               excluding: Collection[str] | Select | None = None,
               only: Collection[str] | None = None, page: int = 1,
               per_page: int = 20) -> tuple[list[dict], int]:
        """A page of the UMKM matching every filter given, by business name, and how many match.

        `sectors`: any of these (none given: any sector); `excluding`: not these ids (a list,
        or a SELECT of one column of ids from the consumer's own tables, e.g. those already
        applied); `only`: just these ids."""
        t = self.table
        query = select(t)
        if q:
            query = query.where(containing(q, t.c.business_name, t.c.owner_name))
        for column, value in (("status", status), ("sector", sector), ("kecamatan", kecamatan)):
            if value:
                query = query.where(t.c[column] == value)
        if sectors:
            query = query.where(t.c.sector.in_(list(sectors)))
        if excluding is not None:
            query = query.where(t.c.umkm_id.not_in(
                excluding if isinstance(excluding, Select) else list(excluding)))
        if only is not None:
            query = query.where(t.c.umkm_id.in_(list(only)))
        total = uow.session.execute(
            select(func.count()).select_from(query.subquery())
        ).scalar_one()
        rows = uow.session.execute(
            query.order_by(t.c.business_name, t.c.umkm_id)
            .offset((page - 1) * per_page).limit(per_page)
        ).mappings().all()
        return [dict(r) for r in rows], total
