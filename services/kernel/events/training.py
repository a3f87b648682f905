"""Events published by the training service."""

from __future__ import annotations

from marshmallow import fields, validate

from services.kernel.events.base import UMKM_REF_EXAMPLE, EventType, Payload, StaffRef, UmkmRef

PRODUCER = "training"


class AidItem(Payload):
    item = fields.String(required=True)
    quantity = fields.Integer(required=True, validate=validate.Range(min=1))
    unit_value_idr = fields.Integer(required=True, allow_none=True)


class HandedOverItem(AidItem):
    serial_numbers = fields.List(fields.String(), required=True)


class Eligibility(Payload):
    sectors = fields.List(fields.String(), required=True)  # empty: every sector
    kecamatan = fields.List(fields.String(), required=True)  # empty: the whole city


class ProgramRef(Payload):
    program_id = fields.String(required=True)
    title = fields.String(required=True)
    topic = fields.String(required=True)
    location = fields.String(required=True)
    starts_on = fields.Date(required=True)
    ends_on = fields.Date(required=True)


class TrainingScheduledV1(Payload):
    program = fields.Nested(ProgramRef, required=True)
    quota = fields.Integer(required=True)
    eligibility = fields.Nested(Eligibility, required=True)
    aid_package = fields.List(fields.Nested(AidItem), required=True)
    followup_days = fields.List(fields.Integer(), required=True)


class _Participant(UmkmRef):
    enrollment_id = fields.String(required=True)
    program = fields.Nested(ProgramRef, required=True)


class TrainingEnrolledV1(_Participant):
    promoted_from_waitlist = fields.Boolean(required=True)


class TrainingWaitlistedV1(_Participant):
    position = fields.Integer(required=True, validate=validate.Range(min=1))


class ParticipantCompletedV1(_Participant):
    passed = fields.Boolean(required=True)
    completed_on = fields.Date(required=True)
    followup_days = fields.List(fields.Integer(), required=True)
    sector = fields.String(required=True)
    kecamatan = fields.String(required=True)


class AidHandedOverV1(UmkmRef):
    handover_id = fields.String(required=True)
    program = fields.Nested(ProgramRef, required=True)
    items = fields.List(fields.Nested(HandedOverItem), required=True)
    total_value_idr = fields.Integer(required=True)
    handed_over_on = fields.Date(required=True)
    received_by = fields.String(required=True)


class _Visit(UmkmRef):
    visit_id = fields.String(required=True)
    program = fields.Nested(ProgramRef, required=True)
    due_on = fields.Date(required=True)
    officer = fields.Nested(StaffRef, required=True, allow_none=True)


class VisitScheduledV1(_Visit):
    offset_days = fields.Integer(required=True)


class VisitCompletedV1(_Visit):
    visited_on = fields.Date(required=True)
    still_producing = fields.Boolean(required=True)
    units_produced = fields.Integer(required=True, allow_none=True)
    sales_idr = fields.Integer(required=True, allow_none=True)
    equipment_in_use = fields.Boolean(required=True, allow_none=True)


class VisitOverdueV1(_Visit):
    days_overdue = fields.Integer(required=True)


_PROGRAM = {
    "program_id": "0b6f1c9e-6f5a-4d3b-9a1c-2e7d4f8a9b10",
    "title": "Pelatihan Kain Tapis Angkatan I",
    "topic": "kain tapis", "location": "Aula Diskoperin, Jl. Jend. Sudirman, Metro Pusat",
    "starts_on": "2026-12-07", "ends_on": "2026-12-09",
}
_OFFICER = {"staff_id": "7c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f", "name": "Rahmat Hidayat",
            "email": "rahmat@diskoperin.metrokota.go.id", "phone": "+6281377778888"}
_VISIT = {"visit_id": "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f", "program": _PROGRAM,
          **UMKM_REF_EXAMPLE, "due_on": "2026-12-23", "officer": _OFFICER}

EXAMPLES = {
    "training.scheduled": {
        "program": _PROGRAM, "quota": 25,
        "eligibility": {"sectors": ["kriya", "fashion"], "kecamatan": []},
        "aid_package": [{"item": "Alat tenun tapis", "quantity": 1, "unit_value_idr": 1_500_000},
                        {"item": "Benang emas (gulung)", "quantity": 5, "unit_value_idr": 60_000}],
        "followup_days": [14, 60],
    },
    "training.enrolled": {"enrollment_id": "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b",
                          "program": _PROGRAM, **UMKM_REF_EXAMPLE,
                          "promoted_from_waitlist": False},
    "training.waitlisted": {"enrollment_id": "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b",
                            "program": _PROGRAM, **UMKM_REF_EXAMPLE, "position": 3},
    "training.participant_completed": {
        "enrollment_id": "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b", "program": _PROGRAM,
        **UMKM_REF_EXAMPLE, "passed": True, "completed_on": "2026-12-09",
        "followup_days": [14, 60], "sector": "kriya", "kecamatan": "Metro Pusat",
    },
    "aid.handed_over": {
        "handover_id": "a9b8c7d6-e5f4-4a3b-8c2d-1e0f9a8b7c6d", "program": _PROGRAM,
        **UMKM_REF_EXAMPLE,
        "items": [{"item": "Alat tenun tapis", "quantity": 1, "unit_value_idr": 1_500_000,
                   "serial_numbers": ["TPS-2026-0042"]}],
        "total_value_idr": 1_500_000, "handed_over_on": "2026-12-09",
        "received_by": "Sri Wahyuni",
    },
    "visit.scheduled": {**_VISIT, "offset_days": 14},
    "visit.completed": {**_VISIT, "visited_on": "2026-12-22", "still_producing": True,
                        "units_produced": 12, "sales_idr": 2_400_000, "equipment_in_use": True},
    "visit.overdue": {**_VISIT, "days_overdue": 3},
}


def _type(name: str, schema, consumers: tuple[str, ...], description: str) -> EventType:
    return EventType(name, 1, PRODUCER, schema, consumers, EXAMPLES[name], description)


TYPES = [
    _type("training.scheduled", TrainingScheduledV1, ("notifier",),
          "A programme was scheduled (with its aid package and follow-up plan)."),
    _type("training.enrolled", TrainingEnrolledV1, ("notifier", "registry"),
          "An UMKM got a place (directly, or promoted from the waitlist)."),
    _type("training.waitlisted", TrainingWaitlistedV1, ("notifier",),
          "An UMKM is on the waitlist of a full programme."),
    _type("training.participant_completed", ParticipantCompletedV1,
          ("training", "notifier", "registry"),
          "A participant passed; training schedules the follow-up visits from it."),
    _type("aid.handed_over", AidHandedOverV1, ("notifier", "registry"),
          "Equipment aid was handed over to a participant (BAST)."),
    _type("visit.scheduled", VisitScheduledV1, ("notifier",),
          "A follow-up visit is due; the owner and the field officer are told."),
    _type("visit.completed", VisitCompletedV1, ("notifier", "registry"),
          "A field officer filed the visit report."),
    _type("visit.overdue", VisitOverdueV1, ("notifier",),
          "A visit passed its due date without a report; the coordinator is told."),
]
