"""Enrollment: verified UMKM only (asked of the registry), quota with a waitlist that promotes
by itself, cancellation, and a warning for aid received again within three years."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.kernel.clock import today_wib, utcnow
from services.kernel.errors import Conflict, InvalidInput, NotFound
from services.kernel.identity import StaffIdentity
from services.kernel.uow import UnitOfWork, UnitOfWorkFactory
from services.training.adapters.registry import RegistryGateway
from services.training.domain.aid import earlier_aid_facts, window_start
from services.training.domain.programs import REASON_MAX, eligibility_problem
from services.training.domain.text import text
from services.training.domain.words import in_sentence
from services.training.models import (
    CANCELLED,
    ENROLLED,
    SCHEDULED,
    WAITLISTED,
    Enrollment,
    Handover,
    HandoverLine,
    Program,
)
from services.training.usecases.programs import get_program_row
from services.training.usecases.views import enrollment_view, program_ref, umkm_ref


def _open_program(session: Session, program_id: str, *, lock: bool = False) -> Program:
    program = get_program_row(session, program_id, lock=lock)
    if program.status != SCHEDULED:
        raise Conflict(str(_l("Program ini sudah %(s)s; pendaftaran ditutup.",
                              s=in_sentence("program", program.status))))
    return program


def waitlist_position(session: Session, enrollment: Enrollment) -> int | None:
    if enrollment.status != WAITLISTED:
        return None
    return session.execute(
        select(func.count()).select_from(Enrollment).where(
            Enrollment.program_id == enrollment.program_id, Enrollment.status == WAITLISTED,
            Enrollment.requested_at <= enrollment.requested_at)
    ).scalar_one()


def _earlier_aid(session: Session, program: Program, umkm_id: str, today: date) -> dict | None:
    """The latest aid of this programme's package the UMKM received within the window."""
    items = [line.aid_item_id for line in program.aid_package]
    if not items:
        return None
    earlier = session.execute(
        select(HandoverLine.item, Handover.handed_over_on, Program.title)
        .join(Handover, Handover.id == HandoverLine.handover_id)
        .join(Program, Program.id == Handover.program_id)
        .where(Handover.umkm_id == umkm_id, HandoverLine.aid_item_id.in_(items),
               Handover.handed_over_on >= window_start(today))
        .order_by(Handover.handed_over_on.desc())
    ).first()
    if earlier is None:
        return None
    return earlier_aid_facts(earlier.item, earlier.handed_over_on, earlier.title)


def _admit(unit: UnitOfWork, program: Program, enrollment: Enrollment, *,
           promoted: bool = False) -> None:
    enrollment.status, enrollment.enrolled_at = ENROLLED, utcnow()
    unit.publish("training.enrolled", {
        "enrollment_id": enrollment.id, "program": program_ref(program), **umkm_ref(enrollment),
        "promoted_from_waitlist": promoted})


def enroll(uow: UnitOfWorkFactory, registry: RegistryGateway, program_id: str, umkm_id: str,
           actor: StaffIdentity | None, today: date | None = None) -> dict:
    umkm_id = (umkm_id or "").strip()
    if not umkm_id:
        raise InvalidInput({"umkm_id": _l("Pilih UMKM yang akan didaftarkan.")})
    with uow(readonly=True) as unit:
        program = _open_program(unit.session, program_id)
        sectors, areas = list(program.eligible_sectors), list(program.eligible_kecamatan)
    umkm = registry.umkm(umkm_id)  # no transaction is open while the registry is asked
    if umkm is None:
        raise InvalidInput({"umkm_id": _l("UMKM tidak terdaftar di registri.")})
    problem = eligibility_problem(sectors, areas, umkm)
    if problem:
        raise InvalidInput({"umkm_id": problem})
    with uow() as unit:
        session = unit.session
        program = _open_program(session, program_id, lock=True)  # one place, one winner
        existing = session.execute(select(Enrollment).where(
            Enrollment.program_id == program.id, Enrollment.umkm_id == umkm_id)).scalar()
        if existing is not None and existing.status != CANCELLED:
            raise Conflict(str(_l("%(name)s sudah terdaftar di program ini (%(s)s).",
                                  name=existing.business_name,
                                  s=in_sentence("enrollment", existing.status))),
                           {"umkm_id": _l("Sudah terdaftar.")}, existing_id=existing.id)
        taken = session.execute(select(func.count()).select_from(Enrollment).where(
            Enrollment.program_id == program.id, Enrollment.status == ENROLLED)).scalar_one()
        enrollment = existing or Enrollment(program_id=program.id, umkm_id=umkm_id)
        enrollment.business_name, enrollment.owner_name = umkm["business_name"], umkm["owner_name"]
        enrollment.sector, enrollment.kecamatan = umkm["sector"], umkm["kecamatan"]
        enrollment.requested_at, enrollment.cancelled_at = utcnow(), None
        enrollment.cancel_reason, enrollment.enrolled_at = None, None
        enrollment.enrolled_by = actor.email if actor else None
        enrollment.earlier_aid = _earlier_aid(session, program, umkm_id, today or today_wib())
        enrollment.aid_warning = None
        enrollment.status = WAITLISTED
        session.add(enrollment)
        try:
            session.flush()
        except IntegrityError:
            raise Conflict(str(_l("UMKM ini baru saja didaftarkan.")),
                           {"umkm_id": _l("Sudah terdaftar.")}) from None
        if taken < program.quota:
            _admit(unit, program, enrollment)
            position = None
        else:
            position = waitlist_position(session, enrollment)
            unit.publish("training.waitlisted", {
                "enrollment_id": enrollment.id, "program": program_ref(program),
                **umkm_ref(enrollment), "position": position})
        view = enrollment_view(enrollment, position)
        unit.commit()
    return view


def promote_next(unit: UnitOfWork, program: Program) -> Enrollment | None:
    """Give a freed place to the first on the waitlist."""
    nxt = unit.session.execute(
        select(Enrollment).where(Enrollment.program_id == program.id,
                                 Enrollment.status == WAITLISTED)
        .order_by(Enrollment.requested_at, Enrollment.id).limit(1)).scalar()
    if nxt is not None:
        _admit(unit, program, nxt, promoted=True)
    return nxt


def cancel_enrollment(uow: UnitOfWorkFactory, program_id: str, enrollment_id: str,
                      reason: str | None, actor: StaffIdentity | None) -> dict:
    errors = {}
    reason = text(reason, "reason", errors, max_length=REASON_MAX, required=False)
    if errors:
        raise InvalidInput(errors)
    with uow() as unit:
        session = unit.session
        program = _open_program(session, program_id, lock=True)
        enrollment = session.get(Enrollment, enrollment_id)
        if enrollment is None or enrollment.program_id != program.id:
            raise NotFound(str(_l("Pendaftaran tidak ditemukan.")))
        if enrollment.status == CANCELLED:
            raise Conflict(str(_l("Pendaftaran ini sudah dibatalkan.")))
        handed = session.execute(select(Handover.id).where(
            Handover.enrollment_id == enrollment.id)).first()
        if handed:
            raise Conflict(str(_l("Bantuan sudah diserahkan kepada peserta ini; pendaftaran "
                                  "tidak dapat dibatalkan.")))
        had_place = enrollment.status == ENROLLED
        enrollment.status, enrollment.cancelled_at = CANCELLED, utcnow()
        enrollment.cancel_reason = reason
        session.flush()
        promoted = promote_next(unit, program) if had_place else None
        view = enrollment_view(enrollment)
        view["promoted"] = enrollment_view(promoted) if promoted else None
        unit.commit()
    return view


def list_enrollments(uow: UnitOfWorkFactory, program_id: str, status: str | None = None) -> dict:
    with uow(readonly=True) as unit:
        program = get_program_row(unit.session, program_id)
        rows = [e for e in program.enrollments if status is None or e.status == status]
        waitlisted = [e.id for e in program.enrollments if e.status == WAITLISTED]
        items = [enrollment_view(e, waitlisted.index(e.id) + 1 if e.id in waitlisted else None)
                 for e in rows]
    return {"items": items, "total": len(items), "page": 1, "per_page": max(len(items), 1)}
