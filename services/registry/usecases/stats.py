"""How many UMKM, when and where: the numbers behind GET /api/v1/stats/umkm and the dashboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import extract, func, select

from services.kernel.errors import InvalidInput
from services.kernel.uow import UnitOfWorkFactory
from services.registry.domain.stats import GROUPS, series
from services.registry.domain.status import REJECTED, STATUSES
from services.registry.models import Business


@dataclass(frozen=True)
class StatsQuery:
    group_by: str
    status: str | None = None  # none: every UMKM but rejected registrations
    kecamatan: str | None = None
    sector: str | None = None
    since: date | None = None
    until: date | None = None


def _key(group_by: str):
    year = extract("year", Business.registered_on)
    if group_by == "year":
        return year
    if group_by == "month":
        month = extract("month", Business.registered_on)
        return year * 100 + month
    return getattr(Business, group_by)


def _label(group_by: str, raw) -> str | None:
    if raw is None:
        return None
    if group_by == "month":
        value = int(raw)
        return f"{value // 100:04d}-{value % 100:02d}"
    if group_by == "year":
        return str(int(raw))
    return str(raw)


def umkm_stats(uow: UnitOfWorkFactory, query: StatsQuery) -> dict:
    errors = {}
    if query.group_by not in GROUPS:
        errors["group_by"] = _l("Pilih salah satu: %(groups)s.", groups=", ".join(GROUPS))
    if query.status and query.status not in STATUSES:
        errors["status"] = _l("Status tidak dikenal.")
    if query.since and query.until and query.since > query.until:
        errors["until"] = _l("Tanggal akhir sebelum tanggal awal.")
    if errors:
        raise InvalidInput(errors)
    conditions = [Business.status == query.status] if query.status else [
        Business.status != REJECTED]
    if query.kecamatan:
        conditions.append(Business.kecamatan == query.kecamatan)
    if query.sector:
        conditions.append(Business.sector == query.sector)
    if query.until:
        conditions.append(Business.registered_on <= query.until)
    key = _key(query.group_by)
    shown = [*conditions, Business.registered_on >= query.since] if query.since else conditions
    with uow(readonly=True) as unit:
        rows = unit.session.execute(
            select(key, func.count()).where(*shown).group_by(key)).all()
        before = 0
        if query.since and query.group_by in ("year", "month"):
            before = unit.session.execute(select(func.count()).where(
                *conditions, Business.registered_on < query.since)).scalar_one()
    counts = [(_label(query.group_by, raw), count) for raw, count in rows]
    return {"group_by": query.group_by,
            "items": series(counts, query.group_by, before=before)}
