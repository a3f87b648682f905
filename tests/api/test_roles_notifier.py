"""What each staff role is offered and allowed on the notifier's pages and API: a page shows a
button only to staff whose press of it is accepted, and a refused press changes nothing."""

from __future__ import annotations

import pytest

from services.kernel.clock import utcnow
from services.kernel.events import CATALOGUE
from services.kernel.events.catalogue import make_envelope
from services.kernel.identity import (
    ADMIN,
    BAZAAR_COORDINATOR,
    REGISTRY_OFFICER,
    TRAINING_COORDINATOR,
)
from services.notifier.models import DEAD, Message
from tests.support.sessions import (
    EVERY_ROLE,
    ROLE_PASSWORD,
    csrf_of,
    sign_in,
    staff_with_role,
)

ROLES = EVERY_ROLE
RESENDERS = {ADMIN, REGISTRY_OFFICER, BAZAAR_COORDINATOR, TRAINING_COORDINATOR}


@pytest.fixture
def notifier(service_app):
    return service_app("notifier")


@pytest.fixture
def as_role(app, notifier):
    """(page client signed in, bearer headers) of a new staff member having only `role`."""

    def make(role: str):
        email = staff_with_role(app, role)
        token = app.test_client().post("/api/v1/auth/token",
                                       json={"email": email, "password": ROLE_PASSWORD}).json
        page = sign_in(app, notifier.test_client(), email, ROLE_PASSWORD)
        return page, {"Authorization": f"Bearer {token['access_token']}"}

    return make


def dead_message(notifier) -> str:
    """An email to an owner that could not be sent: its id."""
    kind = CATALOGUE.get("umkm.registered")
    notifier.extensions["notifier"].runtime.consumer.handle(
        make_envelope(kind, dict(kind.example), utcnow()))
    uow = notifier.extensions["notifier"].uow
    with uow() as unit:
        message = unit.session.query(Message).filter_by(channel="email").first()
        message.status = DEAD
        unit.commit()
        return message.id


def status_of(notifier, message_id: str) -> str:
    with notifier.extensions["notifier"].uow(readonly=True) as unit:
        return unit.session.get(Message, message_id).status


@pytest.mark.parametrize("role", ROLES)
def test_a_message_is_sent_again_only_by_staff_who_send_messages(role, notifier, as_role):
    message_id = dead_message(notifier)
    page, bearer = as_role(role)
    detail = page.get(f"/deliveries/{message_id}").get_data(as_text=True)
    dead = page.get("/dead-letters").get_data(as_text=True)
    resend = f"/deliveries/{message_id}/resend"
    offered = resend in detail, resend in dead
    answer = page.post(resend, data={"csrf_token": csrf_of(detail)})
    if role in RESENDERS:
        assert offered == (True, True)
        assert answer.status_code == 302 and status_of(notifier, message_id) != DEAD
    else:
        assert offered == (False, False)
        assert answer.status_code == 403 and status_of(notifier, message_id) == DEAD
        assert "Anda tidak memiliki akses untuk tindakan ini." in answer.get_data(as_text=True)
        api = notifier.test_client().post(f"/api/v1{resend}", headers=bearer)
        assert api.status_code == 403 and status_of(notifier, message_id) == DEAD



def test_a_resend_goes_back_to_the_page_it_came_from_and_never_off_the_platform(notifier,
                                                                                as_role):
    message_id = dead_message(notifier)
    page, _ = as_role(REGISTRY_OFFICER)
    dead = page.get("/dead-letters").get_data(as_text=True)
    resend = f"/deliveries/{message_id}/resend"
    back = page.post(resend, data={"csrf_token": csrf_of(dead), "next": "/dead-letters"})
    assert back.status_code == 302 and back.headers["Location"] == "/dead-letters"
    for elsewhere in ("https://phish.example.com/login", "//phish.example.com/x"):
        away = page.post(resend, data={"csrf_token": csrf_of(dead), "next": elsewhere})
        assert away.status_code == 302
        assert away.headers["Location"] == f"/deliveries/{message_id}"

def choices_of(notifier, umkm_id: str) -> dict:
    from services.notifier.usecases import consent

    n = notifier.extensions["notifier"]
    prefs = consent.owner_preferences(n.uow, n.directory, umkm_id, n.registry)
    return {(c["channel"], c["category"]): c["allowed"] for c in prefs["choices"]}


@pytest.mark.parametrize("role", ROLES)
def test_an_owners_preferences_are_changed_only_by_registry_officers(role, notifier, as_role):
    kind = CATALOGUE.get("umkm.registered")
    umkm_id = kind.example["umkm_id"]
    notifier.extensions["notifier"].runtime.consumer.handle(
        make_envelope(kind, dict(kind.example), utcnow()))
    page, _bearer = as_role(role)
    shown = page.get(f"/preferences/{umkm_id}").get_data(as_text=True)
    before = choices_of(notifier, umkm_id)
    # every box left unticked: every channel refused, if the form is accepted
    answer = page.post(f"/preferences/{umkm_id}", data={"csrf_token": csrf_of(shown)})
    if role in (ADMIN, REGISTRY_OFFICER):
        assert '<form method="post" class="card">' in shown and " disabled>" not in shown
        assert answer.status_code == 302 and choices_of(notifier, umkm_id) != before
    else:
        assert '<form method="post" class="card">' not in shown
        assert 'data-testid="read-only"' in shown
        assert "Simpan" not in shown
        assert answer.status_code == 403 and choices_of(notifier, umkm_id) == before


@pytest.mark.parametrize("role", ROLES)
def test_message_templates_are_changed_only_by_an_admin(role, notifier, as_role):
    page, bearer = as_role(role)
    url = "/templates/umkm.verified/id"
    shown = page.get(url).get_data(as_text=True)
    edited = {"subject": "Usaha Anda terverifikasi", "email": "Halo {{ owner_name }}",
              "sms": "Halo {{ owner_name }}", "whatsapp": "", "csrf_token": csrf_of(shown)}
    answer = page.post(url, data=edited)
    api = notifier.test_client().put(f"/api/v1{url}", headers=bearer,
                                     json={"parts": {"sms.txt": "Halo {{ owner_name }}"}})
    history = notifier.test_client().get(f"/api/v1{url}", headers=bearer).json["history"]
    if role == ADMIN:
        assert "Simpan versi baru" in shown and "readonly" not in shown
        assert answer.status_code == 302 and api.status_code == 200 and history
    else:
        assert "Simpan versi baru" not in shown and 'data-testid="read-only"' in shown
        assert shown.count("readonly") == 4  # the four parts, still previewed
        assert answer.status_code == 403 and api.status_code == 403 and history == []
