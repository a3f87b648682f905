"""Error handlers: JSON for /api and /internal, a page for people."""

from __future__ import annotations

import logging

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException, InternalServerError

from services.kernel.errors import DomainError
from services.kernel.web.responses import (
    STATUS_CODES,
    default_message,
    error_response,
    wants_json,
    webargs_fields,
)

log = logging.getLogger(__name__)


def http_error(error: HTTPException):
    status = error.code or 500
    if not wants_json():
        return render_template("kernel/error.html", status=status,
                               message=default_message(status)), status
    data = getattr(error, "data", None) or {}
    fields = webargs_fields(data) if status in (400, 422) else {}
    message = data.get("message") or default_message(status)
    if status == 400 and fields:
        message = default_message(400)
        fields = {}
    response = error_response(status, STATUS_CODES.get(status, "error"), message, fields)
    for key, value in (data.get("headers") or {}).items():
        response.headers[key] = value
    if status == 405 and hasattr(error, "valid_methods") and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def domain_error(error: DomainError):
    if not wants_json():
        return render_template("kernel/error.html", status=error.status,
                               message=error.message), error.status
    return error_response(error.status, error.code, error.message, error.fields, **error.extra)


def unexpected_error(error: Exception):
    log.exception("unhandled error")
    if isinstance(error, HTTPException):
        return http_error(error)
    return http_error(InternalServerError())


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(DomainError, domain_error)
    app.register_error_handler(Exception, unexpected_error)
