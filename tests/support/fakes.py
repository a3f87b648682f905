"""Fakes passed in (never patched in): a publisher and channels that record what they are given."""

from __future__ import annotations

import threading


class RecordingPublisher:
    def __init__(self, fail: bool = False):
        self.published: list[tuple[str, str, dict]] = []
        self.acks: list[tuple[str, str]] = []
        self.fail = fail
        self._lock = threading.Lock()

    def publish(self, consumer: str, envelope: dict, task_id: str) -> None:
        if self.fail:
            raise ConnectionError("broker down")
        with self._lock:
            self.published.append((consumer, task_id, envelope))

    def publish_many(self, deliveries) -> None:
        for consumer, envelope, task_id in deliveries:
            self.publish(consumer, envelope, task_id)

    def acknowledge(self, producer: str, delivery: str) -> None:
        with self._lock:
            self.acks.append((producer, delivery))

    def take_acks(self, producer: str, limit: int):
        with self._lock:
            mine = [d for p, d in self.acks if p == producer][:limit]
            self.acks = [(p, d) for p, d in self.acks if not (p == producer and d in mine)]
        return mine, lambda: None


class RecordingChannel:
    def __init__(self, failures: list[Exception] | None = None):
        self.sent = []
        self.failures = list(failures or [])
        self._lock = threading.Lock()

    def send(self, message) -> str:
        with self._lock:
            if self.failures:
                raise self.failures.pop(0)
            self.sent.append(message)
            return "250 OK"


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, **delta):
        from datetime import timedelta

        self.now += timedelta(**delta)
