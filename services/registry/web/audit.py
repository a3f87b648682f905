"""The audit log page (admins): filters, newest first."""

from __future__ import annotations

from datetime import date

from flask import current_app, render_template, request
from flask_babel import lazy_gettext as _l

from services.kernel.errors import InvalidInput
from services.kernel.identity import ADMIN
from services.kernel.web.auth import require_roles
from services.registry.usecases import audit_log
from services.registry.web import bp


def _day(name: str, errors: dict) -> date | None:
    raw = (request.args.get(name) or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors[name] = _l("Tanggal tidak dikenali: tulis 2026-11-29.")
        return None


@bp.get("/audit")
@require_roles(ADMIN)
def audit():
    errors: dict = {}
    args = {k: (request.args.get(k) or "").strip() for k in ("actor", "action", "target_id",
                                                              "since", "until")}
    action = args["action"] or None
    if action and action not in audit_log.ACTIONS:
        errors["action"], action = _l("Tindakan tidak dikenal."), None
    query = audit_log.AuditQuery(
        actor=args["actor"] or None, action=action, target_id=args["target_id"] or None,
        since=_day("since", errors),
        until=_day("until", errors), page=max(request.args.get("page", 1, type=int) or 1, 1))
    try:
        result = audit_log.search_audit(current_app.extensions["registry"].uow, query)
    except InvalidInput as invalid:
        errors.update(invalid.fields)
        result = {"items": [], "total": 0, "page": 1, "per_page": query.per_page}
    return render_template("registry/audit.html", result=result, args=args, errors=errors,
                           actions=audit_log.ACTIONS), 422 if errors else 200
