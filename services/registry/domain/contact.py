"""Phone numbers (stored in E.164, +62...) and e-mail addresses."""

from __future__ import annotations

import re

import phonenumbers
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError
from marshmallow.validate import Email

from services.registry.domain import RuleViolation

_PHONE_NOISE = re.compile(r"[\s.\-()/]")
_MOBILE_TYPES = {phonenumbers.PhoneNumberType.MOBILE,
                 phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}


def normalize_phone(raw: str) -> str:
    """'0812-3456-7890', '62812...', '+62 812...' -> '+6281234567890' (an Indonesian mobile)."""
    text = _PHONE_NOISE.sub("", raw or "")
    if not text:
        raise RuleViolation(_l("Nomor HP wajib diisi."))
    if text.startswith("+"):
        digits = text[1:]
    elif text.startswith("62"):
        digits = text
    elif text.startswith("0"):
        digits = "62" + text[1:]
    else:
        raise RuleViolation(_l("Tulis nomor HP diawali 08, 62 atau +62."))
    if not digits.isdigit():
        raise RuleViolation(_l("Nomor HP hanya boleh berisi angka."))
    if not digits.startswith("62"):
        raise RuleViolation(_l("Gunakan nomor HP Indonesia (08..., 62... atau +62...)."))
    try:
        number = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        raise RuleViolation(_l("Nomor HP tidak valid.")) from None
    # A number of a mobile type is a valid one (is_valid_number asks the same question again).
    if phonenumbers.number_type(number) not in _MOBILE_TYPES:
        raise RuleViolation(
            _l("Nomor HP tidak valid: gunakan nomor seluler yang bisa menerima SMS."))
    return f"+{number.country_code}{number.national_number}"  # E.164 (no leading zeros in +62)


def normalize_email(raw: str | None) -> str | None:
    text = (raw or "").strip()
    if not text:
        return None
    try:
        Email()(text)
    except ValidationError:
        raise RuleViolation(_l("Alamat email tidak valid.")) from None
    local, _, domain = text.rpartition("@")
    if not local.isascii():  # mail servers without SMTPUTF8 cannot deliver to it
        raise RuleViolation(_l("Bagian sebelum @ hanya boleh berisi huruf latin tanpa aksen, "
                               "angka dan tanda baca."))
    return f"{local}@{domain.lower()}"
