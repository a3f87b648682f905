"""Redirect targets limited to this platform's own services (no open redirects)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, request


def safe_next(target: str | None, default: str | None = None) -> str:
    """`target` when it stays on this platform, else `default` (this service's home, under
    the path prefix it is served at)."""
    default = default or f"{request.script_root}/"
    if not target:
        return default
    parts = urlsplit(target)
    if not parts.scheme and not parts.netloc and target.startswith("/") \
            and not target.startswith("//"):
        return target
    allowed = {urlsplit(url).netloc for url in current_app.config["SERVICE_URLS"].values()}
    allowed.add(request.host)
    if parts.scheme in ("http", "https") and parts.netloc in allowed:
        return target
    return default
