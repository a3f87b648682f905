"""Bazaar pages: the sales report of a bazaar to download as CSV or XLSX."""

from __future__ import annotations

from services.bazaar.api.reports import download
from services.bazaar.usecases import exports
from services.bazaar.web import bazaar_service, bp
from services.kernel.web.auth import require_roles


@bp.get("/bazaars/<string:bazaar_id>/report.<any(csv, xlsx):kind>")
@require_roles()
def bazaar_report_file(bazaar_id: str, kind: str):
    content, filename = exports.report_file(bazaar_service().uow, bazaar_id, kind)
    return download(content, kind, filename)
