"""Retail partners: the reference list and the ones staff add, their outlets and MoUs."""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from services.bazaar.domain import retail as rules
from services.bazaar.models_retail import Mou, Outlet, Partner, Placement
from services.bazaar.usecases.concurrent_edits import to_write
from services.bazaar.usecases.retail_views import (
    mou_view,
    partner_summary,
    partner_view,
)
from services.kernel.clock import today_wib, utcnow
from services.kernel.contains import containing
from services.kernel.edits import plain_values, refuse_stale, version_of
from services.kernel.errors import Conflict, InvalidInput, NotFound
from services.kernel.identity import StaffIdentity
from services.kernel.uow import UnitOfWorkFactory

_LOAD = (selectinload(Partner.outlets), selectinload(Partner.mous))
PARTNER_EDITABLE = ("name", "note", "active")
MOU_EDITABLE = ("number", "signed_on", "expires_on", "contact_name", "contact_phone")


def partner_version(partner: Mapping) -> str:
    """The version of a partner's editable data (its ETag)."""
    return version_of(partner, PARTNER_EDITABLE)


def partner_shown(partner: Mapping) -> dict:
    """The editable values of a partner's view as its edit form carries them."""
    return plain_values(partner, PARTNER_EDITABLE)


def mou_version(mou: Mapping) -> str:
    """The version of an MoU's editable data (its ETag)."""
    return version_of(mou, MOU_EDITABLE)


def mou_shown(mou: Mapping) -> dict:
    """The editable values of an MoU's view as its edit form carries them."""
    return plain_values(mou, MOU_EDITABLE)


def partner_row(session, partner_id: str) -> Partner:
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise NotFound(str(_l("Mitra ritel tidak ditemukan.")))
    return partner


def _placement_counts(session, partner_ids: list[str]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for partner_id, status, n in session.execute(
            select(Placement.partner_id, Placement.status, func.count())
            .where(Placement.partner_id.in_(partner_ids))
            .group_by(Placement.partner_id, Placement.status)).all():
        counts.setdefault(partner_id, {})[status] = n
    return counts


def list_partners(uow: UnitOfWorkFactory, *, q: str | None = None, page: int = 1,
                  per_page: int = 20) -> dict:
    query = select(Partner)
    if q:
        key = rules.name_key(q)
        query = query.where(or_(containing(key, Partner.name_key, fold=False), Partner.id.in_(
            select(Outlet.partner_id).where(containing(key, Outlet.name_key, fold=False)))))
    today = today_wib()
    with uow(readonly=True) as unit:
        total = unit.session.execute(
            select(func.count()).select_from(query.subquery())).scalar_one()
        rows = unit.session.execute(query.options(*_LOAD).order_by(Partner.name_key).offset(
            (page - 1) * per_page).limit(per_page)).scalars().all()
        counts = _placement_counts(unit.session, [p.id for p in rows])
        items = [partner_summary(p, today, counts) for p in rows]
    return {"items": items, "total": total, "page": page, "per_page": per_page}


def get_partner(uow: UnitOfWorkFactory, partner_id: str) -> dict:
    with uow(readonly=True) as unit:
        partner = partner_row(unit.session, partner_id)
        placements = unit.session.execute(
            select(Placement).options(selectinload(Placement.outlets),
                                      selectinload(Placement.checklist))
            .where(Placement.partner_id == partner_id)
            .order_by(Placement.business_name, Placement.product_key)).scalars().all()
        return partner_view(partner, today_wib(), list(placements))


def add_partner(uow: UnitOfWorkFactory, data: Mapping, actor: StaffIdentity) -> dict:
    """A partner beside the reference list (a local store, a new chain); 409 for a name that is
    already there (case and spacing do not count)."""
    name, note = rules.clean(data.get("name")), rules.clean(data.get("note")) or None
    errors = {}
    if not 2 <= len(name) <= 120:
        errors["name"] = _l("Nama mitra 2 sampai 120 karakter.")
    if note and len(note) > 500:
        errors["note"] = _l("Paling banyak 500 karakter.")
    outlets = [rules.clean(o) for o in data.get("outlets") or [] if rules.clean(o)]
    if any(len(o) > 200 for o in outlets) or \
            len({rules.name_key(o) for o in outlets}) != len(outlets):
        errors["outlets"] = _l("Nama gerai paling banyak 200 karakter dan tidak boleh ganda.")
    if errors:
        raise InvalidInput(errors)
    with uow() as unit:
        existing = unit.session.execute(select(Partner).where(
            Partner.name_key == rules.partner_key(name))).scalar()
        if existing is not None:
            raise Conflict(str(_l("Mitra %(name)s sudah ada.", name=existing.name)),
                           {"name": _l("Sudah ada.")}, existing_id=existing.id)
        partner = Partner(name=name, name_key=rules.partner_key(name), note=note, active=True,
                          created_by=actor.email)
        partner.outlets = [Outlet(name=o, name_key=rules.name_key(o)) for o in outlets]
        unit.session.add(partner)
        try:
            unit.session.flush()
        except IntegrityError:
            raise Conflict(str(_l("Mitra ini baru saja ditambahkan."))) from None
        view = partner_view(partner, today_wib(), [])
        unit.commit()
    return view


def update_partner(uow: UnitOfWorkFactory, partner_id: str, data: Mapping,
                   actor: StaffIdentity, *, shown: Mapping | None = None,
                   if_match: str | None = None) -> dict:
    """Rename a partner, change its note, or mark it inactive (no new proposals and no MoU
    reminders for it; what is listed stays until delisted) and active again. A form's `shown`
    values keep a colleague's change to a field this person did not touch, and refuse one to a
    field they changed (EditConflict); an API client's `if_match` refuses a change to a version
    no longer stored."""
    errors = {}
    name = rules.clean(data["name"]) if "name" in data else None
    if name is not None and not 2 <= len(name) <= 120:
        errors["name"] = _l("Nama mitra 2 sampai 120 karakter.")
    note = rules.clean(data.get("note")) or None
    if note and len(note) > 500:
        errors["note"] = _l("Paling banyak 500 karakter.")
    if errors:
        raise InvalidInput(errors)
    with uow() as unit:
        partner = partner_row(unit.session, partner_id)
        stored = {key: getattr(partner, key) for key in PARTNER_EDITABLE}
        refuse_stale(if_match, stored)
        if shown is not None:
            sent = {"name": name, "note": note, "active": bool(data.get("active"))}
            data = {key: data[key] for key in to_write(
                shown, {key: sent[key] for key in data if key in sent}, stored)}
            name = name if "name" in data else None
        if name is not None and rules.partner_key(name) != partner.name_key:
            taken = unit.session.execute(select(Partner.id).where(
                Partner.name_key == rules.partner_key(name))).scalar()
            if taken:
                raise Conflict(str(_l("Mitra %(name)s sudah ada.", name=name)),
                               {"name": _l("Sudah ada.")}, existing_id=taken)
        if name is not None:
            partner.name, partner.name_key = name, rules.partner_key(name)
        if "note" in data:
            partner.note = note
        if "active" in data:
            partner.active = bool(data["active"])
        try:
            unit.session.flush()
        except IntegrityError:
            raise Conflict(str(_l("Mitra ini baru saja diubah orang lain."))) from None
        view = partner_view(partner, today_wib(), list(unit.session.execute(
            select(Placement).where(Placement.partner_id == partner_id)).scalars()))
        unit.commit()
    return view


def _mou_values(data: Mapping) -> dict:
    values, errors = rules.check_mou(
        data.get("number"), data.get("signed_on"), data.get("expires_on"),
        data.get("contact_name"), data.get("contact_phone"), today_wib())
    if errors:
        raise InvalidInput(errors)
    return values


def _same_number(session, number: str, mou_id: str | None = None) -> None:
    query = select(Mou).where(func.lower(Mou.number) == number.lower())
    if mou_id:
        query = query.where(Mou.id != mou_id)
    if session.execute(query).scalar() is not None:
        raise Conflict(str(_l("MoU nomor %(n)s sudah tercatat.", n=number)),
                       {"number": _l("Sudah tercatat.")})


def add_mou(uow: UnitOfWorkFactory, partner_id: str, data: Mapping,
            actor: StaffIdentity) -> dict:
    """An MoU with a partner (a renewal is a new MoU); the number is unique."""
    values = _mou_values(data)
    with uow() as unit:
        partner_row(unit.session, partner_id)
        _same_number(unit.session, values["number"])
        mou = Mou(partner_id=partner_id, created_by=actor.email, **values)
        unit.session.add(mou)
        try:
            unit.session.flush()
        except IntegrityError:
            raise Conflict(str(_l("MoU ini baru saja dicatat."))) from None
        view = mou_view(mou, today_wib())
        unit.commit()
    return view


def _mou_row(session, partner_id: str, mou_id: str) -> Mou:
    mou = session.get(Mou, mou_id)
    if mou is None or mou.partner_id != partner_id:
        raise NotFound(str(_l("MoU tidak ditemukan.")))
    return mou


def get_mou(uow: UnitOfWorkFactory, partner_id: str, mou_id: str) -> dict:
    with uow(readonly=True) as unit:
        return mou_view(_mou_row(unit.session, partner_id, mou_id), today_wib())


def update_mou(uow: UnitOfWorkFactory, partner_id: str, mou_id: str, data: Mapping,
               actor: StaffIdentity, *, shown: Mapping | None = None,
               if_match: str | None = None) -> dict:
    """Correct an MoU (a new expiry date is announced again when it comes near). A form's
    `shown` values keep a colleague's change to a field this person did not touch, and refuse
    one to a field they changed (EditConflict); an API client's `if_match` refuses a change to
    a version no longer stored."""
    values = _mou_values(data)
    with uow() as unit:
        mou = _mou_row(unit.session, partner_id, mou_id)
        stored = {key: getattr(mou, key) for key in MOU_EDITABLE}
        refuse_stale(if_match, stored)
        if shown is not None:
            names = to_write(shown, values, stored, who=mou.updated_by, at=mou.updated_at)
            values = _mou_values({**stored, **{key: values[key] for key in names}})
        _same_number(unit.session, values["number"], mou_id)
        for key, value in values.items():
            setattr(mou, key, value)
        mou.updated_at, mou.updated_by = utcnow(), actor.email
        unit.session.flush()
        view = mou_view(mou, today_wib())
        unit.commit()
    return view
