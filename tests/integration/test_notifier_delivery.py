"""WhatsApp (Meta Cloud API), Zenziva and URL-template SMS against a local HTTP provider; the
fallback channel, quiet hours, consent, STOP, duplicates and the shared rate limit."""

from dataclasses import replace
from datetime import UTC, datetime
from types import SimpleNamespace

import redis
from redis_local import free_port
from sqlalchemy import select

from services.notifier.adapters.ratelimit import TokenBucket
from services.notifier.adapters.sms import UrlTemplateSmsGateway, ZenzivaSms
from services.notifier.adapters.whatsapp import MetaCloudWhatsApp
from services.notifier.domain import gsm7
from services.notifier.domain.retry import PermanentFailure
from services.notifier.domain.rules import EMAIL, SMS, WHATSAPP
from services.notifier.models import Message
from services.notifier.usecases import consent, staff_actions
from tests.support import notifier_fixtures
from tests.support.fakes import RecordingChannel
from tests.support.notifier_fixtures import event
from tests.support.notifier_servers import ScriptedProvider
from tests.support.platform import wait_for

notifier_on = notifier_fixtures.notifier_on
WAMID = (200, {"messages": [{"id": "wamid.HBgM"}]})
PHONE = "+6281234567890"


def rows(container, **where) -> list[Message]:
    with container.uow(readonly=True) as uow:
        query = select(Message).order_by(Message.created_at)
        for key, value in where.items():
            query = query.where(getattr(Message, key) == value)
        return [SimpleNamespace(
            **{c.key: getattr(m, c.key) for c in Message.__table__.columns},
            outcomes=[a.outcome for a in m.attempt_log])
            for m in uow.session.execute(query).scalars().all()]


def settle(container, channel: str, final=("sent", "dead")) -> Message:
    def done():
        container.dispatcher.dispatch_due()
        found = rows(container, channel=channel)
        return found[0] if found and found[0].status in final else None

    return wait_for(done, 20, 0.05, f"{channel} message to settle")


def known_owner(container) -> None:
    """The owner's contacts reach the notifier with the umkm.* events."""
    container.runtime.consumer.handle(event("umkm.registered", source="import"))


def test_whatsapp_5xx_and_429_are_retried(notifier_on):
    with ScriptedProvider([(503, {}), (429, {"error": {"code": 130429}})], WAMID) as meta:
        container = notifier_on(**{WHATSAPP: MetaCloudWhatsApp("10987654321", "rahasia",
                                                               base_url=meta.base)})
        known_owner(container)
        container.runtime.consumer.handle(event("bazaar.reminder"))
        final = settle(container, WHATSAPP)
    assert (final.status, final.outcomes) == ("sent", ["temporary", "temporary", "sent"])
    assert "wamid.HBgM" in final.provider_response
    last = meta.requests[-1]
    assert last["path"] == "/10987654321/messages"
    assert last["authorization"] == "Bearer rahasia"
    assert last["body"]["to"] == PHONE.lstrip("+") and last["body"]["type"] == "text"
    assert "K-07" in last["body"]["text"]["body"]


def test_whatsapp_permanent_failure_falls_back_to_sms(notifier_on):
    sms = RecordingChannel()
    with ScriptedProvider([(400, {"error": {"code": 131026, "message": "not on WhatsApp"}})],
                          WAMID) as meta:
        container = notifier_on(**{WHATSAPP: MetaCloudWhatsApp("1", "t", base_url=meta.base),
                                   SMS: sms})
        known_owner(container)
        container.runtime.consumer.handle(event("bazaar.reminder"))
    dead = rows(container, channel=WHATSAPP)[0]
    assert (dead.status, dead.outcomes) == ("dead", ["permanent"])
    assert "131026" in dead.last_error
    fallback = rows(container, event_type="bazaar.reminder", channel=SMS)
    assert [(m.status, m.fallback_of) for m in fallback] == [("sent", dead.id)]
    assert sms.sent[-1].recipient == PHONE
    assert gsm7.is_gsm7(sms.sent[-1].body_text) and gsm7.length(sms.sent[-1].body_text) <= 160


def test_whatsapp_unreachable_is_temporary(notifier_on):
    container = notifier_on(**{WHATSAPP: MetaCloudWhatsApp(
        "1", "t", base_url=f"http://127.0.0.1:{free_port()}", timeout=2)})
    known_owner(container)
    container.runtime.consumer.handle(event("bazaar.reminder"))
    first = rows(container, channel=WHATSAPP)[0]
    assert (first.status, first.outcomes) == ("failed", ["temporary"])
    assert "unreachable" in first.last_error


def test_zenziva_low_balance_is_retried_and_bad_number_is_permanent(notifier_on):
    script = [(200, {"status": "0", "text": "Saldo tidak mencukupi"}),
              (503, {}),
              (200, {"messageId": "771", "to": "081234567890", "status": "1",
                     "text": "Success"})]
    with ScriptedProvider(script) as zenziva:
        container = notifier_on(**{SMS: ZenzivaSms("user", "pass", url=zenziva.base + "/api")})
        container.runtime.consumer.handle(event("umkm.verified"))
        final = settle(container, SMS)
    assert final.outcomes == ["temporary", "temporary", "sent"]
    form = zenziva.requests[-1]["body"]
    assert (form["userkey"], form["passkey"], form["to"]) == ("user", "pass", "081234567890")
    assert "771" in final.provider_response
    with ScriptedProvider(default=(200, {"status": "0", "text": "Nomor tujuan tidak valid"})) as z:
        container = notifier_on(**{SMS: ZenzivaSms("u", "p", url=z.base + "/api")})
        container.runtime.consumer.handle(event("umkm.verified", umkm_id="b" * 36))
        dead = rows(container, channel=SMS, umkm_id="b" * 36)[0]
        assert (dead.status, dead.outcomes, len(z.requests)) == ("dead", ["permanent"], 1)


def test_url_template_gateway(notifier_on):
    with ScriptedProvider([(502, {}), (404, {})]) as gw:
        template = gw.base + "/kirim?to={to}&pesan={text}&dari={sender}&ref={reference}"
        container = notifier_on(**{SMS: UrlTemplateSmsGateway(template, "DISKOPERIN")})
        container.runtime.consumer.handle(event("umkm.verified"))
        dead = settle(container, SMS)
    assert dead.outcomes == ["temporary", "permanent"] and dead.status == "dead"
    query = gw.requests[0]["query"]
    assert query["to"] == PHONE and query["dari"] == "DISKOPERIN" and query["ref"] == dead.id
    assert query["pesan"].startswith("Diskoperin Kota Metro")


def test_quiet_hours_defer_sms_to_the_morning_and_never_drop_it(notifier_on):
    night = datetime(2026, 12, 1, 15, 30, tzinfo=UTC)  # 22:30 WIB
    sms = RecordingChannel()
    container = notifier_on(clock_start=night, **{SMS: sms})
    container.runtime.consumer.handle(event("umkm.verified", at=night))
    waiting = rows(container, channel=SMS)[0]
    assert waiting.status == "queued"
    assert waiting.next_attempt_at == datetime(2026, 12, 2, 0, 0, tzinfo=UTC)  # 07:00 WIB
    assert rows(container, channel=EMAIL)[0].status == "sent"  # email has no quiet hours
    container.dispatcher.clock.jump(datetime(2026, 12, 1, 20, 0, tzinfo=UTC))  # 03:00 WIB
    container.dispatcher.dispatch_due()
    assert sms.sent == []
    container.dispatcher.clock.jump(datetime(2026, 12, 2, 0, 1, tzinfo=UTC))  # 07:01 WIB
    container.dispatcher.dispatch_due()
    assert [m.recipient for m in sms.sent] == [PHONE]
    assert rows(container, channel=SMS)[0].status == "sent"


def test_a_retry_falling_in_quiet_hours_waits_too(notifier_on):
    sms = RecordingChannel([TimeoutError("gateway slow")])
    container = notifier_on(clock_start=datetime(2026, 12, 1, 13, 59, 59, tzinfo=UTC), **{SMS: sms})
    container.runtime.consumer.handle(event("umkm.verified", at=container.dispatcher.clock()))
    container.dispatcher.clock.jump(datetime(2026, 12, 1, 14, 30, tzinfo=UTC))  # 21:30 WIB
    container.dispatcher.dispatch_due()
    message = rows(container, channel=SMS)[0]
    assert message.status == "queued" and sms.sent == []
    assert message.next_attempt_at == datetime(2026, 12, 2, 0, 0, tzinfo=UTC)


def test_preferences_opt_out_but_critical_messages_bypass_them(notifier_on):
    container = notifier_on()
    umkm_id = event("umkm.verified")["payload"]["umkm_id"]
    consent.set_preferences(container.uow, umkm_id, [
        {"channel": SMS, "category": "account", "allowed": False}])
    container.runtime.consumer.handle(event("umkm.verified"))
    assert [m.channel for m in rows(container, event_type="umkm.verified")] == [EMAIL]
    container.runtime.consumer.handle(event("umkm.rejected"))  # critical
    assert sorted(m.channel for m in rows(container, event_type="umkm.rejected")) == [EMAIL, SMS]


def test_stop_reply_opts_the_number_out_of_sms_and_whatsapp(notifier_on):
    container = notifier_on()
    assert consent.inbound_sms(container.uow, PHONE, "halo") is False
    assert consent.inbound_sms(container.uow, PHONE, " stop ") is True
    known_owner(container)
    container.runtime.consumer.handle(event("umkm.verified"))
    container.runtime.consumer.handle(event("bazaar.reminder"))
    channels = sorted(m.channel for m in rows(container) if m.event_type != "umkm.registered")
    assert channels == [EMAIL]


def test_every_email_carries_a_signed_unsubscribe_link_that_works(notifier_on):
    email = RecordingChannel()
    container = notifier_on(**{EMAIL: email})
    container.runtime.consumer.handle(event("umkm.verified"))
    sent = email.sent[0]
    link = next(w for w in sent.body_text.split() if "/unsubscribe/" in w)
    assert link in sent.body_html
    token = link.rsplit("/", 1)[1]
    done = consent.unsubscribe(container.uow, container.links, token)
    assert done["category"] == "account"
    container.runtime.consumer.handle(event("umkm.verified", umkm_id=done["umkm_id"]))
    assert len(rows(container, channel=EMAIL)) == 1  # the second event sends no email
    try:
        consent.unsubscribe(container.uow, container.links, token[:-2] + "xx")
    except Exception as exc:
        assert "tidak sah" in str(exc)
    else:
        raise AssertionError("a forged token was accepted")


def test_a_duplicate_event_gives_one_message_per_channel(notifier_on):
    channel = RecordingChannel()
    container = notifier_on(**{SMS: channel})
    envelope = event("umkm.verified")
    container.runtime.consumer.handle(envelope)
    container.runtime.consumer.handle(envelope)
    assert sorted(m.channel for m in rows(container)) == [EMAIL, SMS]
    assert len(channel.sent) == 1


def test_import_source_sends_no_receipt(notifier_on):
    """`source` is read with .get(): events without it (today's schema) still get receipts."""
    from services.kernel.events import CATALOGUE

    container = notifier_on()
    for umkm_id, source in (("a" * 36, "import"), ("c" * 36, "form"), ("d" * 36, None)):
        parsed = CATALOGUE.parse(event("umkm.registered", umkm_id=umkm_id))
        payload = {**parsed.payload, **({"source": source} if source else {})}
        with container.uow() as uow:
            container.composer.on_event(replace(parsed, payload=payload), uow)
            uow.commit()
    assert sorted((m.umkm_id[0], m.channel) for m in rows(container)) == [
        ("c", EMAIL), ("c", SMS), ("d", EMAIL), ("d", SMS)]


def test_staff_and_officer_recipients(notifier_on):
    from tests.support.notifier_fixtures import StaticStaff

    staff = StaticStaff([
        {"name": "Koordinator Pusat", "email": "pusat@metro.go.id", "phone": None,
         "roles": ["training_coordinator"], "kecamatan": ["Metro Pusat"]},
        {"name": "Koordinator Timur", "email": "timur@metro.go.id", "phone": None,
         "roles": ["training_coordinator"], "kecamatan": ["Metro Timur"]},
        {"name": "Admin", "email": "admin@metro.go.id", "phone": None, "roles": ["admin"],
         "kecamatan": []}])
    container = notifier_on(staff=staff)
    known_owner(container)  # Metro Pusat
    container.runtime.consumer.handle(event("visit.overdue"))
    container.runtime.consumer.handle(event("visit.scheduled"))
    container.runtime.consumer.handle(event("retail.mou_expiring"))
    got = {(m.template, m.recipient) for m in rows(container) if m.channel == EMAIL}
    assert got - {("umkm.registered", "sri.wahyuni@example.id")} == {
        ("visit.overdue", "pusat@metro.go.id"),  # the coordinator of the UMKM's kecamatan only
        ("visit.assigned", "rahmat@diskoperin.metrokota.go.id"),  # the officer the event names
        ("retail.mou_expiring", "admin@metro.go.id")}
    owner = rows(container, template="visit.scheduled")
    assert [(m.channel, m.recipient) for m in owner] == [(WHATSAPP, PHONE)]


def test_rate_limit_is_shared_between_processes(redis_server):
    one, two = (redis.Redis.from_url(redis_server.url) for _ in range(2))
    name = f"sms-{free_port()}"
    buckets = [TokenBucket(one, name, rate_per_second=0.5, burst=3),
               TokenBucket(two, name, rate_per_second=0.5, burst=3)]
    waits = [buckets[i % 2].take() for i in range(8)]
    assert sum(1 for w in waits if w == 0) == 3
    assert all(w > 0 for w in waits[3:])


def test_daily_digest_lists_each_officers_visits_due_this_week(notifier_on):
    from datetime import date

    from services.notifier.usecases import digest

    email = RecordingChannel()
    container = notifier_on(**{EMAIL: email})
    officer = {"staff_id": "s1", "name": "Rahmat Hidayat", "email": "rahmat@metro.go.id",
               "phone": None}
    for visit_id, due, name in (("v1", "2026-12-02", "Tapis Bu Sri"),
                                ("v2", "2026-11-27", "Batik Pak Joko"),  # overdue
                                ("v3", "2026-12-20", "Kopi Metro")):  # next weeks
        container.runtime.consumer.handle(event("visit.scheduled", visit_id=visit_id,
                                                due_on=due, business_name=name,
                                                officer=officer))
    container.runtime.consumer.handle(event("visit.completed", visit_id="v1",
                                            due_on="2026-12-02", officer=officer))
    today = date(2026, 12, 1)  # a Tuesday: the week ends on Sunday 6 December
    ids = digest.send_digests(container.uow, container.composer, today)
    assert digest.send_digests(container.uow, container.composer, today) == []  # once a day
    container.dispatcher.send_many(ids)
    (mail,) = [m for m in email.sent if m.recipient == "rahmat@metro.go.id"
               and "minggu ini" in (m.subject or "")]
    assert "Batik Pak Joko" in mail.body_text and "TERLAMBAT" in mail.body_text
    assert "Kopi Metro" not in mail.body_text and "Tapis Bu Sri" not in mail.body_text


def test_staff_recipients_come_from_the_real_registry_over_signed_http(notifier_on,
                                                                       platform_any):
    from services.notifier.adapters.registry import RegistryStaff
    from services.registry.app import create_app as registry_app
    from services.registry.usecases.staff import create_staff
    from tests.support.training_world import ServedApp

    registry = registry_app(platform_any.app_config("registry"))
    uow = registry.extensions["registry"].uow
    create_staff(uow, "pusat@metro.go.id", "Koordinator Pusat", "kata-sandi-uji-123",
                 ["training_coordinator"], kecamatan=["Metro Pusat"])
    create_staff(uow, "timur@metro.go.id", "Koordinator Timur", "kata-sandi-uji-123",
                 ["training_coordinator"], kecamatan=["Metro Timur"])
    served = ServedApp(registry)
    try:
        settings = platform_any.settings("notifier")
        config = {**settings, "INTERNAL_URLS": {**settings["INTERNAL_URLS"],
                                                "registry": served.url}}
        container = notifier_on(staff=RegistryStaff.from_config(config))
        known_owner(container)  # Metro Pusat
        container.runtime.consumer.handle(event("visit.overdue"))
        got = {m.recipient for m in rows(container, template="visit.overdue")}
        assert got == {"pusat@metro.go.id"}
    finally:
        served.stop()
        registry.extensions["runtime"].dispose()


def test_a_dead_message_staff_send_again_is_due_by_the_dispatchers_clock(notifier_on):
    """The dispatcher here runs on 1 December 2026; a message requeued by staff is due then,
    not at the machine's own time (which would leave it waiting)."""
    sms = RecordingChannel([PermanentFailure("nomor tidak aktif")])
    container = notifier_on(**{SMS: sms})
    container.runtime.consumer.handle(event("umkm.registered"))
    dead = settle(container, SMS)
    assert (dead.status, dead.outcomes) == ("dead", ["permanent"])
    staff_actions.requeue(container.uow, dead.id, container.dispatcher.clock())
    again = settle(container, SMS, final=("sent",))
    assert again.outcomes == ["permanent", "sent"] and len(sms.sent) == 1
