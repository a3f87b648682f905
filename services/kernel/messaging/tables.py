"""The outbox, its deliveries (one per subscribed consumer) and the inbox, in a service's own DB."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, MetaData, String, Table, Text

from services.kernel.db import UTCDateTime

PENDING, SENT, ACKED, DEAD = "pending", "sent", "acked", "dead"
DELIVERY_STATUSES = (PENDING, SENT, ACKED, DEAD)


@dataclass(frozen=True)
class MessagingTables:
    outbox_event: Table
    outbox_delivery: Table
    inbox: Table


def define_messaging_tables(metadata: MetaData) -> MessagingTables:
    outbox_event = Table(
        "outbox_event",
        metadata,
        Column("id", String(36), primary_key=True),
        Column("type", String(80), nullable=False),
        Column("version", Integer, nullable=False),
        Column("occurred_at", UTCDateTime(), nullable=False),
        Column("correlation_id", String(64)),
        Column("payload", JSON, nullable=False),
    )
    outbox_delivery = Table(
        "outbox_delivery",
        metadata,
        Column("id", String(80), primary_key=True),  # "<consumer>:<event_id>", the Celery task id
        Column("event_id", String(36), ForeignKey("outbox_event.id"), nullable=False, index=True),
        Column("consumer", String(40), nullable=False),
        Column("status", String(10), nullable=False),
        Column("attempts", Integer, nullable=False, default=0),
        Column("next_attempt_at", UTCDateTime(), nullable=False),
        Column("claimed_until", UTCDateTime()),  # a relay is publishing it until then
        Column("last_sent_at", UTCDateTime()),
        Column("acked_at", UTCDateTime()),
        Column("last_error", Text),
        Index("ix_outbox_delivery_due", "status", "next_attempt_at"),
    )
    inbox = Table(
        "inbox",
        metadata,
        Column("event_id", String(36), primary_key=True),
        Column("type", String(80), nullable=False),
        Column("producer", String(40), nullable=False),
        Column("received_at", UTCDateTime(), nullable=False),
    )
    return MessagingTables(outbox_event, outbox_delivery, inbox)


def delivery_id(consumer: str, event_id: str) -> str:
    """Deterministic: the same delivery is always the same Celery task id."""
    return f"{consumer}:{event_id}"
