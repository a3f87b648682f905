"""What each retail staff page shows, read in one call per page."""

from __future__ import annotations

from services.bazaar.usecases import retail_partners, retail_placements, retail_sales
from services.kernel.readmodels.umkm_directory import UmkmDirectory
from services.kernel.uow import UnitOfWorkFactory

VERIFIED = "verified"


def partners_page(uow: UnitOfWorkFactory, q: str | None = None,
                  year: int | None = None) -> dict:
    return {"partners": retail_partners.list_partners(uow, q=q, per_page=200),
            "totals": retail_sales.partner_totals(uow, year)}


def partner_page(uow: UnitOfWorkFactory, directory: UmkmDirectory, partner_id: str) -> dict:
    """The partner, its month-by-month sales and the verified UMKM a product may come from."""
    partner = retail_partners.get_partner(uow, partner_id)
    with uow(readonly=True) as unit:
        verified, _total = directory.search(unit, status=VERIFIED, per_page=1000)
    return {"partner": partner, "monthly": retail_sales.partner_monthly(uow, partner_id),
            "umkm": verified}


def placement_page(uow: UnitOfWorkFactory, directory: UmkmDirectory, placement_id: str) -> dict:
    placement = retail_placements.get_placement(uow, directory, placement_id)
    return {"placement": placement,
            "partner": retail_partners.get_partner(uow, placement["partner_id"])}
