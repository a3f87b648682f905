"""The notifier's staff pages."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, url_for

from services.kernel.web.auth import require_roles
from services.notifier.domain.rules import CHANNELS
from services.notifier.models import MESSAGE_STATUSES
from services.notifier.usecases import deliveries as usecases

bp = Blueprint("notifier_web", __name__, template_folder="templates")


def _uow():
    return current_app.extensions["notifier"].uow


@bp.get("/")
@require_roles()
def home():
    return redirect(url_for("notifier_web.delivery_log"))


@bp.get("/deliveries")
@require_roles()
def delivery_log():
    args = {key: (request.args.get(key) or "").strip()
            for key in ("q", "channel", "status", "event_type", "umkm_id")}
    if args["channel"] not in CHANNELS:
        args["channel"] = ""
    if args["status"] not in MESSAGE_STATUSES:
        args["status"] = ""
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    result = usecases.list_deliveries(_uow(), usecases.DeliveryQuery(
        **{k: v or None for k, v in args.items()}, page=page, per_page=25))
    return render_template("notifier/deliveries.html", result=result, args=args,
                           channels=CHANNELS, statuses=MESSAGE_STATUSES)


@bp.get("/deliveries/<string:message_id>")
@require_roles()
def delivery_detail(message_id: str):
    return render_template("notifier/delivery.html",
                           message=usecases.get_delivery(_uow(), message_id))
