"""The published language: every event's example is valid on the producer's side and on every
consumer's side, every subscription has a handler, and no event carries a NIK."""

import json
import re
import subprocess
import sys

import pytest
from marshmallow import fields

from services.kernel.clock import utcnow
from services.kernel.events import CATALOGUE, EventSchemaError
from services.kernel.events.catalogue import make_envelope

EVENT_TYPES = list(CATALOGUE)


@pytest.mark.parametrize("event_type", EVENT_TYPES, ids=lambda t: f"{t.name}.v{t.version}")
def test_example_is_valid_for_the_producer(event_type):
    dumped = CATALOGUE.serialize_payload(event_type.name, event_type.version, event_type.example)
    assert json.loads(json.dumps(dumped)) == dumped


@pytest.mark.parametrize("event_type", EVENT_TYPES, ids=lambda t: f"{t.name}.v{t.version}")
def test_example_parses_on_the_consumer_side(event_type):
    envelope = make_envelope(event_type, event_type.example, utcnow())
    event = CATALOGUE.parse(json.loads(json.dumps(envelope)))
    assert (event.type, event.version, event.producer) == (
        event_type.name, event_type.version, event_type.producer)


@pytest.mark.parametrize("event_type", EVENT_TYPES, ids=lambda t: f"{t.name}.v{t.version}")
def test_no_event_carries_a_nik(event_type):
    def names(schema_fields):
        for name, field in schema_fields.items():
            yield name
            if isinstance(field, fields.Nested):
                yield from names(field.schema.fields)

    assert not [n for n in names(event_type.schema().fields) if "nik" in n.lower()]
    assert not re.search(r"\b\d{16}\b", json.dumps(event_type.example))


def test_producer_refuses_an_invalid_payload():
    bad = dict(CATALOGUE.get("umkm.registered").example, scale="raksasa")
    with pytest.raises(EventSchemaError):
        CATALOGUE.serialize_payload("umkm.registered", None, bad)
    with pytest.raises(EventSchemaError):
        CATALOGUE.serialize_payload("umkm.registered", None,
                                    {**CATALOGUE.get("umkm.registered").example, "nik": "1"})


def test_consumer_tolerates_a_field_it_does_not_know_yet():
    event_type = CATALOGUE.get("umkm.registered")
    envelope = make_envelope(event_type, {**event_type.example, "added_later": 1}, utcnow())
    assert "added_later" not in CATALOGUE.parse(envelope).payload


def test_consumer_refuses_a_broken_envelope():
    with pytest.raises(EventSchemaError):
        CATALOGUE.parse({"type": "umkm.registered", "payload": {}})


CONSUMER_HANDLERS = """
import json, sys
from services.kernel.config import service_config
from services.kernel.events import CATALOGUE
from services.{service}.bootstrap import bootstrap
config = service_config("{service}")
config.update(DATABASE_URL="sqlite://", RELAY_NUDGE=False)
{extra}
container = bootstrap(config)
print(json.dumps(sorted(container.runtime.consumer.handlers)))
"""


@pytest.mark.parametrize("service", ["registry", "bazaar", "training", "notifier"])
def test_every_subscription_has_a_handler(service):
    extra = ""
    if service == "notifier":
        extra = ("from services.notifier.settings import notifier_settings\n"
                 "import os\nconfig.update(notifier_settings(os.environ))")
    script = CONSUMER_HANDLERS.format(service=service, extra=extra)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout
    handled = set(json.loads(out.strip().splitlines()[-1]))
    subscribed = {t.name for t in CATALOGUE.consumed_by(service)}
    assert subscribed <= handled, f"{service}: no handler for {subscribed - handled}"
