"""The status workflow: reject with a reason, deactivate, reactivate; history, events, roles."""

import pytest
from sqlalchemy import select

from services.kernel.identity import VIEWER
from services.registry.models import MESSAGING, AuditEntry
from tests.api.test_registry_pages import login, token_of
from tests.support.factories import registration


def register(client, auth, **overrides) -> str:
    response = client.post("/api/v1/umkm", json=registration(**overrides), headers=auth)
    assert response.status_code == 201, response.json
    return response.json["id"]


def events(app, kind: str) -> list[dict]:
    with app.extensions["registry"].uow(readonly=True) as uow:
        rows = uow.session.execute(
            select(MESSAGING.outbox_event).where(MESSAGING.outbox_event.c.type == kind)
        ).mappings().all()
    return [dict(row["payload"]) for row in rows]


def test_reject_needs_a_reason_and_writes_nothing_without_one(app, client, auth):
    umkm_id = register(client, auth)
    for body in ({}, {"reason": "   "}, {"reason": None}):
        response = client.post(f"/api/v1/umkm/{umkm_id}/reject", json=body, headers=auth)
        assert response.status_code == 422, body
        assert set(response.json["error"]["fields"]) == {"reason"}
    too_long = client.post(f"/api/v1/umkm/{umkm_id}/reject", json={"reason": "x" * 501},
                           headers=auth)
    assert too_long.status_code == 422 and "reason" in too_long.json["error"]["fields"]
    unknown = client.post(f"/api/v1/umkm/{umkm_id}/reject", json={"alasan": "x"}, headers=auth)
    assert unknown.status_code == 422 and "alasan" in unknown.json["error"]["fields"]
    assert client.get(f"/api/v1/umkm/{umkm_id}", headers=auth).json["status"] == "pending"
    assert events(app, "umkm.rejected") == []


def test_reject_keeps_the_reason_in_history_event_and_audit(app, client, auth):
    umkm_id = register(client, auth)
    reason = "Alamat usaha tidak ditemukan saat verifikasi lapangan"
    response = client.post(f"/api/v1/umkm/{umkm_id}/reject", json={"reason": reason},
                           headers=auth)
    assert response.status_code == 200, response.json
    assert (response.json["status"], response.json["status_reason"]) == ("rejected", reason)
    detail = client.get(f"/api/v1/umkm/{umkm_id}", headers=auth).json
    assert [(h["from_status"], h["to_status"], h["reason"]) for h in detail["history"]] == [
        (None, "pending", None), ("pending", "rejected", reason)]
    [payload] = events(app, "umkm.rejected")
    assert (payload["umkm_id"], payload["status"], payload["reason"]) == (
        umkm_id, "rejected", reason)
    assert "nik" not in payload
    with app.extensions["registry"].uow(readonly=True) as uow:
        actions = uow.session.execute(select(AuditEntry.action).where(
            AuditEntry.target_id == umkm_id)).scalars().all()
    assert "umkm.reject" in actions
    # A rejected registration can be verified once its data is corrected; not rejected twice.
    again = client.post(f"/api/v1/umkm/{umkm_id}/reject", json={"reason": "lagi"}, headers=auth)
    assert again.status_code == 409
    assert client.post(f"/api/v1/umkm/{umkm_id}/verify", headers=auth).json["status"] == \
        "verified"


def test_deactivate_and_reactivate_return_to_the_earlier_status(app, client, auth):
    verified_id, pending_id = register(client, auth), register(client, auth)
    client.post(f"/api/v1/umkm/{verified_id}/verify", headers=auth)
    for umkm_id in (verified_id, pending_id):
        response = client.post(f"/api/v1/umkm/{umkm_id}/deactivate", json={}, headers=auth)
        assert response.status_code == 200 and response.json["status"] == "inactive"
    twice = client.post(f"/api/v1/umkm/{verified_id}/deactivate", json={"reason": "tutup"},
                        headers=auth)
    assert twice.status_code == 409
    assert {p["umkm_id"]: p["reason"] for p in events(app, "umkm.deactivated")} == {
        verified_id: None, pending_id: None}
    back = {umkm_id: client.post(f"/api/v1/umkm/{umkm_id}/reactivate", headers=auth).json
            for umkm_id in (verified_id, pending_id)}
    assert back[verified_id]["status"] == "verified" and back[pending_id]["status"] == "pending"
    updated = events(app, "umkm.updated")
    assert sorted((p["umkm_id"], p["status"], tuple(p["changed"])) for p in updated) == sorted(
        [(verified_id, "verified", ("status",)), (pending_id, "pending", ("status",))])
    not_inactive = client.post(f"/api/v1/umkm/{verified_id}/reactivate", headers=auth)
    assert not_inactive.status_code == 409


@pytest.mark.parametrize("action", ["reject", "deactivate", "reactivate"])
def test_only_registry_officers_change_status(client, auth, staff_token, action):
    umkm_id = register(client, auth)
    response = client.post(f"/api/v1/umkm/{umkm_id}/{action}", json={"reason": "x"},
                           headers=staff_token(VIEWER))
    assert response.status_code == 403
    missing = client.post(f"/api/v1/umkm/00000000-0000-0000-0000-000000000000/{action}",
                          json={"reason": "x"}, headers=auth)
    assert missing.status_code == 404


def test_reject_form_shows_the_error_beside_the_reason(client, auth):
    umkm_id = register(client, auth)
    login(client)
    page = client.get(f"/umkm/{umkm_id}").get_data(as_text=True)
    assert 'data-testid="status-reject"' in page and 'data-testid="status-reactivate"' not in page
    bad = client.post(f"/umkm/{umkm_id}/status/reject",
                      data={"reason": "", "csrf_token": token_of(page)})
    assert bad.status_code == 422
    html = bad.get_data(as_text=True)
    assert 'data-field="reason"' in html and "Alasan penolakan wajib diisi." in html
    good = client.post(f"/umkm/{umkm_id}/status/reject",
                       data={"reason": "NIB palsu", "csrf_token": token_of(html)},
                       follow_redirects=True)
    shown = good.get_data(as_text=True)
    assert good.status_code == 200 and "NIB palsu" in shown and 'data-status="rejected" ' \
        'data-testid="umkm-status">Ditolak' in shown.replace("\n", "")
    deactivated = client.post(f"/umkm/{umkm_id}/status/deactivate",
                              data={"reason": "Usaha tutup", "csrf_token": token_of(shown)},
                              follow_redirects=True).get_data(as_text=True)
    assert 'data-testid="status-reactivate"' in deactivated
    assert client.get(f"/api/v1/umkm/{umkm_id}", headers=auth).json["status"] == "inactive"


def test_a_refused_change_names_the_status_in_the_readers_words(client, auth):
    umkm_id = register(client, auth)
    assert client.post(f"/api/v1/umkm/{umkm_id}/verify", headers=auth).status_code == 200
    body = {"reason": "Data usaha tidak sesuai dengan kunjungan lapangan."}
    refused = client.post(f"/api/v1/umkm/{umkm_id}/reject", json=body, headers=auth)
    assert refused.status_code in (409, 422)
    assert "ditolak (status: terverifikasi)" in str(refused.json["error"])
    english = client.post(f"/api/v1/umkm/{umkm_id}/reject", json=body,
                          headers={**auth, "Accept-Language": "en"})
    assert "can be rejected (status: verified)" in str(english.json["error"])
