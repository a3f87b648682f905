"""After a bazaar ends, each stallholder gets a signed link to report their sales without an
account; the link works until the bazaar is closed (and at most LINK_DAYS)."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select, update

from services.bazaar.models import ALLOCATED, CHECKED_IN, STALL, Application, Bazaar
from services.bazaar.usecases.views import application_view, bazaar_ref, bazaar_view
from services.kernel.clock import to_wib, utcnow
from services.kernel.errors import NotFound
from services.kernel.uow import UnitOfWorkFactory

LINK_DAYS = 14
SALT = "metro-umkm.bazaar-sales-link.v1"


class SalesLinks:
    def __init__(self, secret: str, base_url: str):
        self.signer = URLSafeTimedSerializer(secret, salt=SALT)
        self.base_url = base_url.rstrip("/")

    def url(self, application_id: str) -> str:
        return f"{self.base_url}/laporan-penjualan/{self.signer.dumps(application_id)}"

    def application_id(self, token: str) -> str:
        try:
            return self.signer.loads(token, max_age=LINK_DAYS * 86400)
        except BadSignature:
            raise NotFound(str(_l("Tautan laporan tidak berlaku atau sudah kedaluwarsa."))) \
                from None


def request_sales_reports(uow: UnitOfWorkFactory, links: SalesLinks,
                          now: datetime | None = None) -> int:
    """For every allocated bazaar that has ended: `bazaar.sales_report_requested` to each
    stallholder, once. Returns the bazaars handled."""
    now = now or utcnow()
    with uow(readonly=True) as unit:
        ended = unit.session.execute(select(Bazaar.id).where(
            Bazaar.status == ALLOCATED, Bazaar.ends_at <= now,
            Bazaar.sales_links_sent_at.is_(None))).scalars().all()
    handled = 0
    for bazaar_id in ended:
        with uow() as unit:
            if not unit.session.execute(update(Bazaar).where(
                    Bazaar.id == bazaar_id, Bazaar.sales_links_sent_at.is_(None))
                    .values(sales_links_sent_at=now)).rowcount:
                continue
            bazaar = unit.session.get(Bazaar, bazaar_id)
            holders = unit.session.execute(select(Application).where(
                Application.bazaar_id == bazaar_id,
                Application.status.in_((STALL, CHECKED_IN)))).scalars().all()
            expires = to_wib(now).date() + timedelta(days=LINK_DAYS)
            for holder in holders:
                unit.publish("bazaar.sales_report_requested", {
                    "bazaar": bazaar_ref(bazaar), "umkm_id": holder.umkm_id,
                    "business_name": holder.business_name, "owner_name": holder.owner_name,
                    "report_url": links.url(holder.id), "expires_on": expires})
            unit.commit()
            handled += 1
    return handled


def link_target(uow: UnitOfWorkFactory, links: SalesLinks, token: str) -> dict:
    """The stall a link is for, with its bazaar (for the owner's form)."""
    application_id = links.application_id(token)
    with uow(readonly=True) as unit:
        application = unit.session.get(Application, application_id)
        if application is None:
            raise NotFound(str(_l("Tautan laporan tidak berlaku atau sudah kedaluwarsa.")))
        return {"application": application_view(application),
                "bazaar": bazaar_view(unit.session.get(Bazaar, application.bazaar_id))}
