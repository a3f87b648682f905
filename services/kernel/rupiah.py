"""Rupiah as people write them: 25000000, 25.000.000, 25,000,000, Rp 25.000.000 or
2.500.000,00. Whole rupiah only: an amount with sen (2.500.000,50 or 2500000.5) is refused,
never cut to 2500000 nor read as 250000050. One reading for the staff pages' amount fields and
a spreadsheet's amount cells."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l

from services.kernel.storable import NUMBER_TOO_BIG, whole_number

WITH_SEN = _l("Nilai rupiah harus bilangan bulat, tanpa sen (misalnya 25000000).")

_NOISE = re.compile(r"(?i)rp\.?|\s")
# Thousands grouped by '.' or ',' (25.000.000 / 25,000,000)
_GROUPED = re.compile(r"[0-9]{1,3}(?P<sep>[.,])[0-9]{3}(?:(?P=sep)[0-9]{3})*")


class NotAnAmount(ValueError):
    """Not an amount of rupiah at all ("banyak", "²"): the caller says so in its own words."""


class AmountRefused(ValueError):
    """An amount that cannot be kept as whole rupiah; `message` says why."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def parts(text: str) -> tuple[str, str]:
    """(rupiah digits, sen digits) of an amount as written: 25000000, 25.000.000 or 25,000,000
    (thousands); 2500000,50, 2.500.000,50 or 2,500,000.50 (with sen)."""
    text = _NOISE.sub("", text)
    if _digits(text):
        return text, ""
    if _GROUPED.fullmatch(text):
        return re.sub(r"[.,]", "", text), ""
    point = max(text.rfind("."), text.rfind(","))
    whole, sen = text[:point], text[point + 1:]
    grouped = _GROUPED.fullmatch(whole)
    if point > 0 and _digits(sen) and (
            _digits(whole) or (grouped and grouped["sep"] != text[point])):
        return re.sub(r"[.,]", "", whole), sen
    raise NotAnAmount(text)


def parse_rupiah(text: str) -> int:
    """Whole rupiah; NotAnAmount, or AmountRefused for sen or a number past a 64-bit column.
    A minus sign is read (-5.000 is -5000), for the rules to refuse in their own words."""
    text = _NOISE.sub("", text)
    if text.startswith("-") and text[1:2].isdigit():
        return -parse_rupiah(text[1:])
    whole, sen = parts(text)
    if sen.strip("0"):
        raise AmountRefused(WITH_SEN)
    number = whole_number(whole)
    if number is None:
        raise AmountRefused(NUMBER_TOO_BIG)
    return number
