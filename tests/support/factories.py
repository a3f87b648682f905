"""Valid test data for the registry: each call a new owner (NIK) and business."""

from __future__ import annotations

import itertools
import random

_serial = itertools.count(1)

KELURAHAN = [
    ("Metro Pusat", "Imopuro"), ("Metro Utara", "Banjarsari"), ("Metro Barat", "Mulyojati"),
    ("Metro Timur", "Iringmulyo"), ("Metro Selatan", "Sumbersari"),
]
SECTORS = ["kuliner", "fashion", "batik", "kriya", "pertanian", "perdagangan", "jasa"]


def nik(n: int, female: bool = False) -> str:
    """A valid NIK issued in Kota Metro, unique for n < 50,000."""
    district = (n // 10000) % 5 + 1
    day = 12 + (40 if female else 0)
    return f"18720{district}{day:02d}0385{n % 10000 or 1:04d}"


def phone(n: int | None = None) -> str:
    n = n if n is not None else random.randint(10_000_000, 99_999_999)
    return f"0812{n:08d}"


def registration(**overrides) -> dict:
    n = next(_serial)
    kecamatan, kelurahan = KELURAHAN[n % len(KELURAHAN)]
    data = {
        "owner_name": f"Pemilik Uji {n}",
        "nik": nik(n, female=bool(n % 2)),
        "business_name": f"Usaha Uji {n}",
        "sector": SECTORS[n % len(SECTORS)],
        "kecamatan": kecamatan,
        "kelurahan": kelurahan,
        "address": f"Jl. Uji No. {n}",
        "phone": phone(n),
        "email": f"pemilik{n}@example.id",
    }
    data.update(overrides)
    return data
