"""A field emptied on an edit page (bazaar, market, batik office, retail partner, MoU) is never
passed over in silence: an optional one is cleared (or, for a bazaar, takes the value it gets when
scheduled without it), a required one is refused beside the field and nothing is written. The
API's null does the same."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from services.bazaar.usecases.bazaars import DEFAULT_ORGANIZER
from services.kernel.clock import WIB
from tests.api.test_bazaar_edit_conflicts import (
    CASES,
    _bazaar,
    _open,
    _send,
    _stored,
)
from tests.api.test_bazaar_edit_conflicts import world as conflicts_world

LOCAL = "%Y-%m-%dT%H:%M"
ORGANIZER = "Bagian Tata Pemerintahan Setda Kota Metro"


@dataclass(frozen=True)
class Optional:
    case: str  # the record, as CASES names it
    field: str
    value: str  # what the field holds before it is emptied
    cleared: object  # what is stored once it is emptied


OPTIONAL = {
    "bazaar organizer": Optional("bazaar", "organizer", ORGANIZER, DEFAULT_ORGANIZER),
    "market description": Optional("market", "description",
                                   "Pasar kuliner dan kerajinan tiap Minggu pagi", None),
    "batik office contact": Optional("batik office", "contact_name", "Sri Wahyuni", None),
    "retail partner note": Optional("retail partner", "note",
                                    "Gerai pusat di Jalan AH Nasution", None),
}
REQUIRED = {"bazaar": "title", "market": "venue", "batik office": "name",
            "retail partner": "name", "mou": "contact_name"}
world = conflicts_world


@pytest.fixture(params=list(OPTIONAL))
def optional(request) -> Optional:
    return OPTIONAL[request.param]


def test_an_emptied_optional_field_is_cleared(world, optional):
    page, api = CASES[optional.case].make(world)
    assert world.client.patch(api, json={optional.field: optional.value},
                              headers=world.auth).status_code == 200
    form = _open(world.client, page, CASES[optional.case])
    assert form[optional.field] == optional.value
    assert world.client.post(page, data={**form, optional.field: ""}).status_code == 302
    assert _stored(world, api)[optional.field] == optional.cleared


def test_an_optional_field_sent_as_null_by_the_api_is_cleared(world, optional):
    _page, api = CASES[optional.case].make(world)
    assert world.client.patch(api, json={optional.field: optional.value},
                              headers=world.auth).status_code == 200
    answer = world.client.patch(api, json={optional.field: None}, headers=world.auth)
    assert answer.status_code == 200, answer.json
    assert _stored(world, api)[optional.field] == optional.cleared


@pytest.mark.parametrize("name", list(REQUIRED))
def test_an_emptied_required_field_is_refused_beside_it_and_nothing_is_written(world, name):
    case, field = CASES[name], REQUIRED[name]
    page, api = case.make(world)
    before = _stored(world, api)
    form = _open(world.client, page, case)
    (other, typed) = case.second if case.second[0] != field else case.first
    refused = world.client.post(page, data={**form, field: " ", other: typed})
    assert refused.status_code == 422
    assert f'data-field="{field}"' in refused.get_data(as_text=True)
    assert _stored(world, api) == before
    assert _send(world, case, api, {field: None}, None).status_code == 422
    assert _stored(world, api) == before


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_an_emptied_application_window_opens_now_and_closes_a_day_before_the_start(world):
    page, api = _bazaar(world)
    stored = _stored(world, api)
    starts = _at(stored["starts_at"])
    assert world.client.patch(api, json={
        "applications_close_at": (starts - timedelta(days=3)).isoformat(),
        "applications_open_at": (starts - timedelta(days=5)).isoformat()},
        headers=world.auth).status_code == 200
    form = _open(world.client, page, CASES["bazaar"])
    later = (starts + timedelta(days=2)).astimezone(WIB)
    saved = world.client.post(page, data={
        **form, "starts_at": later.strftime(LOCAL),
        "ends_at": (later + timedelta(hours=8)).strftime(LOCAL),
        "applications_open_at": "", "applications_close_at": ""})
    assert saved.status_code == 302
    now = _stored(world, api)
    assert _at(now["applications_close_at"]) == _at(now["starts_at"]) - timedelta(days=1)
    opened = _at(now["applications_open_at"])
    assert opened < starts - timedelta(days=5)  # from now, no longer five days before
    assert abs(opened - _at(now["updated_at"])) < timedelta(minutes=1)


def test_the_api_clears_the_closing_date_of_applications_to_a_day_before_the_start(world):
    _page, api = _bazaar(world)
    starts = _at(_stored(world, api)["starts_at"])
    world.client.patch(api, json={"applications_close_at": (starts - timedelta(days=3))
                                  .isoformat()}, headers=world.auth)
    answer = world.client.patch(api, json={"applications_close_at": None}, headers=world.auth)
    assert answer.status_code == 200, answer.json
    assert _at(answer.json["applications_close_at"]) == starts - timedelta(days=1)


def test_the_edit_page_says_what_an_empty_optional_field_means(world):
    page, _api = _bazaar(world)
    html = world.client.get(page).get_data(as_text=True)
    assert "Kosong: Diskoperin Kota Metro" in html and "Kosong: sehari sebelum bazar" in html
    assert "Kosong: sekarang" in html
