"""Business scale under PP 7/2021: from capital excluding land and buildings, or else annual sales.
Above the `menengah` ceiling a business is not an UMKM and is refused."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from services.registry.domain import RuleViolation

BILLION = 1_000_000_000
MIKRO, KECIL, MENENGAH = "mikro", "kecil", "menengah"
CAPITAL, SALES, ASSUMED = "capital", "sales", "assumed"
REGULATION = "PP 7/2021"

# (scale, capital ceiling, annual sales ceiling), both inclusive
THRESHOLDS = (
    (MIKRO, 1 * BILLION, 2 * BILLION),
    (KECIL, 5 * BILLION, 15 * BILLION),
    (MENENGAH, 10 * BILLION, 50 * BILLION),
)


@dataclass(frozen=True)
class Scale:
    scale: str
    basis: str  # capital | sales | assumed (neither given: micro until known)
    regulation: str = REGULATION


def classify(capital_idr: int | None, annual_turnover_idr: int | None) -> Scale:
    amounts = (("capital_idr", capital_idr), ("annual_turnover_idr", annual_turnover_idr))
    for field, value in amounts:
        if value is not None and value < 0:
            raise RuleViolation(_l("Nilai tidak boleh negatif."), field)
    if capital_idr is not None:
        for scale, capital_max, _sales_max in THRESHOLDS:
            if capital_idr <= capital_max:
                return Scale(scale, CAPITAL)
        raise RuleViolation(_l(
            "Modal usaha di atas Rp10 miliar (di luar tanah dan bangunan): bukan UMKM menurut "
            "PP 7/2021, sehingga tidak dapat didaftarkan."), "capital_idr")
    if annual_turnover_idr is not None:
        for scale, _capital_max, sales_max in THRESHOLDS:
            if annual_turnover_idr <= sales_max:
                return Scale(scale, SALES)
        raise RuleViolation(_l(
            "Hasil penjualan tahunan di atas Rp50 miliar: bukan UMKM menurut PP 7/2021, "
            "sehingga tidak dapat didaftarkan."), "annual_turnover_idr")
    return Scale(MIKRO, ASSUMED)
