"""Staff words for the registry's codes (see services.kernel.web.labels)."""

from flask_babel import lazy_gettext as _l

from services.kernel.identity import (
    ADMIN,
    BAZAAR_COORDINATOR,
    FIELD_OFFICER,
    REGISTRY_OFFICER,
    TRAINING_COORDINATOR,
    VIEWER,
)

ROLE_LABELS = {
    ADMIN: _l("Admin"), REGISTRY_OFFICER: _l("Petugas pendataan UMKM"),
    BAZAAR_COORDINATOR: _l("Koordinator bazar"), TRAINING_COORDINATOR: _l("Koordinator pelatihan"),
    FIELD_OFFICER: _l("Petugas lapangan"), VIEWER: _l("Pemantau (hanya melihat)"),
}

LABELS = {
    "role": ROLE_LABELS,
    "import": {"queued": _l("Menunggu giliran"), "running": _l("Sedang diproses"),
               "done": _l("Selesai"), "failed": _l("Gagal")},
    "scale_basis": {"capital": _l("modal usaha"), "sales": _l("omzet setahun"),
                    "assumed": _l("diasumsikan, modal dan omzet belum diisi")},
}
