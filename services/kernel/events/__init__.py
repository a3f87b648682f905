"""The published language: one marshmallow schema per event type and version."""

from services.kernel.events.catalogue import (
    CATALOGUE,
    Catalogue,
    Event,
    EventSchemaError,
    EventType,
)

__all__ = ["CATALOGUE", "Catalogue", "Event", "EventSchemaError", "EventType"]
