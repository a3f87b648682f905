"""Finding, reading and verifying UMKM (registering them: usecases/registering.py)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.kernel.clock import utcnow
from services.kernel.errors import Conflict, InvalidInput, NotFound
from services.kernel.identity import StaffIdentity
from services.kernel.reference import canonical_kecamatan, canonical_kelurahan, kecamatan_of
from services.kernel.uow import UnitOfWorkFactory
from services.registry.domain import RuleViolation, status
from services.registry.domain.status import STATUSES, VERIFIED
from services.registry.models import Business, StatusChange
from services.registry.usecases import audit
from services.registry.usecases.registering import register_umkm  # noqa: F401 (its old home)
from services.registry.usecases.search import capped_count, estimated_rows, text_condition
from services.registry.usecases.views import read_umkm, snapshot, umkm_view


def business_or_404(session: Session, umkm_id: str) -> Business:
    business = session.get(Business, umkm_id)
    if business is None:
        raise NotFound(str(_l("UMKM tidak ditemukan.")))
    return business


def verify_umkm(uow: UnitOfWorkFactory, umkm_id: str, actor: StaffIdentity) -> dict:
    return change_status(uow, umkm_id, status.VERIFY, actor)


def change_status(uow: UnitOfWorkFactory, umkm_id: str, action: str, actor: StaffIdentity,
                  reason: str | None = None) -> dict:
    """Verify, reject, deactivate or reactivate: the new status, its history row, its event."""
    with uow() as unit:
        business = business_or_404(unit.session, umkm_id)
        if action == status.VERIFY and business.status == VERIFIED:
            raise Conflict(str(_l("UMKM ini sudah terverifikasi.")))
        if business.merged_into:
            raise Conflict(str(_l("Data ini sudah digabungkan ke data lain; ubah data itu.")))
        try:
            change = status.decide(action, business.status, reason=reason,
                                   was_verified=business.verified_at is not None)
        except RuleViolation as rule:
            if rule.field == "reason":
                raise InvalidInput({"reason": rule.message}) from None
            raise Conflict(str(rule.message)) from None
        now = utcnow()
        unit.session.add(StatusChange(business=business, from_status=change.from_status,
                                      to_status=change.to_status, reason=change.reason,
                                      actor=actor.email, at=now))
        business.status, business.status_reason = change.to_status, change.reason
        payload = snapshot(business)
        if action == status.VERIFY:
            business.verified_at, business.verified_by = now, actor.email
            payload |= {"verified_at": now, "verified_by": actor.email}
        elif action in (status.REJECT, status.DEACTIVATE):
            payload["reason"] = change.reason
        else:
            payload["changed"] = ["status"]
        audit.record(unit.session, actor, f"umkm.{action}", "business", business.id,
                     {"reason": change.reason} if change.reason else None)
        unit.publish(status.EVENTS[action], payload)
        view = umkm_view(business)
        unit.commit()
    return view


def get_umkm(uow: UnitOfWorkFactory, umkm_id: str) -> dict:
    view = read_umkm(uow, umkm_id)
    if view is None:
        raise NotFound(str(_l("UMKM tidak ditemukan.")))
    return view


def other_businesses(uow: UnitOfWorkFactory, umkm_id: str) -> list[dict]:
    """The owner's other businesses (for the UMKM's page; the API lists them with
    `?owner_id=`)."""
    with uow(readonly=True) as unit:
        business = business_or_404(unit.session, umkm_id)
        rows = unit.session.execute(
            select(Business.id, Business.name.label("business_name"), Business.status)
            .where(Business.owner_id == business.owner_id, Business.id != business.id)
            .order_by(Business.registered_on)).mappings().all()
    return [dict(row) for row in rows]


def data_changes(uow: UnitOfWorkFactory, umkm_id: str, page: int = 1,
                 per_page: int = 50) -> dict:
    """What staff changed in an UMKM's data, newest first (before -> after, who, when)."""
    with uow(readonly=True) as unit:
        business_or_404(unit.session, umkm_id)
        return audit.data_changes(unit.session, umkm_id, page, per_page)


def reveal_nik(uow: UnitOfWorkFactory, umkm_id: str, actor: StaffIdentity) -> dict:
    """The whole NIK, for roles that need it; every look is audited."""
    with uow() as unit:
        business = business_or_404(unit.session, umkm_id)
        audit.record(unit.session, actor, "nik.view", "owner", business.owner_id,
                     {"business_id": business.id})
        answer = {"id": business.id, "nik": business.owner.nik,
                  "birth_date": business.owner.birth_date, "sex": business.owner.sex}
        unit.commit()
    return answer


# Each ends on the id, so that equal keys still come in one order and pages neither repeat
# nor skip a record. Names sort by their name_key (case, accents, spaces and punctuation aside),
# computed in Python: the same order on every database, and a plain column an index can hold.
SORT_KEYS = {  # (column, descending)
    "newest": (("registered_on", True), ("created_at", True), ("id", True)),
    "oldest": (("registered_on", False), ("created_at", False), ("id", False)),
    "business": (("name_key", False), ("id", False)),
    "owner": (("owner_name_key", False), ("id", False)),
}


def order_by(columns, sort: str) -> list:
    """The ORDER BY of a sort, on Business or on a subquery's columns of the same names."""
    return [getattr(columns, name).desc() if descending else getattr(columns, name).asc()
            for name, descending in SORT_KEYS[sort]]


SORTS = {sort: tuple(order_by(Business, sort)) for sort in SORT_KEYS}
# How far a PostgreSQL list counts its matches (a province's million records cannot be counted
# on every page): only when the planner expects at most this many, and never past it; else
# `total` is the planner's estimate and `total_exact` false. SQLite, the embedded store of one
# city, always counts them all.
COUNT_CAP = 2_000
AUTO = "auto"


@dataclass(frozen=True)
class UmkmQuery:
    q: str | None = None
    kecamatan: str | None = None
    kelurahan: str | None = None
    sector: str | None = None
    scale: str | None = None
    status: str | None = None
    mb2: bool | None = None
    owner_id: str | None = None
    sort: str = "newest"
    page: int = 1
    per_page: int = 20


def _place(column, given: str, canonical: str | None):
    """Equality on the stored (canonical) name where the reference knows it, so that the
    column's index serves; otherwise case-insensitively, as typed."""
    if canonical:
        return column == canonical
    return func.lower(column) == given.strip().lower()


def filtered_query(query: UmkmQuery, session: Session | None = None):
    """The businesses a query selects (unsorted). With a session, the text query uses that
    database's own index (trigram on PostgreSQL, FTS5 on SQLite)."""
    if query.status and query.status not in STATUSES:
        raise InvalidInput({"status": _l("Status tidak dikenal.")})
    if query.sort not in SORTS:
        raise InvalidInput({"sort": _l("Urutan tidak dikenal.")})
    stmt = select(Business)
    if query.q:
        found = text_condition(query.q, session)
        if found is not None:
            stmt = stmt.where(found)
    if query.kecamatan:
        stmt = stmt.where(_place(Business.kecamatan, query.kecamatan,
                                 canonical_kecamatan(query.kecamatan)))
    if query.kelurahan:
        kecamatan = kecamatan_of(query.kelurahan)
        stmt = stmt.where(_place(Business.kelurahan, query.kelurahan, kecamatan and
                                 canonical_kelurahan(kecamatan, query.kelurahan)))
    if query.sector:
        stmt = stmt.where(Business.sector == query.sector.strip().lower())
    if query.scale:
        stmt = stmt.where(Business.scale == query.scale.strip().lower())
    if query.status:
        stmt = stmt.where(Business.status == query.status)
    if query.mb2 is not None:
        stmt = stmt.where(Business.mb2_member.is_(query.mb2))
    if query.owner_id:
        stmt = stmt.where(Business.owner_id == query.owner_id.strip())
    return stmt


def sorted_query(query: UmkmQuery, session: Session | None = None):
    return filtered_query(query, session).order_by(*SORTS[query.sort])


def page_query(query: UmkmQuery, session: Session):
    """One page, found first as ids alone (on PostgreSQL from the sort index, which carries
    the filter columns and the search text, without reading the rows it skips), then read
    whole."""
    ids = (filtered_query(query, session).with_only_columns(Business.id)
           .order_by(*SORTS[query.sort]).offset(_offset(query)).limit(query.per_page)
           .subquery())
    return select(Business).join(ids, Business.id == ids.c.id).order_by(*SORTS[query.sort])


def _offset(query: UmkmQuery) -> int:
    return (query.page - 1) * query.per_page


def _small_page(session: Session, query: UmkmQuery, cap: int) -> tuple[list, int] | None:
    """When the matches are few: the first cap + 1 of them read once, counted and sorted
    together, (page rows, count); None when there were more than `cap` after all."""
    keys = [getattr(Business, name) for name, _ in SORT_KEYS[query.sort] if name != "id"]
    matches = (filtered_query(query, session).with_only_columns(Business.id, *keys)
               .limit(cap + 1).cte("matches"))
    count = select(func.count()).select_from(matches)
    found = session.execute(
        select(matches.c.id, count.scalar_subquery()).order_by(*order_by(matches.c, query.sort))
        .offset(_offset(query)).limit(query.per_page)).all()
    total = found[0][1] if found else session.execute(count).scalar_one()
    if total > cap:
        return None
    by_id = {b.id: b for b in session.execute(
        select(Business).where(Business.id.in_([i for i, _ in found]))).scalars()}
    return [by_id[i] for i, _ in found], total


def search_umkm(uow: UnitOfWorkFactory, query: UmkmQuery,
                count_cap: int | str | None = AUTO) -> dict:
    """One page of the matches, with their `total`: exact unless there were more than
    `count_cap` (then `total_exact` is false, and on PostgreSQL `total` is the planner's
    estimate). A page that ends the list needs no count."""
    offset = _offset(query)
    with uow(readonly=True) as unit:
        session = unit.session
        if count_cap == AUTO:
            count_cap = None if session.get_bind().dialect.name == "sqlite" else COUNT_CAP
        filtered = filtered_query(query, session)
        estimate = estimated_rows(session, filtered) if count_cap is not None else None
        small = None
        if estimate is not None and estimate <= count_cap:
            small = _small_page(session, query, count_cap)
        if small is not None:
            rows, total = small
            exact = True
        else:
            rows = session.execute(page_query(query, session)).scalars().all()
            if (rows and len(rows) < query.per_page) or (not rows and offset == 0):
                total, exact = offset + len(rows), True
            elif estimate is not None:
                total, exact = max(count_cap, estimate), False
            else:
                total, exact = capped_count(session, filtered, count_cap)
        items = [umkm_view(b) for b in rows]
    return {"items": items, "total": total, "total_exact": exact, "page": query.page,
            "per_page": query.per_page}
