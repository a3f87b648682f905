"""The common part of every service's Flask app; each service's create_app adds its own parts."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path

from flask import Flask, g, request
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from services.kernel.config import service_config
from services.kernel.logging import configure_logging, new_request_id, request_id_var
from services.kernel.web import api as api_ext
from services.kernel.web import (
    auth,
    charts,
    errors,
    health,
    i18n,
    inputs,
    layout,
    metrics,
    outbox_api,
    personal_tokens,
)
from services.kernel.web.responses import API_PREFIXES

csrf = CSRFProtect()

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def _needs_csrf(app: Flask) -> bool:
    if not request.path.startswith(API_PREFIXES):
        return True  # a form
    # The API with the browser's session cookie (not a bearer token) is protected like a form.
    return (request.path.startswith("/api/") and "Authorization" not in request.headers
            and app.config["SESSION_COOKIE_NAME"] in request.cookies)


def create_service_app(
    service: str,
    import_name: str,
    test_config: dict | None = None,
    *,
    translation_dirs: list[Path] | None = None,
    extra_config: Callable[[Mapping[str, str]], dict] | None = None,
) -> tuple[Flask, api_ext.Api]:
    app = Flask(import_name)
    app.config.from_mapping(service_config(service, extra=extra_config))
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False
    app.config["WTF_CSRF_TIME_LIMIT"] = None
    if test_config:
        app.config.update(test_config)
    configure_logging(service, app.config["LOG_LEVEL"], app.config["LOG_FORMAT"])
    if app.config.get("PROXY_FIX"):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1, x_prefix=1)

    @app.before_request
    def _request_context():
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if _REQUEST_ID.match(given) else new_request_id()
        g._request_id_token = request_id_var.set(g.request_id)
        # Forms are CSRF-protected; the API is too when called with the session cookie.
        if request.method not in _SAFE_METHODS and _needs_csrf(app):
            csrf.protect()

    @app.after_request
    def _request_id_header(response):
        response.headers["X-Request-ID"] = g.get("request_id", "")
        return response

    @app.teardown_request
    def _reset_request_id(_exc):
        token = g.pop("_request_id_token", None)
        if token is not None:
            request_id_var.reset(token)

    csrf.init_app(app)
    errors.init_app(app)
    inputs.init_app(app)
    auth.init_app(app)
    personal_tokens.init_app(app, service)
    i18n.init_app(app, translation_dirs or [])
    layout.init_app(app)
    charts.init_app(app)
    app.register_blueprint(health.bp)
    metrics.init_app(app)
    api = api_ext.init_app(app, service)
    api.register_blueprint(outbox_api.blp)
    return app, api
