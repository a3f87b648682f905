"""What each retail staff page shows, read in one call per page."""

from __future__ import annotations

from services.bazaar.usecases import (
    retail_partners,
    retail_placements,
    retail_sales,
    umkm_picker,
)
from services.kernel.readmodels.umkm_directory import UmkmDirectory
from services.kernel.uow import UnitOfWorkFactory


def partners_page(uow: UnitOfWorkFactory, q: str | None = None,
                  year: int | None = None) -> dict:
    return {"partners": retail_partners.list_partners(uow, q=q, per_page=200),
            "totals": retail_sales.partner_totals(uow, year)}


def partner_page(uow: UnitOfWorkFactory, directory: UmkmDirectory, partner_id: str,
                 q: str | None = None, chosen: str | None = None) -> dict:
    """The partner, its month-by-month sales and the verified UMKM matching `q` a product may
    come from (`chosen`: the one picked in a form sent back, kept while eligible)."""
    partner = retail_partners.get_partner(uow, partner_id)
    return {"partner": partner, "monthly": retail_sales.partner_monthly(uow, partner_id),
            "umkm": umkm_picker.for_placement(uow, directory, q, chosen)}


def placement_page(uow: UnitOfWorkFactory, directory: UmkmDirectory, placement_id: str) -> dict:
    placement = retail_placements.get_placement(uow, directory, placement_id)
    return {"placement": placement,
            "partner": retail_partners.get_partner(uow, placement["partner_id"])}
