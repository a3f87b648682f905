"""NIK (Nomor Induk Kependudukan): 6-digit region + birth date DDMMYY (day + 40 for women) +
4-digit serial from 0001. There is no check digit. A region outside Kota Metro is allowed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from services.registry.domain import RuleViolation

_SEPARATORS = re.compile(r"[\s.\-]")
FEMALE, MALE = "P", "L"


@dataclass(frozen=True)
class NikInfo:
    nik: str
    region: str  # province + regency/city + district, e.g. "187201"
    birth_date: date
    sex: str  # "L" (laki-laki) or "P" (perempuan)
    serial: str

    @property
    def issued_in_metro(self) -> bool:
        return self.region.startswith("1872")


def normalize_nik(raw: str) -> str:
    return _SEPARATORS.sub("", raw or "")


def parse_nik(raw: str, today: date) -> NikInfo:
    nik = normalize_nik(raw)
    if not nik:
        raise RuleViolation(_l("NIK wajib diisi."))
    if not nik.isdigit() or not nik.isascii():
        raise RuleViolation(_l("NIK hanya boleh berisi angka."))
    if len(nik) != 16:
        raise RuleViolation(_l("NIK harus 16 digit (tertulis %(n)s digit).", n=len(nik)))
    province, regency, district = nik[0:2], nik[2:4], nik[4:6]
    if province < "11" or regency == "00" or district == "00":
        raise RuleViolation(_l("Kode wilayah pada NIK (6 digit pertama) tidak valid."))
    day, month, year2 = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = MALE
    if day > 40:
        day -= 40
        sex = FEMALE
    if not 1 <= month <= 12:
        raise RuleViolation(
            _l("Bulan lahir pada NIK (digit 9-10) tidak mungkin: %(m)02d.", m=month))
    if not 1 <= day <= 31:
        raise RuleViolation(
            _l("Tanggal lahir pada NIK (digit 7-8) tidak mungkin: harus 01-31, atau 41-71 "
               "untuk perempuan.")
        )
    century = 2000 if 2000 + year2 <= today.year else 1900
    try:
        birth = date(century + year2, month, day)
    except ValueError:
        raise RuleViolation(
            _l("Tanggal lahir pada NIK tidak ada di kalender: %(d)02d-%(m)02d-%(y)02d.",
               d=day, m=month, y=year2)
        ) from None
    if birth > today:
        raise RuleViolation(_l("Tanggal lahir pada NIK ada di masa depan."))
    serial = nik[12:16]
    if serial == "0000":
        raise RuleViolation(_l("Nomor urut pada NIK (4 digit terakhir) dimulai dari 0001."))
    return NikInfo(nik=nik, region=nik[:6], birth_date=birth, sex=sex, serial=serial)


def mask_nik(nik: str | None) -> str | None:
    """Show the region and the serial, hide the birth date: 1872********0001."""
    if not nik:
        return nik
    return nik[:4] + "*" * (len(nik) - 8) + nik[-4:]
