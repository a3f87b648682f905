"""The notifier's own tables."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
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
