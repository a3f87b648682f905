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
from services.registry.usecases.editing import apply_changes, current_values
from services.registry.usecases.registering import new_business, new_owner
from services.registry.usecases.views import snapshot


@dataclass
class RowOutcome:
    result: str = "skipped"  # imported | updated | skipped
    errors: dict = field(default_factory=dict)
    event: tuple[str, dict] | None = None  # published with the batch


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


def _update(unit: UnitOfWork, business: Business, data: dict, today: date,
            validate: Callable) -> RowOutcome:
    current = current_values(business)
    if data.get("nik") and normalize_nik(str(data["nik"])) != current["nik"]:
        return RowOutcome(errors={"nik": _l("NIK berbeda dengan pemilik usaha yang ber-NIB "
                                            "ini.")})
    try:
        reg = validate({**current, **data}, today)
    except InvalidInput as invalid:
        return RowOutcome(errors=invalid.fields)
    changed = apply_changes(business, reg, data)
    if not changed:
        return RowOutcome("skipped")
    return RowOutcome("updated", event=(
        "umkm.updated", {**snapshot(business), "changed": sorted(changed)}))
