"""Likely duplicates: list them, merge one record into another, or say they are different."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update

from services.kernel.clock import today_wib, utcnow
from services.kernel.errors import Conflict, InvalidInput
from services.kernel.identity import StaffIdentity
from services.kernel.uow import UnitOfWorkFactory
from services.registry.domain.duplicates import Record, fill_gaps, find_candidates, pair_key
from services.registry.domain.registration import validate_registration
from services.registry.domain.status import INACTIVE
from services.registry.models import (
    Activity,
    Business,
    DuplicateDismissal,
    Owner,
    Product,
    StatusChange,
)
from services.registry.usecases import audit
from services.registry.usecases.editing import apply_changes, current_values
from services.registry.usecases.search import refresh_search_text
from services.registry.usecases.views import snapshot

# What the surviving record may take from the duplicate when it lacks it.
GAPS = ("email", "nib", "kbli", "capital_idr", "annual_turnover_idr", "workers_male",
        "workers_female", "founded_year", "latitude", "longitude")


def _side(business: Business) -> dict:
    return {"id": business.id, "business_name": business.name,
            "owner_name": business.owner.name, "phone": business.owner.phone,
            "kecamatan": business.kecamatan, "kelurahan": business.kelurahan,
            "address": business.address, "nib": business.nib, "status": business.status,
            "registered_on": business.registered_on}


def likely_duplicates(uow: UnitOfWorkFactory, page: int = 1, per_page: int = 20) -> dict:
    """Pairs of active records of different owners with the same phone or a near-identical
    name, most alike first; pairs staff dismissed stay away."""
    with uow(readonly=True) as unit:
        session = unit.session
        rows = session.execute(
            select(Business.id, Business.owner_id, Business.name_key, Owner.phone,
                   Business.kelurahan)
            .join(Owner, Business.owner_id == Owner.id).where(Business.status != INACTIVE)
        ).all()
        dismissed = {(d.a_id, d.b_id) for d in session.execute(
            select(DuplicateDismissal.a_id, DuplicateDismissal.b_id)).all()}
        candidates = find_candidates((Record(*row) for row in rows), dismissed)
        chosen = candidates[(page - 1) * per_page: page * per_page]
        wanted = {i for c in chosen for i in (c.a, c.b)}
        businesses = {b.id: b for b in session.execute(
            select(Business).where(Business.id.in_(wanted))).scalars()} if wanted else {}
        items = [{"a": _side(businesses[c.a]), "b": _side(businesses[c.b]),
                  "reasons": list(c.reasons), "similarity": c.score} for c in chosen]
    return {"items": items, "total": len(candidates), "page": page, "per_page": per_page}


def _two(session, **ids: str) -> tuple[Business, Business]:
    """The two records a body names ({field: id}); a message on the field otherwise."""
    (first, a_id), (second, b_id) = ids.items()
    if a_id == b_id:
        raise InvalidInput({second: _l("Pilih dua data yang berbeda.")})
    found = {name: session.get(Business, value) for name, value in ids.items()}
    missing = {name: _l("UMKM tidak ditemukan.") for name, row in found.items() if row is None}
    if missing:  # the page that sent them shows the message alone
        raise InvalidInput(missing, _l("UMKM tidak ditemukan."))
    return found[first], found[second]


def not_a_duplicate(uow: UnitOfWorkFactory, a_id: str, b_id: str, actor: StaffIdentity) -> None:
    with uow() as unit:
        _two(unit.session, a_id=a_id, b_id=b_id)
        a, b = pair_key(a_id, b_id)
        if unit.session.get(DuplicateDismissal, (a, b)) is None:
            unit.session.add(DuplicateDismissal(a_id=a, b_id=b, actor=actor.email))
            audit.record(unit.session, actor, "duplicate.dismiss", "business", a, {"other": b})
        unit.commit()


def merge_duplicate(uow: UnitOfWorkFactory, keep_id: str, drop_id: str, actor: StaffIdentity,
                    today: date | None = None) -> dict:
    """`drop` becomes inactive (merged into `keep`, kept for its history); its products and
    timeline move to `keep`, which takes from it only what it lacks. Both changes are
    announced: `umkm.deactivated` for the duplicate, `umkm.updated` for the survivor."""
    with uow() as unit:
        session = unit.session
        keep, drop = _two(session, keep_id=keep_id, drop_id=drop_id)
        if drop.merged_into or keep.merged_into:
            raise Conflict(str(_l("Salah satu data ini sudah digabungkan sebelumnya.")))
        if keep.status == INACTIVE:
            raise Conflict(str(_l("Data yang dipertahankan tidak aktif; aktifkan dulu.")))
        gaps = fill_gaps(current_values(keep), current_values(drop), GAPS)
        if "nib" in gaps:  # the number is unique: it leaves the duplicate first
            drop.nib = None
            session.flush()
        now = utcnow()
        reason = str(_l("Duplikat dari %(name)s", name=keep.name))[:500]
        session.add(StatusChange(business=drop, from_status=drop.status, to_status=INACTIVE,
                                 reason=reason, actor=actor.email, at=now))
        drop.status, drop.status_reason, drop.merged_into = INACTIVE, reason, keep.id
        session.execute(update(Product).where(Product.business_id == drop.id)
                        .values(business_id=keep.id))
        refresh_search_text(session, [keep.id, drop.id])
        _move_timeline(session, drop.id, keep.id)
        changed = {}
        if gaps:
            reg = validate_registration({**current_values(keep), **gaps}, today or today_wib())
            changed = apply_changes(keep, reg, gaps)
        session.flush()
        audit.record(session, actor, "umkm.merge", "business", keep.id,
                     {"merged": drop.id, "took": sorted(changed)})
        unit.publish("umkm.deactivated", {**snapshot(drop), "reason": reason})
        if changed:
            unit.publish("umkm.updated", {**snapshot(keep), "changed": sorted(changed)})
        answer = {"kept": _side(keep), "merged": _side(drop), "took": sorted(changed)}
        unit.commit()
    return answer


def _move_timeline(session, from_id: str, to_id: str) -> None:
    kept = {(a.kind, a.subject_id) for a in session.execute(
        select(Activity).where(Activity.umkm_id == to_id)).scalars()}
    for entry in session.execute(select(Activity).where(Activity.umkm_id == from_id)).scalars():
        if (entry.kind, entry.subject_id) in kept:
            session.execute(delete(Activity).where(Activity.id == entry.id))
        else:
            entry.umkm_id = to_id
