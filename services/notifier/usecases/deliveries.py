"""The delivery log, as staff and the API read it."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from services.kernel.contains import containing
from services.kernel.errors import NotFound
from services.kernel.uow import UnitOfWorkFactory
from services.notifier.models import Message


@dataclass(frozen=True)
class DeliveryQuery:
    umkm_id: str | None = None
    event_type: str | None = None
    channel: str | None = None
    status: str | None = None
    event_id: str | None = None
    q: str | None = None
    page: int = 1
    per_page: int = 20


def delivery_view(message: Message, *, with_body: bool = False) -> dict:
    view = {
        "id": message.id, "event_id": message.event_id, "event_type": message.event_type,
        "template": message.template, "channel": message.channel,
        "recipient": message.recipient, "recipient_name": message.recipient_name,
        "umkm_id": message.umkm_id, "locale": message.locale, "status": message.status,
        "attempts": message.attempts, "subject": message.subject,
        "created_at": message.created_at, "sent_at": message.sent_at,
        "next_attempt_at": message.next_attempt_at, "last_error": message.last_error,
    }
    if with_body:
        view["body_text"] = message.body_text
        view["body_html"] = message.body_html
        view["provider_response"] = message.provider_response
        view["attempt_log"] = [
            {"number": a.number, "at": a.at, "outcome": a.outcome, "detail": a.detail}
            for a in message.attempt_log
        ]
    return view


def list_deliveries(uow: UnitOfWorkFactory, query: DeliveryQuery) -> dict:
    stmt = select(Message)
    for column in ("umkm_id", "event_type", "channel", "status", "event_id"):
        value = getattr(query, column)
        if value:
            stmt = stmt.where(getattr(Message, column) == value)
    if query.q:
        stmt = stmt.where(containing(query.q, Message.recipient, Message.recipient_name,
                                     Message.subject))
    with uow(readonly=True) as unit:
        total = unit.session.execute(
            select(func.count()).select_from(stmt.with_only_columns(Message.id).subquery())
        ).scalar_one()
        rows = unit.session.execute(
            stmt.order_by(Message.created_at.desc(), Message.id)
            .offset((query.page - 1) * query.per_page).limit(query.per_page)
        ).scalars().all()
        items = [delivery_view(m) for m in rows]
    return {"items": items, "total": total, "page": query.page, "per_page": query.per_page}


def get_delivery(uow: UnitOfWorkFactory, message_id: str) -> dict:
    with uow(readonly=True) as unit:
        message = unit.session.get(Message, message_id)
        if message is None:
            raise NotFound(_l("Pesan tidak ditemukan."))
        return delivery_view(message, with_body=True)
