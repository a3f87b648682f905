"""Product placements with retail partners: propose, curate, the readiness checklist, list
(which publishes `retail.product_listed` in the same transaction) and delist."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from services.bazaar.domain import retail as rules
from services.bazaar.domain.labels import word, words
from services.bazaar.models_retail import (
    ChecklistItem,
    Outlet,
    Partner,
    Placement,
    PlacementStatus,
)
from services.bazaar.usecases.retail_views import (
    checklist_entries,
    current_mou,
    placement_summary,
    placement_view,
)
from services.kernel.clock import today_wib, utcnow
from services.kernel.errors import Conflict, InvalidInput, NotFound
from services.kernel.identity import StaffIdentity
from services.kernel.readmodels.umkm_directory import UmkmDirectory
from services.kernel.uow import UnitOfWork, UnitOfWorkFactory

VERIFIED = "verified"
LOAD = (selectinload(Placement.partner), selectinload(Placement.outlets),
        selectinload(Placement.checklist))


def placement_row(session, placement_id: str) -> Placement:
    placement = session.get(Placement, placement_id)
    if placement is None:
        raise NotFound(str(_l("Penempatan produk tidak ditemukan.")))
    return placement


def _outlets(session, partner_id: str, outlet_ids) -> list[Outlet]:
    wanted = list(dict.fromkeys(outlet_ids or []))
    found = session.execute(select(Outlet).where(
        Outlet.id.in_(wanted), Outlet.partner_id == partner_id)).scalars().all() if wanted else []
    if len(found) != len(wanted):
        raise InvalidInput({"outlet_ids": _l("Gerai harus milik mitra ini.")})
    closed = sorted(o.name for o in found if o.closed_on is not None)
    if closed:
        raise InvalidInput({"outlet_ids": _l("Gerai sudah tutup: %(names)s.",
                                             names=", ".join(closed))})
    return sorted(found, key=lambda o: o.name_key)


def _record(placement: Placement, status: str, actor: StaffIdentity | None, when,
            note: str | None = None) -> None:
    placement.history.append(PlacementStatus(
        position=len(placement.history), status=status, since=when,
        by=actor.email if actor else None, note=note))


def propose(uow: UnitOfWorkFactory, directory: UmkmDirectory, data: Mapping,
            actor: StaffIdentity) -> dict:
    """A product of a known, verified UMKM proposed to a partner (status `proposed`), with an
    empty readiness checklist. The same product with the same partner twice -> 409."""
    product = rules.clean(data.get("product_name"))
    errors = {}
    if not 2 <= len(product) <= 200:
        errors["product_name"] = _l("Nama produk 2 sampai 200 karakter.")
    registry_product_id = rules.clean(data.get("registry_product_id")) or None
    if registry_product_id and len(registry_product_id) > 36:
        errors["registry_product_id"] = _l("Paling banyak 36 karakter.")
    if errors:
        raise InvalidInput(errors)
    now = utcnow()
    with uow() as unit:
        umkm = directory.get(unit, data["umkm_id"])
        if umkm is None:
            errors["umkm_id"] = _l("UMKM tidak dikenal.")
        elif umkm["status"] != VERIFIED:
            errors["umkm_id"] = _l("Hanya produk UMKM terverifikasi yang dapat diusulkan.")
        partner = unit.session.get(Partner, data["partner_id"])
        if partner is None:
            errors["partner_id"] = _l("Mitra ritel tidak dikenal.")
        elif not partner.active:
            errors["partner_id"] = _l("Mitra ritel ini tidak aktif.")
        if errors:
            raise InvalidInput(errors)
        outlets = _outlets(unit.session, partner.id, data.get("outlet_ids"))
        existing = unit.session.execute(select(Placement).where(
            Placement.partner_id == partner.id, Placement.umkm_id == umkm["umkm_id"],
            Placement.product_key == rules.name_key(product))).scalar()
        if existing is not None:
            raise Conflict(str(_l("%(product)s sudah diusulkan ke %(partner)s (status: "
                                  "%(status)s).", product=existing.product_name,
                                  partner=partner.name,
                                  status=word("placement", existing.status))),
                           {"product_name": _l("Sudah diusulkan ke mitra ini.")},
                           existing_id=existing.id)
        placement = Placement(
            partner=partner, umkm_id=umkm["umkm_id"], business_name=umkm["business_name"],
            owner_name=umkm["owner_name"], product_name=product,
            product_key=rules.name_key(product), registry_product_id=registry_product_id,
            status=rules.PROPOSED, status_since=now, status_by=actor.email,
            created_at=now, created_by=actor.email, outlets=outlets,
            checklist=[ChecklistItem(item=item, checked=False, updated_at=now)
                       for item in rules.CHECKLIST])
        _record(placement, rules.PROPOSED, actor, now)
        unit.session.add(placement)
        try:
            unit.session.flush()
        except IntegrityError:
            raise Conflict(str(_l("Produk ini baru saja diusulkan."))) from None
        view = placement_view(placement)
        unit.commit()
    return view


def _blockers(unit: UnitOfWork, directory: UmkmDirectory, placement: Placement,
              today: date) -> dict:
    """What stops a placement that is not listed yet from being listed today."""
    if placement.status not in (rules.PROPOSED, rules.CURATED):
        return {}
    mou = current_mou(placement.partner, today)
    umkm = directory.get(unit, placement.umkm_id)
    return rules.listing_blockers(
        rules.missing_items(checklist_entries(placement)),
        bool(mou and rules.mou_in_force(mou.signed_on, mou.expires_on, today)),
        len(placement.outlets), bool(umkm and umkm["status"] == VERIFIED))


def get_placement(uow: UnitOfWorkFactory, directory: UmkmDirectory, placement_id: str) -> dict:
    """A placement with its checklist, history and sales, and what still blocks listing."""
    with uow(readonly=True) as unit:
        placement = placement_row(unit.session, placement_id)
        return placement_view(placement, _blockers(unit, directory, placement, today_wib()))


def list_placements(uow: UnitOfWorkFactory, *, partner_id: str | None = None,
                    umkm_id: str | None = None, status: str | None = None, page: int = 1,
                    per_page: int = 20) -> dict:
    query = select(Placement)
    for column, value in ((Placement.partner_id, partner_id), (Placement.umkm_id, umkm_id),
                          (Placement.status, status)):
        if value:
            query = query.where(column == value)
    with uow(readonly=True) as unit:
        total = unit.session.execute(
            select(func.count()).select_from(query.subquery())).scalar_one()
        rows = unit.session.execute(query.options(*LOAD).order_by(
            Placement.status_since.desc()).offset((page - 1) * per_page).limit(
            per_page)).scalars().all()
        items = [placement_summary(p) for p in rows]
    return {"items": items, "total": total, "page": page, "per_page": per_page}


def set_outlets(uow: UnitOfWorkFactory, directory: UmkmDirectory, placement_id: str,
                outlet_ids: list[str], actor: StaffIdentity) -> dict:
    """Which of the partner's outlets carry the product (a listed one keeps at least one)."""
    with uow() as unit:
        placement = placement_row(unit.session, placement_id)
        outlets = _outlets(unit.session, placement.partner_id, outlet_ids)
        if placement.status == rules.LISTED and not outlets:
            raise InvalidInput({"outlet_ids": _l("Produk yang dipajang perlu setidaknya satu "
                                                 "gerai.")})
        placement.outlets = outlets
        unit.session.flush()
        view = placement_view(placement, _blockers(unit, directory, placement, today_wib()))
        unit.commit()
    return view


def check_item(uow: UnitOfWorkFactory, directory: UmkmDirectory, placement_id: str, item: str,
               checked: bool, note: str | None, actor: StaffIdentity,
               not_applicable: bool = False) -> dict:
    """Tick (with its number or a note), mark as not applying (with the reason) or untick one
    readiness item. A listed product's items may be updated but not unticked: delist it
    first."""
    text, errors = rules.check_item(item, checked, note, not_applicable)
    if errors.get("item"):
        raise NotFound(str(errors["item"]))
    if errors:
        raise InvalidInput(errors)
    with uow() as unit:
        placement = placement_row(unit.session, placement_id)
        if placement.status == rules.LISTED and not (checked or not_applicable):
            raise Conflict(str(_l("Produk ini sedang dipajang: turunkan dulu sebelum membatalkan "
                                  "butir %(item)s.", item=rules.CHECKLIST_LABELS[item])))
        row = next((c for c in placement.checklist if c.item == item), None)
        if row is None:
            row = ChecklistItem(item=item)
            placement.checklist.append(row)
        row.checked, row.not_applicable, row.note = checked, not_applicable, text
        row.updated_at, row.updated_by = utcnow(), actor.email
        unit.session.flush()
        view = placement_view(placement, _blockers(unit, directory, placement, today_wib()))
        unit.commit()
    return view


def change_status(uow: UnitOfWorkFactory, directory: UmkmDirectory, placement_id: str,
                  target: str, note: str | None, actor: StaffIdentity) -> dict:
    """Move a placement along proposed -> curated -> listed -> delisted. Listing needs every
    readiness item, an MoU in force, an outlet and a verified UMKM (409 naming what is missing)
    and publishes `retail.product_listed` with the new state."""
    note = rules.clean_note(note) or None  # its line breaks kept, as \n
    if note and len(note) > 500:
        raise InvalidInput({"note": _l("Paling banyak 500 karakter.")})
    today, now = today_wib(), utcnow()
    with uow() as unit:
        placement = placement_row(unit.session, placement_id)
        current = placement.status
        if not rules.can_move(current, target):
            allowed = words("placement", rules.next_statuses(current))
            raise Conflict(str(_l("Status %(current)s tidak dapat diubah menjadi %(target)s "
                                  "(yang boleh: %(allowed)s).",
                                  current=word("placement", current),
                                  target=word("placement", target), allowed=allowed)),
                           {"status": _l("Perpindahan status tidak diizinkan.")})
        if target == rules.LISTED:
            blockers = _blockers(unit, directory, placement, today)
            if blockers:
                missing = rules.missing_items(checklist_entries(placement))
                raise Conflict(str(_l("Belum dapat dipajang: %(why)s",
                                      why=" ".join(str(m) for m in blockers.values()))),
                               blockers, missing=missing)
        # Two coordinators moving the same placement at once: the first one wins.
        if not unit.session.execute(update(Placement).where(
                Placement.id == placement_id, Placement.status == current).values(
                status=target, status_since=now, status_by=actor.email)).rowcount:
            raise Conflict(str(_l("Status penempatan ini baru saja diubah orang lain.")))
        unit.session.refresh(placement)
        _record(placement, target, actor, now, note)
        if target == rules.LISTED:
            placement.first_listed_on = placement.first_listed_on or today
            umkm = directory.get(unit, placement.umkm_id) or {}
            unit.publish("retail.product_listed", {
                "placement_id": placement.id, "partner_name": placement.partner.name,
                "umkm_id": placement.umkm_id,
                "business_name": umkm.get("business_name") or placement.business_name,
                "owner_name": umkm.get("owner_name") or placement.owner_name,
                "product_name": placement.product_name,
                "outlets": [o.name for o in placement.outlets], "listed_on": today})
        unit.session.flush()
        view = placement_view(placement)
        unit.commit()
    return view
