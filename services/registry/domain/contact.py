"""Phone numbers (stored in E.164, +62...) and e-mail addresses: the kernel's rules, told as
the register's rule violations. An owner's phone is required and must receive SMS."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from services.kernel import contact
from services.registry.domain import RuleViolation


def normalize_phone(raw: str) -> str:
    """'0812-3456-7890', '62812...', '+62 812...' -> '+6281234567890' (an Indonesian mobile)."""
    try:
        phone = contact.normalize_phone(raw, mobile=True)
    except contact.ContactError as bad:
        raise RuleViolation(bad.message) from None
    if phone is None:
        raise RuleViolation(_l("Nomor HP wajib diisi."))
    return phone


def normalize_email(raw: str | None) -> str | None:
    try:
        return contact.normalize_email(raw)
    except contact.ContactError as bad:
        raise RuleViolation(bad.message) from None
