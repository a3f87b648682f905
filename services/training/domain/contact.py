"""A trainer's contacts: an Indonesian phone number kept in E.164 (+62...), an e-mail address.

The registry and the bazaar each keep rules of their own for the same; services never import each
other, and the kernel has no such helper yet."""

from __future__ import annotations

import re

import phonenumbers
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError
from marshmallow.validate import Email

EMAIL_MAX = 254
_PHONE_NOISE = re.compile(r"[\s.\-()/]")


def normalize_phone(raw: str | None) -> str | None:
    """'0812-3456-7001', '62812...', '+62 812...' -> '+6281234567001'; empty -> None.
    Raises ValueError with the message to show."""
    text = _PHONE_NOISE.sub("", raw or "")
    if not text:
        return None
    if text.startswith("+"):
        digits = text[1:]
    elif text.startswith("0"):
        digits = "62" + text[1:]
    else:
        digits = text
    if not digits.isdigit() or not digits.startswith("62"):
        raise ValueError(_l("Tulis nomor HP Indonesia dengan angka, diawali 08, 62 atau +62."))
    try:
        number = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        raise ValueError(_l("Nomor HP tidak valid.")) from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError(_l("Nomor HP tidak valid."))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_email(raw: str | None) -> str | None:
    """'  Ratna@Contoh.ID ' -> 'ratna@contoh.id'; empty -> None. Raises ValueError."""
    text = (raw or "").strip().lower()
    if not text:
        return None
    if len(text) > EMAIL_MAX:
        raise ValueError(_l("Paling banyak %(n)s karakter.", n=EMAIL_MAX))
    try:
        Email()(text)
    except ValidationError:
        raise ValueError(_l("Alamat email tidak valid.")) from None
    return text
