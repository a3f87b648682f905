"""What staff do to a message: resend it, or retry a dead letter."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l

from services.kernel.errors import Conflict, NotFound
from services.kernel.uow import UnitOfWorkFactory
from services.notifier.models import QUEUED, SENDING, Message


def requeue(uow: UnitOfWorkFactory, message_id: str, now: datetime) -> str:
    """Queue a sent, failed or dead message again (its attempts so far stay in the log), due
    `now` by the dispatcher's clock. 409 while it is already waiting or being sent."""
    with uow() as unit:
        message = unit.session.get(Message, message_id)
        if message is None:
            raise NotFound(str(_l("Pesan tidak ditemukan.")))
        if message.status in (QUEUED, SENDING):
            raise Conflict(str(_l("Pesan ini sudah dalam antrean pengiriman.")),
                           message_id=message.id, current_status=message.status)
        message.status, message.next_attempt_at, message.lease_until = QUEUED, now, None
        unit.commit()
    return message_id
