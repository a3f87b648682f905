"""MoU expiry reminders (a periodic job): `retail.mou_expiring` once per MoU and expiry date,
when it expires within 60 days; the notifier tells the bazaar coordinators and admins."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from services.bazaar.domain.retail import REMINDER_DAYS
from services.bazaar.models_retail import Mou, MouNotice, Partner
from services.kernel.clock import today_wib
from services.kernel.uow import UnitOfWorkFactory


def _due(today: date):
    """MoUs of active partners expiring within REMINDER_DAYS, not yet announced for that expiry
    date, and not superseded by a later MoU with the same partner."""
    horizon = today + timedelta(days=REMINDER_DAYS)
    later = aliased(Mou)
    noticed = select(MouNotice.mou_id).where(MouNotice.mou_id == Mou.id,
                                             MouNotice.expires_on == Mou.expires_on)
    renewed = select(later.id).where(later.partner_id == Mou.partner_id,
                                     later.expires_on > Mou.expires_on)
    return (select(Mou, Partner).join(Partner, Partner.id == Mou.partner_id)
            .where(Mou.expires_on >= today, Mou.expires_on <= horizon, Partner.active.is_(True),
                   ~noticed.exists(), ~renewed.exists())
            .order_by(Mou.expires_on, Mou.number))


def announce_expiring_mous(uow: UnitOfWorkFactory, today: date | None = None) -> int:
    """Announce each MoU expiring within REMINDER_DAYS, unless a later MoU with the same partner
    already runs past it (it was renewed). A corrected expiry date is announced again. Returns
    how many were announced."""
    today = today or today_wib()
    with uow(readonly=True) as unit:  # most ticks find nothing: no write lock for them
        if not unit.session.execute(_due(today).limit(1)).first():
            return 0
    announced = 0
    with uow() as unit:
        try:
            for mou, partner in unit.session.execute(_due(today)).all():
                unit.session.add(MouNotice(mou_id=mou.id, expires_on=mou.expires_on))
                unit.publish("retail.mou_expiring", {
                    "partner_id": partner.id, "partner_name": partner.name,
                    "mou_number": mou.number, "expires_on": mou.expires_on,
                    "days_left": (mou.expires_on - today).days})
                announced += 1
            unit.commit()
        except IntegrityError:
            # Two ticks at once: the notice's primary key lets one of them commit; the other
            # rolls back with its events (nothing is announced twice).
            return 0
    return announced
