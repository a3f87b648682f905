"""The registry's staff pages."""

from flask import Blueprint

bp = Blueprint("registry_web", __name__, template_folder="templates")

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
