"""Scheduling bazaars (which invites every eligible UMKM) and reading them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from services.bazaar.domain.changes import KULINER, NON_KULINER, stall_number
from services.bazaar.models import SCHEDULED, Application, Bazaar, Stall
from services.bazaar.usecases.views import bazaar_ref, bazaar_view
from services.kernel.clock import utcnow
from services.kernel.errors import InvalidInput, NotFound
from services.kernel.identity import StaffIdentity
from services.kernel.reference import SECTORS
from services.kernel.uow import UnitOfWorkFactory

__all__ = ["CLOSES_BEFORE_START", "DEFAULT_ORGANIZER", "KULINER", "NON_KULINER", "check_bazaar",
           "get_bazaar", "get_bazaar_row", "list_bazaars", "schedule_bazaar"]
MAX_STALLS = 500
DEFAULT_ORGANIZER = "Diskoperin Kota Metro"  # a bazaar's organiser when none is given
CLOSES_BEFORE_START = timedelta(days=1)  # applications close this long before, when not given


def check_bazaar(data: Mapping) -> dict:
    """The rules of a bazaar's fields (scheduling and editing); one message per bad field."""
    errors = {}
    now = utcnow()
    starts, ends = data["starts_at"], data["ends_at"]
    if ends <= starts:
        errors["ends_at"] = _l("Waktu selesai harus setelah waktu mulai.")
    if starts <= now:
        errors["starts_at"] = _l("Bazar harus dijadwalkan di masa depan.")
    stalls, kuliner = data["stalls"], data.get("kuliner_stalls")
    if not 1 <= stalls <= MAX_STALLS:
        errors["stalls"] = _l("Jumlah lapak 1 sampai %(n)s.", n=MAX_STALLS)
    if kuliner is not None and not 0 <= kuliner <= stalls:
        errors["kuliner_stalls"] = _l("Lapak kuliner tidak boleh melebihi jumlah lapak.")
    unknown = [s for s in data.get("sectors") or [] if s not in SECTORS]
    if unknown:
        errors["sectors"] = _l("Sektor tidak dikenal: %(s)s.", s=", ".join(unknown))
    opens = data.get("applications_open_at") or now
    closes = data.get("applications_close_at") or starts - CLOSES_BEFORE_START
    if closes <= opens or closes > starts:
        errors["applications_close_at"] = _l(
            "Pendaftaran harus ditutup setelah dibuka dan sebelum bazar dimulai.")
    if errors:
        raise InvalidInput(errors)
    return {"applications_open_at": opens, "applications_close_at": closes,
            "kuliner_stalls": stalls // 2 if kuliner is None else kuliner}


def schedule_bazaar(uow: UnitOfWorkFactory, data: Mapping, actor: StaffIdentity) -> dict:
    """A bazaar with numbered stalls (K-01.. kuliner, N-01.. others); `bazaar.scheduled`."""
    derived = check_bazaar(data)
    kuliner = derived["kuliner_stalls"]
    with uow() as unit:
        bazaar = Bazaar(
            title=data["title"].strip(), host_event=data["host_event"].strip(),
            organizer=(data.get("organizer") or "").strip() or DEFAULT_ORGANIZER,
            venue=data["venue"].strip(), starts_at=data["starts_at"], ends_at=data["ends_at"],
            applications_open_at=derived["applications_open_at"],
            applications_close_at=derived["applications_close_at"],
            sectors=sorted(set(data.get("sectors") or [])),
            verified_only=data.get("verified_only", True), status=SCHEDULED,
            created_by=actor.email,
        )
        bazaar.stalls = [
            Stall(position=i, number=stall_number(KULINER, i + 1) if i < kuliner else
                  stall_number(NON_KULINER, i - kuliner + 1),
                  category=KULINER if i < kuliner else NON_KULINER)
            for i in range(data["stalls"])
        ]
        unit.session.add(bazaar)
        unit.session.flush()
        unit.publish("bazaar.scheduled", {
            "bazaar": bazaar_ref(bazaar), "organizer": bazaar.organizer,
            "stalls": len(bazaar.stalls), "applications_open_at": bazaar.applications_open_at,
            "applications_close_at": bazaar.applications_close_at, "sectors": bazaar.sectors,
            "verified_only": bazaar.verified_only,
        })
        view = bazaar_view(bazaar)
        unit.commit()
    return view


def list_bazaars(uow: UnitOfWorkFactory, *, upcoming_only: bool = False, page: int = 1,
                 per_page: int = 20) -> dict:
    query = select(Bazaar)
    if upcoming_only:
        query = query.where(Bazaar.ends_at >= utcnow(), Bazaar.status != "cancelled")
    with uow(readonly=True) as unit:
        total = unit.session.execute(
            select(func.count()).select_from(query.subquery())).scalar_one()
        rows = unit.session.execute(query.order_by(Bazaar.starts_at.desc()).offset(
            (page - 1) * per_page).limit(per_page)).scalars().all()
        counts = dict(unit.session.execute(
            select(Application.bazaar_id, func.count()).where(
                Application.bazaar_id.in_([b.id for b in rows])).group_by(
                Application.bazaar_id)).all())
        items = [bazaar_view(b, counts) for b in rows]
    return {"items": items, "total": total, "page": page}


def get_bazaar_row(session, bazaar_id: str) -> Bazaar:
    bazaar = session.get(Bazaar, bazaar_id)
    if bazaar is None:
        raise NotFound(str(_l("Bazar tidak ditemukan.")))
    return bazaar


def get_bazaar(uow: UnitOfWorkFactory, bazaar_id: str) -> dict:
    with uow(readonly=True) as unit:
        bazaar = get_bazaar_row(unit.session, bazaar_id)
        count = unit.session.execute(select(func.count()).where(
            Application.bazaar_id == bazaar_id)).scalar_one()
        return bazaar_view(bazaar, {bazaar_id: count})
