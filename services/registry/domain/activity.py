"""What an UMKM did elsewhere (trainings, aid, visits, bazaars, retail), as timeline entries.

Built from other contexts' events; each entry is keyed by what it is about (an enrollment, a
handover, a visit, a stall, a placement), so a corrected report replaces the earlier one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from services.kernel.clock import WIB

KINDS = ("training.enrolled", "training.participant_completed", "aid.handed_over",
         "visit.completed", "bazaar.stall_allocated", "bazaar.rescheduled",
         "bazaar.stall_revoked", "bazaar.cancelled", "bazaar.sales_reported",
         "retail.product_listed")

# Kinds that tell one story about the same subject, so they share one entry and the newest event
# says where it stands: when a bazaar is cancelled, the application's stall entry becomes the
# cancellation (with the stall it had), and a late allocation never brings the stall back; when
# it moves to another day or place, the stall entry moves with it.
_ONE_ENTRY = (("bazaar.stall_allocated", "bazaar.rescheduled", "bazaar.cancelled"),)


@dataclass(frozen=True)
class ActivityEntry:
    umkm_id: str
    kind: str
    subject_id: str
    on: date
    summary: dict  # plain JSON values, rendered by the page in the reader's language


def _day(value: date | datetime) -> date:
    return value.astimezone(WIB).date() if isinstance(value, datetime) else value


def _program(p: Mapping) -> dict:
    return {"program_id": p["program_id"], "program": p["title"], "topic": p["topic"],
            "location": p["location"]}


def _bazaar(b: Mapping) -> dict:
    return {"bazaar_id": b["bazaar_id"], "bazaar": b["title"], "host_event": b["host_event"],
            "venue": b["venue"]}


def kinds_sharing_entry(kind: str) -> tuple[str, ...]:
    """The kinds whose entry about a subject an event of `kind` replaces (itself included)."""
    return next((group for group in _ONE_ENTRY if kind in group), (kind,))


def activity_of(kind: str, payload: Mapping, occurred_at: datetime) -> ActivityEntry:
    """The timeline entry an event makes (payload as the catalogue loaded it)."""
    p = payload
    if kind == "training.enrolled":
        subject, on = p["enrollment_id"], _day(occurred_at)
        summary = {**_program(p["program"]), "starts_on": p["program"]["starts_on"].isoformat(),
                   "from_waitlist": p["promoted_from_waitlist"]}
    elif kind == "training.participant_completed":
        subject, on = p["enrollment_id"], p["completed_on"]
        summary = {**_program(p["program"]), "passed": p["passed"]}
    elif kind == "aid.handed_over":
        subject, on = p["handover_id"], p["handed_over_on"]
        summary = {**_program(p["program"]), "total_value_idr": p["total_value_idr"],
                   "received_by": p["received_by"],
                   "items": [{"item": i["item"], "quantity": i["quantity"]} for i in p["items"]]}
    elif kind == "visit.completed":
        subject, on = p["visit_id"], p["visited_on"]
        summary = {**_program(p["program"]),
                   "officer": (p.get("officer") or {}).get("name"),
                   "still_producing": p["still_producing"],
                   "units_produced": p["units_produced"], "sales_idr": p["sales_idr"],
                   "equipment_in_use": p["equipment_in_use"]}
    elif kind == "bazaar.stall_allocated":
        subject, on = p["application_id"], _day(p["bazaar"]["starts_at"])
        summary = {**_bazaar(p["bazaar"]), "stall_number": p["stall_number"]}
    elif kind == "bazaar.rescheduled":
        # Still the stall the application got, now on the bazaar's new day (or at its new
        # place), with the day it was first planned for.
        subject, on = p["application_id"], _day(p["bazaar"]["starts_at"])
        kind = "bazaar.stall_allocated"
        summary = {**_bazaar(p["bazaar"]), "stall_number": p["stall_number"],
                   "planned_on": _day(p["previous"]["starts_at"]).isoformat()}
    elif kind in ("bazaar.stall_revoked", "bazaar.cancelled"):
        # A cancellation comes once per application, its stall_number None when it had none.
        subject, on = p["application_id"], _day(occurred_at)
        summary = {**_bazaar(p["bazaar"]), "stall_number": p["stall_number"],
                   "reason": p["reason"]}
    elif kind == "bazaar.sales_reported":
        # One report per UMKM and bazaar; a correction replaces it.
        subject, on = p["bazaar"]["bazaar_id"], _day(p["bazaar"]["starts_at"])
        summary = {**_bazaar(p["bazaar"]), "revenue_idr": p["revenue_idr"],
                   "units_sold": p["units_sold"], "best_product": p["best_product"]}
    elif kind == "retail.product_listed":
        subject, on = p["placement_id"], p["listed_on"]
        summary = {"partner": p["partner_name"], "product": p["product_name"],
                   "outlets": list(p["outlets"])}
    else:
        raise ValueError(f"not a timeline event: {kind}")
    return ActivityEntry(umkm_id=p["umkm_id"], kind=kind, subject_id=subject, on=on,
                         summary=summary)
