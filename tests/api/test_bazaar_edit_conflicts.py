"""Two staff change the same bazaar, market, batik office, retail partner or MoU at once: nobody's
change is lost without a word.

Each edit page carries the values it was filled with. A field one person did not touch keeps
what a colleague saved meanwhile; a field both changed to different values is refused beside the
field, naming the value saved, and saving again keeps what this person typed. An API client
gets the same protection from the ETag it read, sent back in If-Match."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from services.kernel.clock import WIB
from services.kernel.identity import BAZAAR_COORDINATOR
from tests.conftest import ADMIN_EMAIL
from tests.support.bazaar_world import world_on
from tests.support.page_forms import form_values
from tests.support.retail_world import RetailWorld
from tests.support.sessions import ROLE_PASSWORD, sign_in, staff_with_role

MOU_FIELDS = ("number", "signed_on", "expires_on", "contact_name", "contact_phone")
LOCAL = "%Y-%m-%dT%H:%M"


def _created(world, path: str, body: dict) -> str:
    answer = world.client.post(path, json=body, headers=world.auth)
    assert answer.status_code == 201, answer.json
    return answer.json["id"]


def _bazaar(world) -> tuple[str, str]:
    bazaar_id = world.bazaar()["id"]
    return f"/bazaars/{bazaar_id}/edit", f"/api/v1/bazaars/{bazaar_id}"


def _market(world) -> tuple[str, str]:
    market_id = _created(world, "/api/v1/markets", {
        "name": "Payungi", "venue": "Jalan Ahmad Yani, Yosomulyo", "rule": "FREQ=WEEKLY;BYDAY=SU",
        "first_date": "2026-01-04", "starts_time": "06:00", "ends_time": "10:00", "spots": 2})
    return f"/pasar/{market_id}/ubah", f"/api/v1/markets/{market_id}"


def _office(world) -> tuple[str, str]:
    office_id = _created(world, "/api/v1/batik/offices",
                         {"name": "Dinas Pendidikan dan Kebudayaan", "kind": "opd"})
    return f"/batik/instansi/{office_id}/ubah", f"/api/v1/batik/offices/{office_id}"


def _partner(world) -> tuple[str, str]:
    partner_id = world.partner()["id"]
    return f"/mitra-ritel/{partner_id}/ubah", f"/api/v1/retail/partners/{partner_id}"


def _mou(world) -> tuple[str, str]:
    partner_id = world.partner()["id"]
    answer = world.mou(partner_id)
    assert answer.status_code == 201, answer.json
    mou_id = answer.json["id"]
    return (f"/mitra-ritel/{partner_id}/mou/{mou_id}/ubah",
            f"/api/v1/retail/partners/{partner_id}/mous/{mou_id}")


@dataclass(frozen=True)
class Case:
    make: Callable[[RetailWorld], tuple[str, str]]  # the record: (edit page, API resource)
    form_id: str
    first: tuple[str, str]  # a field and what one person types in it
    second: tuple[str, str]  # another field and what the other person types in it
    clash: str  # what the other person types in `first`'s field
    names_who: bool = False  # the record keeps who changed it last, and the page says so
    put: bool = False  # the API replaces the whole record (PUT) rather than PATCH


CASES = {
    "bazaar": Case(_bazaar, "bazaar-edit-form", ("venue", "Taman Merdeka Metro"),
                   ("host_event", "Hari Jadi Kota Metro ke-90"), "Stadion Tejosari",
                   names_who=True),
    "market": Case(_market, "market-form", ("venue", "Lapangan Samber Metro"),
                   ("name", "Payungi Yosomulyo"), "Jalan Ahmad Yani 12"),
    "batik office": Case(_office, "office-form", ("contact_name", "Sri Wahyuni"),
                         ("name", "Dinas Pendidikan Kota Metro"), "Bambang Irawan"),
    "retail partner": Case(_partner, "partner-edit-form",
                           ("note", "Gerai pusat di Jalan AH Nasution"),
                           ("name", "Swalayan Metro Jaya"), "Kontak lewat kantor cabang"),
    "mou": Case(_mou, "mou-edit-form", ("contact_name", "Siti Rahmawati"),
                ("number", "500/77/D.4/2026"), "Dedi Kurniawan", names_who=True, put=True),
}


@pytest.fixture(params=list(CASES))
def case(request) -> Case:
    return CASES[request.param]


@pytest.fixture
def world(platform_any):
    """The admin signed in on `world.client`, a bazaar coordinator on `world.other`."""
    with world_on(platform_any, RetailWorld, signed_in=True) as world:
        email = staff_with_role(world.registry, BAZAAR_COORDINATOR)
        world.other = sign_in(world.registry, world.app.test_client(), email, ROLE_PASSWORD)
        yield world


def _open(client, page: str, case: Case) -> dict:
    answer = client.get(page)
    assert answer.status_code == 200
    values = form_values(answer.get_data(as_text=True), case.form_id)
    assert values.get("shown", "").startswith("{")
    return values


def _stored(world, api: str) -> dict:
    answer = world.client.get(api, headers=world.auth)
    assert answer.status_code == 200, answer.json
    return answer.json


def _send(world, case: Case, api: str, changes: dict, etag: str | None):
    headers = world.auth if etag is None else {**world.auth, "If-Match": etag}
    if not case.put:
        return world.client.patch(api, json=changes, headers=headers)
    now = _stored(world, api)
    return world.client.put(api, json={k: now[k] for k in MOU_FIELDS} | changes,
                            headers=headers)


def test_changes_to_different_fields_made_at_once_are_both_kept(world, case):
    page, api = case.make(world)
    (one, typed), (other, also) = case.first, case.second
    form_a, form_b = _open(world.client, page, case), _open(world.other, page, case)
    assert world.client.post(page, data={**form_a, one: typed}).status_code == 302
    assert world.other.post(page, data={**form_b, other: also}).status_code == 302
    now = _stored(world, api)
    assert (now[one], now[other]) == (typed, also)


def test_the_same_field_changed_by_both_is_refused_beside_it_and_saved_on_a_second_try(
        world, case):
    page, api = case.make(world)
    (one, typed), (other, also) = case.first, case.second
    before = _stored(world, api)[other]
    form_a, form_b = _open(world.client, page, case), _open(world.other, page, case)
    assert world.client.post(page, data={**form_a, one: typed}).status_code == 302
    refused = world.other.post(page, data={**form_b, one: case.clash, other: also})
    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    assert re.search(rf'data-field="{one}">Sudah diubah orang lain menjadi: '
                     rf'{re.escape(typed)}\. Simpan lagi', html)
    if case.names_who:
        assert f"{ADMIN_EMAIL} mengubah data ini pukul" in html
    else:
        assert "Orang lain mengubah data ini sementara Anda mengisi formulir" in html
    now = _stored(world, api)  # nothing of the refused form was written
    assert (now[one], now[other]) == (typed, before)
    again = form_values(html, case.form_id)  # what was typed stays in the form
    assert (again[one], again[other]) == (case.clash, also)
    assert world.other.post(page, data=again).status_code == 302
    now = _stored(world, api)
    assert (now[one], now[other]) == (case.clash, also)


def test_the_api_refuses_a_change_to_a_version_no_longer_stored(world, case):
    _, api = case.make(world)
    (one, typed), (other, also) = case.first, case.second
    etag = world.client.get(api, headers=world.auth).headers["ETag"]
    assert etag.startswith('"') and len(etag) > 10
    changed = _send(world, case, api, {one: typed}, etag)
    assert changed.status_code == 200, changed.json
    assert changed.headers["ETag"] != etag
    assert world.client.get(api, headers=world.auth).headers["ETag"] == changed.headers["ETag"]
    before = _stored(world, api)[other]
    stale = _send(world, case, api, {other: also}, etag)
    assert stale.status_code == 412, stale.json
    assert stale.json["error"]["code"] == "precondition_failed"
    assert "sudah diubah sejak Anda membacanya" in stale.json["error"]["message"]
    assert _stored(world, api)[other] == before
    current = _send(world, case, api, {other: also}, changed.headers["ETag"])
    assert current.status_code == 200, current.json
    assert _stored(world, api)[other] == also
    # Without If-Match a change is made as before.
    plain = _send(world, case, api, {one: case.clash}, None)
    assert plain.status_code == 200, plain.json
    assert _stored(world, api)[one] == case.clash


def test_a_bazaar_moved_meanwhile_stays_moved_when_a_colleague_changes_its_venue(world):
    """The edit form shows the times to the minute, in WIB (the bazaar was scheduled through the
    API to the microsecond, in UTC): left as they were, they are no change of this person's.
    The sectors chosen meanwhile stay too, and the stallholders hear of each change once."""
    bazaar = world.bazaar(stalls=2, kuliner_stalls=2)
    for _ in range(2):
        world.apply(bazaar["id"], world.umkm())
    world.allocate(bazaar["id"])
    page, api = f"/bazaars/{bazaar['id']}/edit", f"/api/v1/bazaars/{bazaar['id']}"
    form_a, form_b = (_open(world.client, page, CASES["bazaar"]),
                      _open(world.other, page, CASES["bazaar"]))
    start = datetime.strptime(form_a["starts_at"], LOCAL) + timedelta(days=1)
    end = datetime.strptime(form_a["ends_at"], LOCAL) + timedelta(days=1)
    assert world.client.post(page, data={
        **form_a, "starts_at": start.strftime(LOCAL), "ends_at": end.strftime(LOCAL),
        "sectors": ["kuliner", "fashion"]}).status_code == 302
    saved = world.other.post(page, data={**form_b, "venue": "Taman Merdeka Metro"})
    assert saved.status_code == 302, saved.get_data(as_text=True)[:2000]
    now = _stored(world, api)
    assert datetime.fromisoformat(now["starts_at"]) == start.replace(tzinfo=WIB)
    assert datetime.fromisoformat(now["ends_at"]) == end.replace(tzinfo=WIB)
    assert (now["venue"], now["sectors"]) == ("Taman Merdeka Metro", ["fashion", "kuliner"])
    told = sorted(event["changed"] for event in world.published("bazaar.rescheduled"))
    assert told == [["starts_at", "ends_at"]] * 2 + [["venue"]] * 2


def test_in_english_with_the_time_saved_as_people_read_it(world):
    bazaar = world.bazaar()
    page, api = f"/bazaars/{bazaar['id']}/edit", f"/api/v1/bazaars/{bazaar['id']}"
    etag = world.client.get(api, headers=world.auth).headers["ETag"]
    world.other.get("/lang/en")
    form_a, form_b = (_open(world.client, page, CASES["bazaar"]),
                      _open(world.other, page, CASES["bazaar"]))
    start, end = (datetime.strptime(form_a[name], LOCAL) for name in ("starts_at", "ends_at"))
    day = timedelta(days=1)
    assert world.client.post(page, data={
        **form_a, "starts_at": (start + day).strftime(LOCAL),
        "ends_at": (end + day).strftime(LOCAL)}).status_code == 302
    refused = world.other.post(page, data={
        **form_b, "starts_at": (start + 2 * day).strftime(LOCAL),
        "ends_at": (end + 2 * day).strftime(LOCAL)})
    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    assert (f'data-field="starts_at">Someone else has changed this to: '
            f'{(start + day).strftime("%d-%m-%Y %H.%M")} WIB. Save again to use what you '
            f'entered.') in html
    assert f"{ADMIN_EMAIL} changed this record at" in html
    stale = world.client.patch(api, json={"venue": "Stadion Tejosari"},
                               headers=world.auth | {"If-Match": etag, "Accept-Language": "en"})
    assert stale.status_code == 412
    assert stale.json["error"]["message"] == ("This data has changed since you read it; read it "
                                              "again, then send your change.")


CHANGES = [("/api/v1/bazaars/{bazaar_id}", "patch"), ("/api/v1/markets/{market_id}", "patch"),
           ("/api/v1/batik/offices/{office_id}", "patch"),
           ("/api/v1/retail/partners/{partner_id}", "patch"),
           ("/api/v1/retail/partners/{partner_id}/mous/{mou_id}", "put")]


def test_the_api_document_names_if_match_and_the_412(service_app):
    spec = service_app("bazaar").test_client().get("/api/v1/openapi.json").json
    for path, method in CHANGES:
        operation = spec["paths"][path][method]
        assert "412" in operation["responses"], path
        assert any(p["name"] == "If-Match" and p["in"] == "header"
                   for p in operation["parameters"]), path
        for read in ("get", method):
            assert "ETag" in spec["paths"][path][read]["responses"]["200"]["headers"], path
