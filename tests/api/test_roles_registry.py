"""What each staff role is offered on the registry's pages: a link or button only to staff
whose use of it is accepted."""

from __future__ import annotations

import pytest

from services.kernel.identity import (
    ADMIN,
    REGISTRY_OFFICER,
)
from tests.support.factories import registration
from tests.support.sessions import (
    EVERY_ROLE,
    ROLE_PASSWORD,
    csrf_of,
    sign_in,
    staff_with_role,
)

ROLES = EVERY_ROLE
KEEPERS = {ADMIN, REGISTRY_OFFICER}


@pytest.fixture
def signed_in(app):
    def make(role: str):
        return sign_in(app, app.test_client(), staff_with_role(app, role), ROLE_PASSWORD)

    return make


@pytest.mark.parametrize("role", ROLES)
def test_registering_and_importing_umkm_are_offered_only_to_registry_officers(role, signed_in):
    client = signed_in(role)
    listing = client.get("/umkm").get_data(as_text=True)
    offered = {path: f'href="/umkm/{path}"' in listing for path in ("new", "import")}
    pages = {path: client.get(f"/umkm/{path}").status_code for path in ("new", "import")}
    form = client.get("/umkm").get_data(as_text=True)
    posted = client.post("/umkm/new", data={**registration(), "csrf_token": csrf_of(form)})
    if role in KEEPERS:
        assert offered == {"new": True, "import": True}
        assert pages == {"new": 200, "import": 200}
        assert posted.status_code == 302
    else:
        assert offered == {"new": False, "import": False}
        assert pages == {"new": 403, "import": 403}
        assert posted.status_code == 403
        assert "Anda tidak memiliki akses untuk tindakan ini." in posted.get_data(as_text=True)
