"""Reference data every context shares (the published language): Kota Metro's kecamatan and
kelurahan, and the sectors an UMKM can belong to."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

CITY = "Kota Metro"
CITY_REGION_CODE = "18.72"

KECAMATAN: dict[str, tuple[str, ...]] = {
    "Metro Pusat": ("Hadimulyo Barat", "Hadimulyo Timur", "Imopuro", "Metro", "Yosomulyo"),
    "Metro Utara": ("Banjarsari", "Karangrejo", "Purwoasri", "Purwosari"),
    "Metro Barat": ("Ganjar Agung", "Ganjar Asri", "Mulyojati", "Mulyosari"),
    "Metro Timur": ("Iringmulyo", "Tejo Agung", "Tejosari", "Yosodadi", "Yosorejo"),
    "Metro Selatan": ("Margodadi", "Margorejo", "Rejomulyo", "Sumbersari"),
}

SECTORS: dict[str, object] = {
    "kuliner": _l("Kuliner (makanan & minuman)"),
    "fashion": _l("Fashion"),
    "batik": _l("Batik"),
    "kriya": _l("Kriya (kerajinan, suvenir, tapis)"),
    "pertanian": _l("Pertanian & perikanan"),
    "perdagangan": _l("Perdagangan"),
    "jasa": _l("Jasa"),
    "lainnya": _l("Lainnya"),
}

SCALES = ("mikro", "kecil", "menengah")
SCALE_WORDS = {"mikro": _l("Mikro"), "kecil": _l("Kecil"), "menengah": _l("Menengah")}
# An UMKM's status in the registry's snapshot, which every service shows and names in messages.
UMKM_STATUS = {
    "pending": _l("Menunggu verifikasi"),
    "verified": _l("Terverifikasi"),
    "rejected": _l("Ditolak"),
    "inactive": _l("Nonaktif"),
}


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


_KECAMATAN_BY_KEY = {_key(name): name for name in KECAMATAN}
_KELURAHAN_BY_KEY = {
    kecamatan: {_key(kel): kel for kel in kelurahan} for kecamatan, kelurahan in KECAMATAN.items()
}


def canonical_kecamatan(text: str | None) -> str | None:
    """'metro  pusat' -> 'Metro Pusat'; None when it is not a kecamatan of Kota Metro."""
    if not text:
        return None
    key = _key(text)
    return _KECAMATAN_BY_KEY.get(key) or _KECAMATAN_BY_KEY.get(f"metro {key}")


def canonical_kelurahan(kecamatan: str, text: str | None) -> str | None:
    if not text or kecamatan not in _KELURAHAN_BY_KEY:
        return None
    return _KELURAHAN_BY_KEY[kecamatan].get(_key(text))


def kecamatan_of(kelurahan: str) -> str | None:
    key = _key(kelurahan)
    for kecamatan, names in _KELURAHAN_BY_KEY.items():
        if key in names:
            return kecamatan
    return None
