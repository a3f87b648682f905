"""Trainers: residency from the domicile address; a fee only for trainers from outside Metro;
nobody teaches two sessions at the same time."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, time

from flask_babel import lazy_gettext as _l

from services.kernel.errors import InvalidInput
from services.kernel.reference import CITY, canonical_kelurahan, kecamatan_of


@dataclass(frozen=True)
class TrainerProfile:
    name: str
    skills: tuple[str, ...]
    phone: str | None
    email: str | None
    address: str
    kelurahan: str | None
    kecamatan: str | None
    city: str
    metro_resident: bool
    fee_idr: int | None
    availability: str | None


def validate_trainer(data: Mapping) -> TrainerProfile:
    errors: dict[str, object] = {}
    name = " ".join(str(data.get("name") or "").split())
    if not name:
        errors["name"] = _l("Wajib diisi.")
    address = " ".join(str(data.get("address") or "").split())
    if not address:
        errors["address"] = _l("Alamat domisili wajib diisi.")
    skills = tuple(dict.fromkeys(s.strip() for s in data.get("skills") or () if s.strip()))
    if not skills:
        errors["skills"] = _l("Tulis minimal satu keahlian.")
    city = " ".join(str(data.get("city") or "").split()) or CITY
    kelurahan, kecamatan = None, None
    if data.get("kelurahan"):
        kecamatan = kecamatan_of(data["kelurahan"])
        kelurahan = canonical_kelurahan(kecamatan, data["kelurahan"]) if kecamatan else None
        if kelurahan is None:
            errors["kelurahan"] = _l("Bukan kelurahan di Kota Metro.")
    elif city.casefold() in (CITY.casefold(), "metro"):
        errors["kelurahan"] = _l("Pilih kelurahan domisili di Kota Metro.")
    resident = kelurahan is not None
    fee = data.get("fee_idr")
    if resident and fee:
        errors["fee_idr"] = _l("Pelatih warga Kota Metro adalah relawan: tidak ada honor.")
    if fee is not None and (not isinstance(fee, int) or fee < 0):
        errors["fee_idr"] = _l("Honor tidak boleh negatif.")
    if errors:
        raise InvalidInput(errors)
    return TrainerProfile(
        name=name, skills=skills, phone=(data.get("phone") or "").strip() or None,
        email=(data.get("email") or "").strip().lower() or None, address=address,
        kelurahan=kelurahan, kecamatan=kecamatan, city=CITY if resident else city,
        metro_resident=resident, fee_idr=None if resident else (fee or 0),
        availability=(data.get("availability") or "").strip() or None,
    )


Slot = tuple[date, time, time]


def clash(ours: Iterable[Slot], theirs: Iterable[Slot]) -> Slot | None:
    """The first of our sessions overlapping one of theirs (same day, times overlap)."""
    others = list(theirs)
    for day, start, end in ours:
        for other_day, other_start, other_end in others:
            if day == other_day and start < other_end and other_start < end:
                return day, start, end
    return None
