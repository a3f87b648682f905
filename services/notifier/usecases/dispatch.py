"""Sending queued messages, recording each attempt, retrying with backoff, dead-lettering."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update

from services.kernel.clock import utcnow
from services.kernel.uow import UnitOfWorkFactory
from services.notifier.adapters.channels import Channel, Outgoing
from services.notifier.domain.retry import PermanentFailure, RetryPolicy, TemporaryFailure
from services.notifier.models import DEAD, FAILED, QUEUED, SENDING, SENT, Attempt, Message

log = logging.getLogger(__name__)


def _due(now: datetime):
    return or_(
        and_(Message.status.in_([QUEUED, FAILED]), Message.next_attempt_at <= now),
        and_(Message.status == SENDING, Message.lease_until < now),
    )


class Dispatcher:
    def __init__(self, uow: UnitOfWorkFactory, channels: Mapping[str, Channel],
                 policy: RetryPolicy, lease_seconds: float = 120.0,
                 clock: Callable[[], datetime] = utcnow):
        self.uow = uow
        self.channels = channels
        self.policy = policy
        self.lease = timedelta(seconds=lease_seconds)
        self.clock = clock

    def send_many(self, message_ids: list[str]) -> dict[str, str | None]:
        return {message_id: self.send(message_id) for message_id in message_ids}

    def dispatch_due(self, limit: int = 200) -> int:
        """The periodic catch-up: retries that are due, and sends a crashed worker left."""
        with self.uow(readonly=True) as unit:
            ids = unit.session.execute(
                select(Message.id).where(_due(self.clock()))
                .order_by(Message.next_attempt_at).limit(limit)
            ).scalars().all()
        return sum(1 for message_id in ids if self.send(message_id) is not None)

    def send(self, message_id: str) -> str | None:
        """Send one message if it is due and nobody else is sending it; returns the outcome."""
        outgoing = self._claim(message_id)
        if outgoing is None:
            return None
        channel = self.channels.get(outgoing.channel)
        try:
            if channel is None:
                raise PermanentFailure(f"channel {outgoing.channel} is not configured")
            answer = channel.send(outgoing)
        except TemporaryFailure as exc:
            return self._record(message_id, "temporary", str(exc))
        except PermanentFailure as exc:
            return self._record(message_id, "permanent", str(exc))
        except Exception as exc:  # an unexpected fault in an adapter: try again later
            log.exception("channel %s failed unexpectedly", outgoing.channel)
            return self._record(message_id, "temporary", f"{type(exc).__name__}: {exc}")
        return self._record(message_id, "sent", answer)

    def _claim(self, message_id: str) -> Outgoing | None:
        now = self.clock()
        with self.uow() as unit:
            claimed = unit.session.execute(
                update(Message).where(Message.id == message_id, _due(now))
                .values(status=SENDING, lease_until=now + self.lease)
                .execution_options(synchronize_session=False)
            ).rowcount
            if not claimed:
                return None
            message = unit.session.get(Message, message_id)
            outgoing = Outgoing(id=message.id, channel=message.channel,
                                recipient=message.recipient,
                                recipient_name=message.recipient_name, subject=message.subject,
                                body_text=message.body_text, body_html=message.body_html)
            unit.commit()
        return outgoing

    def _record(self, message_id: str, outcome: str, detail: str) -> str:
        now = self.clock()
        with self.uow() as unit:
            message = unit.session.get(Message, message_id)
            message.attempts += 1
            message.lease_until = None
            unit.session.add(Attempt(message=message, number=message.attempts, at=now,
                                     outcome=outcome, detail=detail[:2000]))
            if outcome == "sent":
                message.status, message.sent_at = SENT, now
                message.provider_response, message.last_error = detail[:2000], None
                status = SENT
            elif outcome == "temporary" and message.attempts < self.policy.max_attempts:
                message.status, message.last_error = FAILED, detail[:2000]
                message.next_attempt_at = now + self.policy.delay(message.attempts)
                status = FAILED
            else:
                message.status, message.last_error = DEAD, detail[:2000]
                status = DEAD
            if status in (SENT, DEAD):
                unit.publish("notification.sent" if status == SENT else "notification.failed", {
                    "message_id": message.id, "cause_event_id": message.event_id,
                    "cause_event_type": message.event_type, "umkm_id": message.umkm_id,
                    "channel": message.channel, "template": message.template,
                    "attempts": message.attempts, "detail": None if status == SENT else detail,
                })
            unit.commit()
        log.info("message %s via %s: %s", message_id, message.channel, status)
        return status
