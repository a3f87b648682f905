"""The status workflow of an UMKM: which change is allowed from which status, and why not.

pending -> verified | rejected; rejected -> verified (after the data was corrected);
verified | pending | rejected -> inactive (closed, moved away); inactive -> back to what it was
(verified when it had been verified, pending otherwise). A rejection needs a reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from services.kernel.words import SHARED_WORDS
from services.registry.domain import RuleViolation

PENDING, VERIFIED, REJECTED, INACTIVE = "pending", "verified", "rejected", "inactive"
STATUSES = (PENDING, VERIFIED, REJECTED, INACTIVE)

VERIFY, REJECT, DEACTIVATE, REACTIVATE = "verify", "reject", "deactivate", "reactivate"
REASON_MAX = 500

_ALLOWED = {
    VERIFY: (PENDING, REJECTED),
    REJECT: (PENDING,),
    DEACTIVATE: (PENDING, VERIFIED, REJECTED),
    REACTIVATE: (INACTIVE,),
}

# The event each change publishes (reactivation is an update of the status).
EVENTS = {VERIFY: "umkm.verified", REJECT: "umkm.rejected", DEACTIVATE: "umkm.deactivated",
          REACTIVATE: "umkm.updated"}


@dataclass(frozen=True)
class StatusChange:
    action: str
    from_status: str
    to_status: str
    reason: str | None


def _clean_reason(action: str, reason: str | None) -> str | None:
    reason = (reason or "").strip() or None
    if action == REJECT and reason is None:
        raise RuleViolation(_l("Alasan penolakan wajib diisi."), "reason")
    if reason is not None and len(reason) > REASON_MAX:
        raise RuleViolation(_l("Alasan paling banyak %(n)s karakter.", n=REASON_MAX), "reason")
    return reason


def decide(action: str, current: str, *, reason: str | None = None,
           was_verified: bool = False) -> StatusChange:
    """The change `action` makes from `current`; RuleViolation when it is not allowed."""
    if action not in _ALLOWED:
        raise RuleViolation(_l("Tindakan tidak dikenal."), "action")
    if current not in _ALLOWED[action]:
        raise RuleViolation(_MESSAGES[action] % {
            "status": str(SHARED_WORDS.in_sentence("umkm", current))}, "status")
    cleaned = _clean_reason(action, reason)
    target = {VERIFY: VERIFIED, REJECT: REJECTED, DEACTIVATE: INACTIVE,
              REACTIVATE: VERIFIED if was_verified else PENDING}[action]
    return StatusChange(action, current, target, cleaned)


_MESSAGES = {
    VERIFY: _l("UMKM berstatus %(status)s tidak dapat diverifikasi."),
    REJECT: _l("Hanya UMKM yang menunggu verifikasi yang dapat ditolak (status: %(status)s)."),
    DEACTIVATE: _l("UMKM berstatus %(status)s tidak dapat dinonaktifkan."),
    REACTIVATE: _l("Hanya UMKM nonaktif yang dapat diaktifkan kembali (status: %(status)s)."),
}
