"""Which events reach whom, on which channels, with which template (the defaults)."""

from __future__ import annotations

from dataclasses import dataclass, field

EMAIL, SMS, WHATSAPP = "email", "sms", "whatsapp"
CHANNELS = (EMAIL, SMS, WHATSAPP)

# Who a rule addresses.
OWNER = "owner"          # the UMKM's owner: contacts from the payload or the local directory
OFFICER = "officer"      # the staff member the payload names (payload["officer"])
STAFF = "staff"          # staff by role (and the UMKM's kecamatan), asked of the registry
ELIGIBLE = "eligible"    # every eligible UMKM (mass fan-out on the bulk queue)

# Categories an owner may opt out of, per channel.
ACCOUNT, BAZAAR, TRAINING, CERTIFICATE, RETAIL, OPERATIONS = (
    "account", "bazaar", "training", "certificate", "retail", "operations")
CATEGORIES = (ACCOUNT, BAZAAR, TRAINING, CERTIFICATE, RETAIL, OPERATIONS)


@dataclass(frozen=True)
class Rule:
    event_type: str
    template: str
    recipient: str
    channels: tuple[str, ...]
    category: str = ACCOUNT
    critical: bool = False
    roles: tuple[str, ...] = ()                  # for STAFF
    fallback: dict[str, str] = field(default_factory=dict)  # channel -> next channel
    when: tuple[str, object] | None = None        # (payload key, value) the event must carry
    # SMS / WhatsApp wait out quiet hours, except a receipt answering what the owner just did.
    quiet_hours: bool = True

    def applies(self, payload: dict) -> bool:
        if self.when is None:
            return True
        key, value = self.when
        return payload.get(key) == value

    @property
    def bulk(self) -> bool:
        return self.recipient == ELIGIBLE


# Events the notifier hears but tells nobody about by default (a rule may be added later).
SILENT_EVENTS = frozenset({
    "umkm.updated", "umkm.deactivated", "bazaar.closed", "bazaar.sales_reported",
    "training.scheduled", "training.participant_completed", "visit.completed",
})

# Messages to owners, one by one.
DEFAULT_RULES = (
    Rule("umkm.registered", "umkm.registered", OWNER, (EMAIL, SMS), quiet_hours=False),
    Rule("umkm.verified", "umkm.verified", OWNER, (EMAIL, SMS)),
    Rule("umkm.rejected", "umkm.rejected", OWNER, (EMAIL, SMS), critical=True),
    Rule("product.certificate_expiring", "product.certificate_expiring", OWNER, (EMAIL, SMS),
         category=CERTIFICATE),
    Rule("bazaar.stall_allocated", "bazaar.stall_allocated", OWNER, (EMAIL, WHATSAPP),
         category=BAZAAR, fallback={WHATSAPP: SMS}),
    Rule("bazaar.reminder", "bazaar.reminder", OWNER, (WHATSAPP,), category=BAZAAR,
         fallback={WHATSAPP: SMS}),
    Rule("bazaar.sales_report_requested", "bazaar.sales_report_requested", OWNER, (EMAIL,),
         category=BAZAAR),
    # A stall or an application the owner counts on changed: told even after an opt-out.
    Rule("bazaar.rescheduled", "bazaar.rescheduled", OWNER, (EMAIL, SMS), category=BAZAAR,
         critical=True),
    Rule("bazaar.cancelled", "bazaar.cancelled", OWNER, (EMAIL, SMS), category=BAZAAR,
         critical=True),
    Rule("bazaar.stall_revoked", "bazaar.stall_revoked", OWNER, (EMAIL, SMS),
         category=BAZAAR, critical=True),
    Rule("retail.product_listed", "retail.product_listed", OWNER, (EMAIL,), category=RETAIL),
    Rule("training.enrolled", "training.enrolled", OWNER, (EMAIL, SMS), category=TRAINING,
         when=("promoted_from_waitlist", False)),
    Rule("training.enrolled", "training.promoted", OWNER, (EMAIL, SMS), category=TRAINING,
         when=("promoted_from_waitlist", True)),
    Rule("training.waitlisted", "training.waitlisted", OWNER, (EMAIL, SMS), category=TRAINING),
    Rule("aid.handed_over", "aid.handed_over", OWNER, (EMAIL,), category=TRAINING,
         critical=True),
    Rule("visit.scheduled", "visit.scheduled", OWNER, (WHATSAPP,), category=TRAINING,
         fallback={WHATSAPP: SMS}),
)

# Messages to staff, and the mass invitation.
STAFF_RULES = (
    Rule("visit.scheduled", "visit.assigned", OFFICER, (EMAIL,), category=OPERATIONS,
         critical=True),
    Rule("visit.overdue", "visit.overdue", STAFF, (EMAIL,), category=OPERATIONS,
         roles=("training_coordinator",), critical=True),
    Rule("retail.mou_expiring", "retail.mou_expiring", STAFF, (EMAIL,), category=RETAIL,
         roles=("bazaar_coordinator", "admin"), critical=True),
)
BULK_RULES = (
    Rule("bazaar.scheduled", "bazaar.invitation", ELIGIBLE, (EMAIL, SMS), category=BAZAAR),
)
ALL_RULES = DEFAULT_RULES + STAFF_RULES + BULK_RULES


def rules_for(event_type: str, rules=ALL_RULES) -> list[Rule]:
    return [rule for rule in rules if rule.event_type == event_type and rule.channels]


@dataclass(frozen=True)
class Recipient:
    address: str  # an email address or an E.164 phone number
    name: str
    locale: str = "id"


def address_for(contact: dict, channel: str) -> str | None:
    return contact.get("email") if channel == EMAIL else contact.get("phone")


def owner_recipients(payload: dict, channel: str) -> list[Recipient]:
    """The owner's address for a channel, from the event payload; none when it has none."""
    address = address_for(payload, channel)
    if not address:
        return []
    return [Recipient(address=address, name=payload.get("owner_name") or "",
                      locale=payload.get("locale") or "id")]


def people_recipients(people: list[dict], channel: str) -> list[Recipient]:
    """Staff (officer or role holders) with an address for the channel, each once."""
    seen, out = set(), []
    for person in people:
        address = address_for(person, channel)
        if address and address not in seen:
            seen.add(address)
            out.append(Recipient(address=address, name=person.get("name") or "",
                                 locale=person.get("locale") or "id"))
    return out


def sends_receipt(event_type: str, payload: dict) -> bool:
    """Owners imported in bulk by staff get no registration receipt."""
    return not (event_type == "umkm.registered" and payload.get("source") == "import")
