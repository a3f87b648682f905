"""What no part of the platform can keep, and the words that refuse it: text with a NUL byte or
a lone UTF-16 surrogate ("\\ud800", which the databases, password hashing and URLs refuse), and
a whole number beyond a 64-bit column. Every request is checked at the door
(services.kernel.web.inputs); a service that reads values another way (a spreadsheet import)
checks them here too, so the same problem is told in the same words."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

BIGGEST = 2**63 - 1  # what a BIGINT / SQLite INTEGER holds
UNSTORABLE_TEXT = _l("Berisi karakter yang tidak dapat disimpan (NUL atau surrogate).")
NUMBER_TOO_BIG = _l("Angka terlalu besar.")


def unstorable_text(text: str) -> bool:
    return "\x00" in text or any("\ud800" <= c <= "\udfff" for c in text)


def too_big(number: int) -> bool:
    return abs(number) > BIGGEST


def whole_number(digits: str) -> int | None:
    """Ascii digits as a number; None for a number past BIGGEST (Python refuses to read one of
    thousands of digits at once)."""
    significant = digits.lstrip("0") or "0"
    if len(significant) > len(str(BIGGEST)):
        return None
    number = int(significant)
    return None if too_big(number) else number
