"""Every event the catalogue sends to the notifier has a rule or is deliberately silent; quiet
hours; staff and bulk templates render in both languages."""

from datetime import UTC, datetime

import pytest

from services.kernel.events import CATALOGUE
from services.notifier.adapters.templates import TemplateStore
from services.notifier.domain import gsm7
from services.notifier.domain.quiet import is_quiet, not_before
from services.notifier.domain.rules import (
    ALL_RULES,
    BULK_RULES,
    EMAIL,
    SILENT_EVENTS,
    SMS,
    STAFF_RULES,
    WHATSAPP,
    rules_for,
    sends_receipt,
)
from services.notifier.usecases.templates import sample_context

STORE = TemplateStore()


def test_every_consumed_event_has_a_rule_or_is_silent():
    consumed = {t.name for t in CATALOGUE.consumed_by("notifier")}
    ruled = {r.event_type for r in ALL_RULES}
    assert consumed - ruled == SILENT_EVENTS - ruled
    assert not (SILENT_EVENTS & ruled)
    assert ruled <= consumed


def test_fallbacks_name_another_channel():
    for rule in ALL_RULES:
        for source, target in rule.fallback.items():
            assert source in rule.channels and target != source


def test_enrolled_or_promoted_by_the_payload():
    assert [r.template for r in rules_for("training.enrolled")
            if r.applies({"promoted_from_waitlist": True})] == ["training.promoted"]


def test_import_gets_no_receipt():
    assert not sends_receipt("umkm.registered", {"source": "import"})
    assert sends_receipt("umkm.registered", {"source": "form"})
    assert sends_receipt("umkm.registered", {})


@pytest.mark.parametrize(("utc", "quiet"), [((13, 59), False), ((14, 0), True),
                                            ((23, 59), True), ((0, 0), False)])
def test_quiet_hours_in_wib(utc, quiet):
    moment = datetime(2026, 12, 1, *utc, tzinfo=UTC)
    assert is_quiet(moment) is quiet
    later = not_before(SMS, moment)
    assert (later != moment) is quiet and not is_quiet(later)
    assert not_before(EMAIL, moment) == moment


@pytest.mark.parametrize("locale", ["id", "en"])
@pytest.mark.parametrize("rule", STAFF_RULES + BULK_RULES, ids=lambda r: r.template)
def test_staff_and_bulk_templates_render(rule, locale):
    context = sample_context(rule.template, "Diskoperin Kota Metro")
    for channel in rule.channels:
        rendered = STORE.render(rule.template, channel, locale, context)
        assert rendered.text and (channel != EMAIL or rendered.html.startswith("<!doctype"))
    sms = STORE.render(rule.template, SMS, locale, context).text
    assert gsm7.is_gsm7(sms) and gsm7.length(sms) <= 160
    digest = STORE.render("officer.digest", EMAIL, locale, {
        **sample_context("visit.assigned", "Diskoperin Kota Metro"), "visits": [
            {"due_on": "2026-12-23", "business_name": "Keripik Pisang Bu Sri",
             "program_title": "Pelatihan Kain Tapis Angkatan I", "overdue": False}]})
    assert "Keripik Pisang Bu Sri" in digest.text


def test_whatsapp_text_is_its_own_or_the_sms():
    context = sample_context("bazaar.reminder", "Diskoperin Kota Metro")
    assert "*" in STORE.render("bazaar.reminder", WHATSAPP, "id", context).text
