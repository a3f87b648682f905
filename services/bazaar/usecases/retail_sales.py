"""Monthly sales per placement (one row per month, corrected in place) and the totals per
partner."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from services.bazaar.domain import retail as rules
from services.bazaar.models_retail import MonthlySales, Partner, Placement
from services.bazaar.usecases.retail_partners import partner_row
from services.bazaar.usecases.retail_placements import placement_row
from services.bazaar.usecases.retail_views import sales_view
from services.kernel.clock import today_wib, utcnow
from services.kernel.errors import Conflict, InvalidInput
from services.kernel.identity import StaffIdentity
from services.kernel.uow import UnitOfWorkFactory


def record_sales(uow: UnitOfWorkFactory, placement_id: str, data: Mapping,
                 actor: StaffIdentity) -> dict:
    """A month's units and revenue for a placement that has been listed; entering the same
    month again corrects it."""
    month = rules.parse_month(data.get("month"))
    with uow() as unit:
        placement = placement_row(unit.session, placement_id)
        errors = rules.check_sales(month, data.get("units"), data.get("revenue_idr"),
                                   placement.first_listed_on, today_wib())
        if errors:
            raise InvalidInput(errors)
        row = unit.session.execute(select(MonthlySales).where(
            MonthlySales.placement_id == placement_id,
            MonthlySales.month == month)).scalar()
        corrected = row is not None
        if row is None:
            row = MonthlySales(placement_id=placement_id, month=month)
            unit.session.add(row)
        row.units, row.revenue_idr = data["units"], data["revenue_idr"]
        row.reported_at, row.reported_by = utcnow(), actor.email
        try:
            unit.session.flush()
        except IntegrityError:
            raise Conflict(str(_l("Penjualan bulan ini baru saja dicatat; muat ulang "
                                  "halaman."))) from None
        view = {**sales_view(row), "corrected": corrected}
        unit.commit()
    return view


def _year_bounds(year: int | None) -> tuple[date, date] | None:
    return (date(year, 1, 1), date(year, 12, 31)) if year else None


def partner_totals(uow: UnitOfWorkFactory, year: int | None = None) -> dict:
    """Units and revenue per partner (every partner, the best-selling first)."""
    sums = (select(Placement.partner_id, func.coalesce(func.sum(MonthlySales.units), 0),
                   func.coalesce(func.sum(MonthlySales.revenue_idr), 0),
                   func.count(func.distinct(MonthlySales.placement_id)))
            .join(MonthlySales, MonthlySales.placement_id == Placement.id)
            .group_by(Placement.partner_id))
    bounds = _year_bounds(year)
    if bounds:
        sums = sums.where(MonthlySales.month.between(*bounds))
    with uow(readonly=True) as unit:
        found = {pid: (int(u), int(r), int(n)) for pid, u, r, n in unit.session.execute(sums)}
        listed = dict(unit.session.execute(
            select(Placement.partner_id, func.count()).where(
                Placement.status == rules.LISTED).group_by(Placement.partner_id)).all())
        partners = unit.session.execute(select(Partner).order_by(Partner.name_key)).scalars()
        items = [{"partner_id": p.id, "partner_name": p.name,
                  "units": found.get(p.id, (0, 0, 0))[0],
                  "revenue_idr": found.get(p.id, (0, 0, 0))[1],
                  "placements_with_sales": found.get(p.id, (0, 0, 0))[2],
                  "placements_listed": listed.get(p.id, 0)} for p in partners]
    items.sort(key=lambda i: (-i["revenue_idr"], i["partner_name"].casefold()))
    return {"items": items, "total": len(items), "page": 1, "year": year,
            "units": sum(i["units"] for i in items),
            "revenue_idr": sum(i["revenue_idr"] for i in items)}


def partner_monthly(uow: UnitOfWorkFactory, partner_id: str, year: int | None = None) -> dict:
    """A partner's sales month by month (every placement together)."""
    query = (select(MonthlySales.month, func.sum(MonthlySales.units),
                    func.sum(MonthlySales.revenue_idr))
             .join(Placement, MonthlySales.placement_id == Placement.id)
             .where(Placement.partner_id == partner_id)
             .group_by(MonthlySales.month).order_by(MonthlySales.month))
    bounds = _year_bounds(year)
    if bounds:
        query = query.where(MonthlySales.month.between(*bounds))
    with uow(readonly=True) as unit:
        partner = partner_row(unit.session, partner_id)
        items = [{"month": rules.month_label(month), "units": int(units),
                  "revenue_idr": int(revenue)}
                 for month, units, revenue in unit.session.execute(query)]
        name = partner.name
    return {"partner_id": partner_id, "partner_name": name, "year": year, "items": items,
            "total": len(items), "page": 1,
            "units": sum(i["units"] for i in items),
            "revenue_idr": sum(i["revenue_idr"] for i in items)}
