"""A notifier on SQLite or PostgreSQL with the channels and clock a test gives it."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from services.kernel.events import CATALOGUE
from services.kernel.events.catalogue import make_envelope
from services.notifier.bootstrap import bootstrap
from services.notifier.domain.retry import RetryPolicy
from services.notifier.domain.rules import EMAIL, SMS, WHATSAPP
from tests.support.fakes import RecordingChannel, RecordingPublisher

# 10:00 WIB: no quiet hours.
DAYTIME = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)


class MovingClock:
    """Starts at `start` and runs with real time; `jump()` moves it."""

    def __init__(self, start: datetime):
        self.start, self.began = start, time.monotonic()

    def jump(self, to: datetime) -> None:
        self.start, self.began = to, time.monotonic()

    def __call__(self) -> datetime:
        from datetime import timedelta

        return self.start + timedelta(seconds=time.monotonic() - self.began)


class StaticStaff:
    """Staff as the registry would list them (the registry itself is exercised elsewhere)."""

    def __init__(self, people: list[dict] | None = None):
        self.people = people or []

    def by_role(self, role, kecamatan=None):
        return [p for p in self.people if role in p["roles"]
                and (kecamatan is None or not p.get("kecamatan") or kecamatan in p["kecamatan"])]


def event(event_type: str, at: datetime = DAYTIME, **payload) -> dict:
    kind = CATALOGUE.get(event_type)
    return make_envelope(kind, {**kind.example, **payload}, at)


@pytest.fixture
def notifier_on(platform_any):
    platform = platform_any
    built = []

    def build(clock_start: datetime = DAYTIME, staff=None, start_campaign=None, **channels):
        defaults = {EMAIL: RecordingChannel(), SMS: RecordingChannel(),
                    WHATSAPP: RecordingChannel()}
        container = bootstrap(platform.settings("notifier"), publisher=RecordingPublisher(),
                              nudge=False, channels=defaults | channels,
                              staff=staff or StaticStaff(),
                              start_campaign=start_campaign or (lambda _id: None),
                              clock=MovingClock(clock_start))
        container.dispatcher.policy = RetryPolicy(base_seconds=0.01, max_seconds=0.05,
                                                  max_attempts=4)
        built.append(container)
        return container

    yield build
    for container in built:
        container.runtime.dispose()
