"""/api/v1/bazaars/<id>/report: a bazaar's reported sales, as JSON or as a CSV / XLSX file."""

from __future__ import annotations

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from services.bazaar.api import SECURITY, bazaar_service
from services.bazaar.api.schemas import SalesReport
from services.bazaar.usecases import exports, sales
from services.kernel.web.auth import require_roles

blp = Blueprint("bazaar_reports", __name__, url_prefix="/api/v1/bazaars",
                description="Sales reports of bazaars, on screen or as files.")

FILE_DESCRIPTION = ("The report as a file: CSV (UTF-8 with a BOM, one row per stallholder who "
                    "reported) or XLSX (sheets Penjualan: the same rows, Per sektor: revenue by "
                    "sector, Ringkasan: the bazaar and its totals)")
FILE_DOC = {"responses": {"200": {"description": FILE_DESCRIPTION, "content": {
    exports.MIMETYPES["csv"]: {"schema": {"type": "string"}},
    exports.MIMETYPES["xlsx"]: {"schema": {"type": "string", "format": "binary"}},
}}}}


def download(content: bytes, kind: str, filename: str) -> Response:
    return Response(content, mimetype=exports.MIMETYPES[kind],
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@blp.route("/<string:bazaar_id>/report")
class Report(MethodView):
    @require_roles()
    @blp.response(200, SalesReport)
    @blp.doc(security=SECURITY)
    def get(self, bazaar_id: str):
        """Reported sales: totals, by sector, per stallholder."""
        return sales.bazaar_report(bazaar_service().uow, bazaar_id)


@blp.route("/<string:bazaar_id>/report.<any(csv, xlsx):kind>")
class ReportFile(MethodView):
    @require_roles()
    @blp.response(200, description=FILE_DESCRIPTION)
    @blp.doc(security=SECURITY, **FILE_DOC)
    def get(self, bazaar_id: str, kind: str):
        """The sales report to download, as CSV or XLSX.

        `kind` is `csv` or `xlsx`; the same rows as `GET .../report`, ordered by stall.
        """
        content, filename = exports.report_file(bazaar_service().uow, bazaar_id, kind)
        return download(content, kind, filename)
