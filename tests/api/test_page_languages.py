"""Staff see the language they chose, and only it: every page of the four services reachable by
a link, each form sent empty, with wrong values and with values too long, the flash messages
after, read in English and in Bahasa Indonesia (the default).

A word of Indonesian left in the English interface (a string not marked for translation, an
entry missing from a catalogue, a sentence stored in the language of whoever wrote it) fails
here, and so does English in the Indonesian one (WTForms' own "This field is required."); names
of places and institutions and the test's own data do not count."""

from __future__ import annotations

import pytest

from tests.support.page_language import crawl, whole_platform


@pytest.fixture(scope="module")
def whole(tmp_path_factory, redis_server):
    built = whole_platform(tmp_path_factory, redis_server)
    yield built
    built.close()


@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize("service", ["registry", "bazaar", "training", "notifier"])
def test_every_page_and_message_of_a_service_is_in_the_chosen_language(whole, service, language):
    assert crawl(whole, service, language) == []
