"""Rows of an existing spreadsheet -> registration data: the header check and cell coercion.

Columns are the fields of POST /api/v1/umkm (a few Indonesian headings are understood too).
An empty cell means "not given": it is left out, so it can never overwrite what is known.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, datetime

from flask_babel import lazy_gettext as _l

from services.kernel.rupiah import WITH_SEN, AmountRefused, NotAnAmount, parse_rupiah
from services.kernel.storable import (
    NUMBER_TOO_BIG,
    UNSTORABLE_TEXT,
    too_big,
    unstorable_text,
    whole_number,
)
from services.registry.domain import RuleViolation

COLUMNS = ("owner_name", "nik", "business_name", "sector", "kecamatan", "kelurahan", "address",
           "phone", "email", "nib", "kbli", "capital_idr", "annual_turnover_idr",
           "registered_on", "workers_male", "workers_female", "founded_year", "latitude",
           "longitude")
REQUIRED = ("owner_name", "nik", "business_name", "sector", "kecamatan", "kelurahan",
            "address", "phone")
ALIASES = {
    "nama_pemilik": "owner_name", "nama_usaha": "business_name", "sektor": "sector",
    "alamat": "address", "no_hp": "phone", "nomor_hp": "phone", "telepon": "phone",
    "modal": "capital_idr", "omzet": "annual_turnover_idr", "omzet_tahunan": "annual_turnover_idr",
    "tanggal_daftar": "registered_on", "tanggal_terdaftar": "registered_on",
    "tenaga_kerja_laki_laki": "workers_male", "tenaga_kerja_perempuan": "workers_female",
    "tahun_berdiri": "founded_year", "lintang": "latitude", "bujur": "longitude",
}
MODES = ("skip", "update")
# What XLSX cells cannot hold (tab and line breaks are fine); NUL is told as the API tells it
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
NOT_RUPIAH = _l("Harus berupa angka rupiah, misalnya 25000000.")


class HeaderError(RuleViolation):
    """The first row is not a header this import understands: one clear message."""


def column_of(heading: object) -> str:
    key = re.sub(r"[\s\-/]+", "_", str(heading or "").strip().lower())
    return ALIASES.get(key, key)


def check_header(headings: Iterable[object]) -> list[str | None]:
    """The field of each column (None for an empty heading); HeaderError when fields are
    missing, unknown or repeated."""
    columns = [column_of(h) or None for h in headings]
    named = [c for c in columns if c]
    unknown = [c for c in named if c not in COLUMNS]
    missing = [c for c in REQUIRED if c not in named]
    repeated = sorted({c for c in named if named.count(c) > 1})
    problems = []
    if missing:
        problems.append(str(_l("kolom wajib tidak ada: %(names)s", names=", ".join(missing))))
    if unknown:
        problems.append(str(_l("kolom tidak dikenal: %(names)s", names=", ".join(unknown))))
    if repeated:
        problems.append(str(_l("kolom ganda: %(names)s", names=", ".join(repeated))))
    if problems:
        raise HeaderError(_l("Baris judul tidak sesuai (%(problems)s). Kolom yang dikenal: "
                             "%(columns)s.", problems="; ".join(problems),
                             columns=", ".join(COLUMNS)), "file")
    return columns


def _digits(value: object, width: int | None = None) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if isinstance(value, int) and width and len(text) < width:
        text = text.zfill(width)  # a spreadsheet dropped the leading zeros
    return text


def _nib(value: object) -> str:
    """Written as the rules keep it ('1234 567890123' is 1234567890123), so a file's NIB finds
    the record that has it, stored or earlier in the file."""
    return re.sub(r"\s", "", _digits(value, 13))


def _phone(value: object) -> str:
    if isinstance(value, int | float):
        text = _digits(value)
        return text if text.startswith(("62", "0")) else "0" + text
    return str(value).strip()


def _money(value: object) -> int:
    """Whole rupiah, as the API takes them: an amount with sen (2500000,50 or a workbook's
    2500000.5) is refused, never cut to 2500000 or read as 250000050."""
    if isinstance(value, bool) or (isinstance(value, float) and not math.isfinite(value)):
        raise RuleViolation(NOT_RUPIAH)  # a workbook's TRUE is not 1
    if isinstance(value, float):
        if not value.is_integer():  # (then far below BIGGEST)
            sen = round(value * 100)  # 3000000*1.1 is 3300000.0000000005: no sen
            if sen % 100:
                raise RuleViolation(WITH_SEN)
            value = sen // 100
        return _fits(int(value))
    if isinstance(value, int):
        return _fits(value)
    try:
        return parse_rupiah(str(value))
    except NotAnAmount:
        raise RuleViolation(NOT_RUPIAH) from None  # '²' is a digit Python cannot read
    except AmountRefused as refused:
        raise RuleViolation(refused.message) from None


def _ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _read_whole(digits: str) -> int:
    """Ascii digits as a number; past a 64-bit column refused as the API refuses it."""
    number = whole_number(digits)
    if number is None:
        raise RuleViolation(NUMBER_TOO_BIG)
    return number


def _fits(number: int) -> int:
    if too_big(number):
        raise RuleViolation(NUMBER_TOO_BIG)
    return number


def _date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise RuleViolation(_l("Tanggal tidak dikenali: tulis 2023-12-31 atau 31/12/2023."))


def _number(value: object) -> object:
    """Numbers stay numbers (the domain checks them: a workbook's TRUE or 2.7 workers are
    refused there), but a whole number past a 64-bit column (a workbook keeps 10^20 as 1e+20)
    is refused as the API refuses it; text is trimmed."""
    if isinstance(value, int | float):
        if not isinstance(value, bool) and (isinstance(value, int) or value.is_integer()):
            _fits(int(value))
        return value
    text = str(value).strip()
    return _read_whole(text) if _ascii_digits(text) else text


def _text(value: object) -> str:
    """A text cell as the spreadsheet shows it: a workbook's TRUE is TRUE (not Python's True),
    its 12 is 12 (not 12.0)."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_COERCE = {
    "workers_male": _number, "workers_female": _number, "founded_year": _number,
    "latitude": _number, "longitude": _number,
    "nik": lambda v: _digits(v), "nib": _nib, "kbli": lambda v: _digits(v, 5),
    "phone": _phone, "capital_idr": _money, "annual_turnover_idr": _money,
    "registered_on": _date,
}


def coerce_row(columns: list[str | None], cells: Iterable[object]) -> tuple[dict, dict]:
    """(data, errors): the given cells as registration values, and one message per bad cell."""
    data, errors = {}, {}
    if getattr(cells, "reason", None):  # spreadsheets.UnreadableRow
        return data, {None: _l("Baris ini tidak dapat dibaca: ada sel yang lebih panjang dari "
                               "131.072 karakter, mungkin karena tanda kutip (\") yang tidak "
                               "ditutup.")}
    for column, cell in zip(columns, cells, strict=False):
        if column is None or cell is None or (isinstance(cell, str) and not cell.strip()):
            continue
        if isinstance(cell, str) and unstorable_text(cell):
            errors[column] = UNSTORABLE_TEXT
            continue
        if isinstance(cell, str) and _CONTROL.search(cell):
            errors[column] = _l("Berisi karakter kontrol yang tidak terlihat (misalnya NUL); "
                                "hapus karakter itu lalu impor lagi.")
            continue
        try:
            data[column] = _COERCE.get(column, _text)(cell)
        except RuleViolation as violation:
            errors[column] = violation.message
    return data, errors


def is_blank(cells: Iterable[object]) -> bool:
    return not getattr(cells, "reason", None) and all(
        c is None or (isinstance(c, str) and not c.strip()) for c in cells)
