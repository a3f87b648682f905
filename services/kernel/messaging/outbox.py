"""Writing events: the event row and one delivery row per subscriber, in the caller's
transaction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session

from services.kernel.clock import utcnow
from services.kernel.events.catalogue import Catalogue, make_envelope
from services.kernel.logging import request_id_var
from services.kernel.messaging.tables import PENDING, SENT, MessagingTables, delivery_id


class Outbox:
    """`sent_on_commit`, when given, is the wait for a first acknowledgement (the redelivery
    policy's): the process publishes what it commits itself, at once (the web's nudge), so the
    deliveries are written as sent, and sent again only if no acknowledgement comes in time.
    Without it they are pending, for the periodic relay."""

    def __init__(self, tables: MessagingTables, catalogue: Catalogue, producer: str,
                 sent_on_commit: Callable[[], timedelta] | None = None):
        self.tables = tables
        self.catalogue = catalogue
        self.producer = producer
        self.sent_on_commit = sent_on_commit

    def add(
        self,
        session: Session,
        name: str,
        payload: dict,
        *,
        version: int | None = None,
        occurred_at: datetime | None = None,
    ) -> dict:
        """Validate the payload against the catalogue and stage the event; returns its envelope."""
        return self.add_many(session, name, [payload], version=version,
                             occurred_at=occurred_at)[0]

    def add_many(
        self,
        session: Session,
        name: str,
        payloads: list[dict],
        *,
        version: int | None = None,
        occurred_at: datetime | None = None,
    ) -> list[dict]:
        """Stage several events of one type in two statements (a bulk import's batch)."""
        event_type = self.catalogue.get(name, version)
        if event_type.producer != self.producer:
            raise ValueError(
                f"{self.producer} may not publish {name} (owned by {event_type.producer})")
        occurred_at = occurred_at or utcnow()
        correlation = request_id_var.get()
        bodies = [self.catalogue.serialize_payload(name, event_type.version, p) for p in payloads]
        envelopes = [make_envelope(event_type, body, occurred_at, correlation) for body in bodies]
        if not event_type.consumers or not envelopes:
            return envelopes  # nobody subscribes (yet): nothing to deliver, nothing to keep
        session.execute(insert(self.tables.outbox_event), [
            {"id": envelope["event_id"], "type": name, "version": event_type.version,
             "occurred_at": occurred_at, "correlation_id": correlation, "payload": body}
            for envelope, body in zip(envelopes, bodies, strict=True)
        ])
        state = {"status": PENDING, "attempts": 0, "next_attempt_at": occurred_at}
        if self.sent_on_commit is not None:
            state = {"status": SENT, "attempts": 1, "last_sent_at": occurred_at,
                     "next_attempt_at": occurred_at + self.sent_on_commit()}
        session.execute(insert(self.tables.outbox_delivery), [
            {"id": delivery_id(consumer, envelope["event_id"]),
             "event_id": envelope["event_id"], "consumer": consumer, **state}
            for envelope in envelopes for consumer in event_type.consumers
        ])
        return envelopes
