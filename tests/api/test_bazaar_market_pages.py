"""Recurring-market staff pages: add a market with errors beside the fields, the roster,
excluded dates and attendance on a market day; viewers read only."""

import re
from datetime import timedelta

import pytest

from services.kernel.clock import today_wib
from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.support.bazaar_world import BazaarWorld
from tests.support.sessions import sign_in


def token_of(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def signed_in(app, world, email, password):
    sign_in(app, world.client, email, password)
    return world


@pytest.fixture
def world(app, auth, service_app):
    return signed_in(app, BazaarWorld(service_app("bazaar"), auth), ADMIN_EMAIL, ADMIN_PASSWORD)


def test_add_a_market_roster_exclusion_and_attendance_through_the_pages(world):
    form = world.client.get("/pasar/baru")
    assert form.status_code == 200
    html = form.get_data(as_text=True)
    assert 'id="rule-examples"' in html
    fields = {"name": "Pasar Segar", "venue": "Jalan Ahmad Yani", "rule": "FREQ=HOURLY",
              "first_date": today_wib().isoformat(), "starts_time": "07:00",
              "ends_time": "06:00", "spots": "1", "csrf_token": token_of(html)}
    bad = world.client.post("/pasar/baru", data=fields)
    assert bad.status_code == 422
    html = bad.get_data(as_text=True)
    assert 'data-field="rule"' in html and 'data-field="ends_time"' in html
    assert "FREQ wajib" in html
    empty = world.client.post("/pasar/baru", data={"csrf_token": token_of(html)})
    assert empty.status_code == 422
    assert {"name", "venue", "rule", "first_date", "starts_time", "ends_time", "spots"} <= set(
        re.findall(r'data-field="([a-z_]+)"', empty.get_data(as_text=True)))
    created = world.client.post("/pasar/baru", data=fields | {
        "rule": "FREQ=DAILY", "ends_time": "10:00", "csrf_token": token_of(html)})
    assert created.status_code == 302
    detail_url = created.headers["Location"]
    a, b = world.umkm(), world.umkm()
    detail = world.client.get(detail_url).get_data(as_text=True)
    assert a in detail and 'data-testid="market-days"' in detail
    no_umkm = world.client.post(detail_url + "/pedagang", data={
        "umkm_id": "", "csrf_token": token_of(detail)})
    assert no_umkm.status_code == 422 and 'data-field="umkm_id"' in no_umkm.get_data(
        as_text=True)
    for umkm in (a, b):
        added = world.client.post(detail_url + "/pedagang", data={
            "umkm_id": umkm, "csrf_token": token_of(detail)}, follow_redirects=True)
        assert "masuk daftar pedagang" in added.get_data(as_text=True)
    tomorrow = (today_wib() + timedelta(days=1)).isoformat()
    no_reason = world.client.post(detail_url + "/pengecualian", data={
        "date": tomorrow, "reason": "", "csrf_token": token_of(detail)})
    assert no_reason.status_code == 422
    assert 'data-field="reason"' in no_reason.get_data(as_text=True)
    excluded = world.client.post(detail_url + "/pengecualian", data={
        "date": tomorrow, "reason": "Hari Raya", "csrf_token": token_of(detail)},
        follow_redirects=True).get_data(as_text=True)
    assert "Hari Raya" in excluded and 'data-testid="excluded"' in excluded
    day_url = f"{detail_url}/hari/{today_wib().isoformat()}"
    day = world.client.get(day_url).get_data(as_text=True)
    assert 'data-testid="mark-hadir"' in day and "belum dicatat" in day
    marked = world.client.post(f"{day_url}/{a}/hadir", data={"csrf_token": token_of(day)},
                               follow_redirects=True).get_data(as_text=True)
    assert 'data-testid="present-count">1<' in marked
    refused = world.client.post(f"{day_url}/{b}/hadir", data={"csrf_token": token_of(day)},
                                follow_redirects=True).get_data(as_text=True)
    assert "tidak bertugas" in refused
    edit = world.client.get(detail_url + "/ubah").get_data(as_text=True)
    assert 'value="FREQ=DAILY"' in edit
    changed = world.client.post(detail_url + "/ubah", data=fields | {
        "rule": "FREQ=DAILY", "ends_time": "10:00", "spots": "2",
        "csrf_token": token_of(edit)}, follow_redirects=True).get_data(as_text=True)
    assert "Pasar diperbarui" in changed
    listing = world.client.get("/pasar").get_data(as_text=True)
    assert "Pasar Segar" in listing and 'data-testid="market-table"' in listing
    assert world.client.get(detail_url + "/hari/bukan-tanggal").status_code == 404


def test_viewers_read_but_do_not_change(app, world, service_app):
    from services.kernel.identity import VIEWER
    from services.registry.usecases.staff import create_staff

    market = world.client.post("/api/v1/markets", headers=world.auth, json={
        "name": "Payungi", "venue": "Yosomulyo", "rule": "FREQ=WEEKLY;BYDAY=SU",
        "first_date": "2026-01-04", "starts_time": "06:00", "ends_time": "10:00",
        "spots": 3}).json
    create_staff(app.extensions["registry"].uow, "lihat@example.id", "Pemirsa",
                 "kata-sandi-uji-123", [VIEWER])
    viewer = signed_in(app, BazaarWorld(world.app, world.auth), "lihat@example.id",
                       "kata-sandi-uji-123")
    page = viewer.client.get(f"/pasar/{market['id']}").get_data(as_text=True)
    assert "Payungi" in page and 'data-testid="vendor-form"' not in page
    assert viewer.client.get("/pasar/baru").status_code == 403
    assert viewer.client.post(f"/pasar/{market['id']}/pedagang", data={
        "umkm_id": world.umkm(), "csrf_token": token_of(page)}).status_code == 403


def test_pages_and_messages_in_english(world):
    world.client.get("/lang/en")
    page = world.client.get("/pasar/baru").get_data(as_text=True)
    assert "Recurrence rule (RRULE)" in page and "Add a market" in page
    bad = world.client.post("/pasar/baru", data={"rule": "FREQ=HOURLY",
                                                 "csrf_token": token_of(page)})
    assert "FREQ must be one of DAILY" in bad.get_data(as_text=True)
    report = world.client.get("/batik").get_data(as_text=True)
    assert "Friday local batik" in report and "Local batik bought per office" in report
    api = world.client.post("/api/v1/markets", headers=world.auth | {"Accept-Language": "en"},
                            json={"rule": "FREQ=WEEKLY;BYHOUR=6"})
    assert "start and end time" in api.json["error"]["fields"]["rule"]
