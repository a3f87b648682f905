"""Staff in Bahasa Indonesia (the default) see no English: every page of the four services
reachable by a link, each form sent empty, with wrong values and with values too long. WTForms'
own messages ("This field is required.") are Indonesian here; a sentence stored in the language
of the staff member who caused it would show English to the others, and fails here."""

from __future__ import annotations

import pytest

from tests.support.page_language import crawl, whole_platform


@pytest.fixture(scope="module")
def whole(tmp_path_factory, redis_server):
    built = whole_platform(tmp_path_factory, redis_server)
    yield built
    built.close()


@pytest.mark.parametrize("service", ["registry", "bazaar", "training", "notifier"])
def test_every_page_and_message_of_a_service_is_in_indonesian(whole, service):
    assert crawl(whole, service, "id") == []
