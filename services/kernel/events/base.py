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
