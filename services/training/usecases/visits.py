"""Follow-up visits: scheduled from `training.participant_completed` (effectively once),
reported from the field, rescheduled with a reason, marked overdue by the daily job."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from services.kernel.clock import today_wib
from services.kernel.errors import Conflict, Forbidden, InvalidInput, NotFound
from services.kernel.events.catalogue import Event
from services.kernel.identity import TRAINING_COORDINATOR, StaffIdentity
from services.kernel.uow import UnitOfWork, UnitOfWorkFactory
from services.training.adapters.registry import RegistryGateway
from services.training.domain.text import text
from services.training.domain.visits import REASON_MAX, days_overdue, due_dates, pick_officer
from services.training.models import OVERDUE, SCHEDULED, Program, Reschedule, Visit
from services.training.usecases.views import officer_ref, program_ref, umkm_ref, visit_view

log = logging.getLogger(__name__)
OPEN = (SCHEDULED, OVERDUE)


def may_work_on(officer_id: str | None, actor: StaffIdentity | None) -> bool:
    """A coordinator (or admin) reports and reschedules any visit; a field officer their own,
    or one no officer has been given."""
    if actor is None or actor.has_any(TRAINING_COORDINATOR):
        return True
    return officer_id in (None, actor.id)


def check_officer(visit: Visit, actor: StaffIdentity | None) -> None:
    if not may_work_on(visit.officer_id, actor):
        raise Forbidden(str(_l("Kunjungan ini ditugaskan kepada %(name)s.",
                               name=visit.officer_name or "")))


def _visit_payload(visit: Visit) -> dict:
    return {"visit_id": visit.id, "program": program_ref(visit.program), **umkm_ref(visit),
            "due_on": visit.due_on, "officer": officer_ref(visit)}


def open_loads(unit: UnitOfWork) -> dict[str, int]:
    return dict(unit.session.execute(
        select(Visit.officer_id, func.count()).where(Visit.status.in_(OPEN),
                                                     Visit.officer_id.is_not(None))
        .group_by(Visit.officer_id)).all())


class VisitPlanner:
    """Consumes training's own `training.participant_completed`."""

    def __init__(self, registry: RegistryGateway):
        self.registry = registry

    def on_participant_completed(self, event: Event, unit: UnitOfWork) -> None:
        p = event.payload
        if not p["passed"]:
            return
        program = unit.session.get(Program, p["program"]["program_id"])
        if program is None:
            log.warning("no programme %s here; no visit scheduled", p["program"]["program_id"])
            return
        planned = set(unit.session.execute(select(Visit.offset_days).where(
            Visit.enrollment_id == p["enrollment_id"])).scalars())
        todo = [(days, due) for days, due in due_dates(p["completed_on"], p["followup_days"])
                if days not in planned]
        if not todo:
            return
        # The registry down: this raises, the inbox rolls back, the event comes again later.
        officers = self.registry.field_officers(p["kecamatan"])
        officer = pick_officer(officers, open_loads(unit))
        for days, due in todo:
            visit = Visit(enrollment_id=p["enrollment_id"], program_id=program.id,
                          umkm_id=p["umkm_id"], business_name=p["business_name"],
                          owner_name=p["owner_name"], kecamatan=p["kecamatan"],
                          offset_days=days, due_on=due, status=SCHEDULED)
            if officer:
                visit.officer_id, visit.officer_name = officer["staff_id"], officer["name"]
                visit.officer_email, visit.officer_phone = officer.get("email"), officer.get(
                    "phone")
            visit.program = program
            unit.session.add(visit)
            unit.session.flush()
            unit.publish("visit.scheduled", {**_visit_payload(visit), "offset_days": days})

    def handlers(self) -> dict:
        return {"training.participant_completed": self.on_participant_completed}


@dataclass(frozen=True)
class VisitQuery:
    umkm_id: str | None = None
    program_id: str | None = None
    officer_id: str | None = None
    status: str | None = None
    due_from: date | None = None
    due_until: date | None = None
    due_within_days: int | None = None  # due by today + this many days
    page: int = 1
    per_page: int = 50


def list_visits(uow: UnitOfWorkFactory, query: VisitQuery, today: date | None = None) -> dict:
    if query.due_within_days is not None:
        query = replace(query, due_within_days=None, due_until=(
            today or today_wib()) + timedelta(days=query.due_within_days))
    stmt = select(Visit)
    for column in ("umkm_id", "program_id", "officer_id", "status"):
        value = getattr(query, column)
        if value:
            stmt = stmt.where(getattr(Visit, column) == value)
    if query.due_from:
        stmt = stmt.where(Visit.due_on >= query.due_from)
    if query.due_until:
        stmt = stmt.where(Visit.due_on <= query.due_until)
    with uow(readonly=True) as unit:
        total = unit.session.execute(
            select(func.count()).select_from(stmt.with_only_columns(Visit.id).subquery())
        ).scalar_one()
        rows = unit.session.execute(
            stmt.order_by(Visit.due_on, Visit.business_name, Visit.id)
            .offset((query.page - 1) * query.per_page).limit(query.per_page)).scalars().all()
        items = [visit_view(v) for v in rows]
    return {"items": items, "total": total, "page": query.page, "per_page": query.per_page}


def officers_with_visits(uow: UnitOfWorkFactory) -> list[tuple[str, str]]:
    """(staff_id, name) of every officer who has a visit, for the list's filter."""
    with uow(readonly=True) as unit:
        return [tuple(r) for r in unit.session.execute(
            select(Visit.officer_id, Visit.officer_name).where(Visit.officer_id.is_not(None))
            .distinct().order_by(Visit.officer_name)).all()]


def _visit(unit: UnitOfWork, visit_id: str, *, lock: bool = False) -> Visit:
    stmt = select(Visit).where(Visit.id == visit_id)
    if lock:
        stmt = stmt.with_for_update(of=Visit).execution_options(populate_existing=True)
    visit = unit.session.execute(stmt).unique().scalar()
    if visit is None:
        raise NotFound(str(_l("Kunjungan tidak ditemukan.")))
    return visit


def get_visit(uow: UnitOfWorkFactory, visit_id: str) -> dict:
    with uow(readonly=True) as unit:
        return visit_view(_visit(unit, visit_id), detail=True)


def reschedule_visit(uow: UnitOfWorkFactory, visit_id: str, due_on: date | None, reason: str,
                     actor: StaffIdentity | None, today: date | None = None) -> dict:
    today = today or today_wib()
    errors = {}
    if not isinstance(due_on, date):
        errors["due_on"] = _l("Tanggal baru wajib diisi.")
    elif due_on < today:
        errors["due_on"] = _l("Tanggal baru tidak boleh di masa lalu.")
    reason = text(reason, "reason", errors, max_length=REASON_MAX,
                  missing=_l("Tulis alasan penjadwalan ulang."))
    if errors:
        raise InvalidInput(errors)
    with uow() as unit:
        visit = _visit(unit, visit_id, lock=True)
        check_officer(visit, actor)
        if visit.status not in OPEN:
            raise Conflict(str(_l("Kunjungan ini sudah selesai.")))
        unit.session.add(Reschedule(visit_id=visit.id, from_due_on=visit.due_on, to_due_on=due_on,
                                    reason=reason,
                                    actor=actor.email if actor else None))
        visit.due_on, visit.status, visit.overdue_since = due_on, SCHEDULED, None
        unit.session.flush()
        unit.publish("visit.scheduled", {**_visit_payload(visit),
                                         "offset_days": visit.offset_days})
        unit.session.refresh(visit)
        view = visit_view(visit, detail=True)
        unit.commit()
    return view


def mark_overdue(uow: UnitOfWorkFactory, today: date | None = None, limit: int = 500) -> int:
    """The daily job: a visit past its due date without a report becomes overdue, once."""
    today = today or today_wib()
    late_exists = select(Visit.id).where(Visit.status == SCHEDULED, Visit.due_on < today)
    with uow(readonly=True) as unit:  # most ticks find nothing: take no write lock for that
        if unit.session.execute(late_exists.limit(1)).first() is None:
            return 0
    with uow() as unit:
        late = unit.session.execute(
            select(Visit).where(Visit.status == SCHEDULED, Visit.due_on < today)
            .order_by(Visit.due_on).limit(limit).with_for_update(of=Visit, skip_locked=True)
        ).unique().scalars().all()
        for visit in late:
            visit.status, visit.overdue_since = OVERDUE, today
            unit.publish("visit.overdue", {**_visit_payload(visit),
                                           "days_overdue": days_overdue(visit.due_on, today)})
        unit.commit()
    return len(late)


def due_by_week(uow: UnitOfWorkFactory, today: date | None = None, weeks: int = 8,
                officer_id: str | None = None) -> list[tuple[str, int]]:
    """Open visits per week from this week on (overdue ones first), for the chart."""
    today = today or today_wib()
    monday = today - timedelta(days=today.weekday())
    stmt = select(Visit.due_on, Visit.status).where(Visit.status.in_(OPEN))
    if officer_id:
        stmt = stmt.where(Visit.officer_id == officer_id)
    with uow(readonly=True) as unit:
        rows = unit.session.execute(stmt).all()
    buckets = [(str(_l("Terlambat")), sum(1 for r in rows if r.status == OVERDUE))]
    for week in range(weeks):
        start = monday + timedelta(weeks=week)
        count = sum(1 for r in rows if r.status == SCHEDULED
                    and start <= r.due_on < start + timedelta(days=7))
        buckets.append((start.strftime("%d/%m"), count))
    return buckets
