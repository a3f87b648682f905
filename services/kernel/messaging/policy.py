"""When an unacknowledged delivery is sent again, and when it is given up (dead-lettered)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class RedeliveryPolicy:
    ack_timeout: float = 30.0  # seconds to wait for the first acknowledgement
    backoff_max: float = 900.0
    max_attempts: int = 10
    jitter: float = 0.1
    claim_seconds: float = 60.0  # a relay that dies while publishing holds its batch this long

    def wait_after(self, attempts: int) -> timedelta:
        """Time to wait for an acknowledgement after the `attempts`-th send (1-based)."""
        base = min(self.ack_timeout * (2 ** max(attempts - 1, 0)), self.backoff_max)
        return timedelta(seconds=base * (1 + random.uniform(0, self.jitter)))

    @classmethod
    def from_config(cls, config: dict) -> RedeliveryPolicy:
        return cls(
            ack_timeout=config["EVENT_ACK_TIMEOUT"],
            backoff_max=config["EVENT_BACKOFF_MAX"],
            max_attempts=config["EVENT_MAX_ATTEMPTS"],
            claim_seconds=config["RELAY_CLAIM"],
        )
