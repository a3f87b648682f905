"""/api/v1/templates: message templates, their versions, and a preview on sample data."""

from __future__ import annotations

from flask import current_app, request
from flask.views import MethodView
from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from services.kernel.web.api import ETAG, etag, if_match
from services.kernel.web.auth import current_staff, require_roles
from services.notifier.adapters.templates import LOCALES, PARTS
from services.notifier.domain.permissions import TEMPLATE_EDITORS
from services.notifier.usecases import templates as usecases

blp = Blueprint("templates", __name__, url_prefix="/api/v1/templates",
                description="Message templates (id, en) per channel, versioned.")


class TemplateItem(Schema):
    name = fields.String()
    event_type = fields.String()
    channels = fields.List(fields.String())


class TemplateList(Schema):
    items = fields.List(fields.Nested(TemplateItem))
    total = fields.Integer()
    page = fields.Integer()


class PartsBody(Schema):
    parts = fields.Dict(keys=fields.String(validate=validate.OneOf(PARTS)),
                        values=fields.String(), required=True)


class Version(Schema):
    part = fields.String()
    version = fields.Integer()
    author = fields.String(allow_none=True)
    created_at = fields.AwareDateTime()
    body = fields.String()


class TemplateDetail(Schema):
    name = fields.String()
    locale = fields.String()
    parts = fields.Dict(keys=fields.String(), values=fields.String())
    history = fields.List(fields.Nested(Version))
    saved = fields.List(fields.String(), metadata={
        "description": "After a PUT: the parts that got a new version (none when unchanged)"})


class Preview(Schema):
    name = fields.String()
    locale = fields.String()
    channels = fields.List(fields.String())
    preview = fields.Dict()


def _n():
    return current_app.extensions["notifier"]


def _locale(locale: str) -> str:
    from services.kernel.errors import NotFound

    if locale not in LOCALES:
        raise NotFound(str(_l("Bahasa tidak dikenal.")))
    return locale


@blp.route("")
class Templates(MethodView):
    @require_roles()
    @blp.response(200, TemplateList)
    @blp.doc(security=[{"bearerAuth": []}])
    def get(self):
        items = usecases.template_names()
        return {"items": items, "total": len(items), "page": 1}


@blp.route("/<string:name>/<string:locale>")
class TemplateOne(MethodView):
    @require_roles()
    @blp.response(200, TemplateDetail, headers=ETAG)
    @blp.doc(security=[{"bearerAuth": []}])
    def get(self, name: str, locale: str):
        """The parts in use and their history; the ETag header names this version."""
        found = usecases.current(_n().uow, _n().composer.templates, name, _locale(locale))
        return found, etag(found["version"])

    @require_roles(*TEMPLATE_EDITORS)
    @blp.arguments(PartsBody)
    @blp.response(200, TemplateDetail, headers=ETAG)
    @blp.alt_response(412, schema="Error",
                      description="If-Match was given and a part changed since it was read")
    @blp.doc(security=[{"bearerAuth": []}], parameters=[if_match("template")])
    def put(self, body, name: str, locale: str):
        """A new version of each changed part (admins); it must render on sample data. With
        If-Match (the ETag of a GET), refused with 412 if a part changed meanwhile."""
        staff = current_staff()
        found = usecases.save(_n().uow, _n().composer.templates, name, _locale(locale),
                              body["parts"], staff.email if staff else None,
                              current_app.config["DEPARTMENT_NAME"],
                              if_match=request.headers.get("If-Match"))
        return found, etag(found["version"])


@blp.route("/<string:name>/<string:locale>/preview")
class TemplatePreview(MethodView):
    @require_roles()
    @blp.arguments(PartsBody)
    @blp.response(200, Preview)
    @blp.doc(security=[{"bearerAuth": []}])
    def post(self, body, name: str, locale: str):
        """Render unsaved parts on the event's sample data (422 naming a broken part)."""
        return usecases.preview(_n().composer.templates, name, _locale(locale), body["parts"],
                                current_app.config["DEPARTMENT_NAME"])
