"""Plain dicts the use cases return, and the references events carry."""

from __future__ import annotations

from services.bazaar.domain.changes import cancellable, editable
from services.bazaar.domain.explanations import explain
from services.bazaar.models import Application, Bazaar
from services.kernel.clock import utcnow


def bazaar_ref(bazaar: Bazaar) -> dict:
    return {"bazaar_id": bazaar.id, "title": bazaar.title, "host_event": bazaar.host_event,
            "venue": bazaar.venue, "starts_at": bazaar.starts_at, "ends_at": bazaar.ends_at}


def bazaar_view(bazaar: Bazaar, counts: dict | None = None) -> dict:
    now = utcnow()
    categories: dict[str, int] = {}
    for stall in bazaar.stalls:
        categories[stall.category] = categories.get(stall.category, 0) + 1
    return {
        "id": bazaar.id, "title": bazaar.title, "host_event": bazaar.host_event,
        "organizer": bazaar.organizer, "venue": bazaar.venue, "starts_at": bazaar.starts_at,
        "ends_at": bazaar.ends_at, "applications_open_at": bazaar.applications_open_at,
        "applications_close_at": bazaar.applications_close_at, "sectors": bazaar.sectors,
        "verified_only": bazaar.verified_only, "status": bazaar.status,
        "stalls": len(bazaar.stalls), "stall_categories": categories,
        "started": bazaar.starts_at <= now,
        "applications": (counts or {}).get(bazaar.id, 0), "created_at": bazaar.created_at,
        "updated_at": bazaar.updated_at, "cancel_reason": bazaar.cancel_reason,
        "cancelled_at": bazaar.cancelled_at,
        "editable": editable(bazaar.status, bazaar.starts_at, now),
        "cancellable": cancellable(bazaar.status, bazaar.ends_at, now),
    }


def application_view(application: Application) -> dict:
    return {
        "id": application.id, "bazaar_id": application.bazaar_id,
        "umkm_id": application.umkm_id, "business_name": application.business_name,
        "owner_name": application.owner_name, "sector": application.sector,
        "category": application.category, "status": application.status,
        "stall_number": application.stall.number if application.stall else None,
        "decision": application.decision,
        "explanation": explain(application.decision, application.explanation),
        "applied_at": application.applied_at,
        "applied_by": application.applied_by, "decided_at": application.decided_at,
        "revenue_idr": application.revenue_idr, "units_sold": application.units_sold,
        "best_product": application.best_product,
        "sales_reported_at": application.sales_reported_at,
    }
