"""/api/v1/deliveries: every message, its channel, recipient and status."""

from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from services.kernel.web.api import PageArgs, page_schema
from services.kernel.web.auth import require_roles
from services.notifier.domain.permissions import RESENDERS
from services.notifier.domain.rules import CHANNELS
from services.notifier.models import MESSAGE_STATUSES
from services.notifier.usecases import deliveries as usecases
from services.notifier.usecases import staff_actions

blp = Blueprint("deliveries", __name__, url_prefix="/api/v1/deliveries",
                description="Messages sent (or being sent) to owners and staff.")


class DeliveryArgs(PageArgs):
    umkm_id = fields.String(load_default=None)
    event_type = fields.String(load_default=None)
    event_id = fields.String(load_default=None)
    channel = fields.String(load_default=None, validate=validate.OneOf(CHANNELS))
    status = fields.String(load_default=None, validate=validate.OneOf(MESSAGE_STATUSES))
    q = fields.String(load_default=None)


class AttemptSchema(Schema):
    number = fields.Integer()
    at = fields.AwareDateTime()
    outcome = fields.String()
    detail = fields.String(allow_none=True)


class Delivery(Schema):
    id = fields.String()
    event_id = fields.String()
    event_type = fields.String()
    template = fields.String()
    channel = fields.String(metadata={"enum": list(CHANNELS)})
    recipient = fields.String()
    recipient_name = fields.String(allow_none=True)
    umkm_id = fields.String(allow_none=True)
    locale = fields.String()
    status = fields.String(metadata={"enum": list(MESSAGE_STATUSES)})
    attempts = fields.Integer()
    subject = fields.String(allow_none=True)
    created_at = fields.AwareDateTime()
    sent_at = fields.AwareDateTime(allow_none=True)
    next_attempt_at = fields.AwareDateTime(allow_none=True)
    last_error = fields.String(allow_none=True)


class DeliveryDetail(Delivery):
    body_text = fields.String()
    body_html = fields.String(allow_none=True)
    provider_response = fields.String(allow_none=True)
    attempt_log = fields.List(fields.Nested(AttemptSchema))


DeliveryPage = page_schema(Delivery, "DeliveryLogPage")


def _uow():
    return current_app.extensions["notifier"].uow


@blp.route("")
class Deliveries(MethodView):
    @require_roles()
    @blp.arguments(DeliveryArgs, location="query")
    @blp.response(200, DeliveryPage)
    @blp.doc(security=[{"bearerAuth": []}])
    def get(self, args):
        """Filter by UMKM, event type, channel, status; newest first."""
        return usecases.list_deliveries(_uow(), usecases.DeliveryQuery(**args))


@blp.route("/<string:message_id>")
class DeliveryItem(MethodView):
    @require_roles()
    @blp.response(200, DeliveryDetail)
    @blp.doc(security=[{"bearerAuth": []}])
    def get(self, message_id: str):
        """One message with its text and every attempt."""
        return usecases.get_delivery(_uow(), message_id)


class Requeued(Schema):
    id = fields.String()
    status = fields.String()


@blp.route("/<string:message_id>/resend")
class DeliveryResend(MethodView):
    @require_roles(*RESENDERS)
    @blp.response(202, Requeued)
    @blp.doc(security=[{"bearerAuth": []}])
    def post(self, message_id: str):
        """Send a message again, or retry a dead letter (409 while it is queued or sending)."""
        notifier = current_app.extensions["notifier"]
        return {"id": staff_actions.requeue(notifier.uow, message_id, notifier.dispatcher.clock()),
                "status": "queued"}
