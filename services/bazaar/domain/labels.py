"""The staff's words for the bazaar's codes, by kind: what the pages show through the `label`
filter (web/labels.py registers them) and what a message says when it names a status."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from services.bazaar.domain import batik

LABELS: dict[str, dict[str, object]] = {
    "bazaar": {"scheduled": _l("Terjadwal"), "allocated": _l("Lapak sudah dibagi"),
               "closed": _l("Selesai"), "cancelled": _l("Dibatalkan")},
    "application": {"applied": _l("Mendaftar"), "withdrawn": _l("Mengundurkan diri"),
                    "allocated": _l("Dapat lapak"), "waitlisted": _l("Daftar tunggu"),
                    "checked_in": _l("Hadir"), "no_show": _l("Tidak hadir"),
                    "cancelled": _l("Dibatalkan")},
    "batik_order": batik.STATUS_LABELS,
    "office_kind": batik.KIND_LABELS,
}


def word(kind: str, code: str | None) -> str:
    """The staff's word for `code` in the reader's language; an unknown code as it is."""
    return str(LABELS.get(kind, {}).get(code, code))
