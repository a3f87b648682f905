"""Attendance per session: who was there, as a trainer ticks it on a phone."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from services.kernel.errors import Conflict, InvalidInput, NotFound
from services.kernel.identity import StaffIdentity
from services.kernel.uow import UnitOfWorkFactory
from services.training.domain.words import in_sentence
from services.training.models import ENROLLED, SCHEDULED, Attendance, ProgramSession
from services.training.usecases.programs import get_program_row


def _session_row(db, program_id: str, session_id: str) -> ProgramSession:
    row = db.get(ProgramSession, session_id)
    if row is None or row.program_id != program_id:
        raise NotFound(str(_l("Sesi tidak ditemukan.")))
    return row


def attendance_sheet(uow: UnitOfWorkFactory, program_id: str, session_id: str) -> dict:
    """The session and each enrolled participant with present / absent / not yet recorded."""
    with uow(readonly=True) as unit:
        program = get_program_row(unit.session, program_id)
        held = _session_row(unit.session, program_id, session_id)
        marks = dict(unit.session.execute(
            select(Attendance.enrollment_id, Attendance.present)
            .where(Attendance.session_id == session_id)).all())
        return {
            "program_id": program.id, "program_title": program.title,
            "program_status": program.status,
            "session": {"id": held.id, "date": held.held_on, "starts_at": held.starts_at,
                        "ends_at": held.ends_at, "venue": held.venue},
            "recorded": bool(marks),
            "participants": [{"enrollment_id": e.id, "umkm_id": e.umkm_id,
                              "business_name": e.business_name, "owner_name": e.owner_name,
                              "present": marks.get(e.id)}
                             for e in program.enrollments if e.status == ENROLLED],
        }


def record_attendance(uow: UnitOfWorkFactory, program_id: str, session_id: str,
                      present_umkm_ids: Iterable[str], actor: StaffIdentity | None) -> dict:
    """Everyone enrolled is marked: present when listed, absent otherwise (again: replaced)."""
    present = set(present_umkm_ids)
    with uow() as unit:
        db = unit.session
        program = get_program_row(db, program_id, lock=True)
        if program.status != SCHEDULED:
            raise Conflict(str(_l("Program ini sudah %(s)s; kehadiran tidak dapat diubah.",
                                  s=in_sentence("program", program.status))))
        _session_row(db, program_id, session_id)
        enrolled = {e.umkm_id: e for e in program.enrollments if e.status == ENROLLED}
        unknown = sorted(present - set(enrolled))
        if unknown:
            raise InvalidInput({"present": _l("Bukan peserta program ini: %(ids)s.",
                                              ids=", ".join(unknown))})
        existing = {a.enrollment_id: a for a in db.execute(
            select(Attendance).where(Attendance.session_id == session_id)).scalars()}
        for umkm_id, enrollment in enrolled.items():
            mark = existing.get(enrollment.id) or Attendance(session_id=session_id,
                                                             enrollment_id=enrollment.id)
            mark.present = umkm_id in present
            mark.recorded_by = actor.email if actor else None
            db.add(mark)
        unit.commit()
    return attendance_sheet(uow, program_id, session_id)
