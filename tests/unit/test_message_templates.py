"""Every message template renders in both languages; every SMS fits one GSM-7 SMS as written."""

import pytest

from services.kernel.events import CATALOGUE
from services.notifier.adapters.templates import TemplateStore
from services.notifier.domain import gsm7
from services.notifier.domain.rules import DEFAULT_RULES, EMAIL, SMS

STORE = TemplateStore()
LONG_NAMES = {"business_name": "Usaha Kerajinan Tapis dan Sulam Usus Bunda Maharani Sejahtera",
              "owner_name": "Maharani Puspitasari Wulandari"}


def context(rule):
    payload = dict(CATALOGUE.get(rule.event_type).example)
    return {**payload, "department": "Diskoperin Kota Metro", "ref": "4ABAE600",
            "event_type": rule.event_type, "recipient_name": payload.get("owner_name", "")}


@pytest.mark.parametrize("locale", ["id", "en"])
@pytest.mark.parametrize("rule", DEFAULT_RULES, ids=lambda r: r.template)
def test_sms_fits_one_message_without_being_cut(rule, locale):
    if SMS not in rule.channels:
        pytest.skip(f"{rule.template} has no SMS")
    for values in ({}, LONG_NAMES):
        raw = STORE._render(locale, f"{rule.template}/sms.txt", {**context(rule), **values})
        text = " ".join(raw.split())
        assert gsm7.is_gsm7(text), text
        assert gsm7.length(text) <= 160, (len(text), text)
        assert STORE.render(rule.template, SMS, locale, {**context(rule), **values}).text == text


@pytest.mark.parametrize("locale", ["id", "en"])
@pytest.mark.parametrize("rule", DEFAULT_RULES, ids=lambda r: r.template)
def test_email_has_subject_text_and_html(rule, locale):
    rendered = STORE.render(rule.template, EMAIL, locale, context(rule))
    payload = CATALOGUE.get(rule.event_type).example
    assert rendered.subject and "\n" not in rendered.subject
    assert payload["business_name"] in rendered.subject
    assert payload["owner_name"] in rendered.text and payload["owner_name"] in rendered.html
    assert rendered.html.lstrip().startswith("<!doctype html>")
    greeting = "Yth." if locale == "id" else "Dear"
    assert rendered.text.startswith(greeting)


def test_html_email_escapes_what_owners_typed():
    rule = DEFAULT_RULES[0]
    rendered = STORE.render(rule.template, EMAIL, "id",
                            {**context(rule), "business_name": "<script>x</script>"})
    assert "<script>" not in rendered.html and "&lt;script&gt;" in rendered.html
