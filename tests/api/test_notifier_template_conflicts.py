"""Two admins change one message template at once: the part one of them did not touch keeps
the colleague's new version; the same part changed by both is refused beside it, and saving
again keeps what was typed. The API gives an ETag and honours If-Match."""

import pytest

from services.registry.usecases.staff import create_staff
from tests.support.page_forms import form_values
from tests.support.sessions import ROLE_PASSWORD, sign_in

URL = "/templates/umkm.verified/id"
API = "/api/v1/templates/umkm.verified/id"


@pytest.fixture
def two_admins(app, service_app):
    """The notifier and two admins signed in to it, each with a browser of their own."""
    from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD

    notifier = service_app("notifier")
    create_staff(app.extensions["registry"].uow, "admin.b@metro.example.id", "Admin B",
                 ROLE_PASSWORD, ["admin"])
    return (notifier, sign_in(app, notifier.test_client(), ADMIN_EMAIL, ADMIN_PASSWORD),
            sign_in(app, notifier.test_client(), "admin.b@metro.example.id", ROLE_PASSWORD))


def _open(browser) -> dict:
    page = browser.get(URL)
    assert page.status_code == 200
    return form_values(page.get_data(as_text=True), "template-form")


def _parts(notifier) -> dict:
    from services.notifier.usecases.templates import current

    found = current(notifier.extensions["notifier"].uow,
                    notifier.extensions["notifier"].composer.templates, "umkm.verified", "id")
    return found["parts"]


def test_parts_changed_by_two_admins_at_once_are_both_kept(two_admins):
    notifier, first, second = two_admins
    form_a, form_b = _open(first), _open(second)
    assert first.post(URL, data={**form_a, "sms": "SMS baru {{ business_name }}"}
                      ).status_code == 302
    assert second.post(URL, data={**form_b, "subject": "Subjek baru {{ business_name }}"}
                       ).status_code == 302
    parts = _parts(notifier)
    assert parts["sms.txt"] == "SMS baru {{ business_name }}"
    assert parts["subject.txt"] == "Subjek baru {{ business_name }}"


def test_the_same_part_changed_by_both_is_refused_then_saved_on_a_second_try(two_admins):
    notifier, first, second = two_admins
    form_a, form_b = _open(first), _open(second)
    assert first.post(URL, data={**form_a, "sms": "Versi A {{ business_name }}"}
                      ).status_code == 302
    refused = second.post(URL, data={**form_b, "sms": "Versi B {{ business_name }}"})
    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    assert "Bagian ini sudah disimpan orang lain" in html
    assert "admin@" in html and "menyimpan versi baru templat ini" in html
    assert _parts(notifier)["sms.txt"] == "Versi A {{ business_name }}"
    again = form_values(html, "template-form")
    assert again["sms"] == "Versi B {{ business_name }}"
    assert second.post(URL, data=again).status_code == 302
    assert _parts(notifier)["sms.txt"] == "Versi B {{ business_name }}"


def test_the_api_refuses_a_change_to_a_template_changed_since_it_was_read(two_admins, auth):
    notifier, _, _ = two_admins
    api = notifier.test_client()
    etag = api.get(API, headers=auth).headers["ETag"]
    saved = api.put(API, json={"parts": {"sms.txt": "Satu {{ business_name }}"}},
                    headers={**auth, "If-Match": etag})
    assert saved.status_code == 200, saved.json
    assert saved.headers["ETag"] != etag
    stale = api.put(API, json={"parts": {"sms.txt": "Dua {{ business_name }}"}},
                    headers={**auth, "If-Match": etag})
    assert stale.status_code == 412 and stale.json["error"]["code"] == "precondition_failed"
    assert _parts(notifier)["sms.txt"] == "Satu {{ business_name }}"
    assert api.put(API, json={"parts": {"sms.txt": "Tiga {{ business_name }}"}},
                   headers=auth).status_code == 200
