"""Read models the use cases return (plain dicts), and the event payloads built from rows."""

from __future__ import annotations

from services.training.domain.aid import repeat_aid_warning
from services.training.models import (
    ENROLLED,
    WAITLISTED,
    Enrollment,
    Handover,
    Program,
    Trainer,
    Visit,
)


def program_ref(program: Program) -> dict:
    return {"program_id": program.id, "title": program.title, "topic": program.topic,
            "location": program.location, "starts_on": program.starts_on,
            "ends_on": program.ends_on}


def umkm_ref(row: Enrollment | Visit | Handover) -> dict:
    source = row.enrollment if isinstance(row, Handover) else row
    return {"umkm_id": source.umkm_id, "business_name": source.business_name,
            "owner_name": source.owner_name}


def package_view(program: Program) -> list[dict]:
    return [{"aid_item_id": line.aid_item_id, "item": line.aid_item.name,
             "quantity": line.quantity,
             "unit_value_idr": line.unit_value_idr if line.unit_value_idr is not None
             else line.aid_item.unit_value_idr}
            for line in program.aid_package]


def trainer_view(trainer: Trainer) -> dict:
    return {"id": trainer.id, "name": trainer.name, "skills": list(trainer.skills),
            "phone": trainer.phone, "email": trainer.email, "address": trainer.address,
            "kelurahan": trainer.kelurahan, "kecamatan": trainer.kecamatan, "city": trainer.city,
            "metro_resident": trainer.metro_resident, "volunteer": trainer.metro_resident,
            "fee_idr": trainer.fee_idr, "availability": trainer.availability,
            "active": trainer.active}


def program_view(program: Program, *, detail: bool = False) -> dict:
    counts = {ENROLLED: 0, WAITLISTED: 0}
    for enrollment in program.enrollments:
        if enrollment.status in counts:
            counts[enrollment.status] += 1
    view = {
        **{k: v for k, v in program_ref(program).items() if k != "program_id"},
        "id": program.id, "description": program.description, "quota": program.quota,
        "status": program.status, "eligibility": {"sectors": list(program.eligible_sectors),
                                                  "kecamatan": list(program.eligible_kecamatan)},
        "aid_package": package_view(program), "followup_days": list(program.followup_days),
        "min_attendance_pct": program.min_attendance_pct, "enrolled": counts[ENROLLED],
        "waitlisted": counts[WAITLISTED],
        "places_left": max(program.quota - counts[ENROLLED], 0),
        "completed_on": program.completed_on, "created_at": program.created_at,
        "sessions": [{"id": s.id, "date": s.held_on, "starts_at": s.starts_at,
                      "ends_at": s.ends_at, "venue": s.venue} for s in program.sessions],
        "trainers": [{"trainer_id": t.trainer_id, "name": t.trainer.name, "fee_idr": t.fee_idr,
                      "metro_resident": t.trainer.metro_resident} for t in program.trainers],
    }
    return view


def enrollment_view(enrollment: Enrollment, position: int | None = None) -> dict:
    return {"id": enrollment.id, "program_id": enrollment.program_id,
            "umkm_id": enrollment.umkm_id, "business_name": enrollment.business_name,
            "owner_name": enrollment.owner_name, "sector": enrollment.sector,
            "kecamatan": enrollment.kecamatan, "status": enrollment.status,
            "waitlist_position": position, "requested_at": enrollment.requested_at,
            "enrolled_at": enrollment.enrolled_at, "cancelled_at": enrollment.cancelled_at,
            "cancel_reason": enrollment.cancel_reason,
            "warnings": [warning] if (warning := repeat_aid_warning(
                enrollment.earlier_aid, enrollment.aid_warning)) else [],
            "result": enrollment.result, "result_reason": enrollment.result_reason}


def handover_view(handover: Handover) -> dict:
    return {"id": handover.id, "number": handover.number, "program_id": handover.program_id,
            "enrollment_id": handover.enrollment_id, **umkm_ref(handover),
            "program_title": handover.program.title,
            "handed_over_on": handover.handed_over_on, "received_by": handover.received_by,
            "handed_over_by": handover.handed_over_by,
            "total_value_idr": handover.total_value_idr,
            "items": [{"aid_item_id": line.aid_item_id, "item": line.item,
                       "quantity": line.quantity, "unit_value_idr": line.unit_value_idr,
                       "serial_numbers": list(line.serial_numbers)} for line in handover.lines],
            "scan_uploaded": handover.scan_path is not None, "scan_type": handover.scan_type,
            "scan_uploaded_at": handover.scan_uploaded_at, "created_at": handover.created_at}


def officer_ref(visit: Visit) -> dict | None:
    if not visit.officer_id:
        return None
    return {"staff_id": visit.officer_id, "name": visit.officer_name,
            "email": visit.officer_email, "phone": visit.officer_phone}


def visit_view(visit: Visit, *, detail: bool = False) -> dict:
    report = visit.report
    view = {"id": visit.id, "umkm_id": visit.umkm_id, "business_name": visit.business_name,
            "owner_name": visit.owner_name, "kecamatan": visit.kecamatan,
            "program_id": visit.program_id, "program_title": visit.program.title,
            "enrollment_id": visit.enrollment_id, "offset_days": visit.offset_days,
            "due_on": visit.due_on, "status": visit.status, "officer": officer_ref(visit),
            "overdue_since": visit.overdue_since, "created_at": visit.created_at,
            "report": None}
    if report is not None:
        view["report"] = {
            "visited_on": report.visited_on, "still_producing": report.still_producing,
            "units_produced": report.units_produced, "sales_idr": report.sales_idr,
            "equipment_in_use": report.equipment_in_use,
            "equipment_condition": report.equipment_condition, "needs": report.needs,
            "next_step": report.next_step, "photos": list(report.photos),
            "reported_by": report.reported_by, "created_at": report.created_at}
    if detail:
        view["reschedules"] = [{"from_due_on": r.from_due_on, "to_due_on": r.to_due_on,
                                "reason": r.reason, "actor": r.actor, "at": r.at}
                               for r in visit.reschedules]
    return view
