"""A coordinator's override of the allocation: give a waiting UMKM a free stall, move a
stallholder to another stall, or take a stall back; always with a reason, kept on the page."""

from __future__ import annotations

from itertools import groupby

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from services.bazaar.domain.changes import StallState, override_choices
from services.bazaar.domain.explanations import override_facts
from services.bazaar.models import ALLOCATED, STALL, WAITLIST, Application
from services.bazaar.usecases.applications import application_row
from services.bazaar.usecases.bazaars import get_bazaar_row
from services.bazaar.usecases.views import application_view, bazaar_ref
from services.kernel.clock import utcnow
from services.kernel.errors import Conflict, InvalidInput
from services.kernel.identity import StaffIdentity
from services.kernel.uow import UnitOfWorkFactory


def _reason(text: str | None) -> str:
    reason = " ".join((text or "").split())
    if not 5 <= len(reason) <= 300:
        raise InvalidInput({"reason": _l("Tulis alasannya (5 sampai 300 karakter).")})
    return reason


def override_stall(uow: UnitOfWorkFactory, bazaar_id: str, application_id: str,
                   stall_number: str | None, reason: str | None, actor: StaffIdentity) -> dict:
    """`stall_number` given: that free stall goes to the application (which must be waiting or
    hold another stall), and the owner is told (`bazaar.stall_allocated`). None: the stall is
    taken back, the application waits again and the owner is told why
    (`bazaar.stall_revoked`). Only between allocation and the bazaar."""
    reason = _reason(reason)
    with uow() as unit:
        session = unit.session
        bazaar = get_bazaar_row(session, bazaar_id)
        if bazaar.status != ALLOCATED or bazaar.starts_at <= utcnow():
            raise Conflict(str(_l("Lapak hanya dapat diubah setelah alokasi dan sebelum bazar "
                                  "dimulai.")))
        application = application_row(session, bazaar_id, application_id)
        if application.status not in (WAITLIST, STALL):
            raise Conflict(str(_l("Hanya pendaftar di daftar tunggu atau pemegang lapak yang "
                                  "dapat diubah lapaknya.")))
        if stall_number is None:
            if application.status != STALL:
                raise Conflict(str(_l("Pendaftar ini tidak memegang lapak.")))
            unit.publish("bazaar.stall_revoked", {
                "bazaar": bazaar_ref(bazaar), "umkm_id": application.umkm_id,
                "business_name": application.business_name,
                "owner_name": application.owner_name, "application_id": application.id,
                "stall_number": application.stall.number, "reason": reason})
            application.status, application.stall = WAITLIST, None
        else:
            stall = next((s for s in bazaar.stalls if s.number == stall_number.strip()), None)
            if stall is None:
                raise InvalidInput({"stall_number": _l("Lapak tidak ada di bazar ini.")})
            holder = session.execute(select(Application).where(
                Application.bazaar_id == bazaar_id, Application.stall_id == stall.id,
                Application.id != application.id)).scalar()
            if holder is not None:
                raise InvalidInput({"stall_number": _l("Lapak %(n)s sudah dipegang %(name)s.",
                                                       n=stall.number,
                                                       name=holder.business_name)})
            application.status, application.stall = STALL, stall
            unit.publish("bazaar.stall_allocated", {
                "bazaar": bazaar_ref(bazaar), "umkm_id": application.umkm_id,
                "business_name": application.business_name,
                "owner_name": application.owner_name, "application_id": application.id,
                "stall_number": stall.number, "stall_category": stall.category})
        application.decision = override_facts(actor.email, reason)
        application.explanation, application.decided_at = None, utcnow()
        session.flush()
        view = application_view(application)
        unit.commit()
    return view


def stall_choices(uow: UnitOfWorkFactory, bazaar_id: str) -> dict[str, list[dict]]:
    """For each application an override may change (waiting or holding a stall), the free
    stalls it may be given by category, its own first: what the bazaar page offers. Empty when
    every stall is held."""
    with uow(readonly=True) as unit:
        session = unit.session
        bazaar = get_bazaar_row(session, bazaar_id)
        rows = session.execute(select(Application).where(
            Application.bazaar_id == bazaar_id)).scalars().all()
        held = {a.stall_id for a in rows if a.stall_id is not None}
        stalls = [StallState(s.number, s.category, s.id in held) for s in bazaar.stalls]
        return {a.id: [{"category": category, "numbers": [s.number for s in group]}
                       for category, group in groupby(override_choices(stalls, a.category),
                                                      key=lambda s: s.category)]
                for a in rows if a.status in (WAITLIST, STALL)}
