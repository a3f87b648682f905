"""A registration as typed by staff or an API client -> a clean, rule-abiding registration."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from services.kernel.errors import InvalidInput
from services.kernel.reference import KECAMATAN, canonical_kecamatan, canonical_kelurahan
from services.registry.domain import RuleViolation
from services.registry.domain.business import (
    check_kbli,
    check_name,
    check_nib,
    check_sector,
    check_text,
    name_key,
)
from services.registry.domain.contact import normalize_email, normalize_phone
from services.registry.domain.nik import NikInfo, parse_nik
from services.registry.domain.profile import check_coordinates, check_founded_year, check_workers
from services.registry.domain.scale import Scale, classify

EARLIEST_REGISTRATION = date(1990, 1, 1)


@dataclass(frozen=True)
class Registration:
    owner_name: str
    nik: NikInfo
    business_name: str
    sector: str
    kecamatan: str
    kelurahan: str
    address: str
    phone: str
    email: str | None
    nib: str | None
    kbli: str | None
    capital_idr: int | None
    annual_turnover_idr: int | None
    registered_on: date
    scale: Scale
    workers_male: int | None = None
    workers_female: int | None = None
    founded_year: int | None = None
    latitude: float | None = None
    longitude: float | None = None

    @property
    def business_key(self) -> str:
        return name_key(self.business_name)


class _Collector:
    def __init__(self):
        self.errors: dict[str, object] = {}

    def check(self, field: str, rule: Callable[[], object]):
        try:
            return rule()
        except RuleViolation as violation:
            self.errors.setdefault(violation.field or field, violation.message)
            return None


def check_kecamatan(raw: str | None) -> str:
    if not (raw or "").strip():
        raise RuleViolation(_l("Kecamatan wajib dipilih."))
    found = canonical_kecamatan(raw)
    if not found:
        raise RuleViolation(_l("Bukan kecamatan di Kota Metro. Pilih salah satu: %(names)s.",
                               names=", ".join(KECAMATAN)))
    return found


def check_kelurahan(kecamatan: str | None, raw: str | None) -> str | None:
    if not (raw or "").strip():
        raise RuleViolation(_l("Kelurahan wajib dipilih."))
    if kecamatan is None:
        return None  # the kecamatan error says it already
    found = canonical_kelurahan(kecamatan, raw)
    if not found:
        raise RuleViolation(_l("Kelurahan %(kel)s tidak berada di Kecamatan %(kec)s. Pilih salah "
                               "satu: %(names)s.", kel=raw, kec=kecamatan,
                               names=", ".join(KECAMATAN[kecamatan])))
    return found


def check_registered_on(value: date | None, today: date) -> date:
    if value is None:
        return today
    if value > today:
        raise RuleViolation(_l("Tanggal pendaftaran tidak boleh di masa depan."))
    if value < EARLIEST_REGISTRATION:
        raise RuleViolation(_l("Tanggal pendaftaran terlalu lama (sebelum 1990)."))
    return value


def validate_registration(data: Mapping[str, object], today: date) -> Registration:
    """All rules at once: raises InvalidInput with one message per bad field."""
    c = _Collector()
    get = data.get
    owner_name = c.check("owner_name", lambda: check_name(get("owner_name"), maximum=120))
    nik = c.check("nik", lambda: parse_nik(str(get("nik") or ""), today))
    business_name = c.check("business_name",
                            lambda: check_name(get("business_name"), maximum=160))
    sector = c.check("sector", lambda: check_sector(get("sector")))
    kecamatan = c.check("kecamatan", lambda: check_kecamatan(get("kecamatan")))
    kelurahan = c.check("kelurahan", lambda: check_kelurahan(kecamatan, get("kelurahan")))
    address = c.check("address", lambda: check_text(get("address"), minimum=5, maximum=300))
    phone = c.check("phone", lambda: normalize_phone(str(get("phone") or "")))
    email = c.check("email", lambda: normalize_email(get("email")))
    nib = c.check("nib", lambda: check_nib(get("nib")))
    kbli = c.check("kbli", lambda: check_kbli(get("kbli")))
    capital = get("capital_idr")
    turnover = get("annual_turnover_idr")
    scale = c.check("capital_idr", lambda: classify(capital, turnover))
    registered_on = c.check("registered_on",
                            lambda: check_registered_on(get("registered_on"), today))
    workers_male = c.check("workers_male", lambda: check_workers(get("workers_male")))
    workers_female = c.check("workers_female", lambda: check_workers(get("workers_female")))
    founded_year = c.check("founded_year", lambda: check_founded_year(get("founded_year"), today))
    coordinates = c.check("latitude", lambda: check_coordinates(get("latitude"),
                                                                get("longitude")))
    if c.errors:
        raise InvalidInput(c.errors)
    return Registration(
        owner_name=owner_name, nik=nik, business_name=business_name, sector=sector,
        kecamatan=kecamatan, kelurahan=kelurahan, address=address, phone=phone, email=email,
        nib=nib, kbli=kbli, capital_idr=capital, annual_turnover_idr=turnover,
        registered_on=registered_on, scale=scale, workers_male=workers_male,
        workers_female=workers_female, founded_year=founded_year,
        latitude=coordinates[0], longitude=coordinates[1],
    )
