"""Programme pages."""

from __future__ import annotations

from services.kernel.web.auth import require_roles
from services.training.web import bp


@bp.get("/programs")
@require_roles()
def program_list():
    return "todo"
