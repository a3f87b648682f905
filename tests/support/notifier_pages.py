"""Fixtures of the tests of the notifier's template editor (assigned in each test module)."""

from __future__ import annotations

import pytest


@pytest.fixture
def notifier(service_app):
    """The notifier app and a test client of it."""
    app = service_app("notifier")
    return app, app.test_client()


@pytest.fixture
def signed_in(notifier, client):
    """The notifier's client carrying the staff session the registry's login gives."""
    from tests.api.test_registry_pages import login

    _, browser = notifier
    login(client)  # the session cookie is shared by the services
    browser.set_cookie("metro_session", client.get_cookie("metro_session").value)
    return browser
