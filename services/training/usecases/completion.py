"""Completing a programme: each participant passed or not (with a reason), by the attendance
rule unless staff say otherwise; `training.participant_completed` for each who passed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from services.kernel.clock import today_wib
from services.kernel.errors import Conflict, InvalidInput
from services.kernel.identity import StaffIdentity
from services.kernel.uow import UnitOfWorkFactory
from services.training.domain.attendance import judge
from services.training.domain.programs import REASON_MAX
from services.training.domain.text import text
from services.training.domain.words import in_sentence
from services.training.models import (
    COMPLETED,
    ENROLLED,
    NOT_PASSED,
    PASSED,
    SCHEDULED,
    Attendance,
)
from services.training.usecases.programs import get_program_row
from services.training.usecases.views import enrollment_view, program_ref, umkm_ref

DEFAULT_FAIL_REASON = _l("Dinyatakan tidak lulus oleh koordinator.")


def _explicit(results: Iterable[Mapping], enrolled: Mapping) -> dict[str, tuple[bool, str]]:
    given, errors = {}, {}
    for index, result in enumerate(results or []):
        umkm_id = result.get("umkm_id")
        if umkm_id not in enrolled:
            errors[f"results.{index}.umkm_id"] = _l("Bukan peserta program ini.")
            continue
        reason = text(result.get("reason"), f"results.{index}.reason", errors,
                      max_length=REASON_MAX, required=False)
        passed = bool(result.get("passed", True))
        given[umkm_id] = (passed, reason or (None if passed else str(DEFAULT_FAIL_REASON)))
    if errors:
        raise InvalidInput(errors)
    return given


def complete_program(uow: UnitOfWorkFactory, program_id: str, results: Iterable[Mapping] = (),
                     actor: StaffIdentity | None = None, today: date | None = None) -> dict:
    """Without attendance recorded every participant passes (unless `results` says not)."""
    completed_on = today or today_wib()
    with uow() as unit:
        db = unit.session
        program = get_program_row(db, program_id, lock=True)
        if program.status != SCHEDULED:
            raise Conflict(str(_l("Program ini sudah %(s)s.",
                                  s=in_sentence("program", program.status))))
        enrolled = {e.umkm_id: e for e in program.enrollments if e.status == ENROLLED}
        given = _explicit(results, enrolled)
        session_ids = [s.id for s in program.sessions]
        attended = Counter(db.execute(
            select(Attendance.enrollment_id).where(Attendance.session_id.in_(session_ids),
                                                   Attendance.present.is_(True))).scalars())
        recorded = db.execute(select(Attendance.session_id).where(
            Attendance.session_id.in_(session_ids)).distinct()).scalars().all()
        for umkm_id, enrollment in enrolled.items():
            if umkm_id in given:
                passed, reason = given[umkm_id]
            elif recorded:
                verdict = judge(attended[enrollment.id], len(recorded),
                                program.min_attendance_pct)
                passed, reason = verdict.passed, verdict.reason
            else:
                passed, reason = True, None
            enrollment.result = PASSED if passed else NOT_PASSED
            enrollment.result_reason = reason
            if passed:
                unit.publish("training.participant_completed", {
                    "enrollment_id": enrollment.id, "program": program_ref(program),
                    **umkm_ref(enrollment), "passed": True, "completed_on": completed_on,
                    "followup_days": list(program.followup_days), "sector": enrollment.sector,
                    "kecamatan": enrollment.kecamatan})
        program.status, program.completed_on = COMPLETED, completed_on
        db.flush()
        participants = [enrollment_view(e) for e in enrolled.values()]
        unit.commit()
    return {"program_id": program_id, "status": COMPLETED, "completed_on": completed_on,
            "passed": sum(p["result"] == PASSED for p in participants),
            "not_passed": sum(p["result"] == NOT_PASSED for p in participants),
            "participants": participants}
