"""Registering, finding and verifying UMKM."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.kernel.clock import today_wib, utcnow
from services.kernel.errors import Conflict, InvalidInput, NotFound
from services.kernel.identity import StaffIdentity
from services.kernel.uow import UnitOfWorkFactory
from services.registry.domain import RuleViolation, status
from services.registry.domain.duplicates import near_identical
from services.registry.domain.registration import Registration, validate_registration
from services.registry.domain.status import PENDING, STATUSES, VERIFIED
from services.registry.models import Business, Owner, StatusChange, new_id
from services.registry.usecases import audit
from services.registry.usecases.views import history_view, snapshot, umkm_view


def business_or_404(session: Session, umkm_id: str) -> Business:
    business = session.get(Business, umkm_id)
    if business is None:
        raise NotFound(str(_l("UMKM tidak ditemukan.")))
    return business


def new_owner(reg: Registration) -> Owner:
    return Owner(nik=reg.nik.nik, name=reg.owner_name, sex=reg.nik.sex,
                 birth_date=reg.nik.birth_date, phone=reg.phone, email=reg.email,
                 kecamatan=reg.kecamatan, kelurahan=reg.kelurahan, address=reg.address)


def new_business(owner: Owner, reg: Registration, actor: StaffIdentity | None, *,
                 history: bool = True) -> Business:
    """A pending business of `owner`, with the first row of its status history (a bulk import
    writes those rows itself, in one statement per batch)."""
    by = actor.email if actor else None
    business = Business(
        id=new_id(), owner=owner, name=reg.business_name, name_key=reg.business_key, nib=reg.nib,
        kbli=reg.kbli, sector=reg.sector, scale=reg.scale.scale, scale_basis=reg.scale.basis,
        scale_regulation=reg.scale.regulation, capital_idr=reg.capital_idr,
        annual_turnover_idr=reg.annual_turnover_idr, workers_male=reg.workers_male,
        workers_female=reg.workers_female, founded_year=reg.founded_year,
        latitude=reg.latitude, longitude=reg.longitude, kecamatan=reg.kecamatan,
        kelurahan=reg.kelurahan, address=reg.address, status=PENDING,
        registered_on=reg.registered_on, created_by=by,
    )
    if history:
        business.history.append(StatusChange(from_status=None, to_status=PENDING, actor=by))
    return business


def register_umkm(uow: UnitOfWorkFactory, data: Mapping[str, object], actor: StaffIdentity | None,
                  today: date | None = None, source: str = "api") -> dict:
    """A new business (and its owner, when the NIK is new): status pending, `umkm.registered`."""
    reg = validate_registration(data, today or today_wib())
    with uow() as unit:
        session = unit.session
        if reg.nib:
            existing = session.execute(select(Business).where(Business.nib == reg.nib)).scalar()
            if existing:
                raise Conflict(str(_l("NIB %(nib)s sudah terdaftar untuk %(name)s.",
                                      nib=reg.nib, name=existing.name)),
                               {"nib": _l("NIB sudah terdaftar.")}, existing_id=existing.id)
        owner = session.execute(select(Owner).where(Owner.nik == reg.nik.nik)).scalar()
        if owner is None:
            owner = new_owner(reg)
            session.add(owner)
        else:
            same = next((b for b in owner.businesses
                         if near_identical(b.name_key, reg.business_key)), None)
            if same:
                raise Conflict(str(_l("Pemilik dengan NIK ini sudah mendaftarkan usaha "
                                      "\"%(name)s\".", name=same.name)),
                               {"business_name": _l("Usaha ini sudah terdaftar.")},
                               existing_id=same.id)
        business = new_business(owner, reg, actor)
        session.add(business)
        try:
            session.flush()
        except IntegrityError:
            raise Conflict(str(_l("Data yang sama baru saja didaftarkan."))) from None
        audit.record(session, actor, "umkm.create", "business", business.id)
        unit.publish("umkm.registered", {**snapshot(business), "source": source})
        view = umkm_view(business)
        unit.commit()
    return view


def verify_umkm(uow: UnitOfWorkFactory, umkm_id: str, actor: StaffIdentity) -> dict:
    return change_status(uow, umkm_id, status.VERIFY, actor)


def change_status(uow: UnitOfWorkFactory, umkm_id: str, action: str, actor: StaffIdentity,
                  reason: str | None = None) -> dict:
    """Verify, reject, deactivate or reactivate: the new status, its history row, its event."""
    with uow() as unit:
        business = business_or_404(unit.session, umkm_id)
        if action == status.VERIFY and business.status == VERIFIED:
            raise Conflict(str(_l("UMKM ini sudah terverifikasi.")))
        if business.merged_into:
            raise Conflict(str(_l("Data ini sudah digabungkan ke data lain; ubah data itu.")))
        try:
            change = status.decide(action, business.status, reason=reason,
                                   was_verified=business.verified_at is not None)
        except RuleViolation as rule:
            if rule.field == "reason":
                raise InvalidInput({"reason": rule.message}) from None
            raise Conflict(str(rule.message)) from None
        now = utcnow()
        unit.session.add(StatusChange(business=business, from_status=change.from_status,
                                      to_status=change.to_status, reason=change.reason,
                                      actor=actor.email, at=now))
        business.status, business.status_reason = change.to_status, change.reason
        payload = snapshot(business)
        if action == status.VERIFY:
            business.verified_at, business.verified_by = now, actor.email
            payload |= {"verified_at": now, "verified_by": actor.email}
        elif action in (status.REJECT, status.DEACTIVATE):
            payload["reason"] = change.reason
        else:
            payload["changed"] = ["status"]
        audit.record(unit.session, actor, f"umkm.{action}", "business", business.id,
                     {"reason": change.reason} if change.reason else None)
        unit.publish(status.EVENTS[action], payload)
        view = umkm_view(business)
        unit.commit()
    return view


def get_umkm(uow: UnitOfWorkFactory, umkm_id: str) -> dict:
    with uow(readonly=True) as unit:
        business = business_or_404(unit.session, umkm_id)
        siblings = unit.session.execute(
            select(Business.id, Business.name.label("business_name"), Business.status)
            .where(Business.owner_id == business.owner_id, Business.id != business.id)
            .order_by(Business.registered_on)).mappings().all()
        return {**umkm_view(business), "history": history_view(business),
                "other_businesses": [dict(s) for s in siblings]}


def data_changes(uow: UnitOfWorkFactory, umkm_id: str, page: int = 1,
                 per_page: int = 50) -> dict:
    """What staff changed in an UMKM's data, newest first (before -> after, who, when)."""
    with uow(readonly=True) as unit:
        business_or_404(unit.session, umkm_id)
        return audit.data_changes(unit.session, umkm_id, page, per_page)


def reveal_nik(uow: UnitOfWorkFactory, umkm_id: str, actor: StaffIdentity) -> dict:
    """The whole NIK, for roles that need it; every look is audited."""
    with uow() as unit:
        business = business_or_404(unit.session, umkm_id)
        audit.record(unit.session, actor, "nik.view", "owner", business.owner_id,
                     {"business_id": business.id})
        answer = {"id": business.id, "nik": business.owner.nik,
                  "birth_date": business.owner.birth_date, "sex": business.owner.sex}
        unit.commit()
    return answer


SORTS = {
    "newest": (Business.registered_on.desc(), Business.created_at.desc()),
    "oldest": (Business.registered_on.asc(), Business.created_at.asc()),
    "business": (func.lower(Business.name).asc(), Business.id),
    "owner": (func.lower(Owner.name).asc(), Business.id),
}


@dataclass(frozen=True)
class UmkmQuery:
    q: str | None = None
    kecamatan: str | None = None
    kelurahan: str | None = None
    sector: str | None = None
    scale: str | None = None
    status: str | None = None
    sort: str = "newest"
    page: int = 1
    per_page: int = 20


def filtered_query(query: UmkmQuery):
    if query.status and query.status not in STATUSES:
        raise InvalidInput({"status": _l("Status tidak dikenal.")})
    if query.sort not in SORTS:
        raise InvalidInput({"sort": _l("Urutan tidak dikenal.")})
    stmt = select(Business).join(Business.owner)
    if query.q:
        like = f"%{query.q.strip().lower()}%"
        stmt = stmt.where(or_(func.lower(Business.name).like(like),
                              func.lower(Owner.name).like(like),
                              Business.nib == query.q.strip()))
    if query.kecamatan:
        stmt = stmt.where(func.lower(Business.kecamatan) == query.kecamatan.strip().lower())
    if query.kelurahan:
        stmt = stmt.where(func.lower(Business.kelurahan) == query.kelurahan.strip().lower())
    if query.sector:
        stmt = stmt.where(Business.sector == query.sector.strip().lower())
    if query.scale:
        stmt = stmt.where(Business.scale == query.scale.strip().lower())
    if query.status:
        stmt = stmt.where(Business.status == query.status)
    return stmt


def search_umkm(uow: UnitOfWorkFactory, query: UmkmQuery) -> dict:
    stmt = filtered_query(query)
    with uow(readonly=True) as unit:
        total = unit.session.execute(
            select(func.count()).select_from(stmt.with_only_columns(Business.id).subquery())
        ).scalar_one()
        rows = unit.session.execute(
            stmt.order_by(*SORTS[query.sort])
            .offset((query.page - 1) * query.per_page).limit(query.per_page)
        ).scalars().all()
        items = [umkm_view(b) for b in rows]
    return {"items": items, "total": total, "page": query.page, "per_page": query.per_page}
