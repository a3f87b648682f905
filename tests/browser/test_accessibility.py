"""The staff pages as staff on a keyboard, a screen reader or zoom meet them: axe-core finds no
serious or critical violation on a page of each kind, in Indonesian and in English, blank forms
and forms sent back with errors alike; and a field sent back with an error tells so, with the
error as its description."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.support.page_language import whole_platform
from tests.support.training_world import PASSWORD, ServedApp

STAFF_EMAIL = "aksesibilitas@pages.example.id"
BLOCKING = ("serious", "critical")
WINDOW, ZOOMED = {"width": 1280, "height": 900}, {"width": 320, "height": 640}
SCROLLS_SIDEWAYS = "document.documentElement.scrollWidth > document.documentElement.clientWidth"
SUBMIT_WITHOUT_BROWSER_CHECKS = """() => {
  const form = document.querySelector("main form[method=post]:not(.inline)");
  form.noValidate = true;
  form.requestSubmit();
}"""


@pytest.fixture(scope="module")
def served(tmp_path_factory, redis_server):
    """The four services with data (tests.support.whole_platform), each on a local port."""
    whole = whole_platform(tmp_path_factory, redis_server)
    whole.admin(STAFF_EMAIL)
    servers = {s: ServedApp(whole.apps[s]) for s in ("bazaar", "training", "notifier")}
    urls = {"registry": whole.world.served.url} | {s: v.url for s, v in servers.items()}
    for app in whole.apps.values():  # links, redirects and the login go to these ports
        app.config["SERVICE_URLS"] = urls
    yield whole, urls
    for server in servers.values():
        server.stop()
    whole.close()


def audit(page, axe: Axe) -> list[dict]:
    """axe-core's violations on the page as shown: rule id, impact and where."""
    results = axe.run(page).response["violations"]
    return [{"id": v["id"], "impact": v["impact"],
             "targets": [n["target"] for n in v["nodes"]]} for v in results]


def sign_in(page, registry: str, language: str) -> None:
    page.goto(f"{registry}/lang/{language}")
    page.goto(f"{registry}/login")
    page.fill("#email", STAFF_EMAIL)
    page.fill("#password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"^(?!.*/login)"))


def first_link(page, url: str, pattern: str) -> str:
    page.goto(url)
    for href in page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)"):
        if re.search(pattern, href):
            return href
    raise AssertionError(f"no link like {pattern} on {url}")


def pages(page, whole, urls) -> list[tuple[str, str, bool]]:
    """(name, url, send the main form back empty) for each page audited."""
    r, b, t, n = (urls[s] for s in ("registry", "bazaar", "training", "notifier"))
    ids = whole.ids
    partner = first_link(page, f"{b}/mitra-ritel", r"/mitra-ritel/[0-9a-f-]{36}$")
    attendance = first_link(page, f"{t}/programs/{ids['program_id']}", r"/attendance$")
    return [
        ("registry list", f"{r}/umkm", False),
        ("registry search", f"{r}/umkm?q=Kopi", False),
        ("registry dashboard", f"{r}/dashboard", False),
        ("registry new", f"{r}/umkm/new", False),
        ("registry new errors", f"{r}/umkm/new", True),
        ("registry detail", f"{r}/umkm/{ids['umkm_id']}", False),
        ("registry edit", f"{r}/umkm/{ids['umkm_id']}/edit", False),
        ("registry staff", f"{r}/staff", False),
        ("registry staff errors", f"{r}/staff", True),
        ("registry import", f"{r}/umkm/import", False),
        ("registry audit errors", f"{r}/audit?since=kemarin", False),
        ("registry import progress", f"{r}/umkm/import/{ids['import_id']}", False),
        ("bazaar list", f"{b}/bazaars", False),
        ("bazaar new", f"{b}/bazaars/new", False),
        ("bazaar new errors", f"{b}/bazaars/new", True),
        ("bazaar detail", f"{b}/bazaars/{ids['bazaar_id']}", False),
        ("retail partners", f"{b}/mitra-ritel", False),
        ("retail partner", partner, False),
        ("retail placement", f"{b}/penempatan/{ids['placement_id']}", False),
        ("training list", f"{t}/programs", False),
        ("training new", f"{t}/programs/new", False),
        ("training new errors", f"{t}/programs/new", True),
        ("training detail", f"{t}/programs/{ids['program_id']}", False),
        ("training attendance", attendance, False),
        ("training outcomes", f"{t}/outcomes", False),
        ("notifier templates", f"{n}/templates", False),
        ("notifier editor", f"{n}/templates/umkm.verified/id", False),
        ("notifier deliveries", f"{n}/deliveries", False),
        ("notifier preferences", f"{n}/preferences/{ids['umkm_id']}", False),
    ]


# Every error shown beside a field is that field's description and marks it invalid; every hint
# is part of its description too. A group of checkboxes (fieldset) is described as a whole.
UNLINKED = """() => {
  const problems = [];
  for (const field of document.querySelectorAll("main .field")) {
    const control = field.matches("fieldset") ? field
      : field.querySelector("input:not([type=hidden]), select, textarea");
    if (!control) continue;
    const name = control.id || control.getAttribute("name") || field.textContent.slice(0, 30);
    const described = (control.getAttribute("aria-describedby") || "").split(/\\s+/);
    const notes = [...field.querySelectorAll(".error, .hint")].filter((n) => n.checkVisibility());
    for (const note of notes) {
      if (!note.id || !described.includes(note.id))
        problems.push(`${name}: "${note.textContent.trim()}" is not its description`);
    }
    if (notes.some((n) => n.matches(".error")) && !field.matches("fieldset")
        && control.getAttribute("aria-invalid") !== "true")
      problems.push(`${name}: has an error but no aria-invalid=true`);
  }
  return problems;
}"""


def browse(browser, urls: dict, language: str):
    context = browser.new_context(viewport=WINDOW)
    context.set_default_timeout(15000)
    page = context.new_page()
    sign_in(page, urls["registry"], language)
    return context, page


@pytest.mark.parametrize("language", ["id", "en"])
def test_staff_pages_have_no_serious_axe_violations(browser, served, language):
    """Each page also: its `lang` is the chosen language, every error and hint beside a field is
    tied to it, and at 400% zoom only a wide table (not the page) scrolls sideways."""
    whole, urls = served
    context = browser.new_context(viewport=WINDOW)
    context.set_default_timeout(15000)
    page = context.new_page()
    axe = Axe()
    found: dict[str, list[dict]] = {}
    unlinked: dict[str, list[str]] = {}
    sideways: list[str] = []
    try:
        page.goto(f"{urls['registry']}/lang/{language}")
        page.goto(f"{urls['registry']}/login")
        found["login"] = audit(page, axe)
        sign_in(page, urls["registry"], language)
        for name, url, send in pages(page, whole, urls):
            page.goto(url)
            if send:
                with page.expect_navigation():
                    page.evaluate(SUBMIT_WITHOUT_BROWSER_CHECKS)
                assert page.locator("main .field .error").count(), f"{name}: no error shown"
            assert page.evaluate("document.documentElement.lang") == language, (name, url)
            found[name] = audit(page, axe)
            if problems := page.evaluate(UNLINKED):
                unlinked[name] = problems
            page.set_viewport_size(ZOOMED)  # 1280 pixels wide at 400%: nothing but a wide
            if page.evaluate(SCROLLS_SIDEWAYS):  # table may need scrolling sideways
                sideways.append(name)
            page.set_viewport_size(WINDOW)
    finally:
        context.close()
    blocking = [f"{name}: {v['id']} ({v['impact']}) at {v['targets'][0]}"
                for name, violations in found.items() for v in violations
                if v["impact"] in BLOCKING]
    assert not blocking, "serious/critical axe violations:\n" + "\n".join(blocking)
    assert not unlinked, "\n".join(f"{name}: {p}" for name, ps in unlinked.items() for p in ps)
    assert not sideways, f"the whole page scrolls sideways at 400% zoom: {sideways}"


def test_a_field_sent_back_with_an_error_is_described_by_the_error_and_its_hint(browser,
                                                                                 served):
    _whole, urls = served
    context, page = browse(browser, urls, "id")
    try:
        page.goto(f"{urls['registry']}/umkm/new")
        page.fill("#owner_name", "Sri Wahyuni")
        page.fill("#nik", "1872013213850001")  # month 13
        page.get_by_role("button", name="Simpan pendaftaran").click()
        nik = page.locator("#nik")
        expect(nik).to_have_attribute("aria-invalid", "true")
        expect(nik).to_have_attribute("aria-describedby", "nik-error nik-hint")
        expect(page.locator("#nik-error")).to_contain_text("Bulan lahir")
        expect(nik).to_have_accessible_description(re.compile(r"Bulan lahir.*16 digit sesuai KTP"))
        expect(nik).to_be_focused()
        owner = page.locator("#owner_name")  # a field without an error says so, and has none
        expect(owner).to_have_attribute("aria-invalid", "false")
        assert owner.get_attribute("aria-describedby") is None
        page.goto(f"{urls['registry']}/audit?since=kemarin")  # a filter's error, outside a form
        since = page.locator("#since")
        expect(since).to_have_attribute("aria-invalid", "true")
        expect(since).to_have_accessible_description(page.locator("#since-error").inner_text())
    finally:
        context.close()


def test_a_keyboard_skips_to_the_content_and_the_menus_say_where_it_is(browser, served):
    _whole, urls = served
    context, page = browse(browser, urls, "en")
    try:
        page.goto(f"{urls['training']}/programs")
        page.keyboard.press("Tab")  # the first stop: past the menus, straight to the content
        skip = page.get_by_role("link", name="Skip to the page content")
        expect(skip).to_be_focused()
        expect(skip).to_be_visible()
        page.keyboard.press("Enter")
        expect(page.locator("main")).to_be_focused()
        menu = page.get_by_role("navigation", name="This service's menu")
        expect(menu.locator("[aria-current=page]")).to_have_text("Training programmes")
        services = page.get_by_role("navigation", name="Services")
        expect(services.locator("[aria-current=page]")).to_have_text("Training")
        languages = page.get_by_role("group", name="Language")
        expect(languages.locator("[aria-current=true]")).to_have_attribute("lang", "en")
    finally:
        context.close()
