"""Attendance per session: who was there, as a trainer ticks it on a phone."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from services.kernel.edits import merge, refuse_stale, version_of
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
        participants = [{"enrollment_id": e.id, "umkm_id": e.umkm_id,
                         "business_name": e.business_name, "owner_name": e.owner_name,
                         "present": marks.get(e.id)}
                        for e in program.enrollments if e.status == ENROLLED]
        ticked = {p["umkm_id"]: p["present"] for p in participants}
        return {
            "program_id": program.id, "program_title": program.title,
            "program_status": program.status,
            "session": {"id": held.id, "date": held.held_on, "starts_at": held.starts_at,
                        "ends_at": held.ends_at, "venue": held.venue},
            "recorded": bool(marks),
            "participants": participants,
            # What a sheet shows, per participant (not recorded shows as not ticked), and the
            # version of the marks (the API's ETag).
            "shown": {umkm_id: bool(present) for umkm_id, present in ticked.items()},
            "version": version_of(ticked),
        }


def _marks(enrolled: dict, present: set, stored: dict, shown: dict | None) -> dict:
    """Present or not, per participant, as this sheet records them: what this person changed
    on the sheet they were shown, over what is stored (a colleague's marks made meanwhile
    stay); without `shown`, the sheet as sent. A mark has two values, so two people who both
    changed it changed it the same way: sheets never conflict."""
    sent = {umkm_id: umkm_id in present for umkm_id in enrolled}
    if shown is None:
        return sent
    seen = {umkm_id: bool(shown.get(umkm_id)) for umkm_id in enrolled}
    now = {umkm_id: bool(stored.get(umkm_id)) for umkm_id in enrolled}
    outcome = merge(seen, sent, now)
    return {umkm_id: sent[umkm_id] if umkm_id in outcome.changed else now[umkm_id]
            for umkm_id in enrolled}


def record_attendance(uow: UnitOfWorkFactory, program_id: str, session_id: str,
                      present_umkm_ids: Iterable[str], actor: StaffIdentity | None, *,
                      shown: dict | None = None, if_match: str | None = None) -> dict:
    """Everyone enrolled is marked: present when listed, absent otherwise (again: replaced).

    A sheet passes what it showed (`shown`): only the marks this person changed are written,
    so a colleague's marks made meanwhile stay. An API client may pass the version it read
    (`if_match`)."""
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
        stored = {umkm_id: existing[e.id].present if e.id in existing else None
                  for umkm_id, e in enrolled.items()}
        refuse_stale(if_match, stored)
        marks = _marks(enrolled, present, stored, shown)
        for umkm_id, enrollment in enrolled.items():
            mark = existing.get(enrollment.id)
            if mark is not None and mark.present == marks[umkm_id]:
                continue  # as recorded, by whoever recorded it
            mark = mark or Attendance(session_id=session_id, enrollment_id=enrollment.id)
            mark.present = marks[umkm_id]
            mark.recorded_by = actor.email if actor else None
            db.add(mark)
        unit.commit()
    return attendance_sheet(uow, program_id, session_id)
