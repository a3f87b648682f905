"""Staff words for the registry's codes (see services.kernel.web.labels)."""

from flask_babel import lazy_gettext as _l

from services.registry.domain.roles import ROLE_LABELS

LABELS = {
    "role": ROLE_LABELS,
    "import": {"queued": _l("Menunggu giliran"), "running": _l("Sedang diproses"),
               "done": _l("Selesai"), "failed": _l("Gagal")},
    "scale_basis": {"capital": _l("modal usaha"), "sales": _l("omzet setahun"),
                    "assumed": _l("diasumsikan, modal dan omzet belum diisi")},
}
