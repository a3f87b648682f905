"""Staff words for the bazaar service's codes (see services.kernel.web.labels)."""

from flask_babel import lazy_gettext as _l

LABELS = {
    "bazaar": {"scheduled": _l("Terjadwal"), "allocated": _l("Lapak sudah dibagi"),
               "closed": _l("Selesai"), "cancelled": _l("Dibatalkan")},
    "application": {"applied": _l("Mendaftar"), "withdrawn": _l("Mengundurkan diri"),
                    "allocated": _l("Dapat lapak"), "waitlisted": _l("Daftar tunggu"),
                    "checked_in": _l("Hadir"), "no_show": _l("Tidak hadir")},
    "batik_order": {"ordered": _l("Dipesan"), "partial": _l("Dikirim sebagian"),
                    "delivered": _l("Terkirim"), "cancelled": _l("Dibatalkan")},
}
