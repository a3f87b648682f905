"""/api/v1/audit: the audit log (admins)."""

from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from services.kernel.identity import ADMIN
from services.kernel.web.api import PageArgs, page_schema
from services.kernel.web.auth import require_roles
from services.registry.usecases import audit_log

blp = Blueprint("audit", __name__, url_prefix="/api/v1/audit",
                description="Who created, changed, verified, exported what; who saw a NIK.")
SECURITY = [{"bearerAuth": []}]


class AuditArgs(PageArgs):
    actor = fields.String(load_default=None, metadata={"description": "email, or part of it"})
    action = fields.String(load_default=None, validate=validate.OneOf(audit_log.ACTIONS))
    target_id = fields.String(load_default=None)
    since = fields.Date(load_default=None, metadata={"description": "first day (WIB)"})
    until = fields.Date(load_default=None, metadata={"description": "last day (WIB)"})


class AuditItem(Schema):
    id = fields.Integer()
    at = fields.AwareDateTime()
    actor = fields.String(allow_none=True)
    action = fields.String()
    target_type = fields.String()
    target_id = fields.String(allow_none=True)
    detail = fields.Dict(allow_none=True)
    request_id = fields.String(allow_none=True)


AuditPage = page_schema(AuditItem, "AuditPage")


@blp.route("")
class Audit(MethodView):
    @require_roles(ADMIN)
    @blp.arguments(AuditArgs, location="query")
    @blp.response(200, AuditPage)
    @blp.doc(security=SECURITY)
    def get(self, args):
        """Newest first, filtered by who, what, which record and days."""
        return audit_log.search_audit(current_app.extensions["registry"].uow,
                                      audit_log.AuditQuery(**args))
