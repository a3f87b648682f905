"""What the clients send: valid registrations whose NIKs never repeat within a run.

Each phase of a run draws from its own block of indices, and each client thread from its own
stride within the block, so no two registrations of a run share a NIK, phone or email.
"""

from __future__ import annotations

from tests.support.factories import phone, registration

BLOCK = 1_000_000  # indices per phase; NIKS below holds 16 such blocks

_SERIALS, _DISTRICTS, _DAYS, _MONTHS = 9999, 5, 28, 12
NIKS = _SERIALS * _DISTRICTS * _DAYS * _MONTHS


def unique_nik(index: int) -> str:
    """A valid Kota Metro NIK, different for every index below NIKS (16.8 million)."""
    if not 0 <= index < NIKS:
        raise ValueError(f"NIK index {index} out of range")
    serial, rest = index % _SERIALS + 1, index // _SERIALS
    district, rest = rest % _DISTRICTS + 1, rest // _DISTRICTS
    day, month = rest % _DAYS + 1, rest // _DAYS % _MONTHS + 1
    female = index % 2 == 1
    return f"18720{district}{day + (40 if female else 0):02d}{month:02d}85{serial:04d}"


def registration_body(index: int) -> dict:
    """tests.support.factories.registration(), with a NIK, names and contacts of our own."""
    n = index + 1
    return registration(nik=unique_nik(index), owner_name=f"Pemilik Bench {n}",
                        business_name=f"Usaha Bench {n}", phone=phone(n % 100_000_000),
                        email=f"bench{n}@example.id")
