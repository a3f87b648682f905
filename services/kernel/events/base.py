"""Building blocks for event schemas."""

from __future__ import annotations

from dataclasses import dataclass

from marshmallow import Schema, fields, validate

Id = fields.String(required=True, validate=validate.Length(min=1, max=64))


class Payload(Schema):
    """Base of every event payload. Events carry no NIK: a test checks every schema."""

    class Meta:
        ordered = True


def phone():
    return fields.String(
        required=True, allow_none=True, validate=validate.Regexp(r"^\+[1-9][0-9]{6,14}$")
    )


def email():
    return fields.Email(required=True, allow_none=True)


def locale():
    return fields.String(load_default="id", validate=validate.OneOf(["id", "en"]))


@dataclass(frozen=True)
class EventType:
    name: str
    version: int
    producer: str
    schema: type[Schema]
    consumers: tuple[str, ...]
    example: dict
    description: str = ""


class UmkmRef(Payload):
    """Base of events about one UMKM: its id and names for display. Contacts (phone, email) are
    not repeated; the notifier keeps them from the umkm.* events. No event carries a NIK."""

    umkm_id = fields.String(required=True)
    business_name = fields.String(required=True)
    owner_name = fields.String(required=True)


UMKM_REF_EXAMPLE = {
    "umkm_id": "3f1c8a52-6a0e-4c55-9a39-2f7d5c8f0b11",
    "business_name": "Keripik Pisang Bu Sri",
    "owner_name": "Sri Wahyuni",
}


class StaffRef(Payload):
    """A staff member an event names (e.g. the field officer of a visit)."""

    staff_id = fields.String(required=True)
    name = fields.String(required=True)
    email = fields.Email(required=True, allow_none=True)
    phone = fields.String(required=True, allow_none=True)
