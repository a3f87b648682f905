"""Visit pages: the list by officer and due date with a chart, the report form for the field,
and rescheduling with a reason."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, send_from_directory, url_for
from flask_babel import gettext as _

from services.kernel.errors import DomainError
from services.kernel.identity import FIELD_OFFICER, TRAINING_COORDINATOR
from services.kernel.web.auth import current_staff, require_roles
from services.kernel.web.forms import apply_errors
from services.training.models import VISIT_STATUSES
from services.training.usecases import reports, visits
from services.training.web import bp, training
from services.training.web.forms import ReportForm, RescheduleForm

DUE_WINDOWS = ("7", "30")


@bp.get("/visits")
@require_roles()
def visit_list():
    staff = current_staff()
    officers = visits.officers_with_visits(training().uow)
    mine_first = staff.has_any(FIELD_OFFICER) and not staff.has_any(TRAINING_COORDINATOR)
    args = {"status": request.args.get("status") or "",
            "officer": request.args.get("officer") or ("mine" if mine_first else "all"),
            "due_within": request.args.get("due_within") or ""}
    if args["status"] not in VISIT_STATUSES:
        args["status"] = ""
    if args["due_within"] not in DUE_WINDOWS:
        args["due_within"] = ""
    officer_id = {"mine": staff.id, "all": None}.get(args["officer"], args["officer"])
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    result = visits.list_visits(training().uow, visits.VisitQuery(
        status=args["status"] or None, officer_id=officer_id, page=page,
        due_within_days=int(args["due_within"]) if args["due_within"] else None,
        per_page=50))
    return render_template("training/visits.html", result=result, args=args, officers=officers,
                           statuses=VISIT_STATUSES, windows=DUE_WINDOWS,
                           due=visits.due_by_week(training().uow, officer_id=officer_id))


@bp.route("/visits/<string:visit_id>", methods=["GET", "POST"])
@require_roles()
def visit_detail(visit_id: str):
    t = training()
    staff = current_staff()
    visit = visits.get_visit(t.uow, visit_id)
    can_report = staff.has_any(FIELD_OFFICER, TRAINING_COORDINATOR) and visits.may_work_on(
        (visit["officer"] or {}).get("staff_id"), staff)
    if request.method == "POST" and not can_report:
        abort(403)
    # Two forms on one page: the request's CSRF token is checked once for both (app-wide).
    form = ReportForm(prefix="report", meta={"csrf": False})
    move = RescheduleForm(prefix="move", meta={"csrf": False})
    status = 200
    if request.method == "POST":
        status = 422
        try:
            if "move-reason" in request.form and move.validate():
                visits.reschedule_visit(t.uow, visit_id, move.due_on.data, move.reason.data,
                                        staff)
                flash(_("Kunjungan dijadwalkan ulang."))
                return redirect(url_for("training_web.visit_detail", visit_id=visit_id))
            if "move-reason" not in request.form and form.validate():
                photos = [f.read() for f in request.files.getlist(form.photos.name) if f]
                reports.file_report(t.uow, visit_id, form.command(), photos, t.upload_dir,
                                    t.upload_max_bytes, staff)
                flash(_("Laporan kunjungan tersimpan. Terima kasih!"))
                return redirect(url_for("training_web.visit_detail", visit_id=visit_id))
        except DomainError as error:
            apply_errors(move if "move-reason" in request.form else form, error)
    return render_template("training/visit.html", visit=visit, form=form, move=move,
                           can_report=can_report and visit["status"] != "completed"), status


@bp.get("/visits/<string:visit_id>/photos/<string:name>")
@require_roles()
def visit_photo(visit_id: str, name: str):
    visit = visits.get_visit(training().uow, visit_id)
    if not visit["report"] or name not in visit["report"]["photos"]:
        abort(404)
    return send_from_directory(training().upload_dir, name)
