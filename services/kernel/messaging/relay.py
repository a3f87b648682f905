"""The relay: publishes due deliveries (new, or sent but not acknowledged in time).

It claims a batch in one short transaction, publishes with no transaction open (the broker may
be slow or down; no request waits on a database lock meanwhile), then marks what it published.
Publish first, then mark sent: a relay killed in between leaves its claim to expire, the
delivery is published again with the same task id, and the consumer's inbox turns the duplicate
into a no-op.

The web process has a shorter path for the events it has just committed (`publish_new`): its
transaction wrote their deliveries as sent already (`Outbox.sent_on_commit`), and it has their
envelopes in hand, so it publishes them together (one round trip to Redis), with no transaction
of its own. A process that dies first leaves them sent and unacknowledged, so they go out again
when their acknowledgement is overdue; when the broker refuses the batch, all of it is put back
to pending for the periodic run (a copy that did reach a consumer meets its inbox).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, or_, select, update

from services.kernel.clock import utcnow
from services.kernel.messaging.policy import RedeliveryPolicy
from services.kernel.messaging.publisher import Publisher
from services.kernel.messaging.tables import (
    ACKED,
    DEAD,
    PENDING,
    SENT,
    MessagingTables,
    delivery_id,
)
from services.kernel.uow import UnitOfWorkFactory

log = logging.getLogger(__name__)


def _untake_statement(d):
    """publish_new's statement for what the broker refused (built once per relay)."""
    return (update(d).where(d.c.id.in_(bindparam("ids", expanding=True)),
                            d.c.status == bindparam("sent"))
            .values(status=bindparam("pending"), attempts=d.c.attempts - 1, last_sent_at=None,
                    next_attempt_at=bindparam("now")))


@dataclass
class RelayResult:
    published: int = 0
    dead: int = 0
    acked: int = 0
    failed: bool = False


class Relay:
    def __init__(
        self,
        producer: str,
        uow_factory: UnitOfWorkFactory,
        tables: MessagingTables,
        publisher: Publisher,
        policy: RedeliveryPolicy,
        clock: Callable[[], datetime] = utcnow,
    ):
        self.producer = producer
        self.uow_factory = uow_factory
        self.tables = tables
        self.publisher = publisher
        self.policy = policy
        self.clock = clock
        self._untake_statement = _untake_statement(tables.outbox_delivery)

    def run_once(self, *, limit: int = 500, only_pending: bool = False) -> RelayResult:
        """Publish what is due. The periodic run (not `only_pending`, which publishes new
        deliveries only) also records the acknowledgements that came back, first, so that they
        are not sent again."""
        result = RelayResult()
        if not only_pending:
            result.acked = self.record_acks(limit)
        rows = self._claim(limit, only_pending, result)
        published = []
        for row in rows:
            try:
                self.publisher.publish(row.consumer, self._envelope(row), task_id=row.id)
            except Exception as exc:  # broker down: release the rest, try again later
                log.warning("relay could not publish %s: %s", row.id, exc)
                result.failed = True
                break
            published.append(row)
        self._mark(published, [r.id for r in rows[len(published):]])
        result.published = len(published)
        return result

    def publish_new(self, deliveries: list[tuple[str, dict]], *,
                    limit: int = 500) -> RelayResult:
        """Publish these (consumer, envelope) deliveries of just-committed events, which their
        transaction wrote as sent (`Outbox.sent_on_commit`): nobody else publishes them before
        their acknowledgement is overdue. What the broker refuses is pending again at once."""
        result = RelayResult()
        items = [(consumer, envelope, delivery_id(consumer, envelope["event_id"]))
                 for consumer, envelope in deliveries]
        for start in range(0, len(items), limit):
            batch = items[start:start + limit]
            try:
                self.publisher.publish_many(batch)
            except Exception as exc:  # broker down: back to pending for the periodic run
                log.warning("relay could not publish %d deliveries: %s", len(batch), exc)
                self._untake([task_id for *_, task_id in items[start:]])
                result.failed = True
                return result
            result.published += len(batch)
        return result

    def _untake(self, ids: list[str]) -> None:
        with self.uow_factory() as uow:
            uow.session.execute(self._untake_statement, {
                "ids": ids, "pending": PENDING, "sent": SENT, "now": self.clock()})
            uow.commit()

    def record_acks(self, limit: int = 500) -> int:
        try:
            deliveries, recorded = self.publisher.take_acks(self.producer, limit)
        except Exception as exc:  # broker down: the acks wait there
            log.warning("relay could not read acknowledgements: %s", exc)
            return 0
        if deliveries:
            mark_acknowledged(self.uow_factory, self.tables, deliveries)
        recorded()
        return len(deliveries)

    def _claim(self, limit: int, only_pending: bool, result: RelayResult) -> list:
        d, e = self.tables.outbox_delivery, self.tables.outbox_event
        now = self.clock()
        statuses = [PENDING] if only_pending else [PENDING, SENT]
        with self.uow_factory() as uow:
            rows = uow.session.execute(
                select(
                    d.c.id, d.c.consumer, d.c.attempts, e.c.id.label("event_id"), e.c.type,
                    e.c.version, e.c.occurred_at, e.c.correlation_id, e.c.payload,
                )
                .join(e, e.c.id == d.c.event_id)
                .where(d.c.status.in_(statuses), d.c.next_attempt_at <= now,
                       or_(d.c.claimed_until.is_(None), d.c.claimed_until < now))
                .order_by(d.c.next_attempt_at)
                .limit(limit)
                .with_for_update(of=d, skip_locked=True)
            ).all()
            dead = [r.id for r in rows if r.attempts >= self.policy.max_attempts]
            live = [r for r in rows if r.attempts < self.policy.max_attempts]
            if dead:
                uow.session.execute(update(d).where(d.c.id.in_(dead)).values(
                    status=DEAD, claimed_until=None,
                    last_error=f"no acknowledgement after {self.policy.max_attempts} attempts",
                ))
                for delivery in dead:
                    log.error("delivery %s dead-lettered", delivery)
            if live:
                uow.session.execute(update(d).where(d.c.id.in_([r.id for r in live]))
                                    .values(claimed_until=now + timedelta(
                                        seconds=self.policy.claim_seconds)))
            uow.commit()
        result.dead = len(dead)
        return live

    def _mark(self, published: list, unpublished: list[str]) -> None:
        if not published and not unpublished:
            return
        d = self.tables.outbox_delivery
        now = self.clock()
        with self.uow_factory() as uow:
            if published:  # one statement, executed once per row (each row has its own backoff)
                # An ack may already have come back: never turn `acked` into `sent`.
                uow.session.connection().execute(
                    update(d).where(d.c.id == bindparam("b_id"), d.c.status != ACKED).values(
                        status=SENT, attempts=bindparam("b_attempts"), last_sent_at=now,
                        claimed_until=None, next_attempt_at=bindparam("b_next"),
                    ),
                    [{"b_id": row.id, "b_attempts": row.attempts + 1,
                      "b_next": now + self.policy.wait_after(row.attempts + 1)}
                     for row in published],
                )
            if unpublished:
                uow.session.execute(update(d).where(d.c.id.in_(unpublished))
                                    .values(claimed_until=None))
            uow.commit()

    def _envelope(self, row) -> dict:
        return {
            "event_id": row.event_id,
            "type": row.type,
            "version": row.version,
            "occurred_at": row.occurred_at.isoformat(),
            "producer": self.producer,
            "correlation_id": row.correlation_id,
            "payload": row.payload,
        }


def mark_acknowledged(uow_factory: UnitOfWorkFactory, tables: MessagingTables,
                      deliveries: list[str]) -> int:
    """Record acknowledgements (idempotent); returns how many were new."""
    d = tables.outbox_delivery
    with uow_factory() as uow:
        changed = uow.session.execute(
            update(d).where(d.c.id.in_(deliveries), d.c.acked_at.is_(None)).values(
                status=ACKED, acked_at=utcnow(), last_error=None, claimed_until=None
            )
        ).rowcount
        uow.commit()
    return changed


