"""After the bazaar: each stallholder's sales, closing the bazaar, and the reports."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from services.bazaar.domain.labels import word
from services.bazaar.models import (
    ALLOCATED,
    CANCELLED,
    CHECKED_IN,
    CLOSED,
    NO_SHOW,
    SCHEDULED,
    STALL,
    Application,
    Bazaar,
)
from services.bazaar.usecases.applications import application_row
from services.bazaar.usecases.bazaars import get_bazaar_row
from services.bazaar.usecases.views import application_view, bazaar_ref
from services.kernel.clock import utcnow
from services.kernel.errors import Conflict, InvalidInput
from services.kernel.identity import StaffIdentity
from services.kernel.uow import UnitOfWorkFactory

MAX_REVENUE = 10_000_000_000


def report_sales(uow: UnitOfWorkFactory, bazaar_id: str, application_id: str, revenue_idr,
                 units_sold, best_product: str | None, actor: StaffIdentity) -> dict:
    """A stallholder's revenue, units and best product; may be corrected until the bazaar is
    closed. Publishes `bazaar.sales_reported`."""
    errors = {}
    if not isinstance(revenue_idr, int) or not 0 <= revenue_idr <= MAX_REVENUE:
        errors["revenue_idr"] = _l("Omzet harus angka rupiah 0 atau lebih.")
    if not isinstance(units_sold, int) or not 0 <= units_sold <= 1_000_000:
        errors["units_sold"] = _l("Jumlah terjual harus angka 0 atau lebih.")
    best = (best_product or "").strip() or None
    if best and len(best) > 200:
        errors["best_product"] = _l("Paling banyak 200 karakter.")
    if errors:
        raise InvalidInput(errors)
    with uow() as unit:
        application = application_row(unit.session, bazaar_id, application_id)
        bazaar = get_bazaar_row(unit.session, bazaar_id)
        if bazaar.status == CLOSED:
            raise Conflict(str(_l("Bazar ini sudah ditutup; penjualan tidak dapat diubah.")))
        if application.status not in (STALL, CHECKED_IN):
            raise Conflict(str(_l("Hanya pemegang lapak yang hadir yang melaporkan penjualan.")))
        application.revenue_idr, application.units_sold = revenue_idr, units_sold
        application.best_product, application.sales_reported_at = best, utcnow()
        unit.publish("bazaar.sales_reported", {
            "bazaar": bazaar_ref(bazaar), "umkm_id": application.umkm_id,
            "business_name": application.business_name, "owner_name": application.owner_name,
            "revenue_idr": revenue_idr, "units_sold": units_sold, "best_product": best})
        view = application_view(application)
        unit.commit()
    return view


def close_bazaar(uow: UnitOfWorkFactory, bazaar_id: str, actor: StaffIdentity) -> dict:
    """The bazaar is over: `bazaar.closed` with the stalls used and the no-shows."""
    with uow() as unit:
        bazaar = get_bazaar_row(unit.session, bazaar_id)
        if bazaar.status in (CLOSED, CANCELLED, SCHEDULED):
            raise Conflict(str(_l("Hanya bazar yang lapaknya sudah dialokasikan yang dapat "
                                  "ditutup (status: %(s)s).", s=word("bazaar", bazaar.status))))
        counts = dict(unit.session.execute(
            select(Application.status, func.count()).where(Application.bazaar_id == bazaar_id)
            .group_by(Application.status)).all())
        bazaar.status = CLOSED
        used = counts.get(CHECKED_IN, 0) + counts.get(STALL, 0)
        unit.publish("bazaar.closed", {"bazaar": bazaar_ref(bazaar), "stalls_used": used,
                                       "no_shows": counts.get(NO_SHOW, 0)})
        unit.commit()
    return {"bazaar_id": bazaar_id, "status": CLOSED, "stalls_used": used,
            "no_shows": counts.get(NO_SHOW, 0)}


def report_of(session, bazaar_id: str) -> dict:
    """Totals, revenue by sector and the stallholders who reported, in the caller's unit."""
    get_bazaar_row(session, bazaar_id)
    rows = session.execute(select(Application).where(
        Application.bazaar_id == bazaar_id,
        Application.sales_reported_at.is_not(None))).scalars().all()
    by_sector: dict[str, int] = {}
    for row in rows:
        by_sector[row.sector] = by_sector.get(row.sector, 0) + (row.revenue_idr or 0)
    return {"bazaar_id": bazaar_id, "reports": len(rows),
            "revenue_idr": sum(r.revenue_idr or 0 for r in rows),
            "units_sold": sum(r.units_sold or 0 for r in rows),
            "by_sector": sorted(by_sector.items(), key=lambda kv: -kv[1]),
            "items": [application_view(r) for r in rows]}


def bazaar_report(uow: UnitOfWorkFactory, bazaar_id: str) -> dict:
    with uow(readonly=True) as unit:
        return report_of(unit.session, bazaar_id)


def totals_over_time(uow: UnitOfWorkFactory) -> list[dict]:
    """Revenue reported per bazaar, in the order they were held."""
    with uow(readonly=True) as unit:
        rows = unit.session.execute(
            select(Bazaar.title, Bazaar.starts_at, func.coalesce(func.sum(
                Application.revenue_idr), 0), func.count(Application.sales_reported_at))
            .join(Application, Application.bazaar_id == Bazaar.id)
            .where(Bazaar.status.in_((ALLOCATED, CLOSED)))
            .group_by(Bazaar.id, Bazaar.title, Bazaar.starts_at)
            .order_by(Bazaar.starts_at)).all()
    return [{"title": title, "starts_at": starts_at, "revenue_idr": int(revenue),
             "reports": reports} for title, starts_at, revenue, reports in rows]
