"""/healthz: the process lives. /readyz: its database and the broker answer."""

from __future__ import annotations

import logging

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

log = logging.getLogger(__name__)

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    return jsonify(status="ok", service=current_app.config["SERVICE_NAME"])


def _check_database(runtime) -> str:
    try:
        with runtime.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return "ok"
    except Exception as exc:
        log.warning("readiness: database: %s", exc)
        return "unavailable"


def _check_broker(runtime) -> str:
    try:
        with runtime.celery.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=3)
        return "ok"
    except Exception as exc:
        log.warning("readiness: broker: %s", exc)
        return "unavailable"


@bp.get("/readyz")
def readyz():
    runtime = current_app.extensions["runtime"]
    checks = {"database": _check_database(runtime), "broker": _check_broker(runtime)}
    ready = all(value == "ok" for value in checks.values())
    response = jsonify(status="ready" if ready else "not_ready", checks=checks)
    response.status_code = 200 if ready else 503
    return response
