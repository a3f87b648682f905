"""Every service's outbox, for staff: dead letters (given up after N attempts) and re-sending."""

from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import Schema, fields, validate

from services.kernel.identity import ADMIN
from services.kernel.messaging import deadletters
from services.kernel.messaging.tables import DELIVERY_STATUSES
from services.kernel.web.api import PageArgs, page_schema
from services.kernel.web.auth import require_roles

blp = Blueprint("outbox", __name__, url_prefix="/api/v1/outbox",
                description="Event deliveries of this service (outbox) and dead letters.")


class DeliveryArgs(PageArgs):
    status = fields.String(load_default="dead", validate=validate.OneOf(DELIVERY_STATUSES))


class OutboxDelivery(Schema):
    id = fields.String()
    event_id = fields.String()
    event_type = fields.String()
    consumer = fields.String()
    status = fields.String()
    attempts = fields.Integer()
    occurred_at = fields.AwareDateTime()
    next_attempt_at = fields.AwareDateTime()
    last_sent_at = fields.AwareDateTime(allow_none=True)
    acked_at = fields.AwareDateTime(allow_none=True)
    last_error = fields.String(allow_none=True)


DeliveryPage = page_schema(OutboxDelivery, "OutboxDeliveryPage")


def _runtime():
    return current_app.extensions["runtime"]


@blp.route("/deliveries")
class Deliveries(MethodView):
    @require_roles(ADMIN)
    @blp.arguments(DeliveryArgs, location="query")
    @blp.response(200, DeliveryPage)
    @blp.doc(security=[{"bearerAuth": []}])
    def get(self, args):
        """Deliveries by status (default: dead letters)."""
        rt = _runtime()
        items, total = deadletters.list_deliveries(
            rt.uow, rt.tables, status=args["status"], page=args["page"], per_page=args["per_page"]
        )
        return {"items": items, "total": total, "page": args["page"], "per_page": args["per_page"]}


@blp.route("/deliveries/<path:delivery_id>/retry")
class RetryDelivery(MethodView):
    @require_roles(ADMIN)
    @blp.response(202, OutboxDelivery)
    @blp.doc(security=[{"bearerAuth": []}])
    def post(self, delivery_id: str):
        """Send a dead letter again (attempts start from zero)."""
        rt = _runtime()
        delivery = deadletters.retry_delivery(rt.uow, rt.tables, delivery_id)
        if delivery is None:
            abort(404)
        return delivery
