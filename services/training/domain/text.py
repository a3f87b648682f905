"""Text as staff and API clients type it: runs of spaces made one, and never longer than the
column that keeps it (an over-long value is told, never cut)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l


def tidy(value: object) -> str:
    """'  Bu   Ratna ' -> 'Bu Ratna'; None -> ''."""
    return " ".join(str(value or "").split())


def too_long(max_length: int):
    return _l("Paling banyak %(n)s karakter.", n=max_length)


def text(value: object, key: str, errors: dict, *, max_length: int, required: bool = True,
         missing=None) -> str | None:
    """The value tidied, or None when empty. One message under `key` when it is required and
    empty (`missing`, default "Wajib diisi.") or longer than max_length."""
    value = tidy(value)
    if not value:
        if required:
            errors[key] = missing or _l("Wajib diisi.")
        return None
    if len(value) > max_length:
        errors[key] = too_long(max_length)
    return value
