"""Plain dicts the retail use cases return."""

from __future__ import annotations

from datetime import date

from services.bazaar.domain import retail as rules
from services.bazaar.models_retail import Mou, Outlet, Partner, Placement


def mou_view(mou: Mou, today: date) -> dict:
    return {
        "id": mou.id, "partner_id": mou.partner_id, "number": mou.number,
        "signed_on": mou.signed_on, "expires_on": mou.expires_on,
        "contact_name": mou.contact_name, "contact_phone": mou.contact_phone,
        "in_force": rules.mou_in_force(mou.signed_on, mou.expires_on, today),
        "days_left": (mou.expires_on - today).days,
        "expiring_soon": rules.due_for_reminder(mou.expires_on, today),
        "created_at": mou.created_at, "created_by": mou.created_by,
        "updated_at": mou.updated_at, "updated_by": mou.updated_by,
    }


def current_mou(partner: Partner, today: date) -> Mou | None:
    """The MoU in force that runs longest; else the one that ended (or starts) last."""
    in_force = [m for m in partner.mous if rules.mou_in_force(m.signed_on, m.expires_on, today)]
    pool = in_force or list(partner.mous)
    return max(pool, key=lambda m: (m.expires_on, m.signed_on), default=None)


def outlet_view(outlet: Outlet) -> dict:
    return {"id": outlet.id, "partner_id": outlet.partner_id, "name": outlet.name,
            "address": outlet.address, "open": outlet.closed_on is None,
            "closed_on": outlet.closed_on, "closed_by": outlet.closed_by}


def partner_summary(partner: Partner, today: date, counts: dict | None = None) -> dict:
    mou = current_mou(partner, today)
    return {
        "id": partner.id, "name": partner.name, "note": partner.note, "active": partner.active,
        "reference": partner.created_by is None,
        "outlets": sum(1 for o in partner.outlets if o.closed_on is None),
        "mou": mou_view(mou, today) if mou else None,
        "placements": dict((counts or {}).get(partner.id, {})),
        "created_at": partner.created_at, "created_by": partner.created_by,
    }


def partner_view(partner: Partner, today: date, placements: list[Placement]) -> dict:
    counts: dict[str, int] = {}
    for placement in placements:
        counts[placement.status] = counts.get(placement.status, 0) + 1
    return {
        **partner_summary(partner, today, {partner.id: counts}),
        "outlet_list": [outlet_view(o) for o in sorted(partner.outlets,
                                                       key=lambda o: o.name_key)],
        "mous": [mou_view(m, today) for m in partner.mous],
        "placement_list": [placement_summary(p) for p in placements],
    }


def placement_summary(placement: Placement) -> dict:
    return {
        "id": placement.id, "partner_id": placement.partner_id,
        "partner_name": placement.partner.name, "umkm_id": placement.umkm_id,
        "business_name": placement.business_name, "owner_name": placement.owner_name,
        "product_name": placement.product_name,
        "registry_product_id": placement.registry_product_id,
        "status": placement.status, "status_since": placement.status_since,
        "status_by": placement.status_by, "first_listed_on": placement.first_listed_on,
        "outlets": [{"id": o.id, "name": o.name} for o in placement.outlets],
        "missing": rules.missing_items(checklist_entries(placement)),
        "created_at": placement.created_at, "created_by": placement.created_by,
    }


def checklist_entries(placement: Placement) -> dict[str, rules.CheckEntry]:
    return {c.item: rules.CheckEntry(c.checked, c.note, c.not_applicable)
            for c in placement.checklist}


def placement_view(placement: Placement, blockers: dict | None = None) -> dict:
    by_item = {c.item: c for c in placement.checklist}
    checklist = []
    for item in rules.CHECKLIST:
        row = by_item.get(item)
        checklist.append({
            "item": item, "label": str(rules.CHECKLIST_LABELS[item]),
            "checked": bool(row and row.checked),
            "not_applicable": bool(row and row.not_applicable),
            "note": row.note if row else None,
            "updated_at": row.updated_at if row else None,
            "updated_by": row.updated_by if row else None,
        })
    return {
        **placement_summary(placement),
        "ready": not rules.missing_items(checklist_entries(placement)),
        "checklist": checklist,
        "next_statuses": list(rules.next_statuses(placement.status)),
        "blockers": {k: str(v) for k, v in (blockers or {}).items()},
        "history": [{"status": h.status, "since": h.since, "by": h.by, "note": h.note}
                    for h in placement.history],
        "sales": [sales_view(s) for s in placement.sales],
    }


def sales_view(row) -> dict:
    return {"placement_id": row.placement_id, "month": rules.month_label(row.month),
            "units": row.units, "revenue_idr": row.revenue_idr,
            "reported_at": row.reported_at, "reported_by": row.reported_by}
