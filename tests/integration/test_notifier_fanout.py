"""A bazaar invitation to 20,000 UMKM works through the bulk path while registrations keep
arriving: every registration receipt is sent as its event is handled, never behind the batch."""

import threading
import time
import uuid

from sqlalchemy import func, select

from services.notifier.domain.rules import EMAIL, SMS
from services.notifier.models import Campaign, Message
from tests.bench.notifier_fanout import seed_directory
from tests.support import notifier_fixtures
from tests.support.fakes import RecordingChannel
from tests.support.notifier_fixtures import event

notifier_on = notifier_fixtures.notifier_on
OWNERS = 20_000


def test_fan_out_to_20000_while_registrations_flow(notifier_on):
    email, sms = RecordingChannel(), RecordingChannel()
    container = notifier_on(**{EMAIL: email, SMS: sms})
    container.bulk.batch_size = 1000
    seed_directory(container, OWNERS)
    container.runtime.consumer.handle(event("bazaar.scheduled", sectors=[]))
    (campaign_id,) = container.bulk.pending()
    fanout = threading.Thread(target=container.bulk.run, args=(campaign_id,))
    fanout.start()
    receipts, during = [], 0
    while fanout.is_alive() or len(receipts) < 5:
        umkm_id = str(uuid.uuid4())
        container.runtime.consumer.handle(event("umkm.registered", umkm_id=umkm_id))
        with container.uow(readonly=True) as uow:
            statuses = uow.session.execute(select(Message.status).where(
                Message.umkm_id == umkm_id)).scalars().all()
        receipts.append(statuses)
        during += fanout.is_alive()
        time.sleep(0.05)
    fanout.join()
    # Each receipt (email + SMS) was already sent when its event had been handled.
    assert all(sorted(s) == ["sent", "sent"] for s in receipts), receipts
    assert during >= 3, "registrations did not overlap the fan-out"
    with container.uow(readonly=True) as uow:
        bulk = dict(uow.session.execute(
            select(Message.status, func.count()).where(Message.bulk.is_(True))
            .group_by(Message.status)).all())
        campaign = uow.session.get(Campaign, campaign_id)
        assert (campaign.status, campaign.queued) == ("done", 2 * OWNERS)
    assert bulk == {"sent": 2 * OWNERS}
    invitations = [m for m in email.sent if "Undangan" in (m.subject or "")
                   or "Invitation" in (m.subject or "")]
    assert len(invitations) == OWNERS
    assert len({m.recipient for m in invitations}) == OWNERS
