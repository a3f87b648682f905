"""The audit log: written in the same transaction as what it records."""

from __future__ import annotations

from sqlalchemy.orm import Session

from services.kernel.identity import StaffIdentity
from services.kernel.logging import request_id_var
from services.registry.models import AuditEntry


def record(session: Session, actor: StaffIdentity | None, action: str, target_type: str,
           target_id: str | None, detail: dict | None = None) -> None:
    session.add(AuditEntry(
        actor=actor.email if actor else None, action=action, target_type=target_type,
        target_id=target_id, detail=detail, request_id=request_id_var.get(),
    ))
