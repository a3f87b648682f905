"""The bazaar service's staff pages."""

from __future__ import annotations

from flask import Blueprint, current_app

from services.bazaar.web.labels import LABELS
from services.kernel.web.labels import register as register_labels

bp = Blueprint("bazaar_web", __name__, template_folder="templates")
bp.record_once(lambda state: register_labels(state.app, LABELS))


def bazaar_service():
    return current_app.extensions["bazaar"]


from services.bazaar.web import (  # noqa: E402,F401  (routes)
    batik,
    bazaars,
    changes,
    markets,
    reports,
    retail,
    retail_edit,
)
