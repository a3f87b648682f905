"""Retail partners: pure rules for MoUs, the placement workflow, the readiness checklist and
monthly sales. No database, no Flask request: the use cases feed these functions and act on
what they answer.

A placement goes proposed -> curated -> listed -> delisted. It may be dropped (delisted) before
it is listed, sent back from curated to proposed, and a delisted product may be proposed again.
Listing needs every readiness item checked (or marked as not applying to the product, with the
reason: a P-IRT product needs no BPOM licence, a craft no halal certificate), an MoU in force
with the partner, at least one outlet and an UMKM that is still verified.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

from services.kernel.contact import ContactError, normalize_phone

PROPOSED, CURATED, LISTED, DELISTED = "proposed", "curated", "listed", "delisted"
STATUSES = (PROPOSED, CURATED, LISTED, DELISTED)
TRANSITIONS: dict[str, tuple[str, ...]] = {
    PROPOSED: (CURATED, DELISTED),
    CURATED: (LISTED, PROPOSED, DELISTED),
    LISTED: (DELISTED,),
    DELISTED: (PROPOSED,),
}
STATUS_LABELS = {PROPOSED: _l("Diusulkan"), CURATED: _l("Dikurasi"), LISTED: _l("Dipajang"),
                 DELISTED: _l("Diturunkan")}

PIRT, HALAL, BPOM, BARCODE, PACKAGING = "pirt", "halal", "bpom", "barcode", "packaging"
CHECKLIST = (PIRT, HALAL, BPOM, BARCODE, PACKAGING)
CHECKLIST_LABELS = {PIRT: _l("P-IRT"), HALAL: _l("Sertifikat halal"),
                    BPOM: _l("Izin edar BPOM"), BARCODE: _l("Barcode"),
                    PACKAGING: _l("Kemasan")}
NOTE_MAX = 300
KEY_SIZE, PARTNER_KEY_SIZE = 200, 120  # the name_key / product_key columns

REMINDER_DAYS = 60  # MoUs expiring within this many days are announced to staff, once
MAX_UNITS = 10_000_000
MAX_REVENUE = 100_000_000_000

_SPACES = re.compile(r"\s+")


def name_key(text: str, size: int = KEY_SIZE) -> str:
    """What makes two names the same: case and spacing do not count. Cut to `size`, its
    column's length: case folding may lengthen a name that fits its own column (ß -> ss)."""
    return _SPACES.sub(" ", text or "").strip().casefold()[:size]


def partner_key(text: str) -> str:
    return name_key(text, PARTNER_KEY_SIZE)


def clean(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip()


def clean_note(text: str | None) -> str:
    """A note written on several lines keeps its lines: each line break (\\r\\n, \\r, ...)
    becomes \\n and the spacing within a line is collapsed as `clean` does; empty lines at the
    start and the end go, a blank line between paragraphs stays (one)."""
    lines = [" ".join(line.split()) for line in (text or "").splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# -- the placement workflow ------------------------------------------------------------------

def can_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, ())


def next_statuses(current: str) -> tuple[str, ...]:
    return TRANSITIONS.get(current, ())


@dataclass(frozen=True)
class CheckEntry:
    checked: bool
    note: str | None = None
    not_applicable: bool = False

    @property
    def settled(self) -> bool:
        """Nothing more to do for this item: it is checked, or it does not apply."""
        return self.checked or self.not_applicable


def missing_items(entries: Mapping[str, CheckEntry | None]) -> list[str]:
    """Readiness items neither checked nor marked as not applying, in checklist order."""
    return [item for item in CHECKLIST
            if not (entries.get(item) and entries[item].settled)]


def item_labels(items: list[str]) -> str:
    return ", ".join(str(CHECKLIST_LABELS[item]) for item in items)


def valid_gtin(code: str) -> bool:
    """A GS1 barcode number (EAN-8, UPC-A, EAN-13, GTIN-14) with its check digit right."""
    if not code.isdigit() or len(code) not in (8, 12, 13, 14):
        return False
    digits = [int(c) for c in code]
    body, check = digits[:-1], digits[-1]
    total = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def check_item(item: str, checked: bool, note: str | None,
               not_applicable: bool = False) -> tuple[str | None, dict]:
    """Validate one readiness item: a checked item names its number or a note (a barcode must be
    a real GS1 number); an item that does not apply to the product says why. Returns the cleaned
    note and {field: message}."""
    text = clean(note) or None
    errors: dict = {}
    if item not in CHECKLIST:
        errors["item"] = _l("Butir daftar kesiapan tidak dikenal.")
        return text, errors
    if checked and not_applicable:
        errors["not_applicable"] = _l("Pilih salah satu: sudah lengkap, atau tidak berlaku.")
    elif text and len(text) > NOTE_MAX:
        errors["note"] = _l("Paling banyak %(n)s karakter.", n=NOTE_MAX)
    elif not_applicable and not text:
        errors["note"] = _l("Tulis mengapa %(item)s tidak berlaku untuk produk ini, misalnya "
                            "\"produk P-IRT, tidak perlu izin edar BPOM\".",
                            item=CHECKLIST_LABELS[item])
    elif checked and not text:
        errors["note"] = _l("Tulis nomor atau catatan untuk %(item)s.",
                            item=CHECKLIST_LABELS[item])
    elif checked and item == BARCODE:
        digits = re.sub(r"[\s-]", "", text or "")
        if not valid_gtin(digits):
            errors["note"] = _l("Nomor barcode tidak valid (EAN-13/EAN-8/UPC, cek digit "
                                "terakhir).")
        else:
            text = digits
    return text, errors


def listing_blockers(missing: list[str], mou_in_force: bool, outlets: int,
                     umkm_verified: bool) -> dict:
    """Why a curated placement cannot be listed yet: {field: message}, empty when it can."""
    blockers: dict = {}
    if missing:
        blockers["checklist"] = _l("Daftar kesiapan belum lengkap: %(items)s.",
                                   items=item_labels(missing))
    if not mou_in_force:
        blockers["mou"] = _l("Mitra ini belum punya MoU yang berlaku hari ini.")
    if outlets < 1:
        blockers["outlet_ids"] = _l("Pilih setidaknya satu gerai.")
    if not umkm_verified:
        blockers["umkm_id"] = _l("UMKM ini tidak lagi terverifikasi.")
    return blockers


# -- MoUs ------------------------------------------------------------------------------------

def check_mou(number: str | None, signed_on: date | None, expires_on: date | None,
              contact_name: str | None, contact_phone: str | None,
              today: date) -> tuple[dict, dict]:
    """One message per bad field; returns (cleaned values, errors)."""
    errors: dict = {}
    values = {"number": clean(number), "contact_name": clean(contact_name),
              "signed_on": signed_on, "expires_on": expires_on, "contact_phone": None}
    if not 3 <= len(values["number"]) <= 100:
        errors["number"] = _l("Nomor MoU 3 sampai 100 karakter.")
    if signed_on is None:
        errors["signed_on"] = _l("Tanggal penandatanganan wajib diisi.")
    elif signed_on > today:
        errors["signed_on"] = _l("Tanggal penandatanganan tidak boleh di masa depan.")
    if expires_on is None:
        errors["expires_on"] = _l("Tanggal berakhir wajib diisi.")
    elif signed_on is not None and expires_on <= signed_on:
        errors["expires_on"] = _l("Tanggal berakhir harus setelah tanggal penandatanganan.")
    elif signed_on is not None and expires_on > signed_on + timedelta(days=366 * 10):
        errors["expires_on"] = _l("Masa berlaku MoU paling lama 10 tahun.")
    if not 3 <= len(values["contact_name"]) <= 200:
        errors["contact_name"] = _l("Nama narahubung 3 sampai 200 karakter.")
    try:  # an office line (0725...) will do
        values["contact_phone"] = normalize_phone(contact_phone)
    except ContactError as error:
        errors["contact_phone"] = error.message
    else:
        if values["contact_phone"] is None:
            errors["contact_phone"] = _l("Nomor telepon wajib diisi.")
    return values, errors


def mou_in_force(signed_on: date, expires_on: date, today: date) -> bool:
    return signed_on <= today <= expires_on


def due_for_reminder(expires_on: date, today: date, days: int = REMINDER_DAYS) -> bool:
    return today <= expires_on <= today + timedelta(days=days)


# -- monthly sales ---------------------------------------------------------------------------

def parse_month(text: str | date | None) -> date | None:
    """'2027-02' (or a date) -> the first day of that month; None when it is not a month."""
    if isinstance(text, date):
        return text.replace(day=1)
    match = re.fullmatch(r"(\d{4})-(\d{2})", (text or "").strip())
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    return date(year, month, 1) if 2000 <= year <= 2100 and 1 <= month <= 12 else None


def month_label(month: date) -> str:
    return f"{month:%Y-%m}"


def check_sales(month: date | None, units, revenue_idr, first_listed_on: date | None,
                today: date) -> dict:
    """One month of a placement's sales: a month since it was first listed and not after this
    one, whole units and rupiah, and no revenue without units sold."""
    errors: dict = {}
    if month is None:
        errors["month"] = _l("Tulis bulan sebagai TTTT-BB, misalnya 2027-02.")
    elif first_listed_on is None:
        errors["month"] = _l("Produk ini belum pernah dipajang; belum ada penjualan.")
    elif month > today.replace(day=1):
        errors["month"] = _l("Bulan tidak boleh di masa depan.")
    elif month < first_listed_on.replace(day=1):
        errors["month"] = _l("Bulan sebelum produk dipajang (%(m)s).",
                             m=month_label(first_listed_on))
    units_ok = isinstance(units, int) and not isinstance(units, bool) and \
        0 <= units <= MAX_UNITS
    if not units_ok:
        errors["units"] = _l("Jumlah terjual harus angka bulat 0 atau lebih.")
    if not (isinstance(revenue_idr, int) and not isinstance(revenue_idr, bool)
            and 0 <= revenue_idr <= MAX_REVENUE):
        errors["revenue_idr"] = _l("Omzet harus angka rupiah 0 atau lebih.")
    elif units_ok and units == 0 and revenue_idr > 0:
        errors["revenue_idr"] = _l("Ada omzet tetapi jumlah terjual 0.")
    return errors
