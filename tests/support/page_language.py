"""A whole platform with data for the tests that read every page in one language, and a staff
client that chose its language on the login page before logging in, as a person does."""

from __future__ import annotations

from tests.support.page_crawl import PageCrawl
from tests.support.page_words import Words
from tests.support.platform import SERVICES, PlatformConfig
from tests.support.sessions import csrf_of
from tests.support.training_world import PASSWORD
from tests.support.whole_platform import NAMES, WholePlatform

# Owner-facing content shown on staff pages as it was sent (the subject of a message).
CONTENT = ("message-subject",)
# Pages no link leads to: a file's import, the public catalogue, an owner's links.
UNLINKED = {"registry": ["/umkm/import/{import_id}", "/katalog", "/katalog?q=Keripik"],
            "bazaar": ["/penempatan/{placement_id}", "/publik"],
            "training": [], "notifier": []}


def whole_platform(tmp_path_factory, redis_server) -> WholePlatform:
    root = tmp_path_factory.mktemp("whole")
    config = PlatformConfig(var_dir=root / "var", broker_url=redis_server.url,
                            database_urls={s: f"sqlite:///{root / (s + '.db')}" for s in SERVICES})
    config.var_dir.mkdir(parents=True)
    config.migrate()
    return WholePlatform(config).fill()


def logged_in(whole: WholePlatform, service: str, language: str, email: str):
    """A test client of `service` for `email`, who picked `language` before logging in."""
    registry = whole.apps["registry"]
    door = registry.test_client()
    door.get(f"/lang/{language}")
    page = door.get("/login").get_data(as_text=True)
    answer = door.post("/login", data={"email": email, "password": PASSWORD,
                                       "csrf_token": csrf_of(page)})
    assert answer.status_code == 302, answer.get_data(as_text=True)[:300]
    cookie = door.get_cookie(registry.config["SESSION_COOKIE_NAME"])
    client = whole.apps[service].test_client()
    client.set_cookie(cookie.key, cookie.value)
    return client


def crawl(whole: WholePlatform, service: str, language: str) -> list[str]:
    """Every text of `service`'s pages (and of their forms' answers) not in `language`."""
    email = f"{service}-{language}@pages.example.id"
    own_id = whole.admin(email)
    client = logged_in(whole, service, language, email)
    app = whole.apps[service]
    start = ["/", *(url.format(**whole.ids) for url in UNLINKED[service])]
    return PageCrawl(client, Words(language, NAMES), own_url=app.config["SERVICE_URLS"][service],
                     start=start, content_ids=CONTENT, avoid=(own_id,)).run()
