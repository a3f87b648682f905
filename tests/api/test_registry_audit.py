"""The audit log as admins read it: who did what to which record, filtered, newest first."""

from datetime import timedelta

from services.kernel.clock import today_wib
from services.kernel.identity import REGISTRY_OFFICER
from tests.api.test_registry_pages import login
from tests.api.test_registry_status import register


def test_creating_verifying_exporting_and_seeing_a_nik_are_all_there(client, auth):
    umkm_id = register(client, auth)
    client.post(f"/api/v1/umkm/{umkm_id}/verify", headers=auth)
    client.get(f"/api/v1/umkm/{umkm_id}/nik", headers=auth)
    client.get("/api/v1/umkm/export.csv", headers=auth)
    log = client.get("/api/v1/audit", headers=auth).json
    actions = [e["action"] for e in log["items"]]
    assert actions[:4] == ["umkm.export", "nik.view", "umkm.verify", "umkm.create"]
    assert all(e["actor"] == log["items"][0]["actor"] for e in log["items"][:4])
    about = client.get(f"/api/v1/audit?target_id={umkm_id}", headers=auth).json
    assert [e["action"] for e in about["items"]] == ["umkm.verify", "umkm.create"]
    nik = client.get("/api/v1/audit?action=nik.view", headers=auth).json["items"]
    assert [e["detail"]["business_id"] for e in nik] == [umkm_id]


def test_filters_by_person_and_days(client, auth, staff_token):
    officer = staff_token(REGISTRY_OFFICER)
    register(client, officer)
    register(client, auth)
    mine = client.get("/api/v1/audit?actor=registry_officer&action=umkm.create",
                      headers=auth).json
    assert mine["total"] == 1
    today = today_wib()
    assert client.get(f"/api/v1/audit?since={today}&until={today}&action=umkm.create",
                      headers=auth).json["total"] == 2
    tomorrow = today + timedelta(days=1)
    assert client.get(f"/api/v1/audit?since={tomorrow}", headers=auth).json["total"] == 0


def test_bad_filters_and_other_roles_are_refused(client, auth, staff_token):
    bad = client.get("/api/v1/audit?action=umkm.steal&since=kemarin", headers=auth)
    assert bad.status_code == 422 and {"action", "since"} <= set(bad.json["error"]["fields"])
    backwards = client.get("/api/v1/audit?since=2026-11-29&until=2026-11-01", headers=auth)
    assert backwards.status_code == 422 and "until" in backwards.json["error"]["fields"]
    assert client.get("/api/v1/audit",
                      headers=staff_token(REGISTRY_OFFICER)).status_code == 403


def test_the_page_lists_and_shows_errors_beside_the_filters(client, auth):
    umkm_id = register(client, auth)
    login(client)
    page = client.get("/audit?action=umkm.create").get_data(as_text=True)
    assert "umkm.create" in page and f"/umkm/{umkm_id}" in page
    bad = client.get("/audit?since=2026-11-29&until=2026-11-01")
    assert bad.status_code == 422 and 'data-testid="until-error"' in bad.get_data(as_text=True)
