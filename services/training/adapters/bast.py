"""The BAST (berita acara serah terima): the handover note as a PDF, ready to print and sign."""

from __future__ import annotations

from datetime import date

from fpdf import FPDF
from fpdf.enums import XPos, YPos

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def tanggal(day: date) -> str:
    return f"{DAYS[day.weekday()]}, {day.day} {MONTHS[day.month - 1]} {day.year}"


def rupiah(value: int | None) -> str:
    return "-" if value is None else "Rp" + f"{int(value):,}".replace(",", ".")


def _latin(text) -> str:
    """The PDF's core font speaks Latin-1; anything else becomes '?' rather than an error."""
    return str(text if text is not None else "-").encode("latin-1", "replace").decode("latin-1")


def render_bast(handover: dict, department: str) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(_latin(f"BAST {handover['number']}"))
    pdf.set_author(_latin(department))
    pdf.set_margins(20, 18, 20)
    pdf.add_page()
    line = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}

    def text(value, size=10, style="", align="L", height=6):
        pdf.set_font("Helvetica", style, size)
        pdf.multi_cell(0, height, _latin(value), align=align, **line)

    text(f"PEMERINTAH KOTA METRO - {department.upper()}", 11, "B", "C")
    text("BERITA ACARA SERAH TERIMA BANTUAN PERALATAN", 13, "B", "C", 8)
    text(f"Nomor: {handover['number']}", 10, "", "C")
    pdf.ln(4)
    text(f"Pada hari ini, {tanggal(handover['handed_over_on'])}, kami yang bertanda tangan di "
         "bawah ini:")
    pdf.ln(1)
    text(f"1. {handover['handed_over_by']}, petugas {department}, selanjutnya disebut "
         "PIHAK PERTAMA;")
    text(f"2. {handover['received_by']}, dari usaha {handover['business_name']} (pemilik: "
         f"{handover['owner_name']}), selanjutnya disebut PIHAK KEDUA.")
    pdf.ln(1)
    text("PIHAK PERTAMA menyerahkan kepada PIHAK KEDUA, dan PIHAK KEDUA menerima, bantuan "
         f"peralatan sebagai peserta program \"{handover['program_title']}\" berupa:")
    pdf.ln(2)
    widths = (10, 62, 16, 42, 40)
    pdf.set_font("Helvetica", "B", 9)
    for width, head in zip(widths, ("No", "Barang", "Jumlah", "Nomor seri", "Nilai"),
                           strict=True):
        pdf.cell(width, 7, head, border=1, align="C")
    pdf.ln(7)
    pdf.set_font("Helvetica", "", 9)
    for number, item in enumerate(handover["items"], start=1):
        value = (item["unit_value_idr"] or 0) * item["quantity"]
        cells = (str(number), item["item"], str(item["quantity"]),
                 ", ".join(item["serial_numbers"]) or "-",
                 rupiah(value if item["unit_value_idr"] is not None else None))
        for width, cell in zip(widths, cells, strict=True):
            pdf.cell(width, 7, _latin(cell)[:48], border=1)
        pdf.ln(7)
    pdf.set_font("Helvetica", "B", 9)
    pdf.cell(sum(widths[:4]), 7, "Jumlah nilai", border=1, align="R")
    pdf.cell(widths[4], 7, _latin(rupiah(handover["total_value_idr"])), border=1)
    pdf.ln(11)
    text("Barang tersebut diterima dalam keadaan baik dan lengkap, untuk dipergunakan bagi "
         "kegiatan usaha PIHAK KEDUA dan tidak untuk diperjualbelikan. Berita acara ini dibuat "
         "rangkap dua untuk dipergunakan sebagaimana mestinya.")
    pdf.ln(10)
    half = (pdf.w - pdf.l_margin - pdf.r_margin) / 2
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(half, 6, "PIHAK KEDUA", align="C")
    pdf.cell(half, 6, "PIHAK PERTAMA", align="C")
    pdf.ln(26)
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(half, 6, _latin(f"( {handover['received_by']} )"), align="C")
    pdf.cell(half, 6, _latin(f"( {handover['handed_over_by']} )"), align="C")
    return bytes(pdf.output())
