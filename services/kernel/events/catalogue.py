"""The event catalogue: every event type, its versions, its producer and its subscribers."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, validate

from services.kernel.events import bazaar, notification, training, umkm
from services.kernel.events.base import EventType


class EventSchemaError(ValueError):
    """An envelope or payload that does not match the catalogue."""

    def __init__(self, message: str, errors: Any = None):
        super().__init__(message if errors is None else f"{message}: {errors}")
        self.errors = errors


@dataclass(frozen=True)
class Event:
    """An event as a consumer sees it: envelope fields and its validated payload."""

    event_id: str
    type: str
    version: int
    occurred_at: datetime
    producer: str
    payload: dict
    correlation_id: str | None = None
    envelope: dict = field(default_factory=dict, compare=False, repr=False)


class Envelope(Schema):
    class Meta:
        unknown = EXCLUDE

    event_id = fields.UUID(required=True)
    type = fields.String(required=True)
    version = fields.Integer(required=True, validate=validate.Range(min=1))
    occurred_at = fields.AwareDateTime(required=True)
    producer = fields.String(required=True)
    correlation_id = fields.String(load_default=None, allow_none=True)
    payload = fields.Dict(required=True)


class Catalogue:
    def __init__(self, types: Iterable[EventType]):
        self._types: dict[tuple[str, int], EventType] = {}
        for event_type in types:
            key = (event_type.name, event_type.version)
            if key in self._types:
                raise ValueError(f"event {key} declared twice")
            self._types[key] = event_type
        self._latest = {name: max(v for (n, v) in self._types if n == name)
                        for name, _ in self._types}
        # Schema instances are stateless between load/dump calls: build each one once.
        self._schemas: dict[tuple[str, int, str], Schema] = {}
        self._envelope = Envelope()

    def _schema(self, event_type: EventType, unknown: str) -> Schema:
        key = (event_type.name, event_type.version, unknown)
        schema = self._schemas.get(key)
        if schema is None:
            schema = self._schemas[key] = event_type.schema(unknown=unknown)
        return schema

    def __iter__(self):
        return iter(sorted(self._types.values(), key=lambda t: (t.name, t.version)))

    def names(self) -> list[str]:
        return sorted({name for name, _ in self._types})

    def get(self, name: str, version: int | None = None) -> EventType:
        if version is None:
            if name not in self._latest:
                raise EventSchemaError(f"unknown event type {name!r}")
            version = self._latest[name]
        try:
            return self._types[(name, version)]
        except KeyError:
            raise EventSchemaError(f"unknown event type {name!r} version {version}") from None

    def consumed_by(self, service: str) -> list[EventType]:
        return [t for t in self if service in t.consumers]

    def produced_by(self, service: str) -> list[EventType]:
        return [t for t in self if t.producer == service]

    def serialize_payload(self, name: str, version: int | None, payload: dict) -> dict:
        """Producer side: payload (Python values) -> JSON-safe dict, strictly validated."""
        event_type = self.get(name, version)
        schema = self._schema(event_type, RAISE)
        try:
            dumped = schema.dump(schema.load(payload))
        except ValidationError as exc:
            raise EventSchemaError(f"invalid {name} payload", exc.messages) from exc
        return dumped

    def parse(self, envelope: dict) -> Event:
        """Consumer side: envelope -> Event, payload validated (unknown fields tolerated)."""
        try:
            head = self._envelope.load(envelope)
        except ValidationError as exc:
            raise EventSchemaError("invalid event envelope", exc.messages) from exc
        event_type = self.get(head["type"], head["version"])
        try:
            payload = self._schema(event_type, EXCLUDE).load(head["payload"])
        except ValidationError as exc:
            raise EventSchemaError(f"invalid {head['type']} payload", exc.messages) from exc
        return Event(
            event_id=str(head["event_id"]),
            type=head["type"],
            version=head["version"],
            occurred_at=head["occurred_at"],
            producer=head["producer"],
            payload=payload,
            correlation_id=head["correlation_id"],
            envelope=envelope,
        )


def make_envelope(
    event_type: EventType, payload: dict, occurred_at: datetime, correlation_id: str | None = None,
    event_id: str | None = None,
) -> dict:
    return {
        "event_id": event_id or str(uuid.uuid4()),
        "type": event_type.name,
        "version": event_type.version,
        "occurred_at": occurred_at.isoformat(),
        "producer": event_type.producer,
        "correlation_id": correlation_id,
        "payload": payload,
    }


CATALOGUE = Catalogue([*umkm.TYPES, *training.TYPES, *bazaar.TYPES, *notification.TYPES])
