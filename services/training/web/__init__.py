"""The training service's staff pages."""

from __future__ import annotations

from flask import Blueprint, redirect, url_for

from services.kernel.web.auth import require_roles

bp = Blueprint("training_web", __name__, template_folder="templates")


@bp.get("/")
@require_roles()
def home():
    return redirect(url_for("umkm_directory_web.directory_page", status="verified"))
