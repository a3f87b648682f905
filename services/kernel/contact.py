"""Phone numbers and e-mail addresses as every service keeps them: an Indonesian number in E.164
(+62...), an address a mail server can deliver to. Each function answers None for an empty
value (the caller says whether one is required) and raises ContactError with the message to
show beside the field."""

from __future__ import annotations

import re

import phonenumbers
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError
from marshmallow.validate import Email

EMAIL_MAX = 254
_PHONE_NOISE = re.compile(r"[\s.\-()/]")
_MOBILE_TYPES = {phonenumbers.PhoneNumberType.MOBILE,
                 phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}


class ContactError(ValueError):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def normalize_phone(raw: str | None, *, mobile: bool = False) -> str | None:
    """'0812-3456-7890', '62812...', '+62 812...' -> '+6281234567890'. `mobile`: a number that
    can receive SMS (an owner's, a field officer's); otherwise any Indonesian number, an office
    line (0725...) included."""
    text = _PHONE_NOISE.sub("", raw or "")
    if not text:
        return None
    if text.startswith("+"):
        digits = text[1:]
    elif text.startswith("62"):
        digits = text
    elif text.startswith("0"):
        digits = "62" + text[1:]
    elif mobile:
        raise ContactError(_l("Tulis nomor HP diawali 08, 62 atau +62."))
    else:
        raise ContactError(_l("Tulis nomor diawali 0, 62 atau +62."))
    if mobile and not digits.isdigit():
        raise ContactError(_l("Nomor HP hanya boleh berisi angka."))
    if not digits.isdigit() or not digits.startswith("62"):
        raise ContactError(_l("Gunakan nomor HP Indonesia (08..., 62... atau +62...).") if mobile
                           else _l("Gunakan nomor telepon Indonesia (08..., 62... atau +62...)."))
    invalid = _l("Nomor HP tidak valid.") if mobile else _l("Nomor telepon tidak valid.")
    try:
        number = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        raise ContactError(invalid) from None
    if mobile:
        # A number of a mobile type is a valid one (is_valid_number asks the same again).
        if phonenumbers.number_type(number) not in _MOBILE_TYPES:
            raise ContactError(
                _l("Nomor HP tidak valid: gunakan nomor seluler yang bisa menerima SMS."))
    elif not phonenumbers.is_valid_number(number):
        raise ContactError(invalid)
    return f"+{number.country_code}{number.national_number}"  # E.164 (no leading zeros in +62)


def normalize_email(raw: str | None) -> str | None:
    """' Sri.Wahyuni@Contoh.ID ' -> 'Sri.Wahyuni@contoh.id' (the part before @ is the mail
    server's to read, so its case is kept)."""
    text = (raw or "").strip()
    if not text:
        return None
    if len(text) > EMAIL_MAX:
        raise ContactError(_l("Alamat email paling banyak %(n)s karakter.", n=EMAIL_MAX))
    try:
        Email()(text)
    except ValidationError:
        raise ContactError(_l("Alamat email tidak valid.")) from None
    local, _, domain = text.rpartition("@")
    if not local.isascii():  # mail servers without SMTPUTF8 cannot deliver to it
        raise ContactError(_l("Bagian sebelum @ hanya boleh berisi huruf latin tanpa aksen, "
                              "angka dan tanda baca."))
    return f"{local}@{domain.lower()}"
