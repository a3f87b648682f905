"""Staff words for the training service's codes (see services.kernel.web.labels)."""

from flask_babel import lazy_gettext as _l

LABELS = {
    "program": {"scheduled": _l("Terjadwal"), "completed": _l("Selesai"),
                "cancelled": _l("Dibatalkan")},
    "visit": {"scheduled": _l("Terjadwal"), "overdue": _l("Terlambat"),
              "completed": _l("Selesai")},
    "result": {"passed": _l("Lulus"), "not_passed": _l("Tidak lulus")},
}
