"""The likely-duplicates page: each pair side by side, merge either way or dismiss."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from services.kernel.errors import DomainError
from services.kernel.identity import REGISTRY_OFFICER
from services.kernel.web.auth import current_staff, require_roles
from services.registry.usecases import duplicates as usecases
from services.registry.web import bp


def _uow():
    return current_app.extensions["registry"].uow


@bp.get("/duplikat")
@require_roles(REGISTRY_OFFICER)
def duplicates():
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    return render_template("registry/duplicates.html",
                           result=usecases.likely_duplicates(_uow(), page, 20))


@bp.post("/duplikat/gabung")
@require_roles(REGISTRY_OFFICER)
def duplicate_merge():
    try:
        done = usecases.merge_duplicate(_uow(), request.form.get("keep_id", ""),
                                        request.form.get("drop_id", ""), current_staff())
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("%(merged)s digabungkan ke %(kept)s.", merged=done["merged"]["business_name"],
                kept=done["kept"]["business_name"]))
    return redirect(url_for("registry_web.duplicates"))


@bp.post("/duplikat/bukan")
@require_roles(REGISTRY_OFFICER)
def duplicate_dismiss():
    try:
        usecases.not_a_duplicate(_uow(), request.form.get("a_id", ""),
                                 request.form.get("b_id", ""), current_staff())
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Ditandai bukan duplikat; pasangan ini tidak akan diusulkan lagi."))
    return redirect(url_for("registry_web.duplicates"))
