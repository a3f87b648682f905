"""The notifier's own tables."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
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

QUEUED, SENDING, SENT, FAILED, DEAD = "queued", "sending", "sent", "failed", "dead"
MESSAGE_STATUSES = (QUEUED, SENDING, SENT, FAILED, DEAD)


class Message(Base):
    """One message per (event, channel, recipient, template): a duplicate event adds nothing."""

    __tablename__ = "message"
    __table_args__ = (
        UniqueConstraint("event_id", "channel", "recipient", "template",
                         name="uq_message_event_channel_recipient_template"),
        Index("ix_message_due", "status", "next_attempt_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    event_id: Mapped[str] = mapped_column(String(36), index=True)
    event_type: Mapped[str] = mapped_column(String(80), index=True)
    template: Mapped[str] = mapped_column(String(80))
    channel: Mapped[str] = mapped_column(String(10), index=True)
    recipient: Mapped[str] = mapped_column(String(254))
    recipient_name: Mapped[str | None] = mapped_column(String(200))
    umkm_id: Mapped[str | None] = mapped_column(String(36), index=True)
    locale: Mapped[str] = mapped_column(String(5), default="id")
    critical: Mapped[bool] = mapped_column(Boolean, default=False)
    category: Mapped[str] = mapped_column(String(20), default="account")
    bulk: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    quiet_hours: Mapped[bool] = mapped_column(Boolean, default=True)
    fallback_channel: Mapped[str | None] = mapped_column(String(10))
    fallback_of: Mapped[str | None] = mapped_column(String(36))
    context: Mapped[dict | None] = mapped_column(JSON)  # to render a fallback channel's words
    subject: Mapped[str | None] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default=QUEUED, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    lease_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    provider_response: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    sent_at: Mapped[datetime | None]

    attempt_log: Mapped[list[Attempt]] = relationship(back_populates="message",
                                                      order_by="Attempt.id")


class Attempt(Base):
    """Each try at a channel, with what the provider answered."""

    __tablename__ = "attempt"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    message_id: Mapped[str] = mapped_column(ForeignKey("message.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    outcome: Mapped[str] = mapped_column(String(12))  # sent | temporary | permanent
    detail: Mapped[str | None] = mapped_column(Text)

    message: Mapped[Message] = relationship(back_populates="attempt_log")


class Preference(Base):
    """An owner's choice for one channel and category (no row: allowed)."""

    __tablename__ = "preference"

    umkm_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    channel: Mapped[str] = mapped_column(String(10), primary_key=True)
    category: Mapped[str] = mapped_column(String(20), primary_key=True)
    allowed: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    source: Mapped[str] = mapped_column(String(20), default="staff")  # staff | link | stop


class OptOut(Base):
    """An address that asked for nothing more on a channel (SMS "STOP", unsubscribe link)."""

    __tablename__ = "opt_out"

    address: Mapped[str] = mapped_column(String(254), primary_key=True)
    channel: Mapped[str] = mapped_column(String(10), primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    source: Mapped[str] = mapped_column(String(20))


class TemplateVersion(Base):
    """A staff edit of one template part; the newest version wins over the packaged file."""

    __tablename__ = "template_version"
    __table_args__ = (UniqueConstraint("template", "locale", "part", "version",
                                       name="uq_template_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    template: Mapped[str] = mapped_column(String(80), index=True)
    locale: Mapped[str] = mapped_column(String(5))
    part: Mapped[str] = mapped_column(String(20))  # subject.txt, email.txt, sms.txt, ...
    version: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Campaign(Base):
    """A mass fan-out (e.g. a bazaar invitation), worked through in batches on the bulk queue."""

    __tablename__ = "campaign"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    event_type: Mapped[str] = mapped_column(String(80))
    template: Mapped[str] = mapped_column(String(80))
    payload: Mapped[dict] = mapped_column(JSON)
    occurred_at: Mapped[datetime]
    cursor: Mapped[str] = mapped_column(String(36), default="")
    queued: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(10), default="running")  # running | done
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]


class OfficerVisit(Base):
    """Visits assigned to field officers, kept from visit.* events for the weekly digest."""

    __tablename__ = "officer_visit"

    visit_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    officer_email: Mapped[str | None] = mapped_column(String(254), index=True)
    officer_name: Mapped[str | None] = mapped_column(String(200))
    umkm_id: Mapped[str] = mapped_column(String(36))
    business_name: Mapped[str] = mapped_column(String(200))
    program_title: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date] = mapped_column(Date, index=True)
    completed: Mapped[bool] = mapped_column(Boolean, default=False)
    digest_sent_on: Mapped[date | None] = mapped_column(Date)
