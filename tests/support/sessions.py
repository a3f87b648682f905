"""The staff session, as a browser gets it: log in on the registry's page, carry its cookie to
any service's test client (the four services share one signed session)."""

from __future__ import annotations

import re

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
