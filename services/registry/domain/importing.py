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
_MONEY_NOISE = re.compile(r"(?i)rp\.?|[\s.,]")
# What PostgreSQL text and XLSX cells cannot hold (tab and line breaks are fine)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_RUPIAH = 10**15  # Rp1.000 triliun, far above any UMKM and within a BIGINT
_DIGITS = 18
TOO_BIG = 10**_DIGITS  # above every amount, count, year and coordinate the rules allow


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
    if isinstance(value, float) and not math.isfinite(value):
        raise RuleViolation(_l("Harus berupa angka rupiah, misalnya 25000000."))
    if isinstance(value, int | float):
        amount = int(value)
    else:
        text = _MONEY_NOISE.sub("", str(value))
        if not (text.isascii() and text.isdigit()):  # '²' is a digit Python cannot read
            raise RuleViolation(_l("Harus berupa angka rupiah, misalnya 25000000."))
        amount = _whole_number(text)
    if amount > MAX_RUPIAH:  # a turnover beside a capital is not checked against a ceiling
        raise RuleViolation(_l("Nilai rupiah terlalu besar (paling banyak Rp1.000 triliun)."))
    return amount


def _whole_number(digits: str) -> int:
    """Ascii digits as a number; one of more digits than any allowed amount is too big by
    the rules' own check (Python refuses to read thousands of digits)."""
    return int(digits) if len(digits) <= _DIGITS else TOO_BIG


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
    """Numbers stay numbers (the domain checks them); text is trimmed."""
    if isinstance(value, int | float):
        return value
    text = str(value).strip()
    return _whole_number(text) if text.isascii() and text.isdigit() else text


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
        if isinstance(cell, str) and _CONTROL.search(cell):
            errors[column] = _l("Berisi karakter kontrol yang tidak terlihat (misalnya NUL); "
                                "hapus karakter itu lalu impor lagi.")
            continue
        try:
            data[column] = _COERCE.get(column, lambda v: str(v).strip())(cell)
        except RuleViolation as violation:
            errors[column] = violation.message
    return data, errors


def is_blank(cells: Iterable[object]) -> bool:
    return not getattr(cells, "reason", None) and all(
        c is None or (isinstance(c, str) and not c.strip()) for c in cells)
