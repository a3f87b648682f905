"""Staff pages for bulk import: upload, a live progress page, the bad rows as a file."""

from __future__ import annotations

from flask import current_app, jsonify, redirect, render_template, url_for

from services.kernel.errors import InvalidInput
from services.kernel.identity import REGISTRY_OFFICER
from services.kernel.web.auth import current_staff, require_roles
from services.kernel.web.forms import apply_errors
from services.registry.api.imports import download
from services.registry.domain.importing import COLUMNS, REQUIRED
from services.registry.usecases import imports as usecases
from services.registry.web import bp
from services.registry.web.forms import ImportForm


def _uow():
    return current_app.extensions["registry"].uow


@bp.route("/umkm/import", methods=["GET", "POST"])
@require_roles(REGISTRY_OFFICER)
def import_new():
    form = ImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            job = usecases.start_import(
                _uow(), getattr(upload, "filename", "") or "",
                upload.read() if upload else b"", form.mode.data, current_staff())
        except InvalidInput as invalid:
            apply_errors(form, invalid)
        else:
            return redirect(url_for("registry_web.import_progress", job_id=job["id"]))
        status = 422
    else:
        status = 422 if form.is_submitted() else 200
    return render_template("registry/import_new.html", form=form, columns=COLUMNS,
                           required=REQUIRED), status


@bp.get("/umkm/import/<string:job_id>")
@require_roles()
def import_progress(job_id: str):
    return render_template("registry/import_progress.html",
                           job=usecases.get_import(_uow(), job_id, errors_limit=50))


@bp.get("/umkm/import/<string:job_id>/status")
@require_roles()
def import_status(job_id: str):
    state = usecases.get_import(_uow(), job_id, errors_limit=0)
    return jsonify({key: state[key] for key in ("status", "total", "processed", "percent",
                                                "imported", "updated", "skipped", "rejected")})


@bp.get("/umkm/import/<string:job_id>/errors.<any(csv, xlsx):kind>")
@require_roles()
def import_errors(job_id: str, kind: str):
    return download(usecases.error_report(_uow(), job_id, kind), kind,
                    f"impor-{job_id[:8]}-galat.{kind}")
