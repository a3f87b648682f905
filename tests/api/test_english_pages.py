"""Staff who chose English see English: every page of the four services reachable by a link,
each form sent empty, with wrong values and with values too long, the flash messages after.
A word of Indonesian left in the interface (a string not marked for translation, an entry
missing from a catalogue, a sentence stored in the language of whoever wrote it) fails here;
names of places and institutions and the test's own data do not count."""

from __future__ import annotations

import pytest

from tests.support.page_language import crawl, whole_platform


@pytest.fixture(scope="module")
def whole(tmp_path_factory, redis_server):
    built = whole_platform(tmp_path_factory, redis_server)
    yield built
    built.close()


@pytest.mark.parametrize("service", ["registry", "bazaar", "training", "notifier"])
def test_every_page_and_message_of_a_service_is_in_english(whole, service):
    assert crawl(whole, service, "en") == []
