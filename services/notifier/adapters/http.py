"""How an HTTP provider's answer maps onto temporary and permanent failures."""

from __future__ import annotations

from collections.abc import Callable

import requests

from services.notifier.domain.retry import PermanentFailure, TemporaryFailure


def classify_http(provider: str, call: Callable[[], requests.Response]) -> requests.Response:
    """2xx: returned. Unreachable, timeout, 408, 429, 5xx: try later. Other 4xx: never."""
    try:
        response = call()
    except requests.RequestException as exc:
        raise TemporaryFailure(f"{provider} unreachable: {exc}") from exc
    answer = f"{provider} {response.status_code} {response.text[:500]}"
    if response.status_code in (408, 429) or response.status_code >= 500:
        raise TemporaryFailure(answer)
    if response.status_code >= 400:
        raise PermanentFailure(answer)
    return response
