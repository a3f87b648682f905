"""Events published by the notifier."""

from __future__ import annotations

from marshmallow import fields, validate

from services.kernel.events.base import EventType, Payload

CHANNELS = ["email", "sms", "whatsapp"]


class NotificationOutcomeV1(Payload):
    message_id = fields.String(required=True)
    cause_event_id = fields.String(required=True)
    cause_event_type = fields.String(required=True)
    umkm_id = fields.String(required=True, allow_none=True)
    channel = fields.String(required=True, validate=validate.OneOf(CHANNELS))
    template = fields.String(required=True)
    attempts = fields.Integer(required=True)
    detail = fields.String(required=True, allow_none=True)


_OUTCOME = {
    "message_id": "8b0d7c1e-0d8a-4a51-9d0e-3e1b2f4c5d6a",
    "cause_event_id": "a7c4f3e2-1b0d-4c9a-8e7f-6d5c4b3a2f10",
    "cause_event_type": "umkm.registered",
    "umkm_id": "3f1c8a52-6a0e-4c55-9a39-2f7d5c8f0b11",
    "channel": "email",
    "template": "umkm.registered",
    "attempts": 1,
    "detail": None,
}

EXAMPLES = {
    "notification.sent": dict(_OUTCOME),
    "notification.failed": {**_OUTCOME, "channel": "sms", "attempts": 6,
                            "detail": "gateway answered 400: invalid number"},
}


def _type(name: str, description: str):
    return EventType(name, 1, "notifier", NotificationOutcomeV1, (), EXAMPLES[name], description)


TYPES = [
    _type("notification.sent", "A message reached its channel."),
    _type("notification.failed", "A message failed for good (dead letter)."),
]
