"""The rest of a business's profile: workers by sex, founded year, coordinates."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l

from services.registry.domain import RuleViolation

MAX_WORKERS = 100_000
EARLIEST_FOUNDING = 1900
# Indonesia's extent: a point outside it is almost always latitude and longitude swapped.
LATITUDES = (-11.5, 6.5)
LONGITUDES = (94.5, 141.5)


def _whole(raw: object, message) -> int | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise RuleViolation(message)
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, str) and raw.strip().isdigit() and raw.strip().isascii():
        if len(raw.strip()) > 18:  # past any count or year, and past what int() reads at once
            raise RuleViolation(message)
        raw = int(raw.strip())
    if not isinstance(raw, int):
        raise RuleViolation(message)
    return raw


def check_workers(raw: object) -> int | None:
    """Workers of one sex (the owner included): a whole number from 0, or not given."""
    count = _whole(raw, _l("Jumlah tenaga kerja harus bilangan bulat, misalnya 3."))
    if count is not None and not 0 <= count <= MAX_WORKERS:
        raise RuleViolation(_l("Jumlah tenaga kerja harus antara 0 dan %(n)s.", n=MAX_WORKERS))
    return count


def check_founded_year(raw: object, today: date) -> int | None:
    year = _whole(raw, _l("Tahun berdiri harus berupa tahun, misalnya 2015."))
    if year is not None and not EARLIEST_FOUNDING <= year <= today.year:
        raise RuleViolation(_l("Tahun berdiri harus antara %(first)s dan %(last)s.",
                               first=EARLIEST_FOUNDING, last=today.year))
    return year


def _degrees(raw: object, field: str) -> float | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = float(str(raw).strip().replace(",", ".")) if isinstance(raw, str) else float(raw)
    except (TypeError, ValueError):
        raise RuleViolation(_l("Koordinat harus berupa angka desimal, misalnya -5.1131."),
                            field) from None
    if isinstance(raw, bool) or value != value:
        raise RuleViolation(_l("Koordinat harus berupa angka desimal, misalnya -5.1131."), field)
    return round(value, 6)


def check_coordinates(latitude: object, longitude: object) -> tuple[float | None, float | None]:
    """Both or neither, inside Indonesia (Kota Metro is near -5.11, 105.31)."""
    lat = _degrees(latitude, "latitude")
    lon = _degrees(longitude, "longitude")
    if lat is None and lon is None:
        return None, None
    if lat is None:
        raise RuleViolation(_l("Isi lintang juga, atau kosongkan keduanya."), "latitude")
    if lon is None:
        raise RuleViolation(_l("Isi bujur juga, atau kosongkan keduanya."), "longitude")
    if not LATITUDES[0] <= lat <= LATITUDES[1]:
        raise RuleViolation(_l("Lintang di luar Indonesia (Kota Metro sekitar -5.11); "
                               "mungkin tertukar dengan bujur?"), "latitude")
    if not LONGITUDES[0] <= lon <= LONGITUDES[1]:
        raise RuleViolation(_l("Bujur di luar Indonesia (Kota Metro sekitar 105.31); "
                               "mungkin tertukar dengan lintang?"), "longitude")
    return lat, lon
