"""Sending queued messages, recording each attempt, retrying with backoff, dead-lettering."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, insert, or_, select, update

from services.kernel.clock import utcnow
from services.kernel.uow import UnitOfWorkFactory
from services.notifier.adapters.channels import Channel, Outgoing
from services.notifier.domain.quiet import QUIET_CHANNELS, is_quiet, not_before
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
                 clock: Callable[[], datetime] = utcnow, bulk_threads: int = 8):
        self.uow = uow
        self.channels = channels
        self.policy = policy
        self.lease = timedelta(seconds=lease_seconds)
        self.clock = clock
        self.bulk_threads = bulk_threads
        self.fallback: Callable | None = None  # (uow, dead message) -> Message | None

    def send_many(self, message_ids: list[str]) -> dict[str, str | None]:
        """A few messages (one event's): one claim and one record transaction for all of them,
        sent one after the other; None for a message not due or being sent by someone else."""
        claimed = self._claim(message_ids)
        statuses = self._record([(o.id, *self._attempt(o)) for o in claimed]) if claimed else {}
        return {message_id: statuses.get(message_id) for message_id in message_ids}

    def dispatch_new(self, messages: list[Message]) -> Callable[[], object]:
        """Messages just made in the caller's unit of work: those due now are claimed in that
        same transaction (sending, leased as `_claim` would), so that sending them once it
        commits takes one transaction, to record the outcomes. Returns what to run after the
        commit. A crash before the outcomes are recorded leaves them to the lease, as ever."""
        now = self.clock()
        quiet = is_quiet(now)
        claimed: list[Outgoing] = []
        later: list[str] = []
        for m in messages:
            held = quiet and m.quiet_hours and m.channel in QUIET_CHANNELS
            if m.status != QUEUED or m.next_attempt_at > now or held:
                later.append(m.id)  # send_many knows what to do with these (e.g. wait)
                continue
            m.status, m.lease_until = SENDING, now + self.lease
            claimed.append(Outgoing(id=m.id, channel=m.channel, recipient=m.recipient,
                                    recipient_name=m.recipient_name, subject=m.subject,
                                    body_text=m.body_text, body_html=m.body_html))

        def send() -> None:
            if claimed:
                self._record([(o.id, *self._attempt(o)) for o in claimed])
            if later:
                self.send_many(later)

        return send

    def dispatch_due(self, limit: int = 200, *, bulk: bool = False) -> int:
        """The periodic catch-up: retries that are due, and sends a crashed worker left.
        Bulk messages (mass invitations) are only ever sent by the bulk queue's worker."""
        with self.uow(readonly=True) as unit:
            ids = unit.session.execute(
                select(Message.id).where(_due(self.clock()), Message.bulk.is_(bulk))
                .order_by(Message.next_attempt_at).limit(limit)
            ).scalars().all()
        if bulk:
            return self.send_batch(list(ids))
        return sum(1 for message_id in ids if self.send(message_id) is not None)

    def send(self, message_id: str) -> str | None:
        """Send one message if it is due and nobody else is sending it; returns the outcome."""
        claimed = self._claim([message_id])
        if not claimed:
            return None
        outcome = self._attempt(claimed[0])
        return self._record([(message_id, *outcome)])[message_id]

    def send_batch(self, message_ids: list[str]) -> int:
        """Many messages with one claim and one record transaction (the bulk path)."""
        claimed = self._claim(message_ids)
        if not claimed:
            return 0
        if all(getattr(self.channels.get(o.channel), "local", False) for o in claimed):
            # Files on this machine: threads would only take turns at the GIL, each write
            # waiting out the others' switch intervals; one after the other is quicker.
            outcomes = [self._attempt(o) for o in claimed]
        else:
            with ThreadPoolExecutor(max_workers=self.bulk_threads) as pool:
                outcomes = list(pool.map(self._attempt, claimed))
        self._record([(o.id, *outcome) for o, outcome in zip(claimed, outcomes, strict=True)])
        return len(claimed)

    def _attempt(self, outgoing: Outgoing) -> tuple[str, str]:
        channel = self.channels.get(outgoing.channel)
        try:
            if channel is None:
                raise PermanentFailure(f"channel {outgoing.channel} is not configured")
            return "sent", channel.send(outgoing)
        except TemporaryFailure as exc:
            return "temporary", str(exc)
        except PermanentFailure as exc:
            return "permanent", str(exc)
        except Exception as exc:  # an unexpected fault in an adapter: try again later
            log.exception("channel %s failed unexpectedly", outgoing.channel)
            return "temporary", f"{type(exc).__name__}: {exc}"

    def _claim(self, message_ids: list[str]) -> list[Outgoing]:
        now = self.clock()
        quiet = is_quiet(now)
        out: list[Outgoing] = []
        with self.uow() as unit:
            for chunk in _chunks(message_ids, 500):
                if quiet:  # SMS and WhatsApp wait for the morning, never dropped
                    unit.session.execute(
                        update(Message).where(Message.id.in_(chunk), _due(now),
                                              Message.channel.in_(QUIET_CHANNELS),
                                              Message.quiet_hours.is_(True))
                        .values(status=QUEUED, lease_until=None,
                                next_attempt_at=not_before(QUIET_CHANNELS[0], now))
                        .execution_options(synchronize_session=False))
                claimed = unit.session.execute(
                    update(Message).where(Message.id.in_(chunk), _due(now))
                    .values(status=SENDING, lease_until=now + self.lease)
                    .returning(Message.id, Message.channel, Message.recipient,
                               Message.recipient_name, Message.subject, Message.body_text,
                               Message.body_html)
                    .execution_options(synchronize_session=False)
                ).all()
                out.extend(Outgoing(id=r[0], channel=r[1], recipient=r[2], recipient_name=r[3],
                                    subject=r[4], body_text=r[5], body_html=r[6])
                           for r in claimed)
            unit.commit()
        return out

    def _record(self, outcomes: list[tuple[str, str, str]]) -> dict[str, str]:
        """Every outcome in one transaction: one UPDATE and one INSERT statement, each executed
        per message; the ORM only for a dead message that falls back to another channel."""
        now = self.clock()
        statuses: dict[str, str] = {}
        follow_ups: list[str] = []
        with self.uow() as unit:
            rows = {r.id: r for chunk in _chunks([o[0] for o in outcomes], 500)
                    for r in unit.session.execute(
                        select(*_RECORDED).where(Message.id.in_(chunk)))}
            changes, attempts, fallbacks = [], [], []
            for message_id, outcome, detail in outcomes:
                change = self._apply(unit, rows[message_id], outcome, detail, now)
                changes.append(change)
                attempts.append({"message_id": message_id, "number": change["b_attempts"],
                                 "at": now, "outcome": outcome, "detail": detail[:2000]})
                statuses[message_id] = change["b_status"]
                if change["b_status"] == DEAD and rows[message_id].fallback_channel:
                    fallbacks.append(message_id)
            connection = unit.session.connection()
            connection.execute(_UPDATE_OUTCOME, changes)
            connection.execute(insert(Attempt.__table__), attempts)
            for message_id in fallbacks if self.fallback else []:
                fallback = self.fallback(unit, unit.session.get(Message, message_id))
                if fallback is not None:
                    unit.session.flush()
                    follow_ups.append(fallback.id)
            unit.commit()
        for message_id in follow_ups:
            self.send(message_id)
        return statuses

    def _apply(self, unit, row, outcome: str, detail: str, now) -> dict:
        """The message's new state after one attempt (parameters of _UPDATE_OUTCOME)."""
        attempts, text = row.attempts + 1, detail[:2000]
        change = {"b_id": row.id, "b_attempts": attempts, "b_sent_at": row.sent_at,
                  "b_next": row.next_attempt_at, "b_response": text, "b_error": text}
        if outcome == "sent":
            change.update(b_status=SENT, b_sent_at=now, b_error=None)
        elif outcome == "temporary" and attempts < self.policy.max_attempts:
            change.update(b_status=FAILED, b_next=now + self.policy.delay(attempts))
        else:
            change.update(b_status=DEAD)
        status = change["b_status"]
        if status == DEAD or (status == SENT and not row.bulk):
            unit.publish("notification.sent" if status == SENT else "notification.failed", {
                "message_id": row.id, "cause_event_id": row.event_id,
                "cause_event_type": row.event_type, "umkm_id": row.umkm_id,
                "channel": row.channel, "template": row.template, "attempts": attempts,
                "detail": None if status == SENT else detail,
            })
        return change


_RECORDED = (Message.id, Message.attempts, Message.bulk, Message.fallback_channel,
             Message.event_id, Message.event_type, Message.umkm_id, Message.channel,
             Message.template, Message.next_attempt_at, Message.sent_at)
_MESSAGE = Message.__table__
_UPDATE_OUTCOME = update(_MESSAGE).where(_MESSAGE.c.id == bindparam("b_id")).values(
    attempts=bindparam("b_attempts"), lease_until=None, status=bindparam("b_status"),
    sent_at=bindparam("b_sent_at"), next_attempt_at=bindparam("b_next"),
    provider_response=bindparam("b_response"), last_error=bindparam("b_error"))


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]
