"""Recurring markets: the market and its rule, excluded dates, the vendor roster, attendance,
and the market days to come (computed from the rule: see domain/markets.py)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from services.bazaar.domain.markets import (
    MAX_LISTED,
    MAX_SPOTS,
    Member,
    RuleError,
    Schedule,
    check_rule,
    turns_between,
    upcoming,
)
from services.bazaar.models_markets import Market, MarketAttendance, MarketExclusion, MarketVendor
from services.bazaar.usecases.concurrent_edits import to_write
from services.kernel.clock import today_wib, utcnow
from services.kernel.edits import plain_values, refuse_stale, version_of
from services.kernel.errors import Conflict, InvalidInput, NotFound
from services.kernel.identity import StaffIdentity
from services.kernel.readmodels.umkm_directory import UmkmDirectory
from services.kernel.uow import UnitOfWorkFactory

FIRST_DATE_YEARS_BACK = 15
PUBLIC_DAYS_AHEAD = 35
LOOKUP_DAYS_AHEAD = 366 * 3  # market days further ahead are not looked up
NEXT_DAYS = 3
EDITABLE = ("name", "venue", "description", "rule", "first_date", "starts_time", "ends_time",
            "spots")


def _key(name: str) -> str:
    """Case and spacing aside; no longer than its column (case folding may lengthen a name:
    ß -> ss)."""
    return " ".join(name.split()).casefold()[:Market.name_key.type.length]


def _text(data: Mapping, name: str, errors: dict, low: int, high: int,
          required: bool = True) -> str | None:
    value = " ".join(str(data.get(name) or "").split())
    if not value:
        if required:
            errors[name] = _l("Wajib diisi.")
        return None
    if not low <= len(value) <= high:
        errors[name] = _l("Panjang %(low)s sampai %(high)s karakter.", low=low, high=high)
    return value


def _check(data: Mapping, current: Market | None = None) -> dict:
    """The market as it will be (a change: `data` over `current`), or one message per field."""
    merged = {} if current is None else {
        "name": current.name, "venue": current.venue, "description": current.description,
        "rule": current.rule, "first_date": current.first_date,
        "starts_time": current.starts_time, "ends_time": current.ends_time,
        "spots": current.spots}
    merged.update({k: v for k, v in data.items() if k in (
        "name", "venue", "description", "rule", "first_date", "starts_time", "ends_time",
        "spots")})
    errors: dict = {}
    clean = {"name": _text(merged, "name", errors, 3, 200),
             "venue": _text(merged, "venue", errors, 3, 300),
             "description": (str(merged.get("description") or "").strip() or None)}
    if clean["description"] and len(clean["description"]) > 2000:
        errors["description"] = _l("Paling banyak %(n)s karakter.", n=2000)
    today = today_wib()
    first = merged.get("first_date")
    if not isinstance(first, date):
        errors["first_date"] = _l("Wajib diisi: tanggal hari pasar pertama.")
    elif not (today - timedelta(days=366 * FIRST_DATE_YEARS_BACK) <= first
              <= today + timedelta(days=730)):
        errors["first_date"] = _l("Tanggal pertama paling lama %(n)s tahun lalu dan paling "
                                  "jauh dua tahun lagi.", n=FIRST_DATE_YEARS_BACK)
    starts, ends = merged.get("starts_time"), merged.get("ends_time")
    if not isinstance(starts, time):
        errors["starts_time"] = _l("Wajib diisi: jam mulai (WIB), misalnya 06:00.")
    if not isinstance(ends, time):
        errors["ends_time"] = _l("Wajib diisi: jam selesai (WIB), misalnya 10:00.")
    elif isinstance(starts, time) and ends <= starts:
        errors["ends_time"] = _l("Jam selesai harus setelah jam mulai (di hari yang sama).")
    spots = merged.get("spots")
    if not isinstance(spots, int) or isinstance(spots, bool) or not 1 <= spots <= MAX_SPOTS:
        errors["spots"] = _l("Jumlah lapak 1 sampai %(n)s.", n=MAX_SPOTS)
    rule = None
    try:
        rule = check_rule(merged.get("rule"), today if "first_date" in errors else first,
                          starts if isinstance(starts, time) else time(0, 0))
    except RuleError as error:
        errors["rule"] = error.message
    if errors:
        raise InvalidInput(errors)
    clean.update(rule=rule, first_date=first, starts_time=starts.replace(second=0,
                 microsecond=0), ends_time=ends.replace(second=0, microsecond=0), spots=spots)
    return clean


def market_row(session, market_id: str, *, lock: bool = False) -> Market:
    market = session.get(Market, market_id, with_for_update=lock or None)
    if market is None:
        raise NotFound(str(_l("Pasar tidak ditemukan.")))
    return market


def schedule_of(market: Market) -> Schedule:
    return Schedule(market.rule, market.first_date, market.starts_time, market.ends_time,
                    frozenset(e.excluded_on for e in market.exclusions))


def members_of(market: Market) -> list[Member]:
    return [Member(v.umkm_id, v.joined_on, v.left_on) for v in market.vendors]


def _active_on(market: Market, day: date) -> list[MarketVendor]:
    return [v for v in market.vendors if v.joined_on <= day and (v.left_on is None
                                                                  or day < v.left_on)]


def market_view(market: Market, today: date | None = None) -> dict:
    today = today or today_wib()
    schedule = schedule_of(market)
    next_days = []
    for day in schedule.held_days(today):
        if len(next_days) >= NEXT_DAYS:
            break
        next_days.append(day)
    return {
        "id": market.id, "name": market.name, "venue": market.venue,
        "description": market.description, "rule": market.rule,
        "first_date": market.first_date, "starts_time": market.starts_time,
        "ends_time": market.ends_time, "spots": market.spots,
        "vendors": len(_active_on(market, today)),
        "exclusions": [{"date": e.excluded_on, "reason": e.reason} for e in market.exclusions],
        "next_days": next_days, "created_at": market.created_at,
        "updated_at": market.updated_at,
    }


def _duplicate(name: str) -> Conflict:
    return Conflict(str(_l("Pasar bernama %(name)s sudah ada.", name=name)),
                    {"name": _l("Nama pasar sudah dipakai.")})


def create_market(uow: UnitOfWorkFactory, data: Mapping, actor: StaffIdentity | None) -> dict:
    clean = _check(data)
    with uow() as unit:
        if unit.session.execute(select(Market.id).where(
                Market.name_key == _key(clean["name"]))).first():
            raise _duplicate(clean["name"])
        market = Market(name_key=_key(clean["name"]), created_by=actor.email if actor else None,
                        **clean)
        unit.session.add(market)
        try:
            unit.session.flush()
        except IntegrityError:
            raise _duplicate(clean["name"]) from None
        view = market_view(market)
        unit.commit()
    return view


def market_version(market: Mapping) -> str:
    """The version of a market's editable data (its ETag)."""
    return version_of(market, EDITABLE)


def market_shown(market: Mapping) -> dict:
    """The editable values of a market's view as its edit form carries them."""
    return plain_values(market, EDITABLE)


def update_market(uow: UnitOfWorkFactory, market_id: str, data: Mapping,
                  actor: StaffIdentity | None, *, shown: Mapping | None = None,
                  if_match: str | None = None) -> dict:
    """Change any field; the days and duty lists are recomputed from the new rule (the
    attendance already recorded stays as it was). A form's `shown` values keep a colleague's
    change to a field this person did not touch, and refuse one to a field they changed
    (EditConflict); an API client's `if_match` refuses a change to a version no longer stored."""
    with uow() as unit:
        market = market_row(unit.session, market_id, lock=True)
        stored = {name: getattr(market, name) for name in EDITABLE}
        refuse_stale(if_match, stored)
        clean = _check(data, market)
        if shown is not None:
            names = to_write(shown, {name: clean[name] for name in data if name in EDITABLE},
                             stored)
            clean = _check({name: data[name] for name in names}, market)
        key = _key(clean["name"])
        if key != market.name_key and unit.session.execute(select(Market.id).where(
                Market.name_key == key)).first():
            raise _duplicate(clean["name"])
        for name, value in clean.items():
            setattr(market, name, value)
        market.name_key, market.updated_at = key, utcnow()
        try:
            unit.session.flush()
        except IntegrityError:
            raise _duplicate(clean["name"]) from None
        view = market_view(market)
        unit.commit()
    return view


def list_markets(uow: UnitOfWorkFactory, *, page: int = 1, per_page: int = 20) -> dict:
    with uow(readonly=True) as unit:
        total = unit.session.execute(select(func.count()).select_from(Market)).scalar_one()
        rows = unit.session.execute(select(Market).order_by(Market.name).offset(
            (page - 1) * per_page).limit(per_page)).scalars().all()
        today = today_wib()
        items = [market_view(m, today) for m in rows]
    return {"items": items, "total": total, "page": page, "per_page": per_page}


def get_market(uow: UnitOfWorkFactory, market_id: str) -> dict:
    with uow(readonly=True) as unit:
        return market_view(market_row(unit.session, market_id))


# -- market days --------------------------------------------------------------------------------

def _vendor_ref(vendor: MarketVendor | None, umkm_id: str, attendance: dict) -> dict:
    return {"umkm_id": umkm_id,
            "business_name": vendor.business_name if vendor else umkm_id,
            "owner_name": vendor.owner_name if vendor else "",
            "sector": vendor.sector if vendor else "",
            "present": attendance.get(umkm_id)}


def _days(session, market: Market, days: list[date]) -> list[dict]:
    if not days:
        return []
    schedule = schedule_of(market)
    turns = turns_between(schedule, members_of(market), market.spots, days[0], days[-1])
    marks: dict[date, dict[str, bool]] = {}
    for row in session.execute(select(MarketAttendance).where(
            MarketAttendance.market_id == market.id, MarketAttendance.held_on >= days[0],
            MarketAttendance.held_on <= days[-1])).scalars():
        marks.setdefault(row.held_on, {})[row.umkm_id] = row.present
    reasons = {e.excluded_on: e.reason for e in market.exclusions}
    items = []
    for day in days:
        turn = turns.get(day)
        by_id = {v.umkm_id: v for v in _active_on(market, day)}
        seen = marks.get(day, {})
        items.append({
            "market_id": market.id, "market_name": market.name, "venue": market.venue,
            "date": day, "starts_at": schedule.starts_at(day), "ends_at": schedule.ends_at(day),
            "excluded": day in reasons, "exclusion_reason": reasons.get(day),
            "vendors": [_vendor_ref(by_id.get(u), u, seen) for u in (turn.on_duty if turn
                                                                        else ())],
            "waiting": [_vendor_ref(by_id.get(u), u, {}) for u in (turn.waiting if turn
                                                                   else ())],
            "present": sum(1 for v in seen.values() if v),
            "absent": sum(1 for v in seen.values() if not v),
        })
    return items


def list_days(uow: UnitOfWorkFactory, market_id: str, *, start: date | None = None,
              count: int = 8) -> dict:
    """The next `count` market days from `start` (default today, WIB), excluded ones marked,
    each with the vendors on duty and the queue after them."""
    count = max(1, min(count, MAX_LISTED))
    if start is not None and start > today_wib() + timedelta(days=LOOKUP_DAYS_AHEAD):
        raise InvalidInput({"from": _l("Paling jauh tiga tahun ke depan.")})
    with uow(readonly=True) as unit:
        market = market_row(unit.session, market_id)
        days = upcoming(schedule_of(market), start or today_wib(), count)
        items = _days(unit.session, market, days)
    return {"items": items, "total": len(items), "page": 1, "per_page": count}


def _too_far(day: date) -> bool:
    return day > today_wib() + timedelta(days=LOOKUP_DAYS_AHEAD)


def _market_day(market: Market, day: date, field: str = "date") -> None:
    if _too_far(day):
        raise InvalidInput({field: _l("Paling jauh tiga tahun ke depan.")})
    if not schedule_of(market).is_day(day):
        raise InvalidInput({field: _l("Tanggal %(d)s bukan hari pasar menurut aturannya.",
                                      d=day.isoformat())})


def get_day(uow: UnitOfWorkFactory, market_id: str, day: date) -> dict:
    with uow(readonly=True) as unit:
        market = market_row(unit.session, market_id)
        if _too_far(day) or not schedule_of(market).is_day(day):
            raise NotFound(str(_l("Tanggal %(d)s bukan hari pasar menurut aturannya.",
                                  d=day.isoformat())))
        [item] = _days(unit.session, market, [day])
    return item


def add_exclusion(uow: UnitOfWorkFactory, market_id: str, day: date | None, reason: str | None,
                  actor: StaffIdentity | None) -> dict:
    """A market day that will not be held (holiday, cancelled): the queue waits for the next."""
    errors: dict = {}
    text = _text({"reason": reason}, "reason", errors, 3, 300)
    if not isinstance(day, date):
        errors["date"] = _l("Wajib diisi.")
    elif day < today_wib():
        errors["date"] = _l("Hari pasar yang sudah lewat tidak dapat dikecualikan; catat "
                            "kehadirannya saja.")
    if errors:
        raise InvalidInput(errors)
    with uow() as unit:
        market = market_row(unit.session, market_id, lock=True)
        _market_day(market, day)
        if any(e.excluded_on == day for e in market.exclusions):
            raise Conflict(str(_l("Tanggal ini sudah dikecualikan.")),
                           {"date": _l("Tanggal ini sudah dikecualikan.")})
        market.exclusions.append(MarketExclusion(excluded_on=day, reason=text,
                                                 created_by=actor.email if actor else None))
        try:
            unit.session.flush()
        except IntegrityError:
            raise Conflict(str(_l("Tanggal ini sudah dikecualikan."))) from None
        view = market_view(market)
        unit.commit()
    return view


def remove_exclusion(uow: UnitOfWorkFactory, market_id: str, day: date) -> dict:
    with uow() as unit:
        market = market_row(unit.session, market_id, lock=True)
        found = next((e for e in market.exclusions if e.excluded_on == day), None)
        if found is None:
            raise NotFound(str(_l("Tanggal ini tidak dikecualikan.")))
        if day < today_wib():
            raise Conflict(str(_l("Pengecualian hari pasar yang sudah lewat tidak dapat "
                                  "dicabut.")))
        market.exclusions.remove(found)
        unit.session.flush()
        view = market_view(market)
        unit.commit()
    return view


# -- the roster ---------------------------------------------------------------------------------

def _roster_view(market: Market, vendor: MarketVendor, counts: dict) -> dict:
    present, absent = counts.get(vendor.umkm_id, (0, 0))
    return {"id": vendor.id, "market_id": market.id, "umkm_id": vendor.umkm_id,
            "business_name": vendor.business_name, "owner_name": vendor.owner_name,
            "sector": vendor.sector, "joined_on": vendor.joined_on, "left_on": vendor.left_on,
            "added_by": vendor.added_by, "present": present, "absent": absent}


def _attendance_counts(session, market_id: str) -> dict[str, tuple[int, int]]:
    counts: dict[str, list[int]] = {}
    for umkm_id, present, n in session.execute(
            select(MarketAttendance.umkm_id, MarketAttendance.present, func.count())
            .where(MarketAttendance.market_id == market_id)
            .group_by(MarketAttendance.umkm_id, MarketAttendance.present)):
        counts.setdefault(umkm_id, [0, 0])[0 if present else 1] += n
    return {k: (v[0], v[1]) for k, v in counts.items()}


def list_vendors(uow: UnitOfWorkFactory, market_id: str, *, include_past: bool = False) -> dict:
    """The roster (current and future vendors; with `include_past`, those who left too)."""
    today = today_wib()
    with uow(readonly=True) as unit:
        market = market_row(unit.session, market_id)
        counts = _attendance_counts(unit.session, market_id)
        rows = [v for v in market.vendors if include_past or v.left_on is None
                or v.left_on > today]
        items = [_roster_view(market, v, counts) for v in
                 sorted(rows, key=lambda v: (v.joined_on, v.business_name.casefold()))]
    return {"items": items, "total": len(items), "page": 1, "per_page": len(items)}


def add_vendor(uow: UnitOfWorkFactory, directory: UmkmDirectory, market_id: str,
               umkm_id: str | None, actor: StaffIdentity | None,
               joined_on: date | None = None) -> dict:
    """Put a verified UMKM on the roster from `joined_on` (today by default, never earlier, so
    past duty lists stay as they were); it joins the back of the queue."""
    today = today_wib()
    joined_on = joined_on or today
    if joined_on < today or joined_on > today + timedelta(days=366):
        raise InvalidInput({"joined_on": _l("Mulai bergabung dari hari ini sampai setahun ke "
                                            "depan.")})
    if not umkm_id:
        raise InvalidInput({"umkm_id": _l("Pilih UMKM.")})
    with uow() as unit:
        market = market_row(unit.session, market_id, lock=True)
        umkm = directory.get(unit, umkm_id)
        if umkm is None:
            raise InvalidInput({"umkm_id": _l("UMKM tidak dikenal.")})
        if umkm["status"] != "verified":
            raise InvalidInput({"umkm_id": _l("Hanya UMKM terverifikasi yang dapat berjualan di "
                                              "pasar.")})
        mine = [v for v in market.vendors if v.umkm_id == umkm_id]
        if any(v.left_on is None for v in mine):
            raise Conflict(str(_l("%(name)s sudah ada di daftar pedagang pasar ini.",
                                  name=umkm["business_name"])),
                           {"umkm_id": _l("Sudah ada di daftar pedagang.")})
        reopen = next((v for v in mine if v.left_on is not None and v.left_on >= joined_on),
                      None)
        if reopen is not None:  # left, but not yet gone: stays on
            vendor = reopen
            vendor.left_on = None
        else:
            vendor = MarketVendor(umkm_id=umkm_id, joined_on=joined_on,
                                  added_by=actor.email if actor else None)
            market.vendors.append(vendor)
        vendor.business_name, vendor.owner_name = umkm["business_name"], umkm["owner_name"]
        vendor.sector = umkm["sector"]
        unit.session.flush()
        view = _roster_view(market, vendor, _attendance_counts(unit.session, market_id))
        unit.commit()
    return view


def remove_vendor(uow: UnitOfWorkFactory, market_id: str, umkm_id: str) -> dict:
    """Take a vendor off the roster after today (today's duty list stays as it was)."""
    tomorrow = today_wib() + timedelta(days=1)
    with uow() as unit:
        market = market_row(unit.session, market_id, lock=True)
        vendor = next((v for v in market.vendors if v.umkm_id == umkm_id and (
            v.left_on is None or v.left_on > tomorrow)), None)
        if vendor is None:
            raise NotFound(str(_l("UMKM ini tidak ada di daftar pedagang pasar.")))
        counts = _attendance_counts(unit.session, market_id)
        if vendor.joined_on >= tomorrow:  # never on a market day yet: forget it
            view = _roster_view(market, vendor, counts) | {"left_on": vendor.joined_on}
            market.vendors.remove(vendor)
        else:
            vendor.left_on = tomorrow
            view = _roster_view(market, vendor, counts)
        unit.session.flush()
        unit.commit()
    return view


def record_attendance(uow: UnitOfWorkFactory, market_id: str, day: date, umkm_id: str,
                      present: bool, actor: StaffIdentity | None) -> dict:
    """Present or absent, for a vendor on duty on a market day held (today or before)."""
    with uow() as unit:
        market = market_row(unit.session, market_id, lock=True)
        _market_day(market, day)
        if day in {e.excluded_on for e in market.exclusions}:
            raise Conflict(str(_l("Pasar tidak diadakan pada tanggal ini.")))
        if day > today_wib():
            raise InvalidInput({"date": _l("Kehadiran dicatat pada hari pasar atau sesudahnya.")})
        turn = turns_between(schedule_of(market), members_of(market), market.spots, day,
                             day).get(day)
        if turn is None or umkm_id not in turn.on_duty:
            raise InvalidInput({"umkm_id": _l("UMKM ini tidak bertugas pada hari pasar itu.")})
        row = unit.session.execute(select(MarketAttendance).where(
            MarketAttendance.market_id == market_id, MarketAttendance.held_on == day,
            MarketAttendance.umkm_id == umkm_id)).scalar()
        if row is None:
            row = MarketAttendance(market_id=market_id, held_on=day, umkm_id=umkm_id)
            unit.session.add(row)
        row.present, row.recorded_at = bool(present), utcnow()
        row.recorded_by = actor.email if actor else None
        try:
            unit.session.flush()
        except IntegrityError:
            raise Conflict(str(_l("Kehadiran ini baru saja dicatat; muat ulang."))) from None
        [item] = _days(unit.session, market, [day])
        unit.commit()
    return item


def upcoming_market_days(uow: UnitOfWorkFactory, *, days_ahead: int = PUBLIC_DAYS_AHEAD,
                         limit: int = 20) -> list[dict]:
    """For the public page: market days held from today for `days_ahead` days, soonest first."""
    today = today_wib()
    until = today + timedelta(days=days_ahead)
    found: list[dict] = []
    with uow(readonly=True) as unit:
        for market in unit.session.execute(select(Market)).scalars():
            schedule = schedule_of(market)
            held = [d for d in upcoming(schedule, today, limit, until=until)
                    if d not in schedule.excluded]
            for item in _days(unit.session, market, held):
                found.append({k: item[k] for k in ("market_id", "market_name", "venue", "date",
                                                   "starts_at", "ends_at")}
                             | {"vendors": len(item["vendors"]),
                                "description": market.description})
    found.sort(key=lambda d: (d["starts_at"], d["market_name"]))
    return [d for d in found if d["ends_at"] >= datetime.now(d["ends_at"].tzinfo)][:limit]
