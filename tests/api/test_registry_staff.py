"""Staff accounts: admins create, change roles and areas, deactivate, reset (which unlocks);
everyone changes their own password; lock-out after repeated failures."""

from sqlalchemy import select

from services.kernel.identity import VIEWER
from services.registry.models import AuditEntry
from tests.api.test_registry_pages import login, token_of


def new_staff(client, auth, **overrides):
    body = {"email": "petugas.baru@diskoperin.metrokota.go.id", "name": "Petugas Baru",
            "password": "kata-sandi-baru-1", "roles": ["registry_officer"],
            "kecamatan": ["Metro Pusat"]} | overrides
    return client.post("/api/v1/staff", json=body, headers=auth)


def token_for(client, email, password):
    return client.post("/api/v1/auth/token", json={"email": email, "password": password})


def test_admin_creates_updates_and_resets_accounts(app, client, auth):
    created = new_staff(client, auth)
    assert created.status_code == 201, created.json
    staff_id = created.json["id"]
    assert created.json["roles"] == ["registry_officer"] and "password" not in created.json
    assert new_staff(client, auth).status_code == 409
    bad = new_staff(client, auth, email="bukan-email", password="pendek", roles=["raja"])
    assert bad.status_code == 422
    assert {"email", "password"} <= {k.split(".")[0] for k in bad.json["error"]["fields"]}
    updated = client.patch(f"/api/v1/staff/{staff_id}", headers=auth, json={
        "roles": ["field_officer"], "kecamatan": ["Metro Timur"], "active": True})
    assert updated.json["roles"] == ["field_officer"] and updated.json["kecamatan"] == [
        "Metro Timur"]
    assert client.patch(f"/api/v1/staff/{staff_id}", headers=auth, json={
        "roles": ["field_officer"], "kecamatan": ["Bandung"], "active": True}).status_code == 422
    off = client.patch(f"/api/v1/staff/{staff_id}", headers=auth, json={
        "roles": ["field_officer"], "active": False})
    assert off.json["active"] is False
    assert token_for(client, "petugas.baru@diskoperin.metrokota.go.id",
                     "kata-sandi-baru-1").status_code == 401
    with app.extensions["registry"].uow(readonly=True) as uow:
        actions = uow.session.execute(select(AuditEntry.action).where(
            AuditEntry.target_id == staff_id)).scalars().all()
    assert {"staff.create", "staff.update"} <= set(actions)


def test_lock_out_after_five_failures_and_a_reset_lifts_it(client, auth):
    staff_id = new_staff(client, auth).json["id"]
    email = "petugas.baru@diskoperin.metrokota.go.id"
    for _ in range(5):
        assert token_for(client, email, "salah-salah-salah").status_code == 401
    locked = token_for(client, email, "kata-sandi-baru-1")
    assert locked.status_code == 403 and locked.json["error"]["code"] == "account_locked"
    listed = {a["id"]: a for a in client.get("/api/v1/staff", headers=auth).json["items"]}
    assert listed[staff_id]["locked_until"] is not None
    short = client.post(f"/api/v1/staff/{staff_id}/password", json={"password": "x"},
                        headers=auth)
    assert short.status_code == 422 and "password" in short.json["error"]["fields"]
    reset = client.post(f"/api/v1/staff/{staff_id}/password",
                        json={"password": "kata-sandi-reset-1"}, headers=auth)
    assert reset.status_code == 200 and reset.json["locked_until"] is None
    assert token_for(client, email, "kata-sandi-reset-1").status_code == 200


def test_everyone_changes_their_own_password_and_only_admins_manage(client, auth,
                                                                    staff_token):
    new_staff(client, auth)
    email = "petugas.baru@diskoperin.metrokota.go.id"
    mine = {"Authorization": "Bearer " + token_for(client, email, "kata-sandi-baru-1")
            .json["access_token"]}
    wrong = client.post("/api/v1/me/password", headers=mine, json={
        "current_password": "salah", "new_password": "pendek"})
    assert wrong.status_code == 422
    assert set(wrong.json["error"]["fields"]) == {"current_password", "new_password"}
    done = client.post("/api/v1/me/password", headers=mine, json={
        "current_password": "kata-sandi-baru-1", "new_password": "kata-sandi-lain-22"})
    assert done.status_code == 204
    assert token_for(client, email, "kata-sandi-lain-22").status_code == 200
    viewer = staff_token(VIEWER)
    assert client.get("/api/v1/staff", headers=viewer).status_code == 403
    assert new_staff(client, viewer, email="x@y.id").status_code == 403


def test_staff_pages_show_errors_beside_fields(client, auth):
    login(client)
    page = client.get("/staff").get_data(as_text=True)
    assert 'data-testid="staff-table"' in page
    bad = client.post("/staff", data={"email": "a@b.id", "name": "A", "password": "pendek",
                                      "roles": ["viewer"], "csrf_token": token_of(page)})
    assert bad.status_code == 422 and 'data-field="password"' in bad.get_data(as_text=True)
    made = client.post("/staff", data={
        "email": "lapangan@diskoperin.metrokota.go.id", "name": "Petugas Lapangan",
        "password": "kata-sandi-panjang-9", "roles": ["field_officer"],
        "kecamatan": ["Metro Barat"], "csrf_token": token_of(page)}, follow_redirects=True)
    assert made.status_code == 200 and "lapangan@diskoperin.metrokota.go.id" in made.get_data(
        as_text=True)
    own = client.get("/account/password").get_data(as_text=True)
    wrong = client.post("/account/password", data={
        "current_password": "salah", "new_password": "kata-sandi-baru-99",
        "csrf_token": token_of(own)})
    assert wrong.status_code == 422 and 'data-field="current_password"' in wrong.get_data(
        as_text=True)


def test_a_new_account_needs_a_real_email_and_a_name_that_fits(any_app):
    """Checked by the use case, so the form (which has no length rule of its own) gets them on
    PostgreSQL too, where a name longer than the column would be refused by the database."""
    _, client = any_app
    login(client)
    page = client.get("/staff").get_data(as_text=True)
    assert "Petugas pendataan UMKM" in page and ">registry_officer<" not in page
    bad = client.post("/staff", data={
        "email": "bukan-email@@", "name": "N" * 5000, "password": "kata-sandi-panjang-9",
        "roles": ["viewer"], "csrf_token": token_of(page)})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422
    assert 'data-field="email">Alamat email tidak valid.' in html
    assert 'data-field="name">Nama 2 sampai 120 karakter.' in html
    assert "bukan-email@@" in html  # what was typed stays
    made = client.post("/staff", data={
        "email": "Pendata@Diskoperin.Metrokota.go.id", "name": "  Sri   Wahyuni ",
        "password": "kata-sandi-panjang-9", "roles": ["registry_officer", "viewer"],
        "csrf_token": token_of(page)}, follow_redirects=True).get_data(as_text=True)
    assert "Akun pendata@diskoperin.metrokota.go.id dibuat." in made
    assert "Sri Wahyuni" in made
    assert "Petugas pendataan UMKM, Pemantau (hanya melihat)" in made


def test_every_role_has_a_staff_word():
    from services.kernel.identity import ROLES
    from services.registry.web.labels import ROLE_LABELS

    assert set(ROLE_LABELS) == set(ROLES)
