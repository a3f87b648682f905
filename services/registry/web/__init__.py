"""The registry's staff pages."""

from flask import Blueprint

from services.kernel.web.labels import register as register_labels
from services.registry.web.labels import LABELS

bp = Blueprint("registry_web", __name__, template_folder="templates")
bp.record_once(lambda state: register_labels(state.app, LABELS))

from services.registry.web import (  # noqa: E402,F401  (routes)
    account,
    audit,
    catalogue,
    dashboard,
    duplicates,
    imports,
    staff,
    tokens,
    umkm,
)
