"""The UMKM a staff page may pick from: those matching what was typed (business or owner name)
and eligible for what the page does, at most `LIMIT` by business name, with how many match.

The city has some 20,000 UMKM: the eligibility filters are in the directory's query, so the
count is right and any one of them can be found by typing its name."""

from __future__ import annotations

from sqlalchemy import select

from services.bazaar.models import WITHDRAWN, Application
from services.bazaar.models_markets import MarketVendor
from services.bazaar.usecases.bazaars import get_bazaar_row
from services.bazaar.usecases.markets import market_row
from services.kernel.readmodels.umkm_directory import UmkmDirectory
from services.kernel.uow import UnitOfWorkFactory

LIMIT = 50
VERIFIED = "verified"


def _picked(unit, directory: UmkmDirectory, q: str | None, chosen: str | None,
            **filters) -> dict:
    q = (q or "").strip()
    items, total = directory.search(unit, q=q or None, per_page=LIMIT, **filters)
    if chosen and all(u["umkm_id"] != chosen for u in items):
        # Chosen before (a form sent back with errors): it stays offered while eligible.
        again, _n = directory.search(unit, only=[chosen], per_page=1, **filters)
        items = sorted([*items, *again], key=lambda u: (u["business_name"], u["umkm_id"]))
    return {"items": items, "total": total, "shown": len(items), "q": q}


def for_bazaar(uow: UnitOfWorkFactory, directory: UmkmDirectory, bazaar_id: str,
               q: str | None = None, chosen: str | None = None) -> dict:
    """UMKM that may still apply to the bazaar: verified where it asks for it, of its sectors,
    not already applied (a withdrawn application may apply again)."""
    with uow(readonly=True) as unit:
        bazaar = get_bazaar_row(unit.session, bazaar_id)
        applied = select(Application.umkm_id).where(Application.bazaar_id == bazaar_id,
                                                    Application.status != WITHDRAWN)
        return _picked(unit, directory, q, chosen,
                       status=VERIFIED if bazaar.verified_only else None,
                       sectors=bazaar.sectors or None, excluding=applied)


def for_market(uow: UnitOfWorkFactory, directory: UmkmDirectory, market_id: str,
               q: str | None = None, chosen: str | None = None) -> dict:
    """Verified UMKM not on the market's roster (one who is leaving may be added again)."""
    with uow(readonly=True) as unit:
        market_row(unit.session, market_id)
        on_roster = select(MarketVendor.umkm_id).where(MarketVendor.market_id == market_id,
                                                       MarketVendor.left_on.is_(None))
        return _picked(unit, directory, q, chosen, status=VERIFIED, excluding=on_roster)


def for_placement(uow: UnitOfWorkFactory, directory: UmkmDirectory, q: str | None = None,
                  chosen: str | None = None) -> dict:
    """Verified UMKM, whose products a retail partner may take."""
    with uow(readonly=True) as unit:
        return _picked(unit, directory, q, chosen, status=VERIFIED)
