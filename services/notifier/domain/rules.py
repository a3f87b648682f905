"""Which events reach whom, on which channels, with which template (the defaults)."""

from __future__ import annotations

from dataclasses import dataclass

EMAIL, SMS, WHATSAPP = "email", "sms", "whatsapp"
CHANNELS = (EMAIL, SMS, WHATSAPP)
OWNER = "owner"


@dataclass(frozen=True)
class Rule:
    event_type: str
    template: str
    recipient: str
    channels: tuple[str, ...]
    critical: bool = False


DEFAULT_RULES = (
    Rule("umkm.registered", "umkm.registered", OWNER, (EMAIL, SMS)),
    Rule("umkm.verified", "umkm.verified", OWNER, (EMAIL, SMS)),
)


def rules_for(event_type: str, rules=DEFAULT_RULES) -> list[Rule]:
    return [rule for rule in rules if rule.event_type == event_type]


@dataclass(frozen=True)
class Recipient:
    address: str  # an email address or an E.164 phone number
    name: str
    locale: str = "id"


def owner_recipients(payload: dict, channel: str) -> list[Recipient]:
    """The owner's address for a channel, from the event payload; none when it has none."""
    address = payload.get("email") if channel == EMAIL else payload.get("phone")
    if not address:
        return []
    return [Recipient(address=address, name=payload.get("owner_name") or "",
                      locale=payload.get("locale") or "id")]
