"""Email over a real SMTP server and SMS through a real HTTP gateway: failures, retries, once."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from redis_local import free_port
from sqlalchemy import select

from services.kernel.clock import utcnow
from services.kernel.events import CATALOGUE
from services.kernel.events.catalogue import make_envelope
from services.notifier.adapters.channels import Outgoing
from services.notifier.adapters.email import SmtpEmail
from services.notifier.adapters.sms import HttpSmsGateway
from services.notifier.bootstrap import bootstrap
from services.notifier.domain.rules import EMAIL, SMS
from services.notifier.models import Message
from tests.support.fakes import RecordingChannel, RecordingPublisher
from tests.support.platform import wait_for
from tests.support.servers import ScriptedSmtp, SmsGateway, SmtpServer

FROM = "Diskoperin Kota Metro <no-reply@diskoperin.metrokota.go.id>"


@pytest.fixture
def notifier_with(platform_any):
    """A notifier on SQLite or PostgreSQL with the channels a test gives it."""
    platform = platform_any
    built = []

    def build(**channels):
        defaults = {EMAIL: RecordingChannel(), SMS: RecordingChannel()}
        container = bootstrap(platform.settings("notifier"), publisher=RecordingPublisher(),
                              nudge=False, channels=defaults | channels)
        built.append(container)
        return container

    yield build
    for container in built:
        container.runtime.dispose()


def registered_event(email: str | None = None) -> dict:
    event_type = CATALOGUE.get("umkm.registered")
    payload = {**event_type.example, **({"email": email} if email else {})}
    return make_envelope(event_type, payload, utcnow())


def message(container, channel: str) -> dict:
    with container.uow(readonly=True) as uow:
        row = uow.session.execute(select(Message).where(Message.channel == channel)).scalar_one()
        return {"status": row.status, "attempts": row.attempts,
                "outcomes": [a.outcome for a in row.attempt_log], "id": row.id}


def settle(container, channel: str, final: set[str]) -> dict:
    def done():
        container.dispatcher.dispatch_due()
        found = message(container, channel)
        return found if found["status"] in final else None

    return wait_for(done, 20, 0.2, f"{channel} message to end in {final}")


def test_smtp_down_then_up_is_retried_and_sent_once(notifier_with):
    port = free_port()
    container = notifier_with(**{EMAIL: SmtpEmail("127.0.0.1", port, FROM, timeout=2)})
    container.runtime.consumer.handle(registered_event())
    first = message(container, EMAIL)
    assert (first["status"], first["outcomes"]) == ("failed", ["temporary"])
    with SmtpServer(port, ScriptedSmtp()) as smtp:
        final = settle(container, EMAIL, {"sent"})
        for _ in range(3):
            container.dispatcher.dispatch_due()
    assert final["outcomes"] == ["temporary", "sent"]
    assert len(smtp.received) == 1
    _sender, recipients, content = smtp.received[0]
    assert recipients == ["sri.wahyuni@example.id"]
    assert b"Pendaftaran UMKM diterima" in content


def test_emails_share_one_kept_connection_and_a_dropped_one_is_replaced(notifier_with):
    """One connection for many emails; before it is used again it must answer NOOP, so a
    connection the server dropped (here: the server restarted) costs no failed attempt."""
    port = free_port()
    email = SmtpEmail("127.0.0.1", port, FROM, timeout=2)
    container = notifier_with(**{EMAIL: email})
    with SmtpServer(port, ScriptedSmtp()) as smtp:
        for n in range(3):
            container.runtime.consumer.handle(registered_event(f"pemilik{n}@example.id"))
        assert len(smtp.received) == 3
        assert len(set(smtp.peers)) == 1  # one connection, one client port
    with SmtpServer(port, ScriptedSmtp()) as restarted:
        container.runtime.consumer.handle(registered_event("pemilik3@example.id"))
        assert [recipients for _, recipients, _ in restarted.received] == [
            ["pemilik3@example.id"]]
    with container.uow(readonly=True) as uow:
        rows = uow.session.execute(select(Message).where(Message.channel == EMAIL)).scalars()
        assert sorted((m.status, m.attempts) for m in rows) == [("sent", 1)] * 4
    email.close()


def test_each_sending_thread_keeps_its_own_connection():
    port = free_port()
    email = SmtpEmail("127.0.0.1", port, FROM, timeout=2)
    messages = [Outgoing(id=f"m-{n}", channel=EMAIL, recipient=f"owner{n}@example.id",
                         recipient_name="Pemilik", subject="Undangan bazar", body_text="Halo",
                         body_html=None) for n in range(24)]
    with SmtpServer(port, ScriptedSmtp()) as smtp, ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(email.send, messages))
    assert answers == [f"250 accepted by 127.0.0.1:{port}"] * 24
    assert sorted(r[0] for _, r, _ in smtp.received) == sorted(m.recipient for m in messages)
    assert 1 <= len(set(smtp.peers)) <= 4  # at most one connection per thread, not per email


def test_smtp_4xx_is_temporary(notifier_with):
    port = free_port()
    with SmtpServer(port, ScriptedSmtp(["451 4.3.0 Mailbox busy, try later"])) as smtp:
        container = notifier_with(**{EMAIL: SmtpEmail("127.0.0.1", port, FROM, timeout=5)})
        container.runtime.consumer.handle(registered_event())
        assert settle(container, EMAIL, {"sent"})["outcomes"] == ["temporary", "sent"]
        assert len(smtp.received) == 1


@pytest.mark.parametrize(("script", "email", "reported"), [
    (["550 5.1.1 No such mailbox"], None, ["550", "No such mailbox"]),
    # SMTP without SMTPUTF8 cannot carry it: dead at the first attempt, not after ten.
    ([], "séri@example.id", ["SMTPUTF8"]),
], ids=["smtp-5xx", "non-ascii-local-part"])
def test_a_permanent_failure_is_dead_at_once_and_reported(notifier_with, script, email,
                                                           reported):
    port = free_port()
    with SmtpServer(port, ScriptedSmtp(script)) as smtp:
        container = notifier_with(**{EMAIL: SmtpEmail("127.0.0.1", port, FROM, timeout=5)})
        container.runtime.consumer.handle(registered_event(email))
        dead = message(container, EMAIL)
        assert (dead["status"], dead["outcomes"]) == ("dead", ["permanent"])
        assert smtp.received == []
    with container.uow(readonly=True) as uow:
        error = uow.session.execute(
            select(Message.last_error).where(Message.channel == EMAIL)).scalar_one()
    assert all(part in error for part in reported), error
    assert message(container, SMS)["status"] == "sent"  # one bad address spoils nothing else


def test_an_international_domain_is_sent_in_its_ascii_form(notifier_with):
    port = free_port()
    with SmtpServer(port, ScriptedSmtp()) as smtp:
        container = notifier_with(**{EMAIL: SmtpEmail("127.0.0.1", port, FROM, timeout=5)})
        container.runtime.consumer.handle(registered_event("sri@bücher.id"))
        assert message(container, EMAIL)["outcomes"] == ["sent"]
    _sender, recipients, content = smtp.received[0]
    assert recipients == ["sri@xn--bcher-kva.id"]
    assert b"<sri@xn--bcher-kva.id>" in content


def test_sms_gateway_5xx_and_429_are_retried(notifier_with):
    with SmsGateway([503, 429]) as gateway:
        container = notifier_with(**{SMS: HttpSmsGateway(gateway.url, "rahasia", "DISKOPERIN")})
        container.runtime.consumer.handle(registered_event())
        final = settle(container, SMS, {"sent"})
    assert final["outcomes"] == ["temporary", "temporary", "sent"]
    assert [r["status"] for r in gateway.requests] == [503, 429, 200]
    last = gateway.requests[-1]
    assert last["authorization"] == "Bearer rahasia"
    assert last["body"]["to"] == "+6281234567890" and len(last["body"]["text"]) <= 160
    assert last["body"]["reference"] == final["id"]


def test_sms_gateway_4xx_is_permanent(notifier_with):
    with SmsGateway([400]) as gateway:
        container = notifier_with(**{SMS: HttpSmsGateway(gateway.url, None, "DISKOPERIN")})
        container.runtime.consumer.handle(registered_event())
        assert message(container, SMS)["status"] == "dead"
        assert len(gateway.requests) == 1


def test_a_gateway_that_is_down_is_retried_until_dead(platform, notifier_with):
    port = free_port()
    container = notifier_with(**{SMS: HttpSmsGateway(f"http://127.0.0.1:{port}/send", None,
                                                     "DISKOPERIN", timeout=1)})
    container.runtime.consumer.handle(registered_event())
    dead = settle(container, SMS, {"dead"})
    assert dead["attempts"] == 6 and set(dead["outcomes"]) == {"temporary"}
