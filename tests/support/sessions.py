"""The staff session, as a browser gets it: log in on the registry's page, carry its cookie to
any service's test client (the four services share one signed session)."""

from __future__ import annotations

import re

from services.kernel.identity import (
    ADMIN,
    BAZAAR_COORDINATOR,
    FIELD_OFFICER,
    REGISTRY_OFFICER,
    TRAINING_COORDINATOR,
    VIEWER,
)
from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def sign_in(registry_app, client, email: str = ADMIN_EMAIL, password: str = ADMIN_PASSWORD):
    """`client` (a test client of any service) signed in as `email`; returned for chaining."""
    registry = registry_app.test_client()
    page = registry.get("/login").get_data(as_text=True)
    answer = registry.post("/login", data={"email": email, "password": password,
                                           "csrf_token": csrf_of(page)})
    assert answer.status_code == 302, answer.get_data(as_text=True)[:500]
    cookie = registry.get_cookie(registry_app.config["SESSION_COOKIE_NAME"])
    client.set_cookie(cookie.key, cookie.value)
    return client


ROLE_PASSWORD = "kata-sandi-uji-123"
EVERY_ROLE = (ADMIN, REGISTRY_OFFICER, BAZAAR_COORDINATOR, TRAINING_COORDINATOR, FIELD_OFFICER,
              VIEWER)


def staff_with_role(registry_app, role: str) -> str:
    """A new staff member holding only `role` (password ROLE_PASSWORD): their email."""
    from services.registry.usecases.staff import create_staff

    email = f"{role}@peran.example.id"
    create_staff(registry_app.extensions["registry"].uow, email, "Petugas Peran", ROLE_PASSWORD,
                 [role])
    return email
