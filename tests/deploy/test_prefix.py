"""Behind the front door (PROXY_FIX=1): a service under /registry/ or /bazaar/ puts the prefix
in its links, redirects and static files; without the setting, forwarded headers are ignored."""

import re

from tests.conftest import _app

PREFIX = {"X-Forwarded-Prefix": "/registry", "X-Forwarded-Host": "umkm.example.id",
          "X-Forwarded-Proto": "https"}


def test_links_redirects_and_static_files_carry_the_prefix(platform):
    app = _app("registry", platform, PROXY_FIX=True)
    try:
        client = app.test_client()
        page = client.get("/login", headers=PREFIX).get_data(as_text=True)
        paths = re.findall(r'(?:href|src|action)="(/[^"]*)"', page)
        assert paths and all(p.startswith("/registry/") for p in paths), paths
        moved = client.get("/", headers=PREFIX)  # to the login page (REGISTRY_URL), back here
        assert moved.status_code == 302
        assert "next=https%3A%2F%2Fumkm.example.id%2Fregistry%2F" in moved.headers["Location"]
        # Switching the language without a page to return to lands on this service's home.
        switched = client.get("/lang/en", headers=PREFIX)
        assert switched.status_code == 302 and switched.headers["Location"] == "/registry/"
    finally:
        app.extensions["runtime"].dispose()


def test_forwarded_headers_are_ignored_unless_asked_for(platform):
    app = _app("registry", platform, PROXY_FIX=False)
    try:
        page = app.test_client().get("/login", headers=PREFIX).get_data(as_text=True)
        assert "/registry/" not in page
    finally:
        app.extensions["runtime"].dispose()
