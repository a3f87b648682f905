"""Blueprints under /internal/v1/ refuse any request without a valid signature."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, request

from services.kernel.internal_http import verify


def internal_blueprint(name: str, import_name: str) -> Blueprint:
    bp = Blueprint(name, import_name, url_prefix="/internal/v1")

    @bp.before_request
    def _verify_signature():
        path = request.full_path.rstrip("?") if request.query_string else request.path
        if not verify(current_app.config["INTERNAL_API_KEY"], request.method, path,
                      request.headers, request.get_data(cache=True)):
            abort(401)

    return bp
