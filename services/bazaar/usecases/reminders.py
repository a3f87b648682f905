"""The day before a bazaar: a reminder to every stallholder, once (a periodic job)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select, update

from services.bazaar.models import ALLOCATED, STALL, Application, Bazaar
from services.bazaar.usecases.views import bazaar_ref
from services.kernel.clock import WIB, today_wib, utcnow
from services.kernel.uow import UnitOfWorkFactory


def _tomorrow_bounds(today: date) -> tuple[datetime, datetime]:
    start = datetime.combine(today + timedelta(days=1), time.min, tzinfo=WIB)
    return start, start + timedelta(days=1)


def send_reminders(uow: UnitOfWorkFactory, today: date | None = None) -> int:
    """Publish `bazaar.reminder` for each stallholder of a bazaar held tomorrow (WIB); each
    bazaar is reminded once, whichever worker's tick comes first. Returns bazaars reminded."""
    start, end = _tomorrow_bounds(today or today_wib())
    with uow(readonly=True) as unit:
        due = unit.session.execute(select(Bazaar.id).where(
            Bazaar.status == ALLOCATED, Bazaar.reminded_at.is_(None),
            Bazaar.starts_at >= start, Bazaar.starts_at < end)).scalars().all()
    reminded = 0
    for bazaar_id in due:
        with uow() as unit:
            taken = unit.session.execute(update(Bazaar).where(
                Bazaar.id == bazaar_id, Bazaar.reminded_at.is_(None)).values(
                reminded_at=utcnow())).rowcount
            if not taken:
                continue
            bazaar = unit.session.get(Bazaar, bazaar_id)
            holders = unit.session.execute(select(Application).where(
                Application.bazaar_id == bazaar_id, Application.status == STALL)).scalars().all()
            ref = bazaar_ref(bazaar)
            for holder in holders:
                unit.publish("bazaar.reminder", {
                    "bazaar": ref, "umkm_id": holder.umkm_id,
                    "business_name": holder.business_name, "owner_name": holder.owner_name,
                    "application_id": holder.id, "stall_number": holder.stall.number,
                    "stall_category": holder.category})
            unit.commit()
            reminded += 1
    return reminded
