"""Configuration as data: every setting is an environment variable with a safe default."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]

SERVICES = ("registry", "bazaar", "training", "notifier")
DEFAULT_PORTS = {"registry": 8001, "bazaar": 8002, "training": 8003, "notifier": 8004}


def env_int(environ: Mapping[str, str], key: str, default: int) -> int:
    raw = environ.get(key)
    return int(raw) if raw not in (None, "") else default


def env_float(environ: Mapping[str, str], key: str, default: float) -> float:
    raw = environ.get(key)
    return float(raw) if raw not in (None, "") else default


def env_bool(environ: Mapping[str, str], key: str, default: bool) -> bool:
    raw = environ.get(key)
    if raw in (None, ""):
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def var_dir(environ: Mapping[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    return Path(environ.get("VAR_DIR") or PROJECT_ROOT / "var").resolve()


def _secret(environ: Mapping[str, str], key: str) -> str:
    """A secret from the environment; without one, a random value for this process only.

    `make run` writes generated secrets to var/secrets.env and passes them to every process, so
    the four services share them. A process started without them still runs safely: its tokens
    and sessions are simply not accepted by the others.
    """
    return environ.get(key) or secrets.token_urlsafe(32)


def public_url(environ: Mapping[str, str], service: str) -> str:
    default = f"http://localhost:{DEFAULT_PORTS[service]}"
    return (environ.get(f"{service.upper()}_URL") or default).rstrip("/")


def internal_url(environ: Mapping[str, str], service: str) -> str:
    default = f"http://127.0.0.1:{DEFAULT_PORTS[service]}"
    return (environ.get(f"{service.upper()}_INTERNAL_URL") or default).rstrip("/")


def service_config(
    service: str,
    environ: Mapping[str, str] | None = None,
    extra: Callable[[Mapping[str, str]], dict] | None = None,
) -> dict:
    """The whole configuration of one service process, as a plain dict (Flask config style).
    `extra` reads the service's own settings from the same environment."""
    environ = os.environ if environ is None else environ
    vdir = var_dir(environ)
    own = extra(environ) if extra else {}
    return own | {
        "SERVICE_NAME": service,
        "VAR_DIR": str(vdir),
        "SECRET_KEY": _secret(environ, "SECRET_KEY"),
        "INTERNAL_API_KEY": _secret(environ, "INTERNAL_API_KEY"),
        "DATABASE_URL": environ.get(f"{service.upper()}_DATABASE_URL")
        or f"sqlite:///{vdir / (service + '.db')}",
        "BROKER_URL": environ.get("BROKER_URL") or environ.get("REDIS_URL")
        or "redis://127.0.0.1:6379/0",
        "SERVICE_URLS": {name: public_url(environ, name) for name in SERVICES},
        "INTERNAL_URLS": {name: internal_url(environ, name) for name in SERVICES},
        "PLATFORM_SERVICES": tuple(
            s.strip() for s in environ.get("PLATFORM_SERVICES", ",".join(SERVICES)).split(",")
            if s.strip()
        ),
        # Events: acknowledgement deadline, re-send backoff and dead-lettering.
        "EVENT_ACK_TIMEOUT": env_float(environ, "EVENT_ACK_TIMEOUT", 30.0),
        "EVENT_BACKOFF_MAX": env_float(environ, "EVENT_BACKOFF_MAX", 900.0),
        "EVENT_MAX_ATTEMPTS": env_int(environ, "EVENT_MAX_ATTEMPTS", 10),
        "RELAY_BATCH": env_int(environ, "RELAY_BATCH", 500),
        "RELAY_CLAIM": env_float(environ, "RELAY_CLAIM", 60.0),
        "RELAY_INTERVAL": env_float(environ, "RELAY_INTERVAL", 2.0),
        "TICK_INTERVAL": env_float(environ, "TICK_INTERVAL", 5.0),
        "RELAY_NUDGE": env_bool(environ, "RELAY_NUDGE", True),
        # Behind a reverse proxy (nginx, an ingress): trust one hop of X-Forwarded-For/-Proto/
        # -Host/-Prefix, so links, redirects and static files carry /registry/ and the like.
        "PROXY_FIX": env_bool(environ, "PROXY_FIX", False),
        "METRICS_TOKEN": environ.get("METRICS_TOKEN") or None,  # bearer token for /metrics
        "OUTBOX_RETENTION_DAYS": env_float(environ, "OUTBOX_RETENTION_DAYS", 30.0),
        # Web
        "MAX_CONTENT_LENGTH": env_int(environ, "MAX_CONTENT_LENGTH", 32 * 1024 * 1024),
        "TOKEN_TTL": env_int(environ, "TOKEN_TTL", 3600),
        "PERSONAL_TOKEN_CACHE_SECONDS": env_int(environ, "PERSONAL_TOKEN_CACHE_SECONDS", 60),
        "SESSION_COOKIE_NAME": environ.get("SESSION_COOKIE_NAME", "metro_session"),
        "SESSION_COOKIE_SECURE": env_bool(environ, "SESSION_COOKIE_SECURE", False),
        "SESSION_COOKIE_SAMESITE": "Lax",
        "PERMANENT_SESSION_LIFETIME": env_int(environ, "SESSION_LIFETIME", 8 * 3600),
        "BABEL_DEFAULT_LOCALE": environ.get("DEFAULT_LOCALE", "id"),
        "BABEL_DEFAULT_TIMEZONE": "Asia/Jakarta",
        "LOG_LEVEL": environ.get("LOG_LEVEL", "INFO"),
        "LOG_FORMAT": environ.get("LOG_FORMAT", "json"),
        "INTERNAL_HTTP_TIMEOUT": env_float(environ, "INTERNAL_HTTP_TIMEOUT", 5.0),
    }
