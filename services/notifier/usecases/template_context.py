"""What a message template is rendered with: the sample data its editor previews on, built as
the composer builds the context of a real message, and the names a template may use in it."""

from __future__ import annotations

from collections.abc import Mapping

from services.kernel.events import CATALOGUE
from services.notifier.domain.rules import EMAIL, OWNER, Rule
from services.notifier.usecases.compose import message_context, owner_context

EMAIL_PARTS = ("subject.txt", "email.txt", "email.html")
SAMPLE_OWNER = {"umkm_id": "3f1c8a52-6a0e-4c55-9a39-2f7d5c8f0b11",
                "business_name": "Keripik Pisang Bu Sri", "owner_name": "Sri Wahyuni",
                "email": "sri.wahyuni@example.id", "phone": "+6281234567890", "locale": "id"}
SAMPLE_STAFF_NAME = "Rahmat Hidayat"


def rule_context(rule: Rule, department: str, *, email: bool) -> dict:
    """The context a message of `rule` is rendered with, on the event's example payload: the
    payload with `department`, `ref` and `event_type` (message_context); the owner's names and
    contacts for each owner of a mass invitation (owner_context); the recipient's name; and,
    in an email only, the unsubscribe link."""
    payload = dict(CATALOGUE.get(rule.event_type).example)
    if rule.bulk:
        base = owner_context(rule.event_type, payload, SAMPLE_OWNER, department)
    else:
        base = message_context(rule.event_type, payload, department)
    recipient = (base.get("owner_name") if rule.recipient == OWNER or rule.bulk else None)
    context = {**base, "recipient_name": recipient or SAMPLE_STAFF_NAME}
    if email:
        context["unsubscribe_url"] = "#"
    return context


def channel_context(rule: Rule, department: str, channel: str) -> dict:
    return rule_context(rule, department, email=channel == EMAIL)


def part_context(rule: Rule, department: str, part: str) -> dict:
    """The context of the channel a part is sent on (an email's parts have the unsubscribe
    link; an SMS or WhatsApp text has not)."""
    return rule_context(rule, department, email=part in EMAIL_PARTS)


def usable_names(context: Mapping) -> list[str]:
    """Every name a template can write for `context`, nested ones with their path
    (`bazaar.title`), sorted. A list is one name: its items are reached through a loop."""
    names: list[str] = []
    for key, value in context.items():
        if isinstance(value, Mapping) and value:
            names.extend(f"{key}.{name}" for name in usable_names(value))
        else:
            names.append(str(key))
    return sorted(names)
