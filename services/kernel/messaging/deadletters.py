"""Use cases on a service's own outbox: list dead letters, send one again, backlog figures."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, func, select, update

from services.kernel.clock import utcnow
from services.kernel.messaging.tables import ACKED, DEAD, PENDING, MessagingTables
from services.kernel.uow import UnitOfWorkFactory


def _query(tables: MessagingTables):
    d, e = tables.outbox_delivery, tables.outbox_event
    return select(
        d.c.id, d.c.consumer, d.c.status, d.c.attempts, d.c.next_attempt_at, d.c.last_sent_at,
        d.c.acked_at, d.c.last_error, e.c.id.label("event_id"), e.c.type.label("event_type"),
        e.c.occurred_at,
    ).join(e, e.c.id == d.c.event_id)


def get_delivery(uow_factory: UnitOfWorkFactory, tables: MessagingTables, delivery: str):
    with uow_factory(readonly=True) as uow:
        row = uow.session.execute(
            _query(tables).where(tables.outbox_delivery.c.id == delivery)
        ).mappings().first()
    return dict(row) if row else None


def list_deliveries(
    uow_factory: UnitOfWorkFactory, tables: MessagingTables, *, status: str | None = DEAD,
    page: int = 1, per_page: int = 50,
) -> tuple[list[dict], int]:
    d, e = tables.outbox_delivery, tables.outbox_event
    query = _query(tables)
    count = select(func.count()).select_from(d)
    if status:
        query = query.where(d.c.status == status)
        count = count.where(d.c.status == status)
    with uow_factory(readonly=True) as uow:
        total = uow.session.execute(count).scalar_one()
        rows = uow.session.execute(
            query.order_by(e.c.occurred_at.desc()).offset((page - 1) * per_page).limit(per_page)
        ).mappings().all()
    return [dict(row) for row in rows], total


def retry_delivery(uow_factory: UnitOfWorkFactory, tables: MessagingTables, delivery: str):
    """Send a dead (or stuck) delivery again from scratch; None when there is no such delivery
    still to deliver."""
    d = tables.outbox_delivery
    with uow_factory() as uow:
        changed = uow.session.execute(
            update(d).where(d.c.id == delivery, d.c.status != ACKED).values(
                status=PENDING, attempts=0, next_attempt_at=utcnow(), last_error=None
            )
        ).rowcount
        uow.commit()
    return get_delivery(uow_factory, tables, delivery) if changed else None


def outbox_stats(uow_factory: UnitOfWorkFactory, tables: MessagingTables) -> dict:
    d, e = tables.outbox_delivery, tables.outbox_event
    with uow_factory(readonly=True) as uow:
        by_status = dict(
            uow.session.execute(select(d.c.status, func.count()).group_by(d.c.status)).all()
        )
        oldest = uow.session.execute(
            select(func.min(e.c.occurred_at))
            .join(d, d.c.event_id == e.c.id)
            .where(d.c.status.in_(["pending", "sent"]))
        ).scalar_one()
    age = (utcnow() - oldest).total_seconds() if oldest else 0.0
    return {"by_status": by_status, "oldest_unacknowledged_age_seconds": age}


def prune(uow_factory: UnitOfWorkFactory, tables: MessagingTables, *, keep_days: float,
          now=None) -> dict:
    """Forget what is settled: events whose every delivery was acknowledged, and inbox entries,
    once older than `keep_days` (far longer than any re-send could still arrive)."""
    d, e, inbox = tables.outbox_delivery, tables.outbox_event, tables.inbox
    cutoff = (now or utcnow()) - timedelta(days=keep_days)
    unsettled = select(d.c.event_id).where(d.c.status != ACKED)
    with uow_factory() as uow:
        old = select(e.c.id).where(e.c.occurred_at < cutoff, e.c.id.not_in(unsettled))
        ids = uow.session.execute(old.limit(5000)).scalars().all()
        if ids:
            uow.session.execute(delete(d).where(d.c.event_id.in_(ids)))
            uow.session.execute(delete(e).where(e.c.id.in_(ids)))
        forgotten = uow.session.execute(delete(inbox).where(inbox.c.received_at < cutoff)).rowcount
        uow.commit()
    return {"events": len(ids), "inbox": forgotten}
