"""Reading the audit log: who did what to which record, when (admins)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from services.kernel.clock import WIB
from services.kernel.contains import containing
from services.kernel.errors import InvalidInput
from services.kernel.uow import UnitOfWorkFactory
from services.registry.models import AuditEntry

# What staff search for; the log holds a few more (logins, token use) under the same names.
ACTIONS = ("umkm.create", "umkm.update", "umkm.verify", "umkm.reject", "umkm.deactivate",
           "umkm.reactivate", "umkm.merge", "umkm.mb2", "umkm.export", "umkm.import",
           "nik.view", "product.create", "product.photo", "duplicate.dismiss", "staff.create",
           "staff.update", "staff.password_reset", "staff.password_change", "staff.login",
           "staff.locked", "token.create", "token.revoke")


@dataclass(frozen=True)
class AuditQuery:
    actor: str | None = None
    action: str | None = None
    target_id: str | None = None
    since: date | None = None  # days in WIB, both ends included
    until: date | None = None
    page: int = 1
    per_page: int = 50


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=WIB)


def search_audit(uow: UnitOfWorkFactory, query: AuditQuery) -> dict:
    if query.since and query.until and query.since > query.until:
        raise InvalidInput({"until": _l("Tanggal akhir sebelum tanggal awal.")})
    where = []
    if query.actor:
        where.append(containing(query.actor, AuditEntry.actor))
    if query.action:
        where.append(AuditEntry.action == query.action)
    if query.target_id:
        where.append(AuditEntry.target_id == query.target_id.strip())
    if query.since:
        where.append(AuditEntry.at >= _start_of(query.since))
    if query.until:
        where.append(AuditEntry.at < _start_of(query.until + timedelta(days=1)))
    with uow(readonly=True) as unit:
        total = unit.session.execute(
            select(func.count()).select_from(AuditEntry).where(*where)).scalar_one()
        rows = unit.session.execute(
            select(AuditEntry).where(*where).order_by(AuditEntry.id.desc())
            .offset((query.page - 1) * query.per_page).limit(query.per_page)).scalars()
        items = [{"id": r.id, "at": r.at, "actor": r.actor, "action": r.action,
                  "target_type": r.target_type, "target_id": r.target_id,
                  "detail": r.detail, "request_id": r.request_id} for r in rows]
    return {"items": items, "total": total, "page": query.page, "per_page": query.per_page}
