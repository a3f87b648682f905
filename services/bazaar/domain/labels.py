"""The staff's words for the bazaar's codes, by kind: what the pages show through the `label`
filter (web/labels.py registers them) and what a message says when it names a status."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from services.bazaar.domain import batik, retail
from services.bazaar.domain.changes import KULINER, NON_KULINER
from services.kernel.reference import SECTORS
from services.kernel.words import Words

LABELS: dict[str, dict[str, object]] = {
    "bazaar": {"scheduled": _l("Terjadwal"), "allocated": _l("Lapak sudah dibagi"),
               "closed": _l("Selesai"), "cancelled": _l("Dibatalkan")},
    "application": {"applied": _l("Mendaftar"), "withdrawn": _l("Mengundurkan diri"),
                    "allocated": _l("Dapat lapak"), "waitlisted": _l("Daftar tunggu"),
                    "checked_in": _l("Hadir"), "no_show": _l("Tidak hadir"),
                    "cancelled": _l("Dibatalkan")},
    "batik_order": batik.STATUS_LABELS,
    "office_kind": batik.KIND_LABELS,
    "placement": retail.STATUS_LABELS,
    "stall_category": {KULINER: lazy_pgettext("kategori lapak", "Kuliner"),
                       NON_KULINER: lazy_pgettext("kategori lapak", "Non-kuliner")},
    "sector": SECTORS,  # the registry's words for the sectors (Kota Metro's reference data)
}


WORDS = Words(LABELS)
word = WORDS.word  # word(kind, code): the staff's word for a code, an unknown code as it is
words = WORDS.words  # words(kind, codes): "Fashion, Batik"
