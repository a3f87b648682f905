"""Enrolling an UMKM found in the local directory, cancelling, and attendance on a phone."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from services.kernel.errors import DomainError, InvalidInput
from services.kernel.identity import TRAINING_COORDINATOR
from services.kernel.reference import KECAMATAN, SECTORS
from services.kernel.web.auth import current_staff, require_roles
from services.training.usecases import attendance, enrollment, programs
from services.training.web import bp, training


@bp.route("/programs/<string:program_id>/enroll", methods=["GET", "POST"])
@require_roles(TRAINING_COORDINATOR)
def enroll(program_id: str):
    t = training()
    program = programs.get_program(t.uow, program_id)
    if request.method == "POST":
        try:
            view = enrollment.enroll(t.uow, t.registry, program_id,
                                     request.form.get("umkm_id", ""), current_staff())
        except DomainError as error:
            # The page has no field to mark: say what is wrong with the UMKM itself.
            told = error.fields.values() if isinstance(error, InvalidInput) else [error.message]
            for message in told:
                flash(str(message), "error")
        else:
            if view["status"] == "enrolled":
                flash(_("%(name)s terdaftar sebagai peserta.", name=view["business_name"]))
            else:
                flash(_("Kuota penuh: %(name)s masuk daftar tunggu nomor %(n)s.",
                        name=view["business_name"], n=view["waitlist_position"]), "warning")
            for warning in view["warnings"]:
                flash(warning, "warning")
            return redirect(url_for("training_web.program_detail", program_id=program_id))
    args = {"q": (request.args.get("q") or request.form.get("q") or "").strip(),
            "kecamatan": request.args.get("kecamatan") or ""}
    if args["kecamatan"] not in KECAMATAN:
        args["kecamatan"] = ""
    taken = {p["umkm_id"] for p in enrollment.list_enrollments(t.uow, program_id)["items"]
             if p["status"] != "cancelled"}
    with t.uow(readonly=True) as unit:
        found, total = t.directory.search(unit, q=args["q"] or None, status="verified",
                                          kecamatan=args["kecamatan"] or None, per_page=25)
    status = 422 if request.method == "POST" else 200
    return render_template("training/enroll.html", program=program, found=found, total=total,
                           args=args, taken=taken, kecamatan=KECAMATAN, sectors=SECTORS), status


@bp.post("/programs/<string:program_id>/enrollments/<string:enrollment_id>/cancel")
@require_roles(TRAINING_COORDINATOR)
def cancel(program_id: str, enrollment_id: str):
    try:
        view = enrollment.cancel_enrollment(training().uow, program_id, enrollment_id,
                                            request.form.get("reason"), current_staff())
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Pendaftaran %(name)s dibatalkan.", name=view["business_name"]))
        if view["promoted"]:
            flash(_("%(name)s naik dari daftar tunggu menjadi peserta.",
                    name=view["promoted"]["business_name"]))
    return redirect(url_for("training_web.program_detail", program_id=program_id))


@bp.route("/programs/<string:program_id>/sessions/<string:session_id>/attendance",
          methods=["GET", "POST"])
@require_roles()
def attendance_sheet(program_id: str, session_id: str):
    uow = training().uow
    can_record = current_staff().has_any(TRAINING_COORDINATOR)
    status = 200
    if request.method == "POST" and not can_record:
        abort(403)
    if request.method == "POST":
        try:
            attendance.record_attendance(uow, program_id, session_id,
                                         request.form.getlist("present"), current_staff())
        except DomainError as error:
            flash(error.message, "error")
            status = 422
        else:
            flash(_("Kehadiran tersimpan."))
            return redirect(url_for("training_web.attendance_sheet", program_id=program_id,
                                    session_id=session_id))
    sheet = attendance.attendance_sheet(uow, program_id, session_id)
    return render_template("training/attendance.html", sheet=sheet,
                           can_record=can_record), status
