"""From an event to the messages it causes: one row per (event, channel, recipient, template)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from sqlalchemy import select

from services.kernel.events import Event
from services.kernel.readmodels.umkm_directory import UmkmDirectory
from services.kernel.uow import UnitOfWork
from services.notifier.adapters.templates import TemplateStore
from services.notifier.domain.rules import DEFAULT_RULES, OWNER, Rule, owner_recipients, rules_for
from services.notifier.models import QUEUED, Message

log = logging.getLogger(__name__)


def message_context(event: Event, department: str) -> dict:
    payload = dict(event.payload)
    umkm_id = payload.get("umkm_id") or ""
    return {**payload, "department": department, "ref": umkm_id[:8].upper(),
            "event_type": event.type}


class Composer:
    def __init__(self, templates: TemplateStore, department: str,
                 send_after_commit: Callable[[list[str]], object], directory: UmkmDirectory,
                 rules: Sequence[Rule] = DEFAULT_RULES):
        self.directory = directory
        self.templates = templates
        self.department = department
        self.send_after_commit = send_after_commit
        self.rules = rules

    def on_event(self, event: Event, uow: UnitOfWork) -> list[str]:
        """The consumer's handler: queue every message the rules ask for, then send them."""
        context = message_context(event, self.department)
        created: list[str] = []
        for rule in rules_for(event.type, self.rules):
            if rule.recipient != OWNER:
                continue
            owner = self._owner_contact(event, uow)
            for channel in rule.channels:
                for recipient in owner_recipients(owner, channel):
                    exists = uow.session.execute(select(Message.id).where(
                        Message.event_id == event.event_id, Message.channel == channel,
                        Message.recipient == recipient.address, Message.template == rule.template,
                    )).first()
                    if exists:
                        continue
                    rendered = self.templates.render(rule.template, channel, recipient.locale,
                                                     {**context, "recipient_name": recipient.name})
                    message = Message(
                        event_id=event.event_id, event_type=event.type, template=rule.template,
                        channel=channel, recipient=recipient.address,
                        recipient_name=recipient.name, umkm_id=event.payload.get("umkm_id"),
                        locale=recipient.locale, critical=rule.critical,
                        subject=rendered.subject, body_text=rendered.text,
                        body_html=rendered.html, status=QUEUED, next_attempt_at=event.occurred_at,
                    )
                    uow.session.add(message)
                    uow.session.flush()
                    created.append(message.id)
        if created:
            uow.after_commit(lambda: self.send_after_commit(created))
        return created

    def _owner_contact(self, event: Event, uow: UnitOfWork) -> dict:
        """umkm.* events carry the owner's contacts; other events name the UMKM, whose contacts
        this service keeps from the umkm.* events."""
        payload = event.payload
        if "phone" in payload or "umkm_id" not in payload:
            return payload
        known = self.directory.get(uow, payload["umkm_id"]) or {}
        return {**payload, **{k: known.get(k) for k in ("phone", "email", "locale")}}
