"""Spreadsheets of UMKM as departments keep them: CSV or XLSX, some rows wrong on purpose."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from tests.bench.workload import registration_body

HEADER = ["owner_name", "nik", "business_name", "sector", "kecamatan", "kelurahan", "address",
          "phone", "email", "nib", "kbli", "capital_idr", "annual_turnover_idr",
          "registered_on"]


def good_row(index: int, registered_on: str = "2023-06-01") -> dict:
    body = registration_body(index)
    return {**body, "nib": "", "kbli": "", "capital_idr": "25.000.000",
            "annual_turnover_idr": "", "registered_on": registered_on}


def bad_kind(index: int) -> tuple[dict, str]:
    """A row broken in one of several ways, and the field that should be named."""
    row = good_row(index)
    kind = index % 4
    if kind == 0:
        return {**row, "nik": row["nik"][:10]}, "nik"
    if kind == 1:
        return {**row, "kelurahan": "Tejosari", "kecamatan": "Metro Pusat"}, "kelurahan"
    if kind == 2:
        return {**row, "phone": "12"}, "phone"
    return {**row, "capital_idr": "banyak"}, "capital_idr"


def sheet(total: int, bad_every: int = 0, start: int = 0) -> tuple[list[dict], dict[int, str]]:
    """`total` rows (file row numbers start at 2); every `bad_every`-th one is broken."""
    rows, bad = [], {}
    for i in range(total):
        if bad_every and i % bad_every == bad_every - 1:
            row, field = bad_kind(start + i)
            bad[i + 2] = field
        else:
            row = good_row(start + i)
        rows.append(row)
    return rows, bad


def to_csv(rows: list[dict], header: list[str] = HEADER, delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, delimiter=delimiter, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def to_xlsx(rows: list[dict], header: list[str] = HEADER) -> bytes:
    book = Workbook()
    sheet_ = book.active
    sheet_.append(header)
    for row in rows:
        values = []
        for column in header:
            value = row.get(column, "")
            if column in ("nik", "phone") and value and value.isdigit():
                value = int(value)  # what a spreadsheet does to a long number
            values.append(value if value != "" else None)
        sheet_.append(values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
