"""Outcomes per programme and overall: participants, completion rate, the share still producing
at each visit, reported sales and the value of the aid handed over."""

from __future__ import annotations

from sqlalchemy import func, select

from services.kernel.uow import UnitOfWorkFactory
from services.training.models import (
    COMPLETED,
    ENROLLED,
    PASSED,
    Enrollment,
    Handover,
    Program,
    Visit,
    VisitReport,
)
from services.training.usecases.programs import get_program_row


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def outcomes(uow: UnitOfWorkFactory, program_id: str | None = None) -> dict:
    with uow(readonly=True) as unit:
        db = unit.session
        title = get_program_row(db, program_id).title if program_id else None

        def scoped(stmt, column):
            return stmt.where(column == program_id) if program_id else stmt

        people = db.execute(scoped(select(Enrollment.result, Program.status).join(Program)
                                   .where(Enrollment.status == ENROLLED),
                                   Enrollment.program_id)).all()
        finished = [r for r in people if r.status == COMPLETED]
        passed = sum(1 for r in finished if r.result == PASSED)
        aid_value = db.execute(scoped(select(func.coalesce(func.sum(Handover.total_value_idr), 0)),
                                      Handover.program_id)).scalar_one()
        handovers = db.execute(scoped(select(func.count(Handover.id)),
                                      Handover.program_id)).scalar_one()
        reports = db.execute(scoped(select(Visit.offset_days, VisitReport.still_producing,
                                           VisitReport.sales_idr, VisitReport.units_produced)
                                    .join(VisitReport, VisitReport.visit_id == Visit.id),
                                    Visit.program_id)).all()
        by_offset = {}
        for row in reports:
            seen = by_offset.setdefault(row.offset_days, [0, 0])
            seen[0] += 1
            seen[1] += 1 if row.still_producing else 0
        per_program = []
        if not program_id:
            for program in db.execute(select(Program).order_by(Program.starts_on)).scalars():
                done = [e for e in program.enrollments if e.status == ENROLLED]
                per_program.append({
                    "program_id": program.id, "title": program.title, "status": program.status,
                    "participants": len(done),
                    "passed": sum(1 for e in done if e.result == PASSED)})
        visits_open = db.execute(scoped(select(func.count(Visit.id)).where(
            Visit.status != COMPLETED), Visit.program_id)).scalar_one()
    return {
        "program_id": program_id, "title": title,
        "participants": len(people), "completed_participants": len(finished),
        "passed": passed, "completion_rate": _share(passed, len(finished)),
        "handovers": handovers, "aid_value_idr": int(aid_value),
        "visits_reported": len(reports), "visits_open": visits_open,
        "producing_by_visit": [
            {"offset_days": days, "reported": seen, "producing": producing,
             "share_producing": _share(producing, seen)}
            for days, (seen, producing) in sorted(by_offset.items())],
        "sales_idr": sum(r.sales_idr or 0 for r in reports),
        "units_produced": sum(r.units_produced or 0 for r in reports),
        "programs": per_program,
    }
