"""What each staff role is called: the words admins read on accounts and in messages."""

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
