"""The words a staff page shows, and which of them are in the other language.

A page is read as its reader sees it: the text between the tags, and what a browser shows of the
attributes (a placeholder, a tooltip, an image's alternative text, a button's label). Text that is
not the interface is left out: scripts and styles, what a textarea holds (the staff's own text),
what a <pre> shows (a message as the owner received it), and any element whose data-testid is
named as content. A word counts as Indonesian (or English) only when it is one of the common
interface words listed below; names and reference data are taken out first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

SHOWN_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")
NOT_INTERFACE = {"script", "style", "textarea", "pre"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Common Indonesian words of the interface, none of them an English word.
INDONESIAN = _words("""
yang dan untuk tidak belum sudah dengan pada usaha pemilik simpan ubah hapus daftar tambah
kembali cari semua tanggal jumlah nama alamat kunjungan pelatihan lapak ini itu atau dari ke di
akan harus bisa baru masuk keluar pilih isian berkas penjualan bazar mitra gerai tulis angka
bulan tahun lebih kurang boleh sebagai oleh karena dapat telah sedang ada periksa batal kirim
tolak ditolak diterima disimpan diubah dihapus dibuat laporan mulai selesai sampai pesanan
instansi perajin penempatan pedagang peserta bantuan barang jadwal lokasi kuota topik pelatih
biaya keterangan catatan alasan dibatalkan terjadwal terverifikasi menunggu verifikasi aktif
nonaktif produk kategori harga sertifikat berlaku petugas peran akun kata sandi halaman
sebelumnya berikutnya unduh unggah impor ekspor baris kolom galat gagal berhasil tersimpan salah
benar wajib dikenal diisi kosong terlalu panjang pendek besar kecil maksimal antara hingga sejak
setiap orang pesan ulang templat versi preferensi kampanye undangan terkirim dijadwalkan berhenti
lihat rincian perbarui diperbarui gabung duplikat bukan tanda masa dicabut cabut layanan
dokumentasi tindakan pelaku waktu hasil omzet tenaga kerja berdiri skala mikro menengah sektor
pilihan selamat datang makanan minuman ringan skrip bulanan misalnya contoh hadir kegiatan
pengiriman silakan terima kasih anda kami tersedia ditemukan berisi karakter paling sedikit
banyak bilangan bulat nomor tempat acara pasar
""")

# Common English words of an interface (and of WTForms' and marshmallow's own messages).
ENGLISH = _words("""
save edit delete search back cancel submit next previous required invalid field must the and of
is not or to for with value length unknown between greater less than loading close open add new
date yes missing choice this that please enter select none should use write at most least
only already found cannot can has have been was are be
""")

# Names of places and institutions, abbreviations and codes that both languages keep.
KEPT = ("Kota Metro", "Diskoperin", "UMKM", "NIK", "NIB", "KBLI", "Kecamatan", "Kelurahan",
        "Pasar Segar", "Payungi", "Dinas Koperasi, UMKM dan Perindustrian Kota Metro")


def _names_pattern(names) -> re.Pattern:
    ordered = sorted({n for n in names if n}, key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in ordered) or r"(?!x)x")


@dataclass
class Form:
    method: str
    action: str
    fields: list = field(default_factory=list)  # (kind, name, value, options of a select)


class _Reader(HTMLParser):
    def __init__(self, content_ids: set[str]):
        super().__init__(convert_charrefs=True)
        self.content_ids = content_ids
        self.texts: list[str] = []
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._open: list[tuple[str, dict]] = []
        self._form: Form | None = None
        self._options: list[str] | None = None

    def _hidden(self) -> bool:
        return any(tag in NOT_INTERFACE or attrs.get("data-testid") in self.content_ids
                   for tag, attrs in self._open)

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        if tag not in VOID:
            self._open.append((tag, attrs))
        if not self._hidden():
            self.texts += [attrs[name] for name in SHOWN_ATTRIBUTES if attrs.get(name)]
            if tag == "input" and attrs.get("type") in ("submit", "button"):
                self.texts.append(attrs.get("value", ""))
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = Form(attrs.get("method", "get").lower(), attrs.get("action", ""))
            self.forms.append(self._form)
        elif self._form is not None and attrs.get("name"):
            if tag == "select":
                self._options = []
                self._form.fields.append(("select", attrs["name"], "", self._options))
            elif tag in ("input", "textarea", "button"):
                kind = attrs.get("type", "text") if tag == "input" else tag
                self._form.fields.append((kind, attrs["name"], attrs.get("value", ""), None))
        if tag == "option" and self._options is not None:
            self._options.append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._options = None
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == tag:
                del self._open[i:]
                break

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self._hidden():
            self.texts.append(text)


def read(html: str, content_ids=()) -> _Reader:
    """The page's shown texts, links and forms."""
    reader = _Reader(set(content_ids))
    reader.feed(html)
    reader.close()
    return reader


class Words:
    """Which words of a text are in the other language than `language`, once the given names
    (the test's own data) and the names both languages keep are taken out."""

    def __init__(self, language: str, names=()):
        self.language = language
        self.other = INDONESIAN if language == "en" else ENGLISH
        self.names = _names_pattern([*KEPT, *names])

    def foreign(self, text: str) -> list[str]:
        text = self.names.sub(" ", text)
        found = []
        for token in text.split():
            word = token.strip(".,;:!?()[]\"'«»“”‘’…·—–-*+/")
            if word.isalpha() and word.isascii() and word.lower() in self.other:
                found.append(word)
        return found
