"""The bazaar service's own tables: bazaars, their numbered stalls, and applications."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from services.kernel.clock import utcnow
from services.kernel.db import UTCDateTime, make_metadata
from services.kernel.messaging.tables import define_messaging_tables
from services.kernel.readmodels.umkm_directory import define_umkm_directory


def new_id() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = make_metadata()
    type_annotation_map = {datetime: UTCDateTime()}


MESSAGING = define_messaging_tables(Base.metadata)
UMKM_DIRECTORY = define_umkm_directory(Base.metadata)

# Bazaar states, and an application's.
SCHEDULED, ALLOCATED, CLOSED, CANCELLED = "scheduled", "allocated", "closed", "cancelled"
APPLIED, WITHDRAWN, STALL, WAITLIST = "applied", "withdrawn", "allocated", "waitlisted"
CHECKED_IN, NO_SHOW = "checked_in", "no_show"
# An application of a cancelled bazaar is cancelled too (the same word as the bazaar's state).
APPLICATION_CANCELLED = CANCELLED
# Applications holding a stall of their bazaar.
HOLDING = (STALL, CHECKED_IN, NO_SHOW)


class Bazaar(Base):
    """An UMKM bazaar at a government event held outside the office."""

    __tablename__ = "bazaar"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    title: Mapped[str] = mapped_column(String(200))
    host_event: Mapped[str] = mapped_column(String(200))
    organizer: Mapped[str] = mapped_column(String(200))  # the organising OPD
    venue: Mapped[str] = mapped_column(String(300))
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    applications_open_at: Mapped[datetime]
    applications_close_at: Mapped[datetime]
    sectors: Mapped[list] = mapped_column(JSON, default=list)  # empty: every sector
    verified_only: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[str] = mapped_column(String(12), default=SCHEDULED, index=True)
    # Bumped by every allocation: two coordinators allocating at once -> one wins.
    version: Mapped[int] = mapped_column(Integer, default=0)
    reminded_at: Mapped[datetime | None]  # the day-before reminders went out
    sales_links_sent_at: Mapped[datetime | None]  # owners were asked for their sales
    cancel_reason: Mapped[str | None] = mapped_column(String(500))
    cancelled_at: Mapped[datetime | None]
    cancelled_by: Mapped[str | None] = mapped_column(String(254))
    updated_at: Mapped[datetime | None]  # the last edit
    updated_by: Mapped[str | None] = mapped_column(String(254))
    created_by: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    stalls: Mapped[list[Stall]] = relationship(back_populates="bazaar", order_by="Stall.position",
                                               cascade="all, delete-orphan")


class Stall(Base):
    __tablename__ = "stall"
    __table_args__ = (UniqueConstraint("bazaar_id", "number"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    bazaar_id: Mapped[str] = mapped_column(ForeignKey("bazaar.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(12))
    category: Mapped[str] = mapped_column(String(20))  # kuliner | non-kuliner

    bazaar: Mapped[Bazaar] = relationship(back_populates="stalls")


class Application(Base):
    """An UMKM's application for a stall (often made by staff on the owner's behalf)."""

    __tablename__ = "application"
    __table_args__ = (UniqueConstraint("bazaar_id", "umkm_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    bazaar_id: Mapped[str] = mapped_column(ForeignKey("bazaar.id"), index=True)
    umkm_id: Mapped[str] = mapped_column(String(36), index=True)
    owner_id: Mapped[str | None] = mapped_column(String(36))  # one stall per owner
    business_name: Mapped[str] = mapped_column(String(200))
    owner_name: Mapped[str] = mapped_column(String(200))
    sector: Mapped[str] = mapped_column(String(40))
    category: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(12), default=APPLIED, index=True)
    stall_id: Mapped[str | None] = mapped_column(ForeignKey("stall.id"))
    # Why it has its stall or waits: the decision's facts (domain/explanations.py writes the
    # sentence in the reader's language). Older rows have only `explanation`, in Indonesian.
    decision: Mapped[dict | None] = mapped_column(JSON)
    explanation: Mapped[str | None] = mapped_column(Text)
    applied_at: Mapped[datetime] = mapped_column(default=utcnow)
    applied_by: Mapped[str | None] = mapped_column(String(254))
    decided_at: Mapped[datetime | None]
    # After the bazaar: what the UMKM sold there.
    revenue_idr: Mapped[int | None] = mapped_column(BigInteger)
    units_sold: Mapped[int | None] = mapped_column(Integer)
    best_product: Mapped[str | None] = mapped_column(String(200))
    sales_reported_at: Mapped[datetime | None]

    stall: Mapped[Stall | None] = relationship()


# Retail partners' tables live beside these, in the same metadata (and the same migrations).
# Recurring markets and Friday local batik live in their own modules; imported here so that the
# metadata (and so Alembic) sees their tables.
from services.bazaar import (  # noqa: E402,F401
    models_batik,
    models_markets,
    models_retail,
)
