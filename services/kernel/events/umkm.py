"""Events published by the registry."""

from __future__ import annotations

from marshmallow import fields, validate

from services.kernel.events.base import EventType, Payload, email, locale, phone

SCALES = ["mikro", "kecil", "menengah"]


class UmkmSnapshot(Payload):
    """What other contexts may know of an UMKM (a business with its owner). No NIK."""

    umkm_id = fields.String(required=True)
    # The owner's id in the registry (not the NIK): one person's businesses share it. Events
    # published before it existed lack it.
    owner_id = fields.String(load_default=None, allow_none=True)
    business_name = fields.String(required=True)
    owner_name = fields.String(required=True)
    sector = fields.String(required=True)
    scale = fields.String(required=True, validate=validate.OneOf(SCALES))
    kecamatan = fields.String(required=True)
    kelurahan = fields.String(required=True)
    status = fields.String(required=True)
    phone = phone()
    email = email()
    locale = locale()
    registered_on = fields.Date(required=True)


SOURCES = ["form", "api", "import"]


class UmkmRegisteredV1(UmkmSnapshot):
    # How it arrived: typed by staff, sent by an API client, or one row of a bulk import
    # (the notifier sends no receipt for imported historical records).
    source = fields.String(validate=validate.OneOf(SOURCES), load_default="api")


class UmkmVerifiedV1(UmkmSnapshot):
    verified_at = fields.AwareDateTime(required=True)
    verified_by = fields.String(required=True)


class UmkmUpdatedV1(UmkmSnapshot):
    changed = fields.List(fields.String(), required=True)


class UmkmDeactivatedV1(UmkmSnapshot):
    reason = fields.String(required=True, allow_none=True)


class UmkmRejectedV1(UmkmSnapshot):
    reason = fields.String(required=True)


CERTIFICATE_KINDS = ["halal", "pirt", "bpom"]


class CertificateExpiringV1(Payload):
    umkm_id = fields.String(required=True)
    business_name = fields.String(required=True)
    owner_name = fields.String(required=True)
    product_id = fields.String(required=True)
    product_name = fields.String(required=True)
    certificate = fields.String(required=True, validate=validate.OneOf(CERTIFICATE_KINDS))
    number = fields.String(required=True)
    expires_on = fields.Date(required=True)
    days_left = fields.Integer(required=True)


_SNAPSHOT = {
    "umkm_id": "3f1c8a52-6a0e-4c55-9a39-2f7d5c8f0b11",
    "owner_id": "8e2d4c6a-1b3f-4a5c-9d7e-0f1a2b3c4d5e",
    "business_name": "Keripik Pisang Bu Sri",
    "owner_name": "Sri Wahyuni",
    "sector": "kuliner",
    "scale": "mikro",
    "kecamatan": "Metro Pusat",
    "kelurahan": "Imopuro",
    "status": "pending",
    "phone": "+6281234567890",
    "email": "sri.wahyuni@example.id",
    "locale": "id",
    "registered_on": "2026-11-02",
}

EXAMPLES = {
    "umkm.registered": {**_SNAPSHOT, "source": "form"},
    "umkm.verified": {
        **_SNAPSHOT,
        "status": "verified",
        "verified_at": "2026-11-03T02:15:00+00:00",
        "verified_by": "petugas@diskoperin.metrokota.go.id",
    },
    "umkm.updated": {**_SNAPSHOT, "changed": ["phone", "email"]},
    "umkm.deactivated": {**_SNAPSHOT, "status": "inactive", "reason": "Usaha tutup"},
    "umkm.rejected": {**_SNAPSHOT, "status": "rejected",
                      "reason": "Alamat usaha tidak ditemukan saat verifikasi lapangan"},
    "product.certificate_expiring": {
        "umkm_id": _SNAPSHOT["umkm_id"], "business_name": _SNAPSHOT["business_name"],
        "owner_name": _SNAPSHOT["owner_name"],
        "product_id": "5d0e8f1a-2b3c-4d5e-8f90-1a2b3c4d5e6f",
        "product_name": "Keripik Pisang Coklat",
        "certificate": "pirt", "number": "2061872010123-27", "expires_on": "2027-01-15",
        "days_left": 48,
    },
}

_CONSUMERS = ("bazaar", "training", "notifier")


def _type(name: str, schema, description: str):
    return EventType(name, 1, "registry", schema, _CONSUMERS, EXAMPLES[name], description)


TYPES = [
    _type("umkm.registered", UmkmRegisteredV1, "An UMKM was registered (status pending)."),
    _type("umkm.verified", UmkmVerifiedV1, "Staff verified an UMKM."),
    _type("umkm.updated", UmkmUpdatedV1, "An UMKM's data changed."),
    _type("umkm.deactivated", UmkmDeactivatedV1, "An UMKM was deactivated."),
    _type("umkm.rejected", UmkmRejectedV1, "Staff rejected a registration, with a reason."),
    EventType("product.certificate_expiring", 1, "registry", CertificateExpiringV1, ("notifier",),
              EXAMPLES["product.certificate_expiring"],
              "A halal / P-IRT / BPOM number expires within 60 days."),
]
