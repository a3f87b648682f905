"""A template edit with problems in several parts is told all of them at once, each beside its
own part (an empty subject and a broken SMS in one round, not two), in the staff member's
language; nothing is saved. The names a template may use are the ones its messages are really
rendered with, nested ones with their path (`bazaar.title`), in the messages and on the page."""

import re
from html import unescape

import pytest

from services.kernel.events import CATALOGUE
from tests.support import notifier_pages
from tests.support.page_forms import form_values

URL = "/templates/umkm.verified/id"
API = "/api/v1/templates/umkm.verified/id"
STALL_API = "/api/v1/templates/bazaar.stall_allocated/id"
NEXT_FIELD = {"subject": "email", "email": "sms", "sms": "whatsapp", "whatsapp": "history"}

TYPED = {"subject": "  ", "email": "Halo\n{{ 1 / 0 }}", "sms": "{{ nope }}" + "x" * 640,
         "whatsapp": "{% if owner_name %}Halo"}
# (Indonesian, English) per part; the SMS is too long and broken: it is told both
TOLD = {
    "subject": ("Bagian ini dipakai pesan templat ini; tidak boleh kosong.",
                "The messages of this template use this part; it cannot be empty."),
    "email": ("Templat tidak dapat dibuat dengan data contoh di baris 2; periksa isian dan "
              "penyaring di baris itu.",
              "The template cannot be filled in with the sample data on line 2; check the "
              "fields and filters on that line."),
    "sms": ("Paling banyak 640 karakter. Isian {{ nope }} tidak dikenal; isian yang "
            "tersedia: ",
            "At most 640 characters. Unknown field {{ nope }}; the fields available are: "),
    "whatsapp": ("Penulisan templat salah di baris 1: tag {% if %} tidak ditutup.",
                 "The template is written wrongly on line 1: the tag {% if %} is not closed."),
}
LANGUAGES = {"id": 0, "en": 1}
notifier, signed_in = notifier_pages.notifier, notifier_pages.signed_in




def _check(told: dict[str, str], language: str) -> None:
    assert set(told) == set(TOLD), told
    for field, messages in TOLD.items():
        expected = messages[LANGUAGES[language]]
        if field == "sms":
            assert told[field].startswith(expected), told[field]
            names = told[field][len(expected):].rstrip(".").split(", ")
            assert {"business_name", "owner_name", "department"} <= set(names)
        else:
            assert told[field] == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_api_tells_every_problem_of_every_part_at_once(notifier, auth, language):
    _, api = notifier
    parts = {f"{field}.txt": typed for field, typed in TYPED.items()}
    answer = api.put(API, headers={**auth, "Accept-Language": language}, json={"parts": parts})
    assert answer.status_code == 422, answer.json
    _check({part.removesuffix(".txt"): message
            for part, message in answer.json["error"]["fields"].items()}, language)
    assert api.get(API, headers=auth).json["history"] == []  # nothing was saved


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_tells_every_problem_beside_its_own_part_at_once(signed_in, language):
    browser = signed_in
    if language == "en":
        browser.get("/lang/en")
    form = {**form_values(browser.get(URL).get_data(as_text=True), "template-form"), **TYPED}
    refused = browser.post(URL, data=form)
    assert refused.status_code == 422
    html = refused.get_data(as_text=True)
    told = {}
    for field, after in NEXT_FIELD.items():
        beside = html[html.index(f'id="{field}"'):html.index(f'id="{after}"')]
        shown = re.findall(r'<p class="error" role="alert"[^>]*>([^<]*)</p>', beside)
        assert len(shown) == 1, beside
        told[field] = unescape(shown[0]).strip()
    _check(told, language)
    assert form_values(html, "template-form")["sms"] == TYPED["sms"]  # what was typed stays
    history = browser.get(URL).get_data(as_text=True).split('data-testid="history"')[1]
    assert '<td colspan="4" class="muted">' in history.split("</table>")[0]  # nothing saved


def test_an_html_part_too_long_is_told_not_a_server_error(notifier, auth):
    _, api = notifier
    answer = api.put(API, headers=auth, json={"parts": {"email.html": "<p>x</p>" * 10_000}})
    assert answer.status_code == 422, answer.json
    assert answer.json["error"]["fields"] == {"email.html": "Paling banyak 50000 karakter."}


def _names(message: str, lead: str) -> list[str]:
    assert message.startswith(lead), message
    return message[len(lead):].rstrip(".").split(", ")


def test_the_names_told_are_the_nested_names_of_the_event(notifier, auth):
    """bazaar.stall_allocated carries the bazaar as a whole: `{{ bazaar.title }}` is what a
    template writes, and a name under it that the event has not is told as unknown."""
    _, api = notifier
    bazaar = CATALOGUE.get("bazaar.stall_allocated").example["bazaar"]
    for typed, field in (("{{ nope }}", "{{ nope }}"),
                         ("Halo\n{{ bazaar.nope }}", "{{ bazaar.nope }}"),
                         ("{{ bazaar.title.nope }}", "{{ bazaar.title.nope }}")):
        answer = api.put(STALL_API, headers=auth, json={"parts": {"whatsapp.txt": typed}})
        assert answer.status_code == 422, answer.json
        names = _names(answer.json["error"]["fields"]["whatsapp.txt"],
                       f"Isian {field} tidak dikenal; isian yang tersedia: ")
        assert {f"bazaar.{key}" for key in bazaar} <= set(names)
        assert {"stall_number", "business_name", "department", "recipient_name"} <= set(names)
        assert "bazaar" not in names and names == sorted(names)
        assert "unsubscribe_url" not in names  # a WhatsApp message has no unsubscribe link
    saved = api.put(STALL_API, headers=auth, json={"parts": {
        "whatsapp.txt": "{{ bazaar.title }} di {{ bazaar.venue }}: lapak {{ stall_number }}"}})
    assert saved.status_code == 200, saved.json
    preview = api.post(STALL_API + "/preview", headers=auth, json={"parts": {
        "whatsapp.txt": api.get(STALL_API, headers=auth).json["parts"]["whatsapp.txt"]}})
    assert preview.json["preview"]["whatsapp"]["text"] == (
        f"{bazaar['title']} di {bazaar['venue']}: lapak K-07")


@pytest.mark.parametrize(("template", "part", "typed"), [
    # the officer's digest has the visits; a message about an event has not
    ("umkm.verified", "sms.txt", "{{ visits | length }} kunjungan"),
    # only an email carries the unsubscribe link
    ("umkm.verified", "sms.txt", "Berhenti: {{ unsubscribe_url }}"),
    # a staff reminder of an MoU names a partner, not an UMKM
    ("retail.mou_expiring", "subject.txt", "MoU {{ business_name }}"),
])
def test_a_name_the_real_messages_do_not_have_is_refused(notifier, auth, template, part, typed):
    """The preview's sample data is what the messages are rendered with: a name that passed
    the preview but is missing when the message is made would fail every message sent."""
    _, api = notifier
    url = f"/api/v1/templates/{template}/id"
    answer = api.put(url, headers=auth, json={"parts": {part: typed}})
    assert answer.status_code == 422, answer.json
    assert "tidak dikenal" in answer.json["error"]["fields"][part]
    assert api.get(url, headers=auth).json["history"] == []


def test_an_email_may_use_its_unsubscribe_link(notifier, auth):
    _, api = notifier
    answer = api.post(API + "/preview", headers=auth, json={"parts": {
        "email.txt": "Halo {{ owner_name }}\nBerhenti: {{ unsubscribe_url }}"}})
    assert answer.status_code == 200, answer.json


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_shows_the_names_a_template_may_use(signed_in, language):
    browser = signed_in
    if language == "en":
        browser.get("/lang/en")
    html = browser.get("/templates/bazaar.stall_allocated/id").get_data(as_text=True)
    hint = re.search(r'data-testid="usable-names">([^<]*)</p>', html)
    assert hint, html
    text = unescape(hint.group(1))
    lead, email = {"id": ("Isian yang dapat dipakai: ", " Di email juga: "),
                   "en": ("Fields available: ", " In emails also: ")}[language]
    everywhere, _, in_email = text.partition(email)
    names = _names(everywhere, lead)
    assert {"bazaar.title", "bazaar.venue", "bazaar.starts_at", "stall_number",
            "owner_name", "department", "recipient_name"} <= set(names)
    assert "bazaar" not in names and "unsubscribe_url" not in names
    assert in_email == "unsubscribe_url."


def test_every_name_told_is_there_when_the_message_is_made(notifier, auth):
    """A template using every name the editor lists for its parts is saved, and the messages
    of a real event are made with it: the names are the ones messages are rendered with."""
    from services.notifier.usecases.templates import names
    from tests.api.test_notifier_staff_api import deliver

    app, api = notifier
    listed = names("bazaar.stall_allocated", app.config["DEPARTMENT_NAME"])
    every = " ".join("[{{ " + name + " }}]" for name in listed["all"])
    saved = api.put(STALL_API, headers=auth, json={"parts": {
        "email.txt": every + " [{{ unsubscribe_url }}]", "whatsapp.txt": every}})
    assert saved.status_code == 200, saved.json
    deliver(app)  # the owner's contacts, which the notifier keeps from the umkm.* events
    event = deliver(app, "bazaar.stall_allocated")
    sent = {}
    for channel in ("email", "whatsapp"):
        [item] = [m for m in api.get(f"/api/v1/deliveries?channel={channel}", headers=auth)
                  .json["items"] if m["event_id"] == event["event_id"]]
        sent[channel] = api.get(f"/api/v1/deliveries/{item['id']}", headers=auth).json
    bazaar = event["payload"]["bazaar"]
    for message in sent.values():
        assert f"[{bazaar['title']}] [{bazaar['venue']}]" in message["body_text"]
        assert "[K-07]" in message["body_text"]
    assert "[http" in sent["email"]["body_text"]  # its own unsubscribe link
