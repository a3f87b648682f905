"""Trainers: residency from the domicile address; a fee only for trainers from outside Metro;
nobody teaches two sessions at the same time."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, time

from flask_babel import lazy_gettext as _l

from services.kernel.contact import normalize_email, normalize_phone
from services.kernel.errors import InvalidInput
from services.kernel.reference import CITY, canonical_kelurahan, kecamatan_of
from services.training.domain.numbers import MAX_IDR, cap
from services.training.domain.text import text, tidy

# As long as the columns of Trainer (services.training.models) that keep them.
NAME_MAX, ADDRESS_MAX, CITY_MAX, AVAILABILITY_MAX = 120, 300, 80, 300
# Skills are kept as a list; a few short words each.
MAX_SKILLS, SKILL_MAX = 20, 60


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


def _skills(raw, errors: dict) -> tuple[str, ...]:
    skills = tuple(dict.fromkeys(tidy(s) for s in raw or () if tidy(s)))
    if not skills:
        errors["skills"] = _l("Tulis minimal satu keahlian.")
    elif len(skills) > MAX_SKILLS:
        errors["skills"] = _l("Paling banyak %(n)s keahlian.", n=MAX_SKILLS)
    elif any(len(s) > SKILL_MAX for s in skills):
        errors["skills"] = _l("Setiap keahlian paling banyak %(n)s karakter.", n=SKILL_MAX)
    return skills


def _contact(normalize, raw, name: str, errors: dict) -> str | None:
    try:
        return normalize(raw)
    except ValueError as error:
        errors[name] = error.args[0]
        return None


def validate_trainer(data: Mapping) -> TrainerProfile:
    errors: dict[str, object] = {}
    name = text(data.get("name"), "name", errors, max_length=NAME_MAX)
    address = text(data.get("address"), "address", errors, max_length=ADDRESS_MAX,
                   missing=_l("Alamat domisili wajib diisi."))
    skills = _skills(data.get("skills"), errors)
    city = text(data.get("city"), "city", errors, max_length=CITY_MAX, required=False) or CITY
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
    cap(fee, "fee_idr", errors, MAX_IDR, rupiah=True)
    phone = _contact(normalize_phone, data.get("phone"), "phone", errors)
    email = _contact(normalize_email, data.get("email"), "email", errors)
    availability = text(data.get("availability"), "availability", errors,
                        max_length=AVAILABILITY_MAX, required=False)
    if errors:
        raise InvalidInput(errors)
    return TrainerProfile(
        name=name, skills=skills, phone=phone, email=email, address=address,
        kelurahan=kelurahan, kecamatan=kecamatan, city=CITY if resident else city,
        metro_resident=resident, fee_idr=None if resident else (fee or 0),
        availability=availability,
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
