"""Changing an UMKM's data after registration: by staff, by API client or by a re-import.

A change is the record as it is, overlaid with what was given, checked by the same rules as a
registration; only fields whose value really changed are written, audited (before -> after)
and announced in `umkm.updated`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from services.kernel.clock import today_wib
from services.kernel.edits import plain_values, refuse_stale, to_write, version_of
from services.kernel.errors import Conflict, InvalidInput
from services.kernel.identity import StaffIdentity
from services.kernel.uow import UnitOfWorkFactory
from services.registry.domain.duplicates import near_identical
from services.registry.domain.registration import Registration, validate_registration
from services.registry.models import AuditEntry, Business
from services.registry.usecases import audit
from services.registry.usecases.registering import nib_taken, registration_problems
from services.registry.usecases.search import renamed
from services.registry.usecases.umkm import business_or_404
from services.registry.usecases.views import snapshot, umkm_view

OWNER_FIELDS = {"owner_name": "name", "phone": "phone", "email": "email"}
BUSINESS_FIELDS = {
    "business_name": "name", "sector": "sector", "kecamatan": "kecamatan",
    "kelurahan": "kelurahan", "address": "address", "nib": "nib", "kbli": "kbli",
    "capital_idr": "capital_idr", "annual_turnover_idr": "annual_turnover_idr",
    "registered_on": "registered_on", "workers_male": "workers_male",
    "workers_female": "workers_female", "founded_year": "founded_year",
    "latitude": "latitude", "longitude": "longitude",
}
EDITABLE = tuple(OWNER_FIELDS) + tuple(BUSINESS_FIELDS)


def current_values(business: Business) -> dict:
    """The record in the shape of a registration (what a change is laid over)."""
    owner = business.owner
    values = {name: getattr(owner, attr) for name, attr in OWNER_FIELDS.items()}
    values |= {name: getattr(business, attr) for name, attr in BUSINESS_FIELDS.items()}
    return values | {"nik": owner.nik}


def clean_values(reg: Registration) -> dict:
    return {"owner_name": reg.owner_name, "business_name": reg.business_name,
            "sector": reg.sector, "kecamatan": reg.kecamatan, "kelurahan": reg.kelurahan,
            "address": reg.address, "phone": reg.phone, "email": reg.email, "nib": reg.nib,
            "kbli": reg.kbli, "capital_idr": reg.capital_idr,
            "annual_turnover_idr": reg.annual_turnover_idr, "registered_on": reg.registered_on,
            "workers_male": reg.workers_male, "workers_female": reg.workers_female,
            "founded_year": reg.founded_year, "latitude": reg.latitude,
            "longitude": reg.longitude}


def apply_changes(business: Business, reg: Registration, given: Iterable[str]) -> dict:
    """Write the given fields whose clean value differs; {field: (before, after)}."""
    before, after = current_values(business), clean_values(reg)
    changed = {name: (before[name], after[name]) for name in given
               if name in after and after[name] != before[name]}
    # Both coordinates travel together: one given means the pair was checked.
    for name in ("latitude", "longitude"):
        if name not in changed and ("latitude" in changed or "longitude" in changed) \
                and after[name] != before[name]:
            changed[name] = (before[name], after[name])
    for name, (_, value) in changed.items():
        if name in OWNER_FIELDS:
            setattr(business.owner, OWNER_FIELDS[name], value)
        else:
            setattr(business, BUSINESS_FIELDS[name], value)
    if changed:
        business.name_key = reg.business_key
        business.scale, business.scale_basis = reg.scale.scale, reg.scale.basis
        business.scale_regulation = reg.scale.regulation
    if {"business_name", "owner_name"} & set(changed):
        renamed(business)
    return changed


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def _refuse_duplicates(session, business: Business, reg: Registration) -> None:
    if reg.nib and reg.nib != business.nib:
        other = session.execute(select(Business).where(Business.nib == reg.nib)).scalar()
        if other is not None:
            raise Conflict(str(_l("NIB %(nib)s sudah terdaftar untuk %(name)s.", nib=reg.nib,
                                  name=other.name)), {"nib": _l("NIB sudah terdaftar.")},
                           existing_id=other.id)
    same = next((b for b in business.owner.businesses
                 if b.id != business.id and near_identical(b.name_key, reg.business_key)),
                None)
    if same is not None:
        raise Conflict(str(_l("Pemilik ini sudah punya usaha \"%(name)s\".", name=same.name)),
                       {"business_name": _l("Usaha ini sudah terdaftar.")}, existing_id=same.id)


def edit_problems(uow: UnitOfWorkFactory, umkm_id: str, data: Mapping[str, object],
                  today: date | None = None) -> dict:
    """What the rules say of a change to the stored record, writing nothing: a form or a request
    whose own checks failed (a capital that is not a number) tells these beside the other fields
    in the same round. Nothing to say of a record that is not there (the change says so)."""
    unknown = sorted(set(data) - set(EDITABLE))
    problems = {name: _l("Tidak bisa diubah di sini.") for name in unknown}
    with uow(readonly=True) as unit:
        business = unit.session.get(Business, umkm_id)
        if business is None or business.merged_into:
            return problems
        stored = current_values(business)
    given = {name: value for name, value in data.items() if name in EDITABLE}
    return problems | registration_problems({**stored, **given}, today, uow, umkm_id)


def shown_values(umkm: Mapping[str, object]) -> dict:
    """The editable values of an UMKM view as an edit form carries them (see kernel.edits)."""
    return plain_values(umkm, EDITABLE)


def version(umkm: Mapping[str, object]) -> str:
    """The version of an UMKM's editable data (its ETag): changes with any editable field."""
    return version_of(umkm, EDITABLE)


def _shown_value(name: str, value: object) -> str:
    if value is None or value == "":
        return str(_l("(kosong)"))
    if name in ("capital_idr", "annual_turnover_idr") and isinstance(value, int):
        return f"Rp{value:,}".replace(",", ".")
    return str(value)


def _last_change(session, business: Business) -> tuple[str | None, object]:
    """Who last changed the business's data, and when (from the audit log)."""
    last = session.execute(
        select(AuditEntry.actor, AuditEntry.at)
        .where(AuditEntry.action == "umkm.update", AuditEntry.target_id == business.id)
        .order_by(AuditEntry.id.desc()).limit(1)).first()
    return (last.actor, last.at) if last is not None else (None, None)


def update_umkm(uow: UnitOfWorkFactory, umkm_id: str, data: Mapping[str, object],
                actor: StaffIdentity, today: date | None = None, *,
                shown: Mapping[str, object] | None = None, if_match: str | None = None) -> dict:
    """Change what was given (None clears an optional field); publishes `umkm.updated` for
    this business, and for the owner's other businesses when the owner's own data changed.

    A form passes the values it was filled with (`shown`): only the fields the person changed
    are written, and one that someone else changed meanwhile to something else is refused
    (EditConflict). An API client may pass the version it read (`if_match`, PreconditionFailed
    when the record has changed since)."""
    unknown = sorted(set(data) - set(EDITABLE))
    if unknown:
        raise InvalidInput({name: _l("Tidak bisa diubah di sini.") for name in unknown})
    today = today or today_wib()
    with uow() as unit:
        business = business_or_404(unit.session, umkm_id)
        if business.merged_into:
            raise Conflict(str(_l("Data ini sudah digabungkan ke data lain; ubah data itu.")))
        stored = current_values(business)
        refuse_stale(if_match, stored, EDITABLE)
        try:
            reg = validate_registration({**stored, **data}, today)
        except InvalidInput as bad:  # every problem in one round, a NIB taken included
            raise InvalidInput(nib_taken(unit.session, data, business.id) | bad.fields) from None
        given = data
        if shown is not None:
            sent = clean_values(reg)
            who, at = _last_change(unit.session, business)
            changed = to_write(shown, {name: sent[name] for name in data},
                               shown_values(stored), who=who, at=at, say=_shown_value)
            given = {name: data[name] for name in changed}
            reg = validate_registration({**stored, **given}, today)
        _refuse_duplicates(unit.session, business, reg)
        changed = apply_changes(business, reg, given)
        if changed:
            unit.session.flush()
            audit.record(unit.session, actor, "umkm.update", "business", business.id,
                         {"changed": {k: [_plain(a), _plain(b)] for k, (a, b) in changed.items()}})
            unit.publish("umkm.updated", {**snapshot(business), "changed": sorted(changed)})
            owner_changed = sorted(set(changed) & set(OWNER_FIELDS))
            for other in business.owner.businesses:
                if other.id != business.id and owner_changed:
                    unit.publish("umkm.updated", {**snapshot(other), "changed": owner_changed})
        view = umkm_view(business)
        unit.commit()
    return view

