"""A bazaar's sales report as a file to download: CSV (one row per stallholder who reported)
or XLSX (the same rows, revenue by sector, and a summary of the bazaar)."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from flask_babel import lazy_gettext as _l

from services.bazaar.domain.changes import stall_order
from services.bazaar.domain.labels import word
from services.bazaar.usecases.bazaars import get_bazaar_row
from services.bazaar.usecases.sales import report_of
from services.bazaar.usecases.views import bazaar_view
from services.kernel.clock import to_wib
from services.kernel.errors import InvalidInput
from services.kernel.spreadsheets import (
    KINDS,
    MIMETYPES,
    RUPIAH_FORMAT,
    Sheet,
    to_csv,
    to_xlsx,
)
from services.kernel.uow import UnitOfWorkFactory

__all__ = ["COLUMNS", "MIMETYPES", "report_file"]

COLUMNS = ("stall_number", "business_name", "owner_name", "sector", "category", "status",
           "revenue_idr", "units_sold", "best_product", "sales_reported_at", "umkm_id")
MONEY = {"revenue_idr": RUPIAH_FORMAT, "units_sold": RUPIAH_FORMAT}


def _wib(moment: datetime | None, *, naive: bool) -> datetime | str | None:
    if moment is None:
        return None
    local = to_wib(moment).replace(microsecond=0)
    return local.replace(tzinfo=None) if naive else local.isoformat()


def _by_stall(item: dict) -> tuple:
    """Kuliner stalls first, in number order; anyone without a stall last."""
    number = item["stall_number"]
    place = (0, *stall_order(number, item["category"])) if number else (1, 0, 0)
    return (*place, item["business_name"])


def _filename(bazaar: dict, kind: str) -> str:
    plain = unicodedata.normalize("NFKD", bazaar["title"]).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:48] or "bazar"
    return f"laporan-{slug}-{to_wib(bazaar['starts_at']):%Y-%m-%d}.{kind}"


def _summary(bazaar: dict, report: dict) -> Sheet:
    rows = [
        (_l("Bazar"), bazaar["title"]), (_l("Acara"), bazaar["host_event"]),
        (_l("OPD penyelenggara"), bazaar["organizer"]), (_l("Tempat"), bazaar["venue"]),
        (_l("Mulai (WIB)"), _wib(bazaar["starts_at"], naive=True)),
        (_l("Selesai (WIB)"), _wib(bazaar["ends_at"], naive=True)),
        (_l("Status"), word("bazaar", bazaar["status"])), (_l("Lapak"), bazaar["stalls"]),
        (_l("Laporan masuk"), report["reports"]), (_l("Omzet (Rp)"), report["revenue_idr"]),
        (_l("Jumlah terjual"), report["units_sold"]),
    ]
    return Sheet(str(_l("Ringkasan")), [str(_l("Keterangan")), str(_l("Nilai"))],
                 [(str(label), value) for label, value in rows], {str(_l("Nilai")): RUPIAH_FORMAT})


def report_file(uow: UnitOfWorkFactory, bazaar_id: str, kind: str) -> tuple[bytes, str]:
    """The report of `bazaar_id` as `kind` (csv or xlsx): (content, file name)."""
    if kind not in KINDS:
        raise InvalidInput({"format": _l("Format laporan: csv atau xlsx.")})
    with uow(readonly=True) as unit:
        bazaar = bazaar_view(get_bazaar_row(unit.session, bazaar_id))
        report = report_of(unit.session, bazaar_id)
    items = sorted(report["items"], key=_by_stall)
    naive = kind == "xlsx"
    rows = [[_wib(item[c], naive=naive) if c == "sales_reported_at" else item[c]
             for c in COLUMNS] for item in items]
    if kind == "csv":
        return to_csv(COLUMNS, rows), _filename(bazaar, kind)
    sheets = [Sheet(str(_l("Penjualan")), COLUMNS, rows, MONEY),
              Sheet(str(_l("Per sektor")), ("sector", "revenue_idr"),
                    [list(pair) for pair in report["by_sector"]], {"revenue_idr": RUPIAH_FORMAT}),
              _summary(bazaar, report)]
    return to_xlsx(sheets), _filename(bazaar, kind)
