"""What each staff role may do on the bazaar's pages: bazaar coordinators and admins change;
every other role reads, and each form the pages post to refuses them with a 403, never a
redirect that silently changes nothing."""

from __future__ import annotations

import re

import pytest

from services.kernel.clock import today_wib
from services.kernel.identity import ADMIN, BAZAAR_COORDINATOR
from tests.support.bazaar_world import BazaarWorld
from tests.support.sessions import EVERY_ROLE, ROLE_PASSWORD, csrf_of, sign_in, staff_with_role

MAY = {ADMIN, BAZAAR_COORDINATOR}
REFUSED = "Anda tidak memiliki akses untuk tindakan ini."
NO_ACCOUNT = {"bazaar_web.owner_sales_report"}  # the owner's signed link, by design


@pytest.fixture
def bazaar_app(service_app):
    return service_app("bazaar")


def signed_in(app, bazaar_app, auth, role: str) -> BazaarWorld:
    world = BazaarWorld(bazaar_app, auth)
    sign_in(app, world.client, staff_with_role(app, role), ROLE_PASSWORD)
    return world


def _market_with_vendor(admin: BazaarWorld) -> tuple[dict, str]:
    market = admin.client.post("/api/v1/markets", headers=admin.auth, json={
        "name": "Pasar Segar", "venue": "Jalan Ahmad Yani", "rule": "FREQ=DAILY",
        "first_date": today_wib().isoformat(), "starts_time": "06:00", "ends_time": "10:00",
        "spots": 3}).json
    umkm_id = admin.umkm()
    added = admin.client.post(f"/api/v1/markets/{market['id']}/vendors", headers=admin.auth,
                              json={"umkm_id": umkm_id, "joined_on": today_wib().isoformat()})
    assert added.status_code == 201, added.json
    return market, umkm_id


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_attendance_is_marked_by_coordinators_and_refused_to_other_staff(role, app, auth,
                                                                         bazaar_app):
    admin = BazaarWorld(bazaar_app, auth)
    market, vendor = _market_with_vendor(admin)
    bazaar = admin.bazaar()
    application = admin.apply(bazaar["id"], admin.umkm()).json
    admin.allocate(bazaar["id"])
    someone = signed_in(app, bazaar_app, auth, role)
    today = today_wib().isoformat()
    day_url = f"/pasar/{market['id']}/hari/{today}"
    token = csrf_of(someone.client.get(day_url).get_data(as_text=True))

    on_market = someone.client.post(f"{day_url}/{vendor}/hadir", data={"csrf_token": token})
    at_bazaar = someone.client.post(
        f"/bazaars/{bazaar['id']}/applications/{application['id']}/hadir",
        data={"csrf_token": token})

    day = admin.client.get(f"/api/v1/markets/{market['id']}/days/{today}",
                           headers=auth).json
    [listed] = [a for a in admin.client.get(f"/api/v1/bazaars/{bazaar['id']}/applications",
                                            headers=auth).json["items"]
                if a["id"] == application["id"]]
    if role in MAY:
        assert (on_market.status_code, at_bazaar.status_code) == (302, 302)
        assert (day["present"], listed["status"]) == (1, "checked_in")
    else:
        assert (on_market.status_code, at_bazaar.status_code) == (403, 403)
        assert REFUSED in on_market.get_data(as_text=True)
        assert REFUSED in at_bazaar.get_data(as_text=True)
        assert (day["present"], day["absent"], listed["status"]) == (0, 0, "allocated")


def _posted_forms(bazaar_app) -> list[str]:
    """Every address a bazaar page posts to, its ids filled in (the refusal comes first)."""
    rules = [r for r in bazaar_app.url_map.iter_rules()
             if r.endpoint.startswith("bazaar_web.") and "POST" in r.methods
             and r.endpoint not in NO_ACCOUNT]
    return [re.sub(r"<(?:any\((\w+)[^>]*|[^>]*)>", lambda m: m.group(1) or "x", r.rule)
            for r in rules]


@pytest.mark.parametrize("role", sorted(set(EVERY_ROLE) - MAY))
def test_every_bazaar_form_refuses_staff_who_do_not_coordinate(role, app, auth, bazaar_app):
    forms = _posted_forms(bazaar_app)
    assert {"/pasar/x/hari/x/x/hadir", "/bazaars/x/applications/x/hadir",
            "/penempatan/x/status/x", "/batik/pesanan/x/pengiriman"} <= set(forms)
    someone = signed_in(app, bazaar_app, auth, role)
    token = csrf_of(someone.client.get("/pasar").get_data(as_text=True))
    answers = {url: someone.client.post(url, data={"csrf_token": token}).status_code
               for url in forms}
    assert answers == dict.fromkeys(forms, 403)
