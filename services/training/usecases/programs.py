"""Scheduling programmes (sessions, aid package, trainers) and reading them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from services.kernel.contains import containing
from services.kernel.errors import Conflict, InvalidInput, NotFound
from services.kernel.identity import StaffIdentity
from services.kernel.uow import UnitOfWorkFactory
from services.training.domain.aid import item_key
from services.training.domain.programs import ProgramPlan, validate_program
from services.training.domain.trainers import clash
from services.training.models import (
    CANCELLED,
    AidItem,
    PackageLine,
    Program,
    ProgramSession,
    ProgramTrainer,
    Trainer,
)
from services.training.usecases.views import package_view, program_ref, program_view


def get_program_row(session: Session, program_id: str, *, lock: bool = False) -> Program:
    query = select(Program).where(Program.id == program_id)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    program = session.execute(query).scalar()
    if program is None:
        raise NotFound(str(_l("Program pelatihan tidak ditemukan.")))
    return program


def aid_item_for(session: Session, name: str, unit_value_idr: int | None) -> AidItem:
    """The inventory item of that name, created with no stock the first time it is named."""
    item = session.execute(select(AidItem).where(AidItem.name_key == item_key(name))).scalar()
    if item is None:
        item = AidItem(name=name, name_key=item_key(name), unit_value_idr=unit_value_idr,
                       stock=0)
        session.add(item)
        session.flush()
    return item


def _slots(program: Program) -> list:
    return [(s.held_on, s.starts_at, s.ends_at) for s in program.sessions]


def book_trainer(session: Session, program: Program, trainer_id: str, field: str) -> None:
    """Assign a trainer unless already booked elsewhere at one of the programme's times."""
    trainer = session.get(Trainer, trainer_id)
    if trainer is None or not trainer.active:
        raise InvalidInput({field: _l("Pelatih tidak ditemukan.")})
    if any(t.trainer_id == trainer_id for t in program.trainers):
        raise Conflict(str(_l("%(name)s sudah menjadi pelatih program ini.", name=trainer.name)),
                       {field: _l("Sudah terdaftar.")})
    others = session.execute(
        select(Program).join(ProgramTrainer).where(
            ProgramTrainer.trainer_id == trainer_id, Program.id != program.id,
            Program.status != CANCELLED)
    ).scalars().all()
    for other in others:
        hit = clash(_slots(program), _slots(other))
        if hit:
            raise Conflict(
                str(_l("%(name)s sudah mengajar di \"%(other)s\" pada %(day)s pukul %(t)s.",
                       name=trainer.name, other=other.title, day=hit[0].isoformat(),
                       t=hit[1].strftime("%H:%M"))),
                {field: _l("Pelatih sudah dijadwalkan pada waktu yang sama.")})
    fee = 0 if trainer.metro_resident else (trainer.fee_idr or 0)
    session.add(ProgramTrainer(program=program, trainer_id=trainer_id, fee_idr=fee))
    session.flush()


def _add_plan(session: Session, program: Program, plan: ProgramPlan) -> None:
    for held_on, start, end, venue in ((s.held_on, s.starts_at, s.ends_at, s.venue)
                                       for s in plan.sessions):
        session.add(ProgramSession(program=program, held_on=held_on, starts_at=start,
                                   ends_at=end, venue=venue))
    for position, line in enumerate(plan.aid_package):
        item = aid_item_for(session, line.item, line.unit_value_idr)
        session.add(PackageLine(program=program, aid_item=item, position=position,
                                quantity=line.quantity, unit_value_idr=line.unit_value_idr))
    session.flush()


def create_program(uow: UnitOfWorkFactory, data: Mapping, actor: StaffIdentity | None) -> dict:
    """A new programme: `training.scheduled` with its aid package and follow-up plan."""
    plan = validate_program(data)
    with uow() as unit:
        session = unit.session
        program = Program(
            title=plan.title, topic=plan.topic, description=plan.description,
            location=plan.location, starts_on=plan.starts_on, ends_on=plan.ends_on,
            quota=plan.quota, eligible_sectors=list(plan.eligible_sectors),
            eligible_kecamatan=list(plan.eligible_kecamatan),
            followup_days=list(plan.followup_days), min_attendance_pct=plan.min_attendance_pct,
            created_by=actor.email if actor else None,
        )
        session.add(program)
        try:
            _add_plan(session, program, plan)
            for index, trainer_id in enumerate(plan.trainer_ids):
                book_trainer(session, program, trainer_id, f"trainer_ids.{index}")
        except IntegrityError:
            raise Conflict(str(_l("Data yang sama baru saja disimpan; coba lagi."))) from None
        session.refresh(program)
        unit.publish("training.scheduled", {
            "program": program_ref(program), "quota": program.quota,
            "eligibility": {"sectors": list(program.eligible_sectors),
                            "kecamatan": list(program.eligible_kecamatan)},
            "aid_package": [{k: v for k, v in line.items() if k != "aid_item_id"}
                            for line in package_view(program)],
            "followup_days": list(program.followup_days),
        })
        view = program_view(program, detail=True)
        unit.commit()
    return view


def assign_trainer(uow: UnitOfWorkFactory, program_id: str, trainer_id: str) -> dict:
    with uow() as unit:
        program = get_program_row(unit.session, program_id, lock=True)
        book_trainer(unit.session, program, trainer_id, "trainer_id")
        unit.session.refresh(program)
        view = program_view(program, detail=True)
        unit.commit()
    return view


def get_program(uow: UnitOfWorkFactory, program_id: str) -> dict:
    with uow(readonly=True) as unit:
        return program_view(get_program_row(unit.session, program_id), detail=True)


@dataclass(frozen=True)
class ProgramQuery:
    q: str | None = None
    status: str | None = None
    page: int = 1
    per_page: int = 20


def list_programs(uow: UnitOfWorkFactory, query: ProgramQuery) -> dict:
    stmt = select(Program)
    if query.q:
        stmt = stmt.where(containing(query.q, Program.title, Program.topic))
    if query.status:
        stmt = stmt.where(Program.status == query.status)
    with uow(readonly=True) as unit:
        total = unit.session.execute(
            select(func.count()).select_from(stmt.with_only_columns(Program.id).subquery())
        ).scalar_one()
        rows = unit.session.execute(
            stmt.order_by(Program.starts_on.desc(), Program.created_at.desc())
            .options(*(selectinload(r) for r in (Program.enrollments, Program.sessions,
                                                 Program.aid_package, Program.trainers)))
            .offset((query.page - 1) * query.per_page).limit(query.per_page)
        ).scalars().all()
        items = [program_view(p) for p in rows]
    return {"items": items, "total": total, "page": query.page, "per_page": query.per_page}
