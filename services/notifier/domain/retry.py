"""When a message that failed for now is tried again."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta


class TemporaryFailure(Exception):
    """The channel may accept it later (connection refused, 4xx SMTP, 5xx / 429 gateway)."""


class PermanentFailure(Exception):
    """The channel will never accept it (5xx SMTP, 4xx gateway, an invalid address)."""


@dataclass(frozen=True)
class RetryPolicy:
    base_seconds: float = 30.0
    max_seconds: float = 3600.0
    max_attempts: int = 6
    jitter: float = 0.25

    def delay(self, attempts: int) -> timedelta:
        """Exponential backoff with jitter after the `attempts`-th failed attempt."""
        base = min(self.base_seconds * 2 ** max(attempts - 1, 0), self.max_seconds)
        return timedelta(seconds=base * (1 + random.uniform(0, self.jitter)))
