"""Personal API tokens: long-lived, revocable bearer tokens staff make for their scripts.

The registry keeps them (only a hash of each); the other services ask it, over a signed
internal call, whose a token is, and remember the answer for `PERSONAL_TOKEN_CACHE_SECONDS`
(so a revoked token stops working everywhere within that time, at once in the registry).
When the registry does not answer the token is refused (nothing is cached then).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable

from flask import Flask

from services.kernel.identity import StaffIdentity
from services.kernel.internal_http import InternalClient, InternalNotFound, InternalServiceError

PREFIX = "mpat_"
RESOLVE_PATH = "/internal/v1/tokens/resolve"
MAX_ENTRIES = 10_000

log = logging.getLogger(__name__)

Fetch = Callable[[str], dict | None]  # token -> identity claims, or None when not valid


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def is_personal(token: str) -> bool:
    return token.startswith(PREFIX)


class CachedResolver:
    """token -> StaffIdentity | None, remembering answers (good and bad) for `ttl` seconds."""

    def __init__(self, fetch: Fetch, ttl: float, clock: Callable[[], float] = time.monotonic):
        self.fetch, self.ttl, self.clock = fetch, ttl, clock
        self._cache: dict[str, tuple[StaffIdentity | None, float]] = {}
        self._lock = threading.Lock()

    def __call__(self, token: str) -> StaffIdentity | None:
        key, now = token_hash(token), self.clock()
        with self._lock:
            hit = self._cache.get(key)
        if hit and hit[1] > now:
            return hit[0]
        try:
            claims = self.fetch(token)
        except InternalServiceError as exc:
            log.warning("personal token not checked, the registry did not answer: %s", exc)
            return None
        identity = StaffIdentity.from_claims(claims) if claims else None
        if self.ttl > 0:
            with self._lock:
                if len(self._cache) >= MAX_ENTRIES:
                    self._cache.clear()
                self._cache[key] = (identity, now + self.ttl)
        return identity


def remote_fetch(config: dict, caller: str) -> Fetch:
    client = InternalClient(config["INTERNAL_URLS"]["registry"], config["INTERNAL_API_KEY"],
                            caller, timeout=config.get("INTERNAL_HTTP_TIMEOUT", 5.0))

    def fetch(token: str) -> dict | None:
        try:
            answer = client.post(RESOLVE_PATH, {"token": token})
        except InternalNotFound:
            return None
        return answer.data.get("claims") if answer.status == 200 and answer.data else None

    return fetch


def init_app(app: Flask, service: str, fetch: Fetch | None = None,
             ttl: float | None = None) -> None:
    """Every service resolves personal tokens; the registry passes its own (local) lookup."""
    app.extensions["personal_tokens"] = CachedResolver(
        fetch or remote_fetch(app.config, service),
        app.config.get("PERSONAL_TOKEN_CACHE_SECONDS", 60) if ttl is None else ttl)
