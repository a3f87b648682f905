"""/api/v1/programs/<id>/enrollments and attendance per session."""

from __future__ import annotations

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from services.kernel.identity import TRAINING_COORDINATOR
from services.kernel.web.api import ETAG, etag, if_match
from services.kernel.web.auth import current_staff, require_roles
from services.training.api import SECURITY, training
from services.training.api.schemas import (
    AttendanceIn,
    AttendanceSheet,
    CancelledEnrollment,
    Enrollment,
    EnrollmentCancel,
    EnrollmentCreate,
    EnrollmentListArgs,
    EnrollmentPage,
)
from services.training.usecases import attendance, enrollment

blp = Blueprint("enrollments", __name__, url_prefix="/api/v1/programs/<string:program_id>",
                description="Enrollment (verified UMKM, quota, waitlist) and attendance.")


@blp.route("/enrollments")
class Enrollments(MethodView):
    @require_roles()
    @blp.arguments(EnrollmentListArgs, location="query")
    @blp.response(200, EnrollmentPage)
    @blp.doc(security=SECURITY)
    def get(self, args, program_id: str):
        """Participants and the waitlist (with positions), in order of request."""
        return enrollment.list_enrollments(training().uow, program_id, args["status"])

    @require_roles(TRAINING_COORDINATOR)
    @blp.arguments(EnrollmentCreate)
    @blp.response(201, Enrollment)
    @blp.alt_response(409, schema="Error", description="Already enrolled")
    @blp.alt_response(422, schema="Error", description="Unknown, unverified or not eligible")
    @blp.alt_response(503, schema="Error", description="The registry did not answer")
    @blp.doc(security=SECURITY)
    def post(self, data, program_id: str):
        """Enroll a verified UMKM (asked of the registry): a place, or the waitlist when full.
        `warnings` says when it received the same aid in the last 3 years."""
        t = training()
        return enrollment.enroll(t.uow, t.registry, program_id, data["umkm_id"], current_staff())


@blp.route("/enrollments/<string:enrollment_id>/cancel")
class EnrollmentCancelView(MethodView):
    @require_roles(TRAINING_COORDINATOR)
    @blp.arguments(EnrollmentCancel)
    @blp.response(200, CancelledEnrollment)
    @blp.alt_response(409, schema="Error",
                      description="Already cancelled, aid handed over, or programme ended")
    @blp.doc(security=SECURITY)
    def post(self, data, program_id: str, enrollment_id: str):
        """Cancel; a freed place goes to the first on the waitlist (`promoted`)."""
        return enrollment.cancel_enrollment(training().uow, program_id, enrollment_id,
                                            data["reason"], current_staff())


@blp.route("/sessions/<string:session_id>/attendance")
class Attendance(MethodView):
    @require_roles()
    @blp.response(200, AttendanceSheet, headers=ETAG)
    @blp.doc(security=SECURITY)
    def get(self, program_id: str, session_id: str):
        """Who was there (null: not recorded yet); the ETag header names this version."""
        sheet = attendance.attendance_sheet(training().uow, program_id, session_id)
        return sheet, etag(sheet["version"])

    @require_roles(TRAINING_COORDINATOR)
    @blp.arguments(AttendanceIn)
    @blp.response(200, AttendanceSheet, headers=ETAG)
    @blp.alt_response(409, schema="Error", description="The programme is completed or cancelled")
    @blp.alt_response(412, schema="Error",
                      description="If-Match was given and a mark changed since it was read")
    @blp.doc(security=SECURITY, parameters=[if_match("attendance")])
    def put(self, data, program_id: str, session_id: str):
        """Record a session: listed participants present, every other participant absent.
        With If-Match (the ETag of a GET), refused with 412 if a mark changed meanwhile."""
        sheet = attendance.record_attendance(training().uow, program_id, session_id,
                                             data["present"], current_staff(),
                                             if_match=request.headers.get("If-Match"))
        return sheet, etag(sheet["version"])
