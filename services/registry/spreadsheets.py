"""Reading uploaded spreadsheets (CSV or XLSX) into rows of cells (the kernel writes them)."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook

from services.kernel.spreadsheets import from_csv_text

KINDS = ("csv", "xlsx")


class UnreadableFile(ValueError):
    def __init__(self, reason: str, row: int | None = None):
        super().__init__(reason)
        self.row = row  # the first row that could not be read


def kind_of(filename: str, content: bytes) -> str | None:
    """'xlsx' for a zip (Office Open XML) workbook, 'csv' for text; None when neither."""
    if content[:4] == b"PK\x03\x04":
        return "xlsx"
    if filename.lower().endswith((".xlsx", ".xlsm")):
        return None  # named a workbook but is not one
    try:
        content[:4096].decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            content[:4096].decode("cp1252")
        except UnicodeDecodeError:
            return None
    return "csv"


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def rows(content: bytes, kind: str) -> Iterator[list[object]]:
    """Every row as a list of cells, header first; UnreadableFile, even part way through, for a
    file that cannot be read (a CSV cell of megabytes, a workbook whose XML is broken or that
    has no sheet)."""
    read = 0
    try:
        for row in _rows(content, kind):
            read += 1
            yield row
    except (csv.Error, ParseError, IndexError, zipfile.BadZipFile, KeyError, OSError,
            ValueError) as exc:
        raise UnreadableFile(str(exc), read + 1) from exc


def _rows(content: bytes, kind: str) -> Iterator[list[object]]:
    if kind == "csv":
        text = _decode(content)
        yield from _csv_rows(csv.reader(io.StringIO(text), **_dialect(text)))
        return
    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        for row in book.worksheets[0].iter_rows(values_only=True):
            yield list(row)
    finally:
        book.close()


class UnreadableRow(list):
    """A data row the csv module refuses (a cell longer than it reads, often a quote that is
    never closed): its cells are unknown, the rows after it are read on."""

    def __init__(self, reason: str):
        super().__init__()
        self.reason = reason


def _csv_rows(reader) -> Iterator[list[object]]:
    while True:
        line = reader.line_num
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if line == 0 or reader.line_num == line:  # the header, or no way past it
                raise
            yield UnreadableRow(str(exc))
            continue
        yield [from_csv_text(cell) for cell in row]


def _dialect(text: str) -> dict:
    """The separator the header row uses most (',' when it has none), and whether a space
    follows each one ('a, b, c'). Only these are guessed: cells are quoted with '"' as every
    spreadsheet program writes them, so an apostrophe in a cell ("Warung Ma'", "'0812...")
    never swallows the rows after it."""
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    spaced = 0 < first.count(delimiter) == first.count(delimiter + " ")
    return {"delimiter": delimiter, "skipinitialspace": spaced}


def header(content: bytes, kind: str) -> list[object]:
    for first in rows(content, kind):
        return first
    return []
