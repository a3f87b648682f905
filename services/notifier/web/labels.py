"""Staff words for the notifier's codes (see services.kernel.web.labels)."""

from flask_babel import lazy_gettext as _l

LABELS = {
    "message": {"queued": _l("Dalam antrean"), "sending": _l("Sedang dikirim"),
                "sent": _l("Terkirim"), "failed": _l("Gagal, dicoba lagi"),
                "dead": _l("Gagal, tidak dicoba lagi")},
    "campaign": {"running": _l("Berjalan"), "done": _l("Selesai")},
}
