"""/api/v1/me/tokens: personal API tokens for scripts (and /api/v1/staff/<id>/tokens for
admins)."""

from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import RAISE, Schema, fields

from services.kernel.identity import ADMIN
from services.kernel.web.auth import current_staff, require_roles
from services.registry.usecases import tokens as usecases

blp = Blueprint("tokens", __name__, url_prefix="/api/v1",
                description="Personal API tokens: long-lived, revocable, shown once.")
SECURITY = [{"bearerAuth": []}]


class TokenCreate(Schema):
    class Meta:
        unknown = RAISE

    name = fields.String(required=True, metadata={"example": "skrip laporan bulanan"})
    days = fields.Integer(load_default=usecases.DEFAULT_DAYS, strict=True,
                          metadata={"description": f"1..{usecases.MAX_DAYS}"})


class TokenView(Schema):
    id = fields.String()
    name = fields.String()
    hint = fields.String(metadata={"description": "The first characters of the token"})
    state = fields.String(metadata={"enum": ["active", "expired", "revoked"]})
    staff_id = fields.String()
    created_at = fields.AwareDateTime()
    expires_at = fields.AwareDateTime()
    last_used_at = fields.AwareDateTime(allow_none=True)
    revoked_at = fields.AwareDateTime(allow_none=True)


class NewToken(TokenView):
    token = fields.String(metadata={"description": "Use as `Authorization: Bearer <token>`; "
                                                   "shown only now"})


class TokenList(Schema):
    items = fields.List(fields.Nested(TokenView))
    total = fields.Integer()
    page = fields.Integer()


def _uow():
    return current_app.extensions["registry"].uow


def _page(items: list[dict]) -> dict:
    return {"items": items, "total": len(items), "page": 1}


@blp.route("/me/tokens")
class OwnTokens(MethodView):
    @require_roles()
    @blp.response(200, TokenList)
    @blp.doc(security=SECURITY)
    def get(self):
        """Your personal tokens (never the tokens themselves)."""
        return _page(usecases.list_tokens(_uow(), current_staff()))

    @require_roles()
    @blp.arguments(TokenCreate)
    @blp.response(201, NewToken)
    @blp.alt_response(422, schema="Error", description="Name or days out of range")
    @blp.doc(security=SECURITY)
    def post(self, data):
        """A new token acting with your roles until it expires or is revoked."""
        return usecases.create_token(_uow(), current_staff(), data["name"], data["days"])


@blp.route("/me/tokens/<string:token_id>")
class OwnToken(MethodView):
    @require_roles()
    @blp.response(200, TokenView)
    @blp.doc(security=SECURITY)
    def delete(self, token_id: str):
        """Revoke a token (yours; an admin may revoke anyone's)."""
        return usecases.revoke_token(_uow(), current_staff(), token_id)


@blp.route("/staff/<string:staff_id>/tokens")
class StaffTokens(MethodView):
    @require_roles(ADMIN)
    @blp.response(200, TokenList)
    @blp.doc(security=SECURITY)
    def get(self, staff_id: str):
        """A staff member's tokens (admins)."""
        return _page(usecases.list_tokens(_uow(), current_staff(), staff_id))
