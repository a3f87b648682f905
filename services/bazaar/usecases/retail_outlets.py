"""A retail partner's outlets: added, closed (taken off every placement that is not delisted)
and opened again. A closed outlet stays on record, as placements' history names it."""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from services.bazaar.domain import retail as rules
from services.bazaar.models_retail import Outlet, Placement
from services.bazaar.usecases.retail_partners import partner_row
from services.bazaar.usecases.retail_views import outlet_view
from services.kernel.clock import today_wib
from services.kernel.errors import Conflict, InvalidInput, NotFound
from services.kernel.identity import StaffIdentity
from services.kernel.uow import UnitOfWorkFactory


def add_outlet(uow: UnitOfWorkFactory, partner_id: str, data: Mapping,
               actor: StaffIdentity) -> dict:
    name, address = rules.clean(data.get("name")), rules.clean(data.get("address")) or None
    errors = {}
    if not 2 <= len(name) <= 200:
        errors["name"] = _l("Nama gerai 2 sampai 200 karakter.")
    if address and len(address) > 300:
        errors["address"] = _l("Paling banyak 300 karakter.")
    if errors:
        raise InvalidInput(errors)
    with uow() as unit:
        partner = partner_row(unit.session, partner_id)
        same = next((o for o in partner.outlets if o.name_key == rules.name_key(name)), None)
        if same is not None:
            raise Conflict(str(_l("Gerai %(name)s sudah ada.", name=name) if same.closed_on is None
                               else _l("Gerai %(name)s sudah ada tetapi tutup; buka kembali.",
                                       name=name)), {"name": _l("Sudah ada.")})
        outlet = Outlet(partner_id=partner.id, name=name, name_key=rules.name_key(name),
                        address=address)
        unit.session.add(outlet)
        try:
            unit.session.flush()
        except IntegrityError:
            raise Conflict(str(_l("Gerai ini baru saja ditambahkan."))) from None
        view = outlet_view(outlet)
        unit.commit()
    return view


def _outlet_row(session, partner_id: str, outlet_id: str) -> Outlet:
    partner_row(session, partner_id)
    outlet = session.get(Outlet, outlet_id)
    if outlet is None or outlet.partner_id != partner_id:
        raise NotFound(str(_l("Gerai tidak ditemukan.")))
    return outlet


def close_outlet(uow: UnitOfWorkFactory, partner_id: str, outlet_id: str,
                 actor: StaffIdentity) -> dict:
    """Close an outlet: it leaves every placement that carries it, unless a listed product
    would be left in no outlet (409 naming those products: choose another outlet first, or
    delist them)."""
    with uow() as unit:
        session = unit.session
        outlet = _outlet_row(session, partner_id, outlet_id)
        if outlet.closed_on is not None:
            raise Conflict(str(_l("Gerai %(name)s sudah tutup.", name=outlet.name)))
        carrying = [p for p in session.execute(
            select(Placement).where(Placement.partner_id == partner_id)).scalars()
            if outlet in p.outlets]
        stranded = [p.product_name for p in carrying
                    if p.status == rules.LISTED and len(p.outlets) == 1]
        if stranded:
            raise Conflict(str(_l(
                "Gerai %(name)s satu-satunya gerai untuk produk yang dipajang: %(products)s. "
                "Pilih gerai lain untuk produk itu, atau turunkan dulu.",
                name=outlet.name, products=", ".join(sorted(stranded)))))
        for placement in carrying:
            placement.outlets = [o for o in placement.outlets if o.id != outlet.id]
        outlet.closed_on, outlet.closed_by = today_wib(), actor.email
        session.flush()
        view = outlet_view(outlet)
        unit.commit()
    return view


def reopen_outlet(uow: UnitOfWorkFactory, partner_id: str, outlet_id: str,
                  actor: StaffIdentity) -> dict:
    with uow() as unit:
        outlet = _outlet_row(unit.session, partner_id, outlet_id)
        if outlet.closed_on is None:
            raise Conflict(str(_l("Gerai %(name)s masih buka.", name=outlet.name)))
        outlet.closed_on, outlet.closed_by = None, None
        unit.session.flush()
        view = outlet_view(outlet)
        unit.commit()
    return view
