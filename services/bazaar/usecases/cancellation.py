"""Cancelling a bazaar, with a reason: every application is cancelled with it and each
applicant hears of it (`bazaar.cancelled`, one event per application)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from services.bazaar.domain.changes import (
    OPEN_STATES,
    REASON_MAX,
    REASON_MIN,
    cancellable,
    clean_reason,
)
from services.bazaar.domain.labels import word
from services.bazaar.models import (
    APPLICATION_CANCELLED,
    CANCELLED,
    WITHDRAWN,
    Application,
    Bazaar,
)
from services.bazaar.usecases.bazaars import get_bazaar_row
from services.bazaar.usecases.views import bazaar_ref, bazaar_view
from services.kernel.clock import utcnow
from services.kernel.errors import Conflict, InvalidInput
from services.kernel.identity import StaffIdentity
from services.kernel.uow import UnitOfWorkFactory


def cancel_bazaar(uow: UnitOfWorkFactory, bazaar_id: str, reason: str | None,
                  actor: StaffIdentity) -> dict:
    """Cancel a bazaar that has not ended yet; its applications (all but the withdrawn ones)
    are cancelled and each applicant gets `bazaar.cancelled` with the reason."""
    text = clean_reason(reason)
    if text is None:
        raise InvalidInput({"reason": _l("Tulis alasan pembatalan, %(min)s sampai %(max)s "
                                         "karakter.", min=REASON_MIN, max=REASON_MAX)})
    now = utcnow()
    with uow() as unit:
        session = unit.session
        bazaar = get_bazaar_row(session, bazaar_id)
        if bazaar.status not in OPEN_STATES:
            raise Conflict(str(_l("Bazar ini tidak dapat dibatalkan (status: %(s)s).",
                                  s=word("bazaar", bazaar.status))))
        if not cancellable(bazaar.status, bazaar.ends_at, now):
            raise Conflict(str(_l("Bazar ini sudah selesai; tutup bazarnya, jangan "
                                  "dibatalkan.")))
        claimed = session.execute(update(Bazaar).where(
            Bazaar.id == bazaar_id, Bazaar.version == bazaar.version,
            Bazaar.status.in_(OPEN_STATES)).values(
            version=Bazaar.version + 1, status=CANCELLED, cancel_reason=text,
            cancelled_at=now, cancelled_by=actor.email)).rowcount
        if not claimed:
            raise Conflict(str(_l("Bazar ini baru saja diubah orang lain; muat ulang lalu "
                                  "coba lagi.")))
        session.refresh(bazaar)
        applications = session.execute(select(Application).where(
            Application.bazaar_id == bazaar_id, Application.status != WITHDRAWN)
            .order_by(Application.applied_at)).scalars().all()
        ref = bazaar_ref(bazaar)
        payloads = []
        for application in applications:
            payloads.append({
                "bazaar": ref, "umkm_id": application.umkm_id,
                "business_name": application.business_name,
                "owner_name": application.owner_name, "application_id": application.id,
                "stall_number": application.stall.number if application.stall else None,
                "reason": text})
            application.status = APPLICATION_CANCELLED
        if payloads:
            unit.publish_many("bazaar.cancelled", payloads)
        session.flush()
        count = session.execute(select(func.count()).where(
            Application.bazaar_id == bazaar_id)).scalar_one()
        view = {**bazaar_view(bazaar, {bazaar_id: count}),
                "applications_cancelled": len(applications)}
        unit.commit()
    return view
