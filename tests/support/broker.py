"""What is waiting on a Redis broker's queue, as the worker would read it."""

from __future__ import annotations

import json

import redis


def queued_messages(url: str, queue: str) -> list[dict]:
    """The kombu messages (headers, properties, body) on `queue`, oldest first."""
    raw = redis.Redis.from_url(url).lrange(queue, 0, -1)
    return [json.loads(message) for message in reversed(raw)]  # LPUSH: the oldest is last
