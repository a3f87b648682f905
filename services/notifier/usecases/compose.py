"""From an event to the messages it causes: one row per (event, channel, recipient, template)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy import select

from services.kernel.clock import utcnow
from services.kernel.events import Event
from services.kernel.readmodels.umkm_directory import UmkmDirectory
from services.kernel.uow import UnitOfWork
from services.notifier.adapters.templates import TemplateStore
from services.notifier.domain.quiet import not_before
from services.notifier.domain.rules import (
    ALL_RULES,
    EMAIL,
    OFFICER,
    OWNER,
    STAFF,
    Recipient,
    Rule,
    owner_recipients,
    people_recipients,
    rules_for,
    sends_receipt,
)
from services.notifier.models import QUEUED, Campaign, Message, TemplateVersion, new_id
from services.notifier.usecases.consent import UnsubscribeLinks, allowed, refusals

log = logging.getLogger(__name__)


def message_context(event_type: str, payload: dict, department: str) -> dict:
    payload = json.loads(json.dumps(payload, default=str))
    umkm_id = payload.get("umkm_id") or ""
    return {**payload, "department": department, "ref": umkm_id[:8].upper(),
            "event_type": event_type}


def owner_context(event_type: str, payload: dict, owner: dict, department: str) -> dict:
    """message_context(event_type, {**payload, **owner}, department) for one of many owners of
    one event, whose `payload` went through JSON already (once, by the caller): the owner's
    fields are text, so the whole payload need not go through JSON again for every message.
    The nested values of `payload` are shared between the owners' contexts, read only."""
    if not all(value is None or type(value) is str for value in owner.values()):
        return message_context(event_type, {**payload, **owner}, department)
    merged = {**payload, **owner}
    umkm_id = merged.get("umkm_id") or ""
    return {**merged, "department": department, "ref": umkm_id[:8].upper(),
            "event_type": event_type}


def template_overrides(uow: UnitOfWork, template: str, locale: str) -> dict[str, str]:
    """The newest staff edit of each part of a template in a locale."""
    rows = uow.session.execute(
        select(TemplateVersion.part, TemplateVersion.body)
        .where(TemplateVersion.template == template, TemplateVersion.locale == locale)
        .order_by(TemplateVersion.version)
    ).all()
    return {part: body for part, body in rows}


class Composer:
    def __init__(self, templates: TemplateStore, department: str,
                 dispatch_new: Callable[[list[Message]], Callable[[], object]],
                 directory: UmkmDirectory,
                 rules: Sequence[Rule] = ALL_RULES, *, staff=None,
                 links: UnsubscribeLinks | None = None,
                 start_campaign: Callable[[str], object] | None = None,
                 clock: Callable[[], datetime] = utcnow):
        self.directory = directory
        self.clock = clock  # the dispatcher's too: a message made now is due by that clock
        self.templates = templates
        self.department = department
        # (new messages in the caller's transaction) -> what sends them after its commit
        self.dispatch_new = dispatch_new
        self.rules = rules
        self.staff = staff
        self.links = links
        self.start_campaign = start_campaign

    def on_event(self, event: Event, uow: UnitOfWork) -> list[str]:
        """The consumer's handler: queue every message the rules ask for, then send them."""
        if not sends_receipt(event.type, event.payload):
            return []
        planned: list[tuple[Rule, str, Recipient]] = []
        for rule in rules_for(event.type, self.rules):
            if not rule.applies(event.payload):
                continue
            if rule.bulk:
                self._campaign(event, rule, uow)
                continue
            contact = self._contact(event, rule, uow)
            for channel in rule.channels:
                planned.extend((rule, channel, recipient)
                               for recipient in self._recipients(rule, contact, channel))
        messages = self._queue_planned(uow, event, planned)
        if messages:
            uow.after_commit(self.dispatch_new(messages))
        return [message.id for message in messages]

    def _queue_planned(self, uow: UnitOfWork, event: Event,
                       planned: list[tuple[Rule, str, Recipient]]) -> list[Message]:
        """One event's messages, as `queue` would add them one by one, with what they have to
        know read once: the messages this event has already, consent, template edits."""
        if not planned:
            return []
        existing = {tuple(row) for row in uow.session.execute(
            select(Message.channel, Message.recipient, Message.template)
            .where(Message.event_id == event.event_id))}
        refused = refusals(uow, [recipient.address for _, _, recipient in planned],
                           event.payload.get("umkm_id"))
        overrides: dict[tuple[str, str], dict] = {}
        created: list[Message] = []
        for rule, channel, recipient in planned:
            key = (channel, recipient.address, rule.template)
            if key in existing:
                continue
            existing.add(key)
            if not rule.critical and refused(recipient.address, channel, rule.category):
                continue
            edits = (rule.template, recipient.locale)
            if edits not in overrides:
                overrides[edits] = template_overrides(uow, *edits)
            message = self.queue(uow, rule, event.event_id, event.type, event.payload, channel,
                                 recipient, event.occurred_at, overrides=overrides[edits],
                                 check_duplicate=False, check_consent=False)
            created.append(message)
        return created

    def queue(self, uow: UnitOfWork, rule: Rule, event_id: str, event_type: str,
              payload: dict, channel: str, recipient: Recipient, at: datetime, *,
              bulk: bool = False, overrides: dict | None = None,
              check_duplicate: bool = True, check_consent: bool = True) -> Message | None:
        """One message row, unless it exists already or the recipient said no."""
        umkm_id = payload.get("umkm_id")
        if check_duplicate and uow.session.execute(select(Message.id).where(
                Message.event_id == event_id, Message.channel == channel,
                Message.recipient == recipient.address, Message.template == rule.template,
        )).first():
            return None
        if check_consent and not rule.critical and not allowed(
                uow, address=recipient.address, channel=channel, umkm_id=umkm_id,
                category=rule.category):
            return None
        message = Message(**self.message_row(
            uow, rule, event_id, event_type, message_context(event_type, payload,
                                                             self.department),
            channel, recipient, at, umkm_id=umkm_id, bulk=bulk, overrides=overrides))
        uow.session.add(message)  # written with the next query or the commit
        return message

    def message_row(self, uow: UnitOfWork, rule: Rule, event_id: str, event_type: str,
                    base: dict, channel: str, recipient: Recipient, at: datetime, *,
                    umkm_id: str | None, bulk: bool = False,
                    overrides: dict | None = None) -> dict:
        """The columns of the message `queue` adds (no checks), rendered from `base`, the
        message_context of the event's payload, which it does not change."""
        context = {**base, "recipient_name": recipient.name}
        rendered = self._render(uow, rule, channel, recipient, context, overrides)
        return {
            "id": new_id(), "event_id": event_id, "event_type": event_type,
            "template": rule.template, "channel": channel, "recipient": recipient.address,
            "recipient_name": recipient.name, "umkm_id": umkm_id, "locale": recipient.locale,
            "critical": rule.critical, "category": rule.category, "bulk": bulk,
            "fallback_channel": rule.fallback.get(channel), "subject": rendered.subject,
            "body_text": rendered.text, "body_html": rendered.html, "status": QUEUED,
            "quiet_hours": rule.quiet_hours,
            "next_attempt_at": not_before(channel, at) if rule.quiet_hours else at,
            "context": context if rule.fallback.get(channel) else None,
        }

    def _render(self, uow, rule: Rule, channel, recipient, context, overrides=None):
        if overrides is None:
            overrides = template_overrides(uow, rule.template, recipient.locale)
        if channel == EMAIL and self.links is not None:
            context = {**context, "unsubscribe_url": self.links.url(
                recipient.address, context.get("umkm_id"), rule.category)}
        return self.templates.render(rule.template, channel, recipient.locale, context,
                                     overrides)

    def fallback(self, uow: UnitOfWork, failed: Message) -> Message | None:
        """A WhatsApp or SMS message that failed for good, again on the rule's next channel."""
        rule = Rule(failed.event_type, failed.template, OWNER, (failed.fallback_channel,),
                    category=failed.category, critical=failed.critical)
        recipient = Recipient(failed.recipient, failed.recipient_name or "", failed.locale)
        payload = dict(failed.context or {})
        message = self.queue(uow, rule, failed.event_id, failed.event_type, payload,
                             failed.fallback_channel, recipient, self.clock())
        if message is not None:
            message.fallback_of = failed.id
        return message

    def _campaign(self, event: Event, rule: Rule, uow: UnitOfWork) -> None:
        """A mass fan-out is only recorded here; the bulk queue works through it in batches."""
        if uow.session.execute(select(Campaign.id).where(
                Campaign.event_id == event.event_id)).first():
            return
        campaign = Campaign(event_id=event.event_id, event_type=event.type,
                            template=rule.template, payload=json.loads(json.dumps(
                                event.payload, default=str)), occurred_at=event.occurred_at)
        uow.session.add(campaign)
        uow.session.flush()
        if self.start_campaign is not None:
            campaign_id = campaign.id
            uow.after_commit(lambda: self.start_campaign(campaign_id))

    def _contact(self, event: Event, rule: Rule, uow: UnitOfWork) -> dict:
        payload = event.payload
        if rule.recipient == OWNER:
            return self._owner_contact(event, uow)
        known = self.directory.get(uow, payload["umkm_id"]) if "umkm_id" in payload else None
        return {**payload, "kecamatan": payload.get("kecamatan") or (known or {}).get("kecamatan")}

    def _recipients(self, rule: Rule, contact: dict, channel: str) -> list[Recipient]:
        if rule.recipient == OWNER:
            return owner_recipients(contact, channel)
        if rule.recipient == OFFICER:
            return people_recipients([contact["officer"]] if contact.get("officer") else [],
                                     channel)
        if rule.recipient == STAFF and self.staff is not None:
            people = [p for role in rule.roles
                      for p in self.staff.by_role(role, contact.get("kecamatan"))]
            return people_recipients(people, channel)
        return []

    def _owner_contact(self, event: Event, uow: UnitOfWork) -> dict:
        """umkm.* events carry the owner's contacts; other events name the UMKM, whose contacts
        this service keeps from the umkm.* events."""
        payload = event.payload
        if "phone" in payload or "umkm_id" not in payload:
            return payload
        known = self.directory.get(uow, payload["umkm_id"]) or {}
        return {**payload, **{k: known.get(k) for k in ("phone", "email", "locale")}}
