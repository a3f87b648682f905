"""Two admins change one staff account at once: what one of them did not touch keeps the
other's change; the same field changed by both is refused beside it, naming what is stored
now, and saving again keeps what was chosen."""

import pytest

from services.registry.usecases.staff import create_staff
from tests.support.page_forms import form_values
from tests.support.sessions import ROLE_PASSWORD, sign_in


@pytest.fixture
def two_admins(app):
    from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD

    uow = app.extensions["registry"].uow
    create_staff(uow, "admin.b@metro.example.id", "Admin B", ROLE_PASSWORD, ["admin"])
    clerk = create_staff(uow, "petugas@metro.example.id", "Petugas", ROLE_PASSWORD,
                         ["registry_officer"])
    return (f"/staff/{clerk.id}", sign_in(app, app.test_client(), ADMIN_EMAIL, ADMIN_PASSWORD),
            sign_in(app, app.test_client(), "admin.b@metro.example.id", ROLE_PASSWORD))


def _open(browser, url: str) -> dict:
    return form_values(browser.get(url).get_data(as_text=True), "staff-edit-form")


def _account(app, url: str) -> dict:
    from services.registry.usecases.staff_admin import get_account

    return get_account(app.extensions["registry"].uow, url.rsplit("/", 1)[1])


def test_an_area_and_a_role_changed_at_once_are_both_kept(app, two_admins):
    url, first, second = two_admins
    form_a, form_b = _open(first, url), _open(second, url)
    assert form_a["roles"] == ["registry_officer"] and form_a["shown"].startswith("{")
    assert first.post(url, data={**form_a, "roles": ["registry_officer", "bazaar_coordinator"]}
                      ).status_code == 302
    assert second.post(url, data={**form_b, "kecamatan": ["Metro Pusat"]}).status_code == 302
    account = _account(app, url)
    assert (account["roles"], account["kecamatan"]) == (
        ["bazaar_coordinator", "registry_officer"], ["Metro Pusat"])


def test_roles_changed_by_both_are_refused_then_saved_on_a_second_try(app, two_admins):
    url, first, second = two_admins
    form_a, form_b = _open(first, url), _open(second, url)
    assert first.post(url, data={**form_a, "roles": ["registry_officer", "bazaar_coordinator"]}
                      ).status_code == 302
    refused = second.post(url, data={**form_b, "roles": ["field_officer"]})
    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    assert ("Peran akun ini sudah diubah admin lain menjadi: Koordinator bazar, "
            "Petugas pendataan UMKM.") in html
    assert _account(app, url)["roles"] == ["bazaar_coordinator", "registry_officer"]
    again = form_values(html, "staff-edit-form")
    assert again["roles"] == ["field_officer"]  # what was chosen stays chosen
    assert second.post(url, data=again).status_code == 302
    assert _account(app, url)["roles"] == ["field_officer"]
