"""A template part that does not render is told beside that part (a broken subject beside the
subject), in the staff member's language and in words an admin understands, on the editor's
page, in its live preview and in the API; Jinja's own English text stays out."""

import re

import pytest

from tests.support import notifier_pages
from tests.support.page_forms import form_values

URL = "/templates/umkm.verified/id"
API = "/api/v1/templates/umkm.verified/id"
JINJA_WORDS = ("TemplateSyntaxError", "UndefinedError", "is undefined", "Jinja")
NEXT_FIELD = {"subject": "email", "email": "sms", "sms": "whatsapp"}

# (form field, what is typed, the message in Indonesian, in English)
CASES = {
    "syntax": ("sms", "Halo\n{{ owner_name }}\n{% if business_name %}terdaftar",
               "Penulisan templat salah di baris 3: tag {% if %} tidak ditutup.",
               "The template is written wrongly on line 3: the tag {% if %} is not closed."),
    "unknown variable": ("sms", "Halo {{ nope }}",
                         "Isian {{ nope }} tidak dikenal; isian yang tersedia: ",
                         "Unknown field {{ nope }}; the fields available are: "),
    "broken subject": ("subject", "Selamat {{ owner_name",
                       "Penulisan templat salah di baris 1: {{ tidak ditutup dengan }}.",
                       "The template is written wrongly on line 1: {{ is not closed with }}."),
}
LANGUAGES = {"id": 0, "en": 1}
notifier, signed_in = notifier_pages.notifier, notifier_pages.signed_in




def _expected(case: str, language: str) -> tuple[str, str, str]:
    field, typed, *messages = CASES[case]
    return field, typed, messages[LANGUAGES[language]]


def _check_message(message: str, case: str, expected: str, language: str) -> None:
    if case == "unknown variable":
        assert message.startswith(expected), message
        names = message[len(expected):].rstrip(".").split(", ")
        assert {"business_name", "owner_name", "department"} <= set(names), message
    else:
        assert message == expected
    if language == "id":
        assert not any(word in message for word in JINJA_WORDS), message


def _beside(html: str, field: str) -> str:
    """The page between a field's text box and the next one's."""
    start = html.index(f'id="{field}"')
    end = html.index(f'id="{NEXT_FIELD[field]}"', start)
    return html[start:end]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", CASES)
def test_the_api_tells_a_broken_part_beside_it_in_the_language_asked(notifier, auth, case,
                                                                     language):
    _, api = notifier
    field, typed, expected = _expected(case, language)
    headers = {**auth, "Accept-Language": language}
    for answer in (api.post(API + "/preview", headers=headers,
                            json={"parts": {f"{field}.txt": typed}}),
                   api.put(API, headers=headers, json={"parts": {f"{field}.txt": typed}})):
        assert answer.status_code == 422, answer.json
        fields = answer.json["error"]["fields"]
        assert set(fields) == {f"{field}.txt"}
        _check_message(fields[f"{field}.txt"], case, expected, language)
    assert api.get(API, headers=auth).json["history"] == []  # nothing was saved


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", CASES)
def test_the_page_tells_a_broken_part_beside_it_in_the_staff_language(signed_in, case,
                                                                      language):
    browser = signed_in
    if language == "en":
        browser.get("/lang/en")
    field, typed, expected = _expected(case, language)
    form = {**form_values(browser.get(URL).get_data(as_text=True), "template-form"),
            field: typed}
    refused = browser.post(URL, data=form)
    assert refused.status_code == 422
    html = refused.get_data(as_text=True)
    beside = _beside(html, field)
    shown = re.search(r'<p class="error" role="alert"[^>]*>([^<]*)</p>', beside)
    assert shown, beside
    _check_message(_unescape(shown.group(1)), case, expected, language)
    for other in NEXT_FIELD:  # and beside no other part
        if other != field:
            assert 'role="alert"' not in _beside(html, other)
    if language == "id":
        assert not any(word in html for word in JINJA_WORDS)
    assert form_values(html, "template-form")[field] == typed  # what was typed stays


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", CASES)
def test_the_live_preview_names_the_part_where_the_problem_is(signed_in, case, language):
    browser = signed_in
    if language == "en":
        browser.get("/lang/en")
    field, typed, expected = _expected(case, language)
    page = browser.get(URL).get_data(as_text=True)
    form = {**form_values(page, "template-form"), field: typed}
    fragment = browser.post(URL + "/preview", data=form)
    assert fragment.status_code == 422
    html = fragment.get_data(as_text=True)
    errors = re.findall(r'data-part="([^"]+)">[^<]*<span data-message>([^<]*)</span>',
                        html)
    assert [part for part, _ in errors] == [f"{field}.txt"], html
    _check_message(_unescape(errors[0][1]), case, expected, language)
    if language == "id":
        assert not any(word in html for word in JINJA_WORDS)


def test_a_template_error_outside_jinja_is_a_message_not_a_server_error(notifier, auth):
    _, api = notifier
    answer = api.post(API + "/preview", headers=auth,
                      json={"parts": {"email.txt": "Halo\n{{ 1 / 0 }}"}})
    assert answer.status_code == 422
    assert answer.json["error"]["fields"] == {"email.txt": (
        "Templat tidak dapat dibuat dengan data contoh di baris 2; periksa isian dan "
        "penyaring di baris itu.")}


def _unescape(text: str) -> str:
    from html import unescape

    return unescape(text).strip()
