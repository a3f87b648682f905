"""Registering an UMKM: a new business (and its owner, when the NIK is new).

The request path and a bulk import both write their rows with plain INSERT statements (no ORM
unit of work) built from the same values (`owner_row`, `business_row`), in the same transaction
as the `umkm.registered` event.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from types import SimpleNamespace

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, insert, select
from sqlalchemy.exc import IntegrityError

from services.kernel.clock import today_wib, utcnow
from services.kernel.errors import Conflict, InvalidInput
from services.kernel.identity import StaffIdentity
from services.kernel.uow import UnitOfWorkFactory
from services.registry.domain import RuleViolation
from services.registry.domain.business import check_nib, name_key
from services.registry.domain.duplicates import near_identical
from services.registry.domain.registration import Registration, validate_registration
from services.registry.domain.search import search_text
from services.registry.domain.status import PENDING
from services.registry.models import Business, Owner, StatusChange, new_id
from services.registry.usecases import audit
from services.registry.usecases.views import snapshot, umkm_view

_B, _O = Business.__table__.c, Owner.__table__.c
_BY_NIB = select(_B.id, _B.name).where(_B.nib == bindparam("nib"))
_OWNER_BY_NIK = select(_O.id, _O.nik, _O.name, _O.sex, _O.phone, _O.email, _O.locale).where(
    _O.nik == bindparam("nik"))
_OWNERS_BUSINESSES = select(_B.id, _B.name, _B.name_key).where(_B.owner_id == bindparam("owner"))
_INSERT_OWNER = insert(Owner.__table__)
_INSERT_BUSINESS = insert(Business.__table__)
_INSERT_HISTORY = insert(StatusChange.__table__)


def owner_values(reg: Registration) -> dict:
    return {"nik": reg.nik.nik, "name": reg.owner_name, "sex": reg.nik.sex,
            "birth_date": reg.nik.birth_date, "phone": reg.phone, "email": reg.email,
            "kecamatan": reg.kecamatan, "kelurahan": reg.kelurahan, "address": reg.address}


def business_values(owner_name: str, reg: Registration, actor: StaffIdentity | None) -> dict:
    """A pending business's own columns (its owner and the defaults aside)."""
    return {
        "name": reg.business_name, "name_key": reg.business_key, "nib": reg.nib,
        "kbli": reg.kbli, "sector": reg.sector, "scale": reg.scale.scale,
        "scale_basis": reg.scale.basis, "scale_regulation": reg.scale.regulation,
        "capital_idr": reg.capital_idr, "annual_turnover_idr": reg.annual_turnover_idr,
        "workers_male": reg.workers_male, "workers_female": reg.workers_female,
        "founded_year": reg.founded_year, "latitude": reg.latitude, "longitude": reg.longitude,
        "kecamatan": reg.kecamatan, "kelurahan": reg.kelurahan, "address": reg.address,
        "status": PENDING, "registered_on": reg.registered_on,
        "created_by": actor.email if actor else None,
        "search_text": search_text(reg.business_name, owner_name),
        "owner_name_key": name_key(owner_name),
    }


def owner_row(reg: Registration, now: datetime) -> SimpleNamespace:
    """A new owner's row (attributes as on the model)."""
    return SimpleNamespace(id=new_id(), locale="id", created_at=now, updated_at=now,
                           **owner_values(reg))


def business_row(owner, reg: Registration, actor: StaffIdentity | None, now: datetime,
                 business_id: str | None = None) -> SimpleNamespace:
    """A pending business of `owner` (a row or a model), with `owner` attached for `snapshot`."""
    return SimpleNamespace(
        id=business_id or new_id(), owner_id=owner.id, owner=owner, status_reason=None,
        verified_at=None, verified_by=None, mb2_member=False, merged_into=None, created_at=now,
        updated_at=now, **business_values(owner.name, reg, actor))


def insert_rows(session, owners: list[SimpleNamespace],
                businesses: list[SimpleNamespace]) -> None:
    """INSERT rows built by owner_row and business_row: one statement per table, owners first."""
    if owners:
        session.execute(_INSERT_OWNER, [vars(owner) for owner in owners])
    if businesses:
        session.execute(_INSERT_BUSINESS, [{key: value for key, value in vars(b).items()
                                            if key != "owner"} for b in businesses])


def registration_problems(data: Mapping[str, object], today: date | None = None,
                          uow: UnitOfWorkFactory | None = None,
                          business_id: str | None = None) -> dict:
    """What the rules say of a registration, writing nothing: a form whose own checks failed
    (a capital that is not a number) shows these beside the other fields in the same round.
    Given the database (`uow`), a NIB another business holds is told with them: the caller has
    problems of its own to tell, so the duplicate is not left for a 409 after them."""
    try:
        validate_registration(data, today or today_wib())
        problems = {}
    except InvalidInput as bad:
        problems = dict(bad.fields)
    if uow is not None:
        with uow(readonly=True) as unit:
            problems = nib_taken(unit.session, data, business_id) | problems
    return problems


def nib_taken(session, data: Mapping[str, object], business_id: str | None = None) -> dict:
    """{"nib": message} when the NIB given is well formed and another business holds it: told
    beside a registration's other problems, so that fixing them does not end in a 409."""
    raw = data.get("nib")
    try:
        nib = check_nib(raw) if isinstance(raw, str) else None
    except RuleViolation:
        return {}
    found = session.execute(_BY_NIB, {"nib": nib}).first() if nib else None
    if found is None or found.id == business_id:
        return {}
    return {"nib": _l("NIB ini sudah terdaftar untuk %(name)s.", name=found.name)}


def register_umkm(uow: UnitOfWorkFactory, data: Mapping[str, object], actor: StaffIdentity | None,
                  today: date | None = None, source: str = "api") -> dict:
    """A new business (and its owner, when the NIK is new): status pending, `umkm.registered`."""
    try:
        reg = validate_registration(data, today or today_wib())
    except InvalidInput as bad:  # every problem in one round, a NIB taken included
        with uow(readonly=True) as unit:
            raise InvalidInput(nib_taken(unit.session, data) | bad.fields) from None
    now, by = utcnow(), actor.email if actor else None
    # Built before the write transaction (which holds SQLite's writer lock): the rows for a new
    # owner; the business's name keys are built again when the NIK turns out to be known.
    owner, business_id = owner_row(reg, now), new_id()
    with uow() as unit:
        session = unit.session
        if reg.nib:
            existing = session.execute(_BY_NIB, {"nib": reg.nib}).first()
            if existing:
                raise Conflict(str(_l("NIB %(nib)s sudah terdaftar untuk %(name)s.",
                                      nib=reg.nib, name=existing.name)),
                               {"nib": _l("NIB sudah terdaftar.")}, existing_id=existing.id)
        found = session.execute(_OWNER_BY_NIK, {"nik": reg.nik.nik}).mappings().first()
        if found:
            owner = SimpleNamespace(**found)
            same = next((b for b in session.execute(_OWNERS_BUSINESSES, {"owner": owner.id})
                         if near_identical(b.name_key, reg.business_key)), None)
            if same:
                raise Conflict(str(_l("Pemilik dengan NIK ini sudah mendaftarkan usaha "
                                      "\"%(name)s\".", name=same.name)),
                               {"business_name": _l("Usaha ini sudah terdaftar.")},
                               existing_id=same.id)
        business = business_row(owner, reg, actor, now, business_id)
        try:
            insert_rows(session, [] if found else [owner], [business])
        except IntegrityError:
            raise Conflict(str(_l("Data yang sama baru saja didaftarkan."))) from None
        session.execute(_INSERT_HISTORY, {"business_id": business.id, "from_status": None,
                                          "to_status": PENDING, "reason": None, "actor": by,
                                          "at": now})
        audit.record(session, actor, "umkm.create", "business", business.id)
        unit.publish("umkm.registered", {**snapshot(business), "source": source})
        view = umkm_view(business)
        unit.commit()
    return view
