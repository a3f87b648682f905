"""Signed service-to-service HTTP under /internal/v1/: HMAC over method, path, timestamp, body."""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import time
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import requests

from services.kernel.logging import request_id_var

HEADER_CALLER = "X-Internal-Caller"
HEADER_TIMESTAMP = "X-Internal-Timestamp"
HEADER_SIGNATURE = "X-Internal-Signature"
MAX_SKEW_SECONDS = 300


def signature(key: str, method: str, path: str, timestamp: str, body: bytes) -> str:
    message = "\n".join(
        [method.upper(), path, timestamp, hashlib.sha256(body or b"").hexdigest()]
    ).encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def verify(key: str, method: str, path: str, headers, body: bytes,
           now: float | None = None) -> bool:
    """True when the request carries a valid, fresh signature. `path` includes the query."""
    timestamp = headers.get(HEADER_TIMESTAMP, "")
    given = headers.get(HEADER_SIGNATURE, "")
    try:
        age = abs((now or time.time()) - float(timestamp))
    except ValueError:
        return False
    if not math.isfinite(age) or age > MAX_SKEW_SECONDS or not given:  # "nan" never expires
        return False
    # As bytes: compare_digest refuses a str with characters beyond ASCII.
    expected = signature(key, method, path, timestamp, body)
    return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), expected.encode())


class InternalServiceError(Exception):
    """The other service could not answer (down, timed out or failed)."""


class InternalNotFound(Exception):
    pass


@dataclass
class InternalResponse:
    status: int
    data: dict | list | None


class InternalClient:
    def __init__(self, base_url: str, key: str, caller: str, timeout: float = 5.0,
                 session: requests.Session | None = None):
        self.base_url = base_url.rstrip("/")
        self.key = key
        self.caller = caller
        self.timeout = timeout
        self.http = session or requests.Session()

    def request(self, method: str, path: str, payload: dict | None = None) -> InternalResponse:
        body = b"" if payload is None else json.dumps(payload).encode()
        url = self.base_url + path
        split = urlsplit(url)
        # The path as the receiving app reads it (decoded: "/umkm/a%20b" is "/umkm/a b"), the
        # query as sent.
        signed_path = unquote(split.path) + (f"?{split.query}" if split.query else "")
        timestamp = f"{time.time():.3f}"
        headers = {
            HEADER_CALLER: self.caller,
            HEADER_TIMESTAMP: timestamp,
            HEADER_SIGNATURE: signature(self.key, method, signed_path, timestamp, body),
            "Content-Type": "application/json",
        }
        if request_id_var.get():
            headers["X-Request-ID"] = request_id_var.get()
        try:
            response = self.http.request(method, url, data=body or None, headers=headers,
                                         timeout=self.timeout)
        except requests.RequestException as exc:
            raise InternalServiceError(f"{self.base_url} unreachable: {exc}") from exc
        if response.status_code >= 500:
            raise InternalServiceError(f"{url} answered {response.status_code}")
        if response.status_code == 404:
            raise InternalNotFound(path)
        try:
            data = response.json() if response.content else None
        except ValueError as exc:
            raise InternalServiceError(f"{url} answered with invalid JSON") from exc
        return InternalResponse(response.status_code, data)

    def get(self, path: str) -> InternalResponse:
        return self.request("GET", path)

    def post(self, path: str, payload: dict) -> InternalResponse:
        return self.request("POST", path, payload)
