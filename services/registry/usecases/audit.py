"""The audit log: written in the same transaction as what it records."""

from __future__ import annotations

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from services.kernel.clock import utcnow
from services.kernel.identity import StaffIdentity
from services.kernel.logging import request_id_var
from services.registry.models import AuditEntry

_INSERT = insert(AuditEntry.__table__)


def record(session: Session, actor: StaffIdentity | None, action: str, target_type: str,
           target_id: str | None, detail: dict | None = None) -> None:
    """One entry, written at once (a plain INSERT) in the session's transaction."""
    session.execute(_INSERT, {
        "at": utcnow(), "actor": actor.email if actor else None, "action": action,
        "target_type": target_type, "target_id": target_id, "detail": detail,
        "request_id": request_id_var.get(),
    })


def data_changes(session, umkm_id: str, page: int = 1, per_page: int = 50) -> dict:
    """Every data change of one business, newest first (from the audit log)."""
    where = (AuditEntry.action == "umkm.update", AuditEntry.target_id == umkm_id)
    total = session.execute(select(func.count()).select_from(AuditEntry).where(*where)
                            ).scalar_one()
    rows = session.execute(select(AuditEntry).where(*where).order_by(AuditEntry.id.desc())
                           .offset((page - 1) * per_page).limit(per_page)).scalars()
    items = [{"at": row.at, "actor": row.actor,
              "changes": [{"field": name, "before": pair[0], "after": pair[1]}
                          for name, pair in sorted((row.detail or {}).get("changed",
                                                                          {}).items())]}
             for row in rows]
    return {"items": items, "total": total, "page": page, "per_page": per_page}
