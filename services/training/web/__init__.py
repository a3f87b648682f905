"""The training service's staff pages."""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, redirect, url_for

from services.kernel.web.auth import require_roles
from services.kernel.web.labels import register as register_labels
from services.training.web.labels import LABELS

bp = Blueprint("training_web", __name__, template_folder="templates")
bp.record_once(lambda state: register_labels(state.app, LABELS))


def training():
    return current_app.extensions["training"]


@bp.get("/")
@require_roles()
def home():
    return redirect(url_for("training_web.program_list"))


def register(app: Flask) -> None:
    from services.training.web import aid, enrollment, programs, visits  # noqa: F401

    app.register_blueprint(bp)
