"""One row of an import against what the register already holds: new, skipped or updated."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l

from services.kernel.errors import InvalidInput
from services.kernel.uow import UnitOfWork
from services.registry.domain.business import name_key
from services.registry.domain.nik import normalize_nik
from services.registry.models import Business, Owner
from services.registry.usecases.umkm import new_business, new_owner
from services.registry.usecases.views import snapshot


@dataclass
class RowOutcome:
    result: str = "skipped"  # imported | updated | skipped
    errors: dict = field(default_factory=dict)
    event: tuple[str, dict] | None = None  # published with the batch


def _current(business: Business) -> dict:
    owner = business.owner
    return {"owner_name": owner.name, "nik": owner.nik, "business_name": business.name,
            "sector": business.sector, "kecamatan": business.kecamatan,
            "kelurahan": business.kelurahan, "address": business.address, "phone": owner.phone,
            "email": owner.email, "nib": business.nib, "kbli": business.kbli,
            "capital_idr": business.capital_idr,
            "annual_turnover_idr": business.annual_turnover_idr,
            "registered_on": business.registered_on}


def _known(data: dict, owners: dict[str, Owner], by_nib: dict[str, Business]) -> Business | None:
    if data.get("nib") and data["nib"] in by_nib:
        return by_nib[data["nib"]]
    owner = owners.get(normalize_nik(str(data.get("nik") or "")))
    if owner is None:
        return None
    key = name_key(str(data.get("business_name") or ""))
    return next((b for b in owner.businesses if b.name_key == key), None)


def apply_row(unit: UnitOfWork, data: dict, mode: str, owners: dict[str, Owner],
              by_nib: dict[str, Business], today: date, validate: Callable) -> RowOutcome:
    existing = _known(data, owners, by_nib)
    if existing is None:
        try:
            reg = validate(data, today)
        except InvalidInput as invalid:
            return RowOutcome(errors=invalid.fields)
        owner = owners.get(reg.nik.nik)
        if owner is None:
            owner = owners[reg.nik.nik] = new_owner(reg)
            unit.session.add(owner)
        business = new_business(owner, reg, None, history=False)
        unit.session.add(business)
        if reg.nib:
            by_nib[reg.nib] = business
        return RowOutcome("imported", event=(
            "umkm.registered", {**snapshot(business), "source": "import"}))
    if mode == "skip":
        return RowOutcome("skipped")
    return _update(unit, existing, data, today, validate)


_BUSINESS_FIELDS = {"business_name": "name", "sector": "sector", "kecamatan": "kecamatan",
                    "kelurahan": "kelurahan", "address": "address", "nib": "nib", "kbli": "kbli",
                    "capital_idr": "capital_idr", "annual_turnover_idr": "annual_turnover_idr",
                    "registered_on": "registered_on"}
_OWNER_FIELDS = {"owner_name": "name", "phone": "phone", "email": "email"}


def _update(unit: UnitOfWork, business: Business, data: dict, today: date,
            validate: Callable) -> RowOutcome:
    current = _current(business)
    if data.get("nik") and normalize_nik(str(data["nik"])) != current["nik"]:
        return RowOutcome(errors={"nik": _l("NIK berbeda dengan pemilik usaha yang ber-NIB "
                                            "ini.")})
    try:
        reg = validate({**current, **data}, today)
    except InvalidInput as invalid:
        return RowOutcome(errors=invalid.fields)
    clean = {"owner_name": reg.owner_name, "business_name": reg.business_name,
             "sector": reg.sector, "kecamatan": reg.kecamatan, "kelurahan": reg.kelurahan,
             "address": reg.address, "phone": reg.phone, "email": reg.email, "nib": reg.nib,
             "kbli": reg.kbli, "capital_idr": reg.capital_idr,
             "annual_turnover_idr": reg.annual_turnover_idr,
             "registered_on": reg.registered_on}
    changed = [name for name in data if name in clean and clean[name] != current[name]]
    if not changed:
        return RowOutcome("skipped")
    for name in changed:
        if name in _OWNER_FIELDS:
            setattr(business.owner, _OWNER_FIELDS[name], clean[name])
        else:
            setattr(business, _BUSINESS_FIELDS[name], clean[name])
    business.name_key = reg.business_key
    business.scale, business.scale_basis = reg.scale.scale, reg.scale.basis
    business.scale_regulation = reg.scale.regulation
    return RowOutcome("updated", event=(
        "umkm.updated", {**snapshot(business), "changed": sorted(changed)}))
