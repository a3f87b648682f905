"""/api/v1/preferences (owners' choices) and /api/v1/inbound/sms (the gateway's STOP webhook)."""

from __future__ import annotations

import hmac

from flask import current_app
from flask.views import MethodView
from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from services.kernel.errors import Forbidden
from services.kernel.web.auth import require_roles
from services.notifier.domain.permissions import PREFERENCE_KEEPERS
from services.notifier.domain.rules import CATEGORIES, CHANNELS
from services.notifier.usecases import consent

blp = Blueprint("consent", __name__, url_prefix="/api/v1",
                description="Owners' message preferences and SMS STOP replies.")


class Choice(Schema):
    channel = fields.String(required=True, validate=validate.OneOf(CHANNELS))
    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    allowed = fields.Boolean(required=True)


class PreferencesBody(Schema):
    choices = fields.List(fields.Nested(Choice), required=True,
                          validate=validate.Length(min=1))


class Preferences(Schema):
    umkm_id = fields.String()
    business_name = fields.String(allow_none=True)
    choices = fields.List(fields.Nested(Choice))


class InboundSms(Schema):
    sender = fields.String(required=True, data_key="from", validate=validate.Length(min=3))
    text = fields.String(required=True)


class InboundToken(Schema):
    token = fields.String(load_default="")


class InboundAnswer(Schema):
    opted_out = fields.Boolean()


def _uow():
    return current_app.extensions["notifier"].uow


def _directory():
    return current_app.extensions["notifier"].directory


def _registry():
    return current_app.extensions["notifier"].registry


@blp.route("/preferences/<string:umkm_id>")
class OwnerPreferences(MethodView):
    @require_roles()
    @blp.response(200, Preferences)
    @blp.alt_response(404, schema="Error", description="An UMKM neither the notifier nor the "
                      "registry knows")
    @blp.alt_response(503, schema="Error", description="An UMKM the notifier has not heard of "
                      "yet, and the registry did not answer")
    @blp.doc(security=[{"bearerAuth": []}])
    def get(self, umkm_id: str):
        """Every channel x category; no choice recorded means allowed."""
        return consent.owner_preferences(_uow(), _directory(), umkm_id, _registry())

    @require_roles(*PREFERENCE_KEEPERS)
    @blp.arguments(PreferencesBody)
    @blp.response(200, Preferences)
    @blp.alt_response(404, schema="Error", description="An UMKM neither the notifier nor the "
                      "registry knows")
    @blp.alt_response(503, schema="Error", description="An UMKM the notifier has not heard of "
                      "yet, and the registry did not answer")
    @blp.doc(security=[{"bearerAuth": []}])
    def put(self, body, umkm_id: str):
        """Record the owner's choices (critical messages are sent regardless)."""
        return consent.record_owner_preferences(_uow(), _directory(), umkm_id,
                                                body["choices"], _registry())


@blp.route("/inbound/sms")
class InboundSmsHook(MethodView):
    @blp.arguments(InboundToken, location="query")
    @blp.arguments(InboundSms, location="json")
    @blp.response(200, InboundAnswer)
    @blp.alt_response(403, schema="Error", description="No token, or not the gateway's token")
    def post(self, args, body):
        """The SMS gateway forwards replies here (?token=INBOUND_SMS_TOKEN); "STOP" or
        "BERHENTI" opts the number out of SMS and WhatsApp."""
        expected = current_app.config.get("INBOUND_SMS_TOKEN") or ""
        given = args["token"].encode("utf-8", "surrogateescape")
        if not expected or not hmac.compare_digest(given, expected.encode()):
            raise Forbidden(str(_l("Token webhook tidak sah.")))
        return {"opted_out": consent.inbound_sms(_uow(), body["sender"], body["text"])}
