"""The relay: publishes due deliveries (new, or sent but not acknowledged in time).

It claims a batch in one short transaction, publishes with no transaction open (the broker may
be slow or down; no request waits on a database lock meanwhile), then marks what it published.
Publish first, then mark sent: a relay killed in between leaves its claim to expire, the
delivery is published again with the same task id, and the consumer's inbox turns the duplicate
into a no-op.

The web process has a shorter path for the events it has just committed (`publish_new`): it
has their envelopes in hand, so it marks their pending deliveries sent in one statement, then
publishes. A process that dies in between leaves them sent and unacknowledged, so they go out
again when their acknowledgement is overdue; whatever the broker refuses is put back to pending.
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


def _statements(d):
    """publish_new's two statements for a service's outbox_delivery table (built once per
    relay)."""
    take = (update(d).where(
        d.c.id.in_(bindparam("ids", expanding=True)), d.c.status == bindparam("pending"),
        or_(d.c.claimed_until.is_(None), d.c.claimed_until < bindparam("now")))
        .values(status=bindparam("sent"), attempts=d.c.attempts + 1,
                last_sent_at=bindparam("now"), next_attempt_at=bindparam("due"),
                claimed_until=None)
        .returning(d.c.id))
    untake = (update(d).where(d.c.id.in_(bindparam("ids", expanding=True)),
                              d.c.status == bindparam("sent"))
              .values(status=bindparam("pending"), attempts=d.c.attempts - 1, last_sent_at=None,
                      next_attempt_at=bindparam("now")))
    return take, untake


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
        self._take_statement, self._untake_statement = _statements(tables.outbox_delivery)

    def run_once(self, *, limit: int = 500, only_pending: bool = False) -> RelayResult:
        """Publish what is due. The periodic run (not `only_pending`, the nudge's) also records
        the acknowledgements that came back, first, so that they are not sent again."""
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
        """Publish these (consumer, envelope) deliveries of just-committed events, each only if
        it is still pending and unclaimed (another relay may have taken it meanwhile)."""
        result = RelayResult()
        by_id = {delivery_id(consumer, envelope["event_id"]): (consumer, envelope)
                 for consumer, envelope in deliveries}
        ids = list(by_id)
        for start in range(0, len(ids), limit):
            taken = self._take(ids[start:start + limit])
            for index, task_id in enumerate(taken):
                consumer, envelope = by_id[task_id]
                try:
                    self.publisher.publish(consumer, envelope, task_id=task_id)
                except Exception as exc:  # broker down: back to pending for the periodic run
                    log.warning("relay could not publish %s: %s", task_id, exc)
                    self._untake(taken[index:])
                    result.failed = True
                    return result
                result.published += 1
        return result

    def _take(self, ids: list[str]) -> list[str]:
        now = self.clock()
        with self.uow_factory() as uow:
            taken = uow.session.execute(self._take_statement, {
                "ids": ids, "pending": PENDING, "sent": SENT, "now": now,
                "due": now + self.policy.wait_after(1)}).scalars().all()
            uow.commit()
        order = {delivery: index for index, delivery in enumerate(ids)}
        return sorted(taken, key=order.__getitem__) if taken else []

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


