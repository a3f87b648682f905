"""Applications for stalls (one per UMKM per bazaar), the allocation, and the day itself."""

from __future__ import annotations

from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from services.bazaar.domain.allocation import Candidate, StallSlot, allocate
from services.bazaar.domain.labels import word
from services.bazaar.models import (
    ALLOCATED,
    APPLIED,
    CHECKED_IN,
    NO_SHOW,
    SCHEDULED,
    STALL,
    WAITLIST,
    WITHDRAWN,
    Application,
    Bazaar,
)
from services.bazaar.usecases.bazaars import KULINER, NON_KULINER, get_bazaar_row
from services.bazaar.usecases.views import application_view, bazaar_ref
from services.kernel.clock import utcnow
from services.kernel.errors import Conflict, InvalidInput, NotFound
from services.kernel.identity import StaffIdentity
from services.kernel.readmodels.umkm_directory import UmkmDirectory
from services.kernel.uow import UnitOfWorkFactory

HISTORY = timedelta(days=365)


def apply(uow: UnitOfWorkFactory, directory: UmkmDirectory, bazaar_id: str, umkm_id: str,
          actor: StaffIdentity) -> dict:
    now = utcnow()
    with uow() as unit:
        bazaar = get_bazaar_row(unit.session, bazaar_id)
        if bazaar.status != SCHEDULED:
            raise Conflict(str(_l("Pendaftaran bazar ini sudah ditutup (%(s)s).",
                                  s=word("bazaar", bazaar.status))))
        if not bazaar.applications_open_at <= now <= bazaar.applications_close_at:
            raise Conflict(str(_l("Di luar masa pendaftaran bazar ini.")))
        umkm = directory.get(unit, umkm_id)
        if umkm is None:
            raise InvalidInput({"umkm_id": _l("UMKM tidak dikenal.")})
        if bazaar.verified_only and umkm["status"] != "verified":
            raise InvalidInput({"umkm_id": _l("Hanya UMKM terverifikasi yang dapat ikut.")})
        if bazaar.sectors and umkm["sector"] not in bazaar.sectors:
            raise InvalidInput({"umkm_id": _l("Sektor %(s)s tidak termasuk bazar ini.",
                                              s=word("sector", umkm["sector"]))})
        existing = unit.session.execute(select(Application).where(
            Application.bazaar_id == bazaar_id, Application.umkm_id == umkm_id)).scalar()
        if existing is not None and existing.status != WITHDRAWN:
            raise Conflict(str(_l("%(name)s sudah mendaftar di bazar ini.",
                                  name=existing.business_name)),
                           {"umkm_id": _l("Sudah mendaftar.")}, existing_id=existing.id)
        application = existing or Application(bazaar_id=bazaar_id, umkm_id=umkm_id)
        application.business_name, application.owner_name = (umkm["business_name"],
                                                              umkm["owner_name"])
        application.owner_id = umkm.get("owner_id")
        application.sector = umkm["sector"]
        application.category = KULINER if umkm["sector"] == KULINER else NON_KULINER
        application.status, application.applied_at, application.applied_by = (
            APPLIED, now, actor.email)
        unit.session.add(application)
        try:
            unit.session.flush()
        except IntegrityError:
            raise Conflict(str(_l("UMKM ini baru saja didaftarkan."))) from None
        view = application_view(application)
        unit.commit()
    return view


def application_row(session, bazaar_id: str, application_id: str) -> Application:
    found = session.get(Application, application_id)
    if found is None or found.bazaar_id != bazaar_id:
        raise NotFound(str(_l("Pendaftaran tidak ditemukan.")))
    return found


def withdraw(uow: UnitOfWorkFactory, bazaar_id: str, application_id: str) -> dict:
    with uow() as unit:
        application = application_row(unit.session, bazaar_id, application_id)
        if application.status != APPLIED:
            raise Conflict(str(_l("Hanya pendaftaran yang belum dialokasikan yang dapat "
                                  "ditarik.")))
        application.status = WITHDRAWN
        view = application_view(application)
        unit.commit()
    return view


def list_applications(uow: UnitOfWorkFactory, bazaar_id: str) -> dict:
    with uow(readonly=True) as unit:
        get_bazaar_row(unit.session, bazaar_id)
        rows = unit.session.execute(select(Application).where(
            Application.bazaar_id == bazaar_id).order_by(Application.applied_at)).scalars().all()
        items = [application_view(a) for a in rows]
    return {"items": items, "total": len(items), "page": 1}


def _history(session, bazaar: Bazaar, umkm_ids: list[str]) -> dict[str, tuple[int, int]]:
    """Stalls had and no-shows in the 12 months before this bazaar, per UMKM."""
    rows = session.execute(
        select(Application.umkm_id, Application.status, func.count())
        .join(Bazaar, Bazaar.id == Application.bazaar_id)
        .where(Application.umkm_id.in_(umkm_ids), Bazaar.id != bazaar.id,
               Bazaar.starts_at >= bazaar.starts_at - HISTORY,
               Bazaar.starts_at < bazaar.starts_at,
               Application.status.in_((STALL, CHECKED_IN, NO_SHOW)))
        .group_by(Application.umkm_id, Application.status)).all()
    found: dict[str, list[int]] = {}
    for umkm_id, status, count in rows:
        had = found.setdefault(umkm_id, [0, 0])
        had[1 if status == NO_SHOW else 0] += count
    return {k: (v[0], v[1]) for k, v in found.items()}


def allocate_stalls(uow: UnitOfWorkFactory, bazaar_id: str, actor: StaffIdentity) -> dict:
    """Allocate every stall at once; a second coordinator allocating the same bazaar gets 409."""
    with uow() as unit:
        session = unit.session
        bazaar = get_bazaar_row(session, bazaar_id)
        claimed = session.execute(update(Bazaar).where(
            Bazaar.id == bazaar_id, Bazaar.status == SCHEDULED,
            Bazaar.version == bazaar.version).values(
            version=Bazaar.version + 1, status=ALLOCATED)).rowcount
        if not claimed:
            raise Conflict(str(_l("Lapak bazar ini sudah dialokasikan.")))
        session.refresh(bazaar)
        pending = session.execute(select(Application).where(
            Application.bazaar_id == bazaar_id, Application.status == APPLIED)).scalars().all()
        history = _history(session, bazaar, [a.umkm_id for a in pending])
        candidates = [Candidate(a.umkm_id, a.sector, a.category, a.applied_at,
                                *history.get(a.umkm_id, (0, 0)), owner_id=a.owner_id)
                      for a in pending]
        stalls = {s.number: s for s in bazaar.stalls}
        decisions = allocate(candidates, [StallSlot(s.number, s.category)
                                          for s in bazaar.stalls])
        by_umkm = {a.umkm_id: a for a in pending}
        now, ref = utcnow(), bazaar_ref(bazaar)
        for decision in decisions:
            application = by_umkm[decision.umkm_id]
            application.decision, application.explanation = decision.facts, None
            application.decided_at = now
            if decision.stall is None:
                application.status = WAITLIST
                continue
            application.status, application.stall = STALL, stalls[decision.stall]
            unit.publish("bazaar.stall_allocated", {
                "bazaar": ref, "umkm_id": application.umkm_id,
                "business_name": application.business_name,
                "owner_name": application.owner_name, "application_id": application.id,
                "stall_number": decision.stall, "stall_category": application.category})
        session.flush()
        views = [application_view(a) for a in pending]
        unit.commit()
    allocated = sum(1 for v in views if v["status"] == STALL)
    return {"bazaar_id": bazaar_id, "allocated": allocated,
            "waitlisted": len(views) - allocated, "items": views}


def record_attendance(uow: UnitOfWorkFactory, bazaar_id: str, application_id: str,
                      present: bool) -> dict:
    """On the day: checked in, or a no-show (which lowers priority at later bazaars)."""
    with uow() as unit:
        application = application_row(unit.session, bazaar_id, application_id)
        if application.status not in (STALL, CHECKED_IN, NO_SHOW):
            raise Conflict(str(_l("Hanya pemegang lapak yang dapat diabsen.")))
        application.status = CHECKED_IN if present else NO_SHOW
        view = application_view(application)
        unit.commit()
    return view
