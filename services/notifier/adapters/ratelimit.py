"""Provider rate limits shared by every worker process: a token bucket in Redis."""

from __future__ import annotations

import time

import redis

from services.notifier.adapters.channels import Channel, Outgoing
from services.notifier.domain.retry import TemporaryFailure

# KEYS[1] bucket; ARGV: rate per second, capacity, now (s). Returns seconds to wait (0: taken).
_TAKE = """
local rate, capacity, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = (1 - tokens) / rate end
redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', now)
redis.call('EXPIRE', KEYS[1], math.ceil(capacity / rate) + 60)
return tostring(wait)
"""


class TokenBucket:
    def __init__(self, client: redis.Redis, name: str, rate_per_second: float, burst: int):
        self.client, self.key = client, f"notifier:ratelimit:{name}"
        self.rate, self.burst = rate_per_second, max(burst, 1)
        self.script = client.register_script(_TAKE)

    def take(self) -> float:
        """Take a token if one is there (0.0) or say how long until one is."""
        redis_now = self.client.time()
        now = redis_now[0] + redis_now[1] / 1e6  # one clock for every process
        return float(self.script(keys=[self.key], args=[self.rate, self.burst, now]))

    def acquire(self, max_wait: float = 30.0) -> None:
        deadline = time.monotonic() + max_wait
        while (wait := self.take()) > 0:
            if time.monotonic() + wait > deadline:
                raise TemporaryFailure(f"rate limit {self.key}: no token within {max_wait}s")
            time.sleep(min(wait, 1.0))


class RateLimited:
    """A channel that waits for the shared bucket before each send."""

    def __init__(self, channel: Channel, bucket: TokenBucket):
        self.channel, self.bucket = channel, bucket

    def send(self, message: Outgoing) -> str:
        self.bucket.acquire()
        return self.channel.send(message)
