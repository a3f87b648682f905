"""A programme as typed by staff or an API client -> a clean plan (sessions, aid, follow-up)."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from flask_babel import lazy_gettext as _l

from services.kernel.errors import InvalidInput
from services.kernel.reference import KECAMATAN, SECTORS, canonical_kecamatan
from services.training.domain.aid import item_key, item_name
from services.training.domain.numbers import MAX_COUNT, MAX_IDR, cap
from services.training.domain.text import text
from services.training.domain.words import in_sentence, sector_names

DEFAULT_FOLLOWUP_DAYS = (14, 60)
DEFAULT_MIN_ATTENDANCE_PCT = 75
DEFAULT_DAY = (time(8, 0), time(16, 0))
MAX_DAYS = 90
MAX_QUOTA = 500
MAX_FOLLOWUP_DAYS = 730
# As long as the columns that keep them (description: Text, but a page of text at most).
TITLE_MAX, TOPIC_MAX, VENUE_MAX, DESCRIPTION_MAX = 200, 120, 300, 5000
REASON_MAX = 300  # Enrollment.cancel_reason, Enrollment.result_reason


@dataclass(frozen=True)
class SessionPlan:
    held_on: date
    starts_at: time
    ends_at: time
    venue: str


@dataclass(frozen=True)
class AidLine:
    item: str
    quantity: int
    unit_value_idr: int | None = None


@dataclass(frozen=True)
class ProgramPlan:
    title: str
    topic: str
    location: str
    starts_on: date
    ends_on: date
    quota: int
    description: str | None = None
    sessions: tuple[SessionPlan, ...] = ()
    aid_package: tuple[AidLine, ...] = ()
    followup_days: tuple[int, ...] = DEFAULT_FOLLOWUP_DAYS
    eligible_sectors: tuple[str, ...] = ()
    eligible_kecamatan: tuple[str, ...] = ()
    min_attendance_pct: int = DEFAULT_MIN_ATTENDANCE_PCT
    trainer_ids: tuple[str, ...] = field(default=())


def _sessions(raw, starts_on, ends_on, location, errors) -> tuple[SessionPlan, ...]:
    if not raw:
        if starts_on and ends_on and not errors.keys() & {"starts_on", "ends_on"}:
            days = (ends_on - starts_on).days + 1
            return tuple(SessionPlan(starts_on + timedelta(days=n), *DEFAULT_DAY, location or "")
                         for n in range(days))
        return ()
    plans = []
    for index, item in enumerate(raw):
        held_on, start, end = item.get("date"), item.get("starts_at"), item.get("ends_at")
        start, end = start or DEFAULT_DAY[0], end or DEFAULT_DAY[1]
        where = f"sessions.{index}"
        venue = text(item.get("venue"), f"{where}.venue", errors, max_length=VENUE_MAX,
                     required=False) or location or ""
        if not isinstance(held_on, date):
            errors[f"{where}.date"] = _l("Tanggal sesi wajib diisi.")
        elif starts_on and ends_on and not starts_on <= held_on <= ends_on:
            errors[f"{where}.date"] = _l("Tanggal sesi harus di antara tanggal mulai dan "
                                         "selesai pelatihan.")
        if start >= end:
            errors[f"{where}.ends_at"] = _l("Jam selesai harus setelah jam mulai.")
        plans.append(SessionPlan(held_on, start, end, venue))
    plans.sort(key=lambda s: (s.held_on or date.min, s.starts_at))
    for a, b in itertools.pairwise(plans):
        if a.held_on == b.held_on and b.starts_at < a.ends_at:
            errors["sessions"] = _l("Dua sesi bertabrakan waktunya.")
    return tuple(plans)


def _aid(raw, errors) -> tuple[AidLine, ...]:
    lines, seen = [], set()
    for index, item in enumerate(raw or []):
        where = f"aid_package.{index}"
        name = item_name(item.get("item"), f"{where}.item", errors,
                         missing=_l("Nama barang wajib diisi.")) or ""
        quantity, value = item.get("quantity"), item.get("unit_value_idr")
        if name and item_key(name) in seen:
            errors[f"{where}.item"] = _l("Barang ini sudah ada di paket.")
        seen.add(item_key(name))
        if not isinstance(quantity, int) or quantity < 1:
            errors[f"{where}.quantity"] = _l("Jumlah minimal 1.")
        if value is not None and (not isinstance(value, int) or value < 0):
            errors[f"{where}.unit_value_idr"] = _l("Nilai satuan tidak boleh negatif.")
        cap(quantity, f"{where}.quantity", errors, MAX_COUNT)
        cap(value, f"{where}.unit_value_idr", errors, MAX_IDR, rupiah=True)
        lines.append(AidLine(name, quantity, value))
    return tuple(lines)


def _followup(raw, errors) -> tuple[int, ...]:
    if raw is None:
        return DEFAULT_FOLLOWUP_DAYS
    days = list(raw)
    if any(not isinstance(d, int) or not 1 <= d <= MAX_FOLLOWUP_DAYS for d in days):
        errors["followup_days"] = _l("Setiap jarak kunjungan antara 1 dan %(n)s hari.",
                                     n=MAX_FOLLOWUP_DAYS)
        return ()
    if len(set(days)) != len(days):
        errors["followup_days"] = _l("Jarak kunjungan tidak boleh sama.")
    return tuple(sorted(set(days)))


def _eligibility(data, errors) -> tuple[tuple[str, ...], tuple[str, ...]]:
    sectors = tuple(dict.fromkeys(s for s in data.get("eligible_sectors") or () if s))
    if any(s not in SECTORS for s in sectors):
        errors["eligible_sectors"] = _l("Sektor tidak dikenal.")
    areas = [canonical_kecamatan(k) for k in data.get("eligible_kecamatan") or () if k]
    if None in areas:
        errors["eligible_kecamatan"] = _l("Bukan kecamatan di Kota Metro.")
    return sectors, tuple(dict.fromkeys(a for a in areas if a in KECAMATAN))


def validate_program(data: Mapping) -> ProgramPlan:
    """Raise InvalidInput with one message per bad field, or return the clean plan."""
    errors: dict[str, object] = {}
    title = text(data.get("title"), "title", errors, max_length=TITLE_MAX)
    topic = text(data.get("topic"), "topic", errors, max_length=TOPIC_MAX)
    location = text(data.get("location"), "location", errors, max_length=VENUE_MAX)
    description = text(data.get("description"), "description", errors,
                       max_length=DESCRIPTION_MAX, required=False)
    starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
    if not isinstance(starts_on, date):
        errors["starts_on"] = _l("Tanggal mulai wajib diisi.")
    if not isinstance(ends_on, date):
        errors["ends_on"] = _l("Tanggal selesai wajib diisi.")
    elif isinstance(starts_on, date):
        if ends_on < starts_on:
            errors["ends_on"] = _l("Tanggal selesai tidak boleh sebelum tanggal mulai.")
        elif (ends_on - starts_on).days >= MAX_DAYS:
            errors["ends_on"] = _l("Pelatihan paling lama %(n)s hari.", n=MAX_DAYS)
    quota = data.get("quota")
    if not isinstance(quota, int) or not 1 <= quota <= MAX_QUOTA:
        errors["quota"] = _l("Kuota antara 1 dan %(n)s peserta.", n=MAX_QUOTA)
    pct = data.get("min_attendance_pct")
    pct = DEFAULT_MIN_ATTENDANCE_PCT if pct is None else pct
    if not isinstance(pct, int) or not 0 <= pct <= 100:
        errors["min_attendance_pct"] = _l("Persentase antara 0 dan 100.")
    sessions = _sessions(data.get("sessions"), starts_on if isinstance(starts_on, date) else None,
                         ends_on if isinstance(ends_on, date) else None, location, errors)
    aid = _aid(data.get("aid_package"), errors)
    followup = _followup(data.get("followup_days"), errors)
    sectors, areas = _eligibility(data, errors)
    if errors:
        raise InvalidInput(errors)
    return ProgramPlan(
        title=title, topic=topic, location=location, starts_on=starts_on, ends_on=ends_on,
        quota=quota, description=description, sessions=sessions, aid_package=aid,
        followup_days=followup, eligible_sectors=sectors, eligible_kecamatan=areas,
        min_attendance_pct=pct, trainer_ids=tuple(dict.fromkeys(data.get("trainer_ids") or ())),
    )


def eligibility_problem(sectors, areas, umkm: Mapping) -> object | None:
    """Why this UMKM may not join (a message), or None: verified, and in sector / kecamatan."""
    if umkm.get("status") != "verified":
        return _l("UMKM ini belum terverifikasi (status: %(s)s).",
                  s=in_sentence("umkm", umkm.get("status")))
    if sectors and umkm.get("sector") not in sectors:
        return _l("Pelatihan ini hanya untuk sektor: %(s)s.", s=sector_names(sectors))
    if areas and umkm.get("kecamatan") not in areas:
        return _l("Pelatihan ini hanya untuk kecamatan: %(k)s.", k=", ".join(areas))
    return None
