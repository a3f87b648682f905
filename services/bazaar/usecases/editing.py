"""Editing a bazaar while it takes applications or has its stalls allocated. When its time or
place changes after the allocation, each stallholder hears of it (`bazaar.rescheduled`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from services.bazaar.domain.changes import (
    KULINER,
    NON_KULINER,
    NOTICE_FIELDS,
    OPEN_STATES,
    StallPlan,
    StallState,
    changed_fields,
    editable,
    notice_needed,
    plan_stalls,
    sectors_left_out,
    stall_order,
)
from services.bazaar.domain.labels import word, words
from services.bazaar.models import APPLIED, HOLDING, STALL, WAITLIST, Application, Bazaar, Stall
from services.bazaar.usecases.bazaars import (
    CLOSES_BEFORE_START,
    DEFAULT_ORGANIZER,
    check_bazaar,
    get_bazaar_row,
)
from services.bazaar.usecases.concurrent_edits import to_write
from services.bazaar.usecases.views import bazaar_ref, bazaar_view
from services.kernel.clock import utcnow
from services.kernel.edits import plain_values, refuse_stale, version_of
from services.kernel.errors import Conflict, InvalidInput
from services.kernel.identity import StaffIdentity
from services.kernel.uow import UnitOfWorkFactory

TEXT_FIELDS = ("title", "host_event", "organizer", "venue")
FIELDS = (*TEXT_FIELDS, "starts_at", "ends_at", "applications_open_at",
          "applications_close_at", "sectors", "verified_only")
EDITABLE = (*FIELDS, "stalls", "kuliner_stalls")
# Emptied (None, or blank text), these take the value they get when a bazaar is scheduled
# without them; any other field emptied is refused beside it.
CLEARABLE = ("organizer", "applications_open_at", "applications_close_at")


def _current(bazaar: Bazaar) -> dict:
    kuliner = sum(1 for s in bazaar.stalls if s.category == KULINER)
    return {**{name: getattr(bazaar, name) for name in FIELDS},
            "stalls": len(bazaar.stalls), "kuliner_stalls": kuliner}


def editable_values(bazaar: Mapping) -> dict:
    """What can be edited of a bazaar (its view, or its current values)."""
    kuliner = bazaar["kuliner_stalls"] if "kuliner_stalls" in bazaar else \
        bazaar["stall_categories"].get(KULINER, 0)
    return {**{name: bazaar[name] for name in FIELDS}, "sectors": sorted(bazaar["sectors"] or []),
            "stalls": bazaar["stalls"], "kuliner_stalls": kuliner}


def version(bazaar: Mapping) -> str:
    """The version of a bazaar's editable data (its ETag)."""
    return version_of(editable_values(bazaar))


def _as_form(values: Mapping) -> dict:
    """The values as the edit form holds them: times to the minute."""
    return {name: value.replace(second=0, microsecond=0) if isinstance(value, datetime)
            else value for name, value in values.items()}


def shown_values(bazaar: Mapping) -> dict:
    """The editable values of a bazaar's view as its edit form carries them."""
    return plain_values(_as_form(editable_values(bazaar)))


def _mine(bazaar: Bazaar, before: dict, changes: Mapping, shown: Mapping) -> dict:
    """Of a form's changes, those the person made (a colleague's change meanwhile stays)."""
    sent = _as_form(_merge(before, changes))
    names = to_write(shown, {name: sent[name] for name in changes if name in EDITABLE},
                     _as_form(editable_values(before)), who=bazaar.updated_by,
                     at=bazaar.updated_at, kinds={"sectors": "sector"})
    return {name: changes[name] for name in names}


def _emptied(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _refuse_emptied(changes: Mapping) -> None:
    """InvalidInput naming each field that must have a value and was sent empty."""
    errors = {name: _l("Wajib diisi.") for name, value in changes.items()
              if name in EDITABLE and name not in CLEARABLE and _emptied(value)}
    if errors:
        raise InvalidInput(errors)


def _merge(current: dict, changes: Mapping) -> dict:
    """The bazaar as it will be: `changes` over `current`, an emptied optional field given the
    value it takes when a bazaar is scheduled without it (organised by the department; open
    from now; closing a day before the start)."""
    given = {k: v for k, v in changes.items() if k in current
             and (v is not None or k in CLEARABLE)}
    for name in TEXT_FIELDS:
        if isinstance(given.get(name), str):
            given[name] = given[name].strip()
    if "sectors" in given:
        given["sectors"] = sorted(set(given["sectors"]))
    if "stalls" in given and "kuliner_stalls" not in given:
        given["kuliner_stalls"] = min(current["kuliner_stalls"], given["stalls"])
    merged = {**current, **given}
    if _emptied(merged["organizer"]):
        merged["organizer"] = DEFAULT_ORGANIZER
    if merged["applications_open_at"] is None:
        merged["applications_open_at"] = utcnow()
    if merged["applications_close_at"] is None:
        merged["applications_close_at"] = merged["starts_at"] - CLOSES_BEFORE_START
    return merged


def _check_time(bazaar: Bazaar) -> None:
    if editable(bazaar.status, bazaar.starts_at, utcnow()):
        return
    if bazaar.status not in OPEN_STATES:
        raise Conflict(str(_l("Hanya bazar yang masih menerima pendaftaran atau sudah "
                              "dialokasikan yang dapat diubah (status: %(s)s).",
                              s=word("bazaar", bazaar.status))))
    raise Conflict(str(_l("Bazar ini sudah dimulai dan tidak dapat diubah lagi.")))


def _stall_plan(session, bazaar: Bazaar, merged: dict) -> StallPlan:
    taken = set(session.execute(select(Application.stall_id).where(
        Application.bazaar_id == bazaar.id, Application.status.in_(HOLDING),
        Application.stall_id.is_not(None))).scalars())
    kuliner = merged["kuliner_stalls"]
    return plan_stalls([StallState(s.number, s.category, s.id in taken) for s in bazaar.stalls],
                       {KULINER: kuliner, NON_KULINER: merged["stalls"] - kuliner})


def _shortfall_errors(plan: StallPlan, wanted: int) -> dict:
    errors = {}
    for shortfall in plan.shortfalls:
        if shortfall.category == KULINER:
            errors["kuliner_stalls"] = _l(
                "Sudah %(n)s lapak kuliner dialokasikan; lapak kuliner tidak boleh kurang dari "
                "itu.", n=shortfall.taken)
        else:
            errors["stalls"] = _l(
                "Sudah %(n)s lapak non-kuliner dialokasikan; sisakan sedikitnya sebanyak itu.",
                n=shortfall.taken)
    if wanted < plan.taken:
        errors["stalls"] = _l("Sudah %(n)s lapak dialokasikan; jumlah lapak tidak boleh kurang "
                              "dari itu.", n=plan.taken)
    return errors


def _validate(session, bazaar: Bazaar, merged: dict, changed: list[str]) -> StallPlan:
    errors: dict = {}
    try:
        check_bazaar(merged)
    except InvalidInput as invalid:
        errors.update(invalid.fields)
    plan = StallPlan()
    if "stalls" not in errors and "kuliner_stalls" not in errors:
        plan = _stall_plan(session, bazaar, merged)
        errors.update(_shortfall_errors(plan, merged["stalls"]))
    if "sectors" in changed and "sectors" not in errors:
        applied = session.execute(select(Application.sector).where(
            Application.bazaar_id == bazaar.id,
            Application.status.in_((APPLIED, WAITLIST, *HOLDING)))).scalars()
        left_out = sectors_left_out(applied, merged["sectors"])
        if left_out:
            errors["sectors"] = _l("Sudah ada pendaftar dari sektor %(s)s.",
                                   s=words("sector", left_out))
    if errors:
        raise InvalidInput(errors)
    return plan


def _apply_stalls(bazaar: Bazaar, plan: StallPlan) -> None:
    removed = set(plan.remove)
    for stall in [s for s in bazaar.stalls if s.number in removed]:
        bazaar.stalls.remove(stall)
    for slot in plan.add:
        bazaar.stalls.append(Stall(number=slot.number, category=slot.category, position=0))
    for position, stall in enumerate(sorted(bazaar.stalls,
                                            key=lambda s: stall_order(s.number, s.category))):
        stall.position = position


def _tell_stallholders(unit, bazaar: Bazaar, before: dict, notice: list[str]) -> int:
    holders = unit.session.execute(select(Application).where(
        Application.bazaar_id == bazaar.id, Application.status == STALL)
        .order_by(Application.applied_at)).scalars().all()
    if not holders:
        return 0
    ref, previous = bazaar_ref(bazaar), {name: before[name] for name in NOTICE_FIELDS}
    unit.publish_many("bazaar.rescheduled", [{
        "bazaar": ref, "umkm_id": h.umkm_id, "business_name": h.business_name,
        "owner_name": h.owner_name, "application_id": h.id, "stall_number": h.stall.number,
        "stall_category": h.category, "previous": previous, "changed": notice,
    } for h in holders])
    return len(holders)


def edit_bazaar(uow: UnitOfWorkFactory, bazaar_id: str, changes: Mapping,
                actor: StaffIdentity, *, shown: Mapping | None = None,
                if_match: str | None = None) -> dict:
    """Change any of a bazaar's fields (only those given; an optional one given empty takes its
    default, as when scheduled, and a required one given empty is refused); stalls never drop
    below the ones already allocated, and allocated stall numbers never change. Publishes
    `bazaar.rescheduled` to each stallholder when the time or place changed after allocation.

    A form passes the values it was filled with (`shown`): only the fields the person changed
    are written, one someone else changed meanwhile to another value is refused
    (EditConflict); an API client may pass the version it read (`if_match`)."""
    with uow() as unit:
        session = unit.session
        bazaar = get_bazaar_row(session, bazaar_id)
        _check_time(bazaar)
        before = _current(bazaar)
        refuse_stale(if_match, editable_values(before))
        _refuse_emptied(changes)
        if shown is not None:
            changes = _mine(bazaar, before, changes, shown)
        merged = _merge(before, changes)
        changed = changed_fields(before, merged)
        told = 0
        if changed:
            plan = _validate(session, bazaar, merged, changed)
            claimed = session.execute(update(Bazaar).where(
                Bazaar.id == bazaar_id, Bazaar.version == bazaar.version,
                Bazaar.status == bazaar.status).values(version=Bazaar.version + 1)).rowcount
            if not claimed:
                raise Conflict(str(_l("Bazar ini baru saja diubah orang lain; muat ulang lalu "
                                      "coba lagi.")))
            session.refresh(bazaar)
            for name in FIELDS:
                if name in changed:
                    setattr(bazaar, name, merged[name])
            _apply_stalls(bazaar, plan)
            if "starts_at" in changed:
                bazaar.reminded_at = None  # the day-before reminder follows the new date
            bazaar.updated_at, bazaar.updated_by = utcnow(), actor.email
            session.flush()
            notice = notice_needed(bazaar.status, changed)
            if notice:
                told = _tell_stallholders(unit, bazaar, before, notice)
        count = session.execute(select(func.count()).where(
            Application.bazaar_id == bazaar_id)).scalar_one()
        view = {**bazaar_view(bazaar, {bazaar_id: count}), "stallholders_told": told}
        if changed:
            unit.commit()
    return view
