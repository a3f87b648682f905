"""Writing tables as CSV or XLSX for staff to open in a spreadsheet program.

Text that people typed (a business name, an address, a best product) never runs as a formula in
the spreadsheet that opens the file (OWASP "CSV injection"): in CSV, text that starts like a
formula is written after an apostrophe (`csv_text`; `from_csv_text` undoes it when such a file
comes back as an import); in XLSX, text is always stored as text. In XLSX, moments with a time
zone are written as their WIB wall-clock time (a workbook has no time zones), and the control
characters a cell cannot hold are left out."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from services.kernel.clock import to_wib

KINDS = ("csv", "xlsx")
MIMETYPES = {"csv": "text/csv; charset=utf-8",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
# What a spreadsheet reads as the start of a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
RUPIAH_FORMAT = "#,##0"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
BOM = "\ufeff"  # so that Excel reads UTF-8 (Indonesian names) right


def csv_text(value: object) -> object:
    """A cell for CSV: None as empty, text starting like a formula after an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def from_csv_text(value: str) -> str:
    """A CSV cell as it was before `csv_text`: the apostrophe before formula-like text goes."""
    if value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def to_csv(headings: Sequence[str], records: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 with a BOM, the whole file at once."""
    return b"".join(csv_stream(headings, records))


def csv_stream(headings: Sequence[str], records: Iterable[Sequence[object]],
               chunk: int = 500) -> Iterator[bytes]:
    """CSV in chunks of `chunk` rows, for downloads of any size."""
    out = io.StringIO()
    writer = csv.writer(out)
    out.write(BOM)
    writer.writerow(headings)
    for count, record in enumerate(records, start=1):
        writer.writerow([csv_text(value) for value in record])
        if count % chunk == 0:
            yield out.getvalue().encode("utf-8")
            out.seek(0)
            out.truncate()
    yield out.getvalue().encode("utf-8")


def xlsx_value(value: object) -> object:
    """A value as an XLSX cell holds it (before it is stored as text, see `_text_cell`)."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return to_wib(value).replace(tzinfo=None)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _row_cells(sheet, record: Iterable[object]) -> list[object]:
    """A write-only row: openpyxl would store text starting with "=" as a formula."""
    cells = []
    for value in record:
        value = xlsx_value(value)
        if isinstance(value, str) and value.startswith("="):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            value = cell
        cells.append(value)
    return cells


def xlsx_rows(headings: Sequence[str], records: Iterable[Sequence[object]]) -> bytes:
    """One plain sheet written row by row (constant memory for any number of rows)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(headings))
    for record in records:
        sheet.append(_row_cells(sheet, record))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass
class Sheet:
    title: str
    headings: Sequence[str]
    rows: list[Sequence[object]]
    formats: dict[str, str] = field(default_factory=dict)  # heading -> number format


def to_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """One workbook, a sheet per table, headings in bold, columns as wide as their text."""
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
                value = xlsx_value(value)
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
