"""Behind the front door (a real nginx running deploy/nginx.conf, PROXY_FIX=1): one login at
/registry/login, then every staff page reachable by links from the four services' home pages
answers, links, forms and static files keep their service's prefix, and the CSS loads."""

from __future__ import annotations

import re
from collections import deque
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from playwright.sync_api import expect

from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.support.front_door import NGINX, PREFIXES, FrontDoor

MAX_PAGES = 150
# Links fetched with the request API only: files and the JSON API (its docs page is rendered).
FETCH_ONLY = re.compile(r"/api/|/export\.|\.(csv|xlsx|pdf|json)$|/scan$|/photos/")

COLLECT = """() => {
  const found = [];
  for (const [kind, selector, name] of [["a", "a[href]", "href"], ["form", "form", "action"],
                                        ["src", "[src]", "src"], ["link", "link[href]", "href"]])
    for (const element of document.querySelectorAll(selector)) {
      const raw = element.getAttribute(name);  // a form without action posts to its own page
      found.push({kind: kind, raw: raw, url: new URL(raw || "", document.baseURI).href});
    }
  return found;
}"""

STYLESHEETS = """() => Array.from(document.styleSheets).map((s) => {
  let rules = -1;
  try { rules = s.cssRules.length; } catch (e) {}
  return {href: s.href, rules: rules};
})"""


@pytest.fixture
def front_door(platform, tmp_path):
    if not Path(NGINX).exists():
        pytest.skip(f"nginx is not installed at {NGINX} (.ci/run installs nginx-light)")
    door = FrontDoor(platform, tmp_path / "nginx")
    yield door
    door.close()


def prefixed(path: str) -> bool:
    return path.startswith(PREFIXES)


def crawl_key(url: str) -> tuple[str, tuple[str, ...]]:
    """One visit per path and set of query parameters (not per value: sort orders, filters)."""
    parts = urlsplit(url)
    return parts.path, tuple(sorted({k for k, _ in parse_qsl(parts.query)}))


class Crawl:
    def __init__(self, page, origin: str):
        self.page, self.origin = page, origin
        self.problems: list[str] = []
        self.visited: list[str] = []
        self.fetched: list[str] = []
        self.stylesheets: set[str] = set()
        self.outside: list[str] = []
        page.context.route("**/*", self._only_the_front_door)
        page.on("response", self._response)
        page.on("requestfailed", lambda r: self.problems.append(
            f"request failed: {r.url} ({r.failure}) on {page.url}"))

    def _only_the_front_door(self, route):
        if route.request.url.startswith(self.origin + "/"):
            route.continue_()
        else:  # nothing leaves the machine, and nothing bypasses nginx
            self.outside.append(f"{route.request.url} from {self.page.url}")
            route.abort()

    def _response(self, response):
        if response.status >= 400:
            self.problems.append(f"{response.status} for {response.url} on {self.page.url}")
        elif response.url.startswith(self.origin) and not prefixed(urlsplit(response.url).path):
            self.problems.append(f"unprefixed request {response.url} on {self.page.url}")

    def check_target(self, where: str, item: dict) -> str | None:
        """The link's URL when it is a page of the front door to follow; records problems."""
        parts = urlsplit(item["url"])
        if parts.scheme in ("mailto", "tel", "data", "blob"):
            return None
        if f"{parts.scheme}://{parts.netloc}" != self.origin or not prefixed(parts.path):
            self.problems.append(f"{item['kind']} {item['raw']!r} -> {item['url']} on {where}")
            return None
        return item["url"].split("#")[0] if item["kind"] == "a" else None

    def fetch(self, url: str, source: str) -> None:
        answer = self.page.request.get(url)
        self.fetched.append(url)
        if answer.status >= 400 or not prefixed(urlsplit(answer.url).path):
            self.problems.append(f"{answer.status} {answer.url} for {url} (linked from {source})")

    def visit(self, url: str, source: str) -> list[str]:
        response = self.page.goto(url)
        self.visited.append(url)
        if self.page.evaluate("document.scripts.length"):  # its fetches finish here, checked
            self.page.wait_for_load_state("networkidle")
        hops, request = [], response.request
        while request.redirected_from:
            request = request.redirected_from
            hops.append(request.url)
        final = urlsplit(self.page.url)
        for hop in [self.page.url, *hops]:
            if not prefixed(urlsplit(hop).path):
                self.problems.append(f"{url} (from {source}) went through {hop}")
        if response.status >= 400:
            self.problems.append(f"{response.status} for {url} (from {source})")
        if final.path == "/registry/login":
            self.problems.append(f"{url} (from {source}) asked to log in again")
        for sheet in self.page.evaluate(STYLESHEETS):
            if sheet["href"] is None:  # a <style> element
                continue
            if sheet["rules"] > 0 and prefixed(urlsplit(sheet["href"]).path):
                self.stylesheets.add(urlsplit(sheet["href"]).path)
            else:
                self.problems.append(f"stylesheet {sheet} did not load on {url}")
        if "/api/" in final.path:  # the API docs (Swagger UI) render, their links are not ours
            return []
        return [t for t in (self.check_target(url, i) for i in self.page.evaluate(COLLECT)) if t]

    def run(self, starts: list[str]) -> int:
        """Breadth first from `starts`; returns how many links were left unvisited."""
        queue = deque((url, "start") for url in starts)
        seen = {crawl_key(url) for url in starts}
        while queue and len(self.visited) < MAX_PAGES:
            url, source = queue.popleft()
            if FETCH_ONLY.search(urlsplit(url).path) and not url.endswith("/api/v1/docs"):
                self.fetch(url, source)
                continue
            for link in self.visit(url, source):
                if crawl_key(link) not in seen:
                    seen.add(crawl_key(link))
                    queue.append((link, url))
        return len(queue)


def test_every_staff_page_and_link_works_behind_the_front_door(front_door, page):
    door = front_door
    ids = door.seed()
    page.goto(door.url + "/")  # the front door's root leads to the registry's login
    next_url = quote(door.url + "/registry/", safe="")  # the public address, prefix and all
    expect(page).to_have_url(f"{door.url}/registry/login?next={next_url}")
    page.fill("#email", ADMIN_EMAIL)
    page.fill("#password", ADMIN_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_test_id("logout")).to_be_visible()
    assert page.url.startswith(door.url + "/registry/"), page.url  # back where it was going
    cookies = page.context.cookies()
    assert [(c["name"], c["path"]) for c in cookies] == [("metro_session", "/")], cookies

    crawl = Crawl(page, door.url)
    homes = [door.url + prefix for prefix in PREFIXES]
    for home in homes:  # one login: every service's home page knows who is there
        page.goto(home)
        assert page.url.startswith(home), page.url
        expect(page.get_by_test_id("logout")).to_be_visible()
        css = page.evaluate("getComputedStyle(document.querySelector('.topbar')).display")
        assert css == "flex", f"app.css is not applied at {home}"
    left = crawl.run(homes)

    assert not crawl.problems, "\n".join(crawl.problems)
    assert not crawl.outside, "\n".join(crawl.outside)
    assert left == 0, f"{left} pages not crawled within {MAX_PAGES}: raise MAX_PAGES"
    assert {p + "kernel-static/app.css" for p in PREFIXES} <= crawl.stylesheets
    paths = [urlsplit(u).path for u in crawl.visited + crawl.fetched]
    for prefix in PREFIXES:
        assert sum(p.startswith(prefix) for p in paths) >= 4, (prefix, paths)
    for expected in (f"/registry/umkm/{ids['umkm']}", f"/bazaar/bazaars/{ids['bazaar']}",
                     f"/training/programs/{ids['program']}",
                     f"/training/handovers/{ids['handover']}", "/notifier/deliveries/"):
        assert any(p.startswith(expected) for p in paths), (expected, paths)
    fetched = {urlsplit(u).path for u in crawl.fetched}
    assert {"/registry/umkm/export.csv", "/registry/umkm/export.xlsx",
            f"/training/handovers/{ids['handover']}/bast.pdf"} <= fetched, fetched
