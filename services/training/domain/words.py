"""The staff's words for training's codes, in the reader's language: on pages through the
`label` filter (services.training.web.labels registers them), and inside the messages that name
a status ("Program ini sudah selesai", never "sudah completed")."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from services.kernel.reference import SECTORS
from services.kernel.words import Words

LABELS = {
    "program": {"scheduled": _l("Terjadwal"), "completed": _l("Selesai"),
                "cancelled": _l("Dibatalkan")},
    "visit": {"scheduled": _l("Terjadwal"), "overdue": _l("Terlambat"),
              "completed": _l("Selesai")},
    "result": {"passed": _l("Lulus"), "not_passed": _l("Tidak lulus")},
    "enrollment": {"enrolled": _l("Terdaftar"), "waitlisted": _l("Daftar tunggu"),
                   "cancelled": _l("Dibatalkan")},
    "condition": {"baik": _l("Baik"), "rusak_ringan": _l("Rusak ringan"),
                  "rusak_berat": _l("Rusak berat"), "hilang": _l("Hilang")},
}
WORDS = Words(LABELS)
# in_sentence(kind, code): the word inside a sentence ("selesai", "ditolak"), as it is read
in_sentence = WORDS.in_sentence


def sector_names(codes: Iterable[str]) -> LazyString:
    """'kuliner, batik' -> 'Kuliner (makanan & minuman), Batik'."""
    codes = list(codes)
    return LazyString(lambda: ", ".join(str(SECTORS.get(c, c)) for c in codes))
