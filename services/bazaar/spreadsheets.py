"""Writing tables as CSV or XLSX. Text that people typed (a best product, a business name)
never runs as a formula in the spreadsheet that opens the file."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

KINDS = ("csv", "xlsx")
MIMETYPES = {"csv": "text/csv; charset=utf-8",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
# What a spreadsheet reads as the start of a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
RUPIAH_FORMAT = "#,##0"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


def csv_text(value: object) -> object:
    """A cell for CSV: text starting like a formula is quoted with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(headings: Sequence[str], records: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 with a BOM, so that Excel reads the Indonesian text right."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headings)
    for record in records:
        writer.writerow(["" if v is None else csv_text(v) for v in record])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


@dataclass
class Sheet:
    title: str
    headings: Sequence[str]
    rows: list[Sequence[object]]
    formats: dict[str, str] = field(default_factory=dict)  # heading -> number format


def to_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """One workbook, a sheet per table, headings in bold; datetimes must be naive (WIB). A
    control character an XLSX cell cannot hold (typed into a best product, say) is left out."""
    book = Workbook()
    book.remove(book.active)
    for spec in sheets:
        sheet = book.create_sheet(spec.title[:31])
        sheet.append(list(spec.headings))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        formats = {spec.headings.index(h) + 1: f for h, f in spec.formats.items()}
        for r, record in enumerate(spec.rows, start=2):
            for c, value in enumerate(record, start=1):
                if isinstance(value, str):
                    value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell = sheet.cell(r, c, value)
                if isinstance(value, str):
                    cell.data_type = "s"  # never a formula, whatever it starts with
                elif isinstance(value, datetime):
                    cell.number_format = DATETIME_FORMAT
                elif c in formats:
                    cell.number_format = formats[c]
        for c, heading in enumerate(spec.headings, start=1):
            longest = max([len(str(heading)), *(len(str(row[c - 1])) for row in spec.rows
                                                 if c <= len(row) and row[c - 1] is not None)])
            sheet.column_dimensions[get_column_letter(c)].width = min(max(longest + 2, 10), 60)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
