"""Body, query and answer schemas of the training API (types only: the rules live in domain)."""

from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

from services.kernel.web.api import PageArgs, page_schema
from services.training.models import ENROLLMENT_STATUSES, VISIT_STATUSES


class Strict(Schema):
    class Meta:
        unknown = RAISE
        ordered = True


class AidLineIn(Strict):
    item = fields.String(required=True, metadata={"example": "Alat tenun tapis"})
    quantity = fields.Integer(required=True, strict=True, metadata={"example": 1})
    unit_value_idr = fields.Integer(load_default=None, allow_none=True, strict=True)


class SessionIn(Strict):
    date = fields.Date(required=True)
    starts_at = fields.Time(load_default=None, allow_none=True, metadata={"example": "08:00"})
    ends_at = fields.Time(load_default=None, allow_none=True, metadata={"example": "12:00"})
    venue = fields.String(load_default=None, allow_none=True)


class EligibilityIn(Strict):
    sectors = fields.List(fields.String(), load_default=list)
    kecamatan = fields.List(fields.String(), load_default=list)


class ProgramCreate(Strict):
    title = fields.String(required=True, metadata={"example": "Pelatihan Kain Tapis Angkatan I"})
    topic = fields.String(required=True, metadata={"example": "kain tapis"})
    location = fields.String(required=True, metadata={"example": "Aula Diskoperin"})
    starts_on = fields.Date(required=True)
    ends_on = fields.Date(required=True)
    quota = fields.Integer(required=True, strict=True)
    aid_package = fields.List(fields.Nested(AidLineIn), load_default=list)
    followup_days = fields.List(fields.Integer(strict=True), load_default=None,
                                metadata={"example": [14, 60]})
    description = fields.String(load_default=None, allow_none=True)
    sessions = fields.List(fields.Nested(SessionIn), load_default=list,
                           metadata={"description": "default: one session a day, 08:00-16:00"})
    eligibility = fields.Nested(EligibilityIn, load_default=None, allow_none=True,
                                metadata={"description": "verified UMKM only, always"})
    min_attendance_pct = fields.Integer(load_default=None, allow_none=True, strict=True,
                                        metadata={"description": "completion rule, default 75"})
    trainer_ids = fields.List(fields.String(), load_default=list)


class ProgramListArgs(PageArgs):
    q = fields.String(load_default=None)
    status = fields.String(load_default=None,
                           validate=validate.OneOf(["scheduled", "completed", "cancelled"]))


class AidLineOut(Schema):
    aid_item_id = fields.String()
    item = fields.String()
    quantity = fields.Integer()
    unit_value_idr = fields.Integer(allow_none=True)


class SessionOut(Schema):
    id = fields.String()
    date = fields.Date()
    starts_at = fields.Time()
    ends_at = fields.Time()
    venue = fields.String()


class ProgramTrainerOut(Schema):
    trainer_id = fields.String()
    name = fields.String()
    fee_idr = fields.Integer()
    metro_resident = fields.Boolean()


class Program(Schema):
    class Meta:
        ordered = True

    id = fields.String()
    title = fields.String()
    topic = fields.String()
    description = fields.String(allow_none=True)
    location = fields.String()
    starts_on = fields.Date()
    ends_on = fields.Date()
    quota = fields.Integer()
    status = fields.String()
    eligibility = fields.Dict()
    aid_package = fields.List(fields.Nested(AidLineOut))
    followup_days = fields.List(fields.Integer())
    min_attendance_pct = fields.Integer()
    enrolled = fields.Integer()
    waitlisted = fields.Integer()
    places_left = fields.Integer()
    sessions = fields.List(fields.Nested(SessionOut))
    trainers = fields.List(fields.Nested(ProgramTrainerOut))
    completed_on = fields.Date(allow_none=True)
    created_at = fields.AwareDateTime()


ProgramPage = page_schema(Program, "ProgramPage")


class TrainerAssign(Strict):
    trainer_id = fields.String(required=True)


class EnrollmentCreate(Strict):
    umkm_id = fields.String(required=True, validate=validate.Length(min=1, max=36),
                            metadata={"description": "The registry's UMKM id"})


class EnrollmentCancel(Strict):
    reason = fields.String(load_default=None, allow_none=True)


class EnrollmentListArgs(Schema):
    status = fields.String(load_default=None, validate=validate.OneOf(ENROLLMENT_STATUSES))


class Enrollment(Schema):
    class Meta:
        ordered = True

    id = fields.String()
    program_id = fields.String()
    umkm_id = fields.String()
    business_name = fields.String()
    owner_name = fields.String()
    sector = fields.String()
    kecamatan = fields.String()
    status = fields.String(metadata={"enum": list(ENROLLMENT_STATUSES)})
    waitlist_position = fields.Integer(allow_none=True)
    warnings = fields.List(fields.String())
    result = fields.String(allow_none=True)
    result_reason = fields.String(allow_none=True)
    requested_at = fields.AwareDateTime()
    enrolled_at = fields.AwareDateTime(allow_none=True)
    cancelled_at = fields.AwareDateTime(allow_none=True)
    cancel_reason = fields.String(allow_none=True)


class CancelledEnrollment(Enrollment):
    promoted = fields.Nested(Enrollment, allow_none=True)


EnrollmentPage = page_schema(Enrollment, "EnrollmentPage")


class AttendanceIn(Strict):
    present = fields.List(fields.String(), required=True,
                          metadata={"description": "umkm_id of each participant present"})


class AttendanceRow(Schema):
    enrollment_id = fields.String()
    umkm_id = fields.String()
    business_name = fields.String()
    owner_name = fields.String()
    present = fields.Boolean(allow_none=True)


class AttendanceSheet(Schema):
    program_id = fields.String()
    session = fields.Nested(SessionOut)
    recorded = fields.Boolean()
    participants = fields.List(fields.Nested(AttendanceRow))


class ResultIn(Strict):
    umkm_id = fields.String(required=True)
    passed = fields.Boolean(load_default=True)
    reason = fields.String(load_default=None, allow_none=True)


class CompleteIn(Strict):
    results = fields.List(fields.Nested(ResultIn), load_default=list)


class Completion(Schema):
    program_id = fields.String()
    status = fields.String()
    completed_on = fields.Date()
    passed = fields.Integer()
    not_passed = fields.Integer()
    participants = fields.List(fields.Nested(Enrollment))


class VisitArgs(PageArgs):
    umkm_id = fields.String(load_default=None)
    program_id = fields.String(load_default=None)
    officer_id = fields.String(load_default=None)
    status = fields.String(load_default=None, validate=validate.OneOf(VISIT_STATUSES))
    due_from = fields.Date(load_default=None)
    due_until = fields.Date(load_default=None)


class Officer(Schema):
    staff_id = fields.String()
    name = fields.String()
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)


class ReportOut(Schema):
    visited_on = fields.Date()
    still_producing = fields.Boolean()
    units_produced = fields.Integer(allow_none=True)
    sales_idr = fields.Integer(allow_none=True)
    equipment_in_use = fields.Boolean(allow_none=True)
    equipment_condition = fields.String(allow_none=True)
    needs = fields.String(allow_none=True)
    next_step = fields.String(allow_none=True)
    photos = fields.List(fields.String())
    reported_by = fields.String(allow_none=True)


class RescheduleOut(Schema):
    from_due_on = fields.Date()
    to_due_on = fields.Date()
    reason = fields.String()
    actor = fields.String(allow_none=True)
    at = fields.AwareDateTime()


class Visit(Schema):
    class Meta:
        ordered = True

    id = fields.String()
    umkm_id = fields.String()
    business_name = fields.String()
    owner_name = fields.String()
    kecamatan = fields.String()
    program_id = fields.String()
    program_title = fields.String()
    enrollment_id = fields.String()
    offset_days = fields.Integer()
    due_on = fields.Date()
    status = fields.String(metadata={"enum": list(VISIT_STATUSES)})
    officer = fields.Nested(Officer, allow_none=True)
    overdue_since = fields.Date(allow_none=True)
    report = fields.Nested(ReportOut, allow_none=True)


class VisitDetail(Visit):
    reschedules = fields.List(fields.Nested(RescheduleOut))


VisitPage = page_schema(Visit, "VisitPage")


class ReportIn(Strict):
    visited_on = fields.Date(load_default=None)
    still_producing = fields.Boolean(required=True)
    units_produced = fields.Integer(load_default=None, allow_none=True, strict=True)
    sales_idr = fields.Integer(load_default=None, allow_none=True, strict=True)
    equipment_in_use = fields.Boolean(load_default=None, allow_none=True)
    equipment_condition = fields.String(load_default=None, allow_none=True)
    needs = fields.String(load_default=None, allow_none=True)
    next_step = fields.String(load_default=None, allow_none=True)


class RescheduleIn(Strict):
    due_on = fields.Date(required=True)
    reason = fields.String(required=True)
