"""flask-smorest with the contract's error format, pagination and a docs page without any CDN."""

from __future__ import annotations

from http import HTTPStatus
from pathlib import Path

import swagger_ui_bundle
from apispec import BasePlugin
from flask import Blueprint, Flask, send_from_directory
from flask_smorest import Api as SmorestApi
from marshmallow import Schema, fields, validate

from services.kernel.web.errors import http_error

SWAGGER_DIR = Path(swagger_ui_bundle.swagger_ui_path)
MAX_PAGE = 1_000_000  # far beyond any list here; keeps (page - 1) * per_page a real offset


class PageArgs(Schema):
    """Query arguments every list endpoint takes."""

    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=MAX_PAGE))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=200))


class ErrorBody(Schema):
    code = fields.String()
    message = fields.String()
    existing_id = fields.String(metadata={
        "description": "With a 409 for a duplicate: the id of the record that already exists"})
    missing = fields.List(fields.String(), metadata={
        "description": "With a 409 for what is not ready yet: what it still lacks (a retail "
                       "placement's readiness items)"})
    fields = fields.Dict(keys=fields.String(), values=fields.String())


class Error(Schema):
    """Every error answer; the operations name it as `schema="Error"`."""

    error = fields.Nested(ErrorBody)


def if_match(what: str) -> dict:
    """The OpenAPI parameter of an optional If-Match header on a change of `what` (see
    services.kernel.edits): the change is refused with 412 when the data changed since."""
    return {"in": "header", "name": "If-Match", "required": False, "schema": {"type": "string"},
            "description": f"The ETag of the {what} as read; the change is refused (412) when "
                           "its data has changed since"}


def etag(version: str) -> dict[str, str]:
    """The ETag header naming the version of a record's editable data."""
    return {"ETag": f'"{version}"'}


ETAG = {"ETag": {"description": "The version of the editable data, for If-Match",
                 "schema": {"type": "string"}}}  # a response's headers, in the API document


def page_schema(item_schema: type[Schema], name: str) -> type[Schema]:
    """A `{"items": [...], "total": N, "page": P, "per_page": K}` schema for a list endpoint."""
    return Schema.from_dict(
        {
            "items": fields.List(fields.Nested(item_schema)),
            "total": fields.Integer(),
            "page": fields.Integer(),
            "per_page": fields.Integer(),
        },
        name=name,
    )


class ContractResponses(BasePlugin):
    """Documents the answers the kernel gives to any operation, so that each operation's
    list of statuses is whole: 400 for a body that is not JSON at all (or a broken upload),
    401 without a valid token where a token is needed, 404 where a path names a record
    (which may not exist), 413 for a body past MAX_CONTENT_LENGTH. An operation's own
    description of these, if any, is kept; 403 is documented by require_roles, which knows
    whether roles are checked."""

    def operation_helper(self, path=None, operations=None, **kwargs):
        for operation in (operations or {}).values():
            responses = operation.setdefault("responses", {})
            known = {str(code) for code in responses}
            for code, applies in ((400, "requestBody" in operation),
                                  (401, bool(operation.get("security"))),
                                  (404, "{" in (path or "")),
                                  (413, "requestBody" in operation)):
                if applies and str(code) not in known:
                    responses[str(code)] = HTTPStatus(code).name  # flask-smorest's name


class Api(SmorestApi):
    ERROR_SCHEMA = Error

    def handle_http_exception(self, error):
        return http_error(error)


docs_static = Blueprint("docs_static", __name__)


@docs_static.get("/api/v1/docs-static/<path:filename>")
def swagger_asset(filename: str):
    return send_from_directory(SWAGGER_DIR, filename, max_age=86400)


def init_app(app: Flask, service: str) -> Api:
    app.config.setdefault("API_TITLE", f"Metro UMKM — {service}")
    app.config.setdefault("API_VERSION", "v1")
    app.config.setdefault("OPENAPI_VERSION", "3.0.3")
    app.config.setdefault("OPENAPI_URL_PREFIX", "/api/v1")
    app.config.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    app.config.setdefault("OPENAPI_SWAGGER_UI_PATH", "docs")
    # Relative to /api/v1/docs, so that it also works behind a path prefix.
    app.config.setdefault("OPENAPI_SWAGGER_UI_URL", "docs-static/")
    app.register_blueprint(docs_static)
    api = Api(app, spec_kwargs={
        "info": {"description": f"{service} service of the Metro UMKM platform"},
        "extra_plugins": [ContractResponses()]})
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer"}
    )
    return api
