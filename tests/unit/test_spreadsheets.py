"""Tables written for spreadsheets: typed text never becomes a formula, in CSV or XLSX."""

import csv
import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from services.kernel.spreadsheets import (
    Sheet,
    csv_stream,
    csv_text,
    from_csv_text,
    to_csv,
    to_xlsx,
    xlsx_rows,
)

FORMULAS = ['=HYPERLINK("http://contoh.id","klik")', "+6281234567890", "-2+3", "@SUM(A1:A9)",
            "\t=1+1", "\r=1+1"]
# XML reads a carriage return as a line feed: the text, as the workbook gives it back.
IN_XML = [text.replace("\r", "\n") for text in FORMULAS]
PLAIN = ["Warung Ma'", "'0812345", "Keripik = renyah", "", "Batik Sekar"]


def read_csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8").lstrip("\ufeff"))))


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_like_text_is_written_after_an_apostrophe_and_read_back_as_it_was(text):
    assert csv_text(text) == "'" + text
    assert from_csv_text(csv_text(text)) == text


@pytest.mark.parametrize("text", PLAIN)
def test_other_text_is_written_and_read_as_it_is(text):
    assert csv_text(text) == text
    assert from_csv_text(text) == text


def test_numbers_and_empty_cells_in_csv():
    assert csv_text(-5) == -5 and csv_text(None) == ""
    rows = read_csv(to_csv(["a", "b", "c"], [[FORMULAS[0], -5, None]]))
    assert rows == [["a", "b", "c"], ["'" + FORMULAS[0], "-5", ""]]


def test_the_stream_gives_the_same_file_in_chunks():
    records = [[f"=A{i}", i] for i in range(7)]
    chunks = list(csv_stream(["name", "n"], records, chunk=3))
    assert len(chunks) == 3
    assert b"".join(chunks) == to_csv(["name", "n"], records)
    assert read_csv(b"".join(chunks))[1] == ["'=A0", "0"]


def _cells(content: bytes, sheet: int = 0) -> list[list]:
    book = load_workbook(io.BytesIO(content))
    return [list(row) for row in book.worksheets[sheet].iter_rows(min_row=2)]


def test_xlsx_rows_keep_formula_like_text_as_text():
    moment = datetime(2026, 12, 7, 23, 30, tzinfo=UTC)
    content = xlsx_rows(["text", "n", "at"],
                        [[text, 7, moment] for text in [*FORMULAS, "nul\x00 dan \x1bescape"]])
    rows = _cells(content)
    assert [row[0].value for row in rows[:-1]] == IN_XML
    assert {row[0].data_type for row in rows} == {"s"}
    assert rows[-1][0].value == "nul dan escape"
    assert rows[0][1].value == 7 and rows[0][2].value == datetime(2026, 12, 8, 6, 30)


def test_formatted_workbook_keeps_formula_like_text_as_text():
    content = to_xlsx([Sheet("Penjualan", ["produk", "omzet"],
                             [[text, 1000] for text in FORMULAS], {"omzet": "#,##0"})])
    rows = _cells(content)
    assert [row[0].value for row in rows] == IN_XML
    assert {row[0].data_type for row in rows} == {"s"}
    assert rows[0][1].value == 1000 and rows[0][1].number_format == "#,##0"
