"""Events published by the bazaar service (bazaars, markets, retail partners)."""

from __future__ import annotations

from marshmallow import fields, validate

from services.kernel.events.base import UMKM_REF_EXAMPLE, EventType, Payload, UmkmRef

PRODUCER = "bazaar"


class BazaarRef(Payload):
    bazaar_id = fields.String(required=True)
    title = fields.String(required=True)
    host_event = fields.String(required=True)
    venue = fields.String(required=True)
    starts_at = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)


class BazaarScheduledV1(Payload):
    bazaar = fields.Nested(BazaarRef, required=True)
    organizer = fields.String(required=True)  # the organising OPD
    stalls = fields.Integer(required=True)
    applications_open_at = fields.AwareDateTime(required=True)
    applications_close_at = fields.AwareDateTime(required=True)
    sectors = fields.List(fields.String(), required=True)  # eligible sectors; empty: all
    verified_only = fields.Boolean(required=True)


class StallAllocatedV1(UmkmRef):
    bazaar = fields.Nested(BazaarRef, required=True)
    application_id = fields.String(required=True)
    stall_number = fields.String(required=True)
    stall_category = fields.String(required=True)


class BazaarReminderV1(StallAllocatedV1):
    pass


class WhenWhere(Payload):
    starts_at = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)
    venue = fields.String(required=True)


class BazaarRescheduledV1(StallAllocatedV1):
    """After the allocation, the time or place of the bazaar changed: `bazaar` is as it is now,
    `previous` as the stallholder was told before."""

    previous = fields.Nested(WhenWhere, required=True)
    changed = fields.List(fields.String(validate=validate.OneOf(
        ["starts_at", "ends_at", "venue"])), required=True, validate=validate.Length(min=1))


class BazaarCancelledV1(UmkmRef):
    """A bazaar was cancelled: one event per application (the withdrawn ones excepted)."""

    bazaar = fields.Nested(BazaarRef, required=True)
    application_id = fields.String(required=True)
    stall_number = fields.String(required=True, allow_none=True)  # None: had no stall
    reason = fields.String(required=True, validate=validate.Length(min=1, max=500))


class StallRevokedV1(UmkmRef):
    """A coordinator took a stall back before the bazaar (the application waits again)."""

    bazaar = fields.Nested(BazaarRef, required=True)
    application_id = fields.String(required=True)
    stall_number = fields.String(required=True)  # the stall taken back
    reason = fields.String(required=True, validate=validate.Length(min=1, max=500))


class BazaarClosedV1(Payload):
    bazaar = fields.Nested(BazaarRef, required=True)
    stalls_used = fields.Integer(required=True)
    no_shows = fields.Integer(required=True)


class SalesReportedV1(UmkmRef):
    bazaar = fields.Nested(BazaarRef, required=True)
    revenue_idr = fields.Integer(required=True)
    units_sold = fields.Integer(required=True)
    best_product = fields.String(required=True, allow_none=True)


class SalesReportRequestedV1(UmkmRef):
    """After a bazaar: ask the owner for their sales through a signed link (no login)."""

    bazaar = fields.Nested(BazaarRef, required=True)
    report_url = fields.Url(required=True, require_tld=False)
    expires_on = fields.Date(required=True)


class MouExpiringV1(Payload):
    partner_id = fields.String(required=True)
    partner_name = fields.String(required=True)
    mou_number = fields.String(required=True)
    expires_on = fields.Date(required=True)
    days_left = fields.Integer(required=True)


class ProductListedV1(UmkmRef):
    placement_id = fields.String(required=True)
    partner_name = fields.String(required=True)
    product_name = fields.String(required=True)
    outlets = fields.List(fields.String(), required=True)
    listed_on = fields.Date(required=True)


_BAZAAR = {
    "bazaar_id": "4b1d0c2a-7e3f-4a5b-9c6d-0e1f2a3b4c5d", "title": "Bazar UMKM HUT Kota Metro",
    "host_event": "Peringatan HUT Kota Metro ke-89", "venue": "Lapangan Samber, Metro Selatan",
    "starts_at": "2027-06-09T08:00:00+07:00", "ends_at": "2027-06-09T16:00:00+07:00",
}
_STALL = {"bazaar": _BAZAAR, **UMKM_REF_EXAMPLE,
          "application_id": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6e", "stall_number": "K-07",
          "stall_category": "kuliner"}

EXAMPLES = {
    "bazaar.scheduled": {
        "bazaar": _BAZAAR, "organizer": "Bagian Tata Pemerintahan Setda Kota Metro",
        "stalls": 40, "applications_open_at": "2027-05-10T08:00:00+07:00",
        "applications_close_at": "2027-05-31T16:00:00+07:00",
        "sectors": ["kuliner", "kriya", "batik"], "verified_only": True,
    },
    "bazaar.stall_allocated": dict(_STALL),
    "bazaar.reminder": dict(_STALL),
    "bazaar.rescheduled": {
        **_STALL, "bazaar": {**_BAZAAR, "starts_at": "2027-06-16T08:00:00+07:00",
                             "ends_at": "2027-06-16T16:00:00+07:00"},
        "previous": {"starts_at": _BAZAAR["starts_at"], "ends_at": _BAZAAR["ends_at"],
                     "venue": _BAZAAR["venue"]},
        "changed": ["starts_at", "ends_at"],
    },
    "bazaar.cancelled": {
        "bazaar": _BAZAAR, **UMKM_REF_EXAMPLE,
        "application_id": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6e", "stall_number": "K-07",
        "reason": "Acara HUT Kota Metro ditunda oleh panitia karena cuaca buruk.",
    },
    "bazaar.stall_revoked": {
        "bazaar": _BAZAAR, **UMKM_REF_EXAMPLE,
        "application_id": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6e", "stall_number": "K-07",
        "reason": "Izin PIRT belum terbit; lapak diberikan ke pendaftar berikutnya.",
    },
    "bazaar.closed": {"bazaar": _BAZAAR, "stalls_used": 37, "no_shows": 3},
    "bazaar.sales_reported": {"bazaar": _BAZAAR, **UMKM_REF_EXAMPLE, "revenue_idr": 1_850_000,
                              "units_sold": 140, "best_product": "Keripik Pisang Coklat"},
    "bazaar.sales_report_requested": {
        "bazaar": _BAZAAR, **UMKM_REF_EXAMPLE,
        "report_url": "http://localhost:8002/laporan-penjualan/eyJiIjoiNGIxZCJ9.c2lnbg",
        "expires_on": "2027-06-23",
    },
    "retail.mou_expiring": {"partner_id": "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
                            "partner_name": "Alfamart", "mou_number": "500/123/D.4/2025",
                            "expires_on": "2027-01-31", "days_left": 60},
    "retail.product_listed": {"placement_id": "6f5e4d3c-2b1a-4f0e-8d9c-7b6a5f4e3d2c",
                              "partner_name": "Chandra", **UMKM_REF_EXAMPLE,
                              "product_name": "Keripik Pisang Coklat 250 g",
                              "outlets": ["Chandra Metro"], "listed_on": "2027-02-01"},
}


def _type(name: str, schema, description: str) -> EventType:
    # The registry keeps each UMKM's timeline from what happened to it here.
    consumers = ("notifier", "registry") if name in TIMELINE else ("notifier",)
    return EventType(name, 1, PRODUCER, schema, consumers, EXAMPLES[name], description)


TIMELINE = ("bazaar.stall_allocated", "bazaar.rescheduled", "bazaar.stall_revoked",
            "bazaar.cancelled", "bazaar.sales_reported", "retail.product_listed")


TYPES = [
    _type("bazaar.scheduled", BazaarScheduledV1,
          "A bazaar was scheduled; the notifier invites every eligible UMKM."),
    _type("bazaar.stall_allocated", StallAllocatedV1, "An UMKM got a stall (with its number)."),
    _type("bazaar.reminder", BazaarReminderV1, "The day before: a reminder to each stallholder."),
    _type("bazaar.rescheduled", BazaarRescheduledV1,
          "After the allocation, the time or place changed: each stallholder is told."),
    _type("bazaar.cancelled", BazaarCancelledV1,
          "A bazaar was cancelled with a reason: each applicant is told."),
    _type("bazaar.stall_revoked", StallRevokedV1,
          "A coordinator took a stall back, with a reason: the owner is told."),
    _type("bazaar.closed", BazaarClosedV1, "A bazaar ended."),
    _type("bazaar.sales_reported", SalesReportedV1, "An UMKM's sales at a bazaar were reported."),
    _type("bazaar.sales_report_requested", SalesReportRequestedV1,
          "After a bazaar, each stallholder is asked for sales through a signed link."),
    _type("retail.mou_expiring", MouExpiringV1, "A retail partner's MoU expires soon (staff)."),
    _type("retail.product_listed", ProductListedV1, "A product was listed with a retail partner."),
]
