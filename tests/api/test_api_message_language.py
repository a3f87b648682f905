"""The API answers a mistake in the language asked for (Accept-Language), Indonesian when none
is: the services' own messages, and marshmallow's ("Missing data for required field.", "Not a
valid integer."), which marshmallow writes in English only and the kernel puts in Indonesian.
Every operation of the four APIs is asked wrongly in both languages."""

from __future__ import annotations

import pytest

from tests.support.api_sweep import error_texts
from tests.support.page_language import whole_platform
from tests.support.page_words import Words
from tests.support.whole_platform import NAMES

LANGUAGES = {"id": {}, "en": {"Accept-Language": "en"}}


@pytest.fixture(scope="module")
def whole(tmp_path_factory, redis_server):
    built = whole_platform(tmp_path_factory, redis_server)
    yield built
    built.close()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("service", ["registry", "bazaar", "training", "notifier"])
def test_every_error_of_an_api_is_in_the_language_asked_for(whole, service, language):
    client = whole.apps[service].test_client()
    said = error_texts(client, {**whole.auth, **LANGUAGES[language]}, whole.ids)
    words = Words(language, NAMES)
    assert len(said) > 5  # the operations were asked
    assert [f"{where}: {text}" for text, where in said.items() if words.foreign(text)] == []


def test_marshmallow_says_in_indonesian_what_is_missing_or_of_the_wrong_kind(whole):
    registry = whole.apps["registry"].test_client()
    missing = registry.post("/api/v1/umkm", json={}, headers=whole.auth).json["error"]
    assert missing["fields"]["owner_name"] == "Wajib diisi."
    wrong = registry.post("/api/v1/umkm", headers=whole.auth, json={
        "owner_name": 7, "capital_idr": "banyak", "registered_on": "kemarin", "x": 1})
    assert {k: wrong.json["error"]["fields"][k] for k in (
        "owner_name", "capital_idr", "registered_on", "x")} == {
        "owner_name": "Harus berupa teks.", "capital_idr": "Harus berupa bilangan bulat.",
        "registered_on": "Tanggal tidak valid.", "x": "Isian tidak dikenal."}
    paging = registry.get("/api/v1/audit?per_page=0", headers=whole.auth).json["error"]
    assert paging["fields"]["per_page"] == "Harus antara 1 dan 200."
    bazaar = whole.apps["bazaar"].test_client()
    kind = bazaar.post("/api/v1/batik/offices", headers=whole.auth,
                       json={"name": "Dinas Pendidikan", "kind": "pusat"}).json["error"]
    assert kind["fields"]["kind"] == "Harus salah satu dari: opd, vertikal."
    # in English, marshmallow's own words
    english = registry.post("/api/v1/umkm", json={}, headers={
        **whole.auth, "Accept-Language": "en"}).json["error"]
    assert english["fields"]["owner_name"] == "Missing data for required field."


def test_the_services_own_schema_messages_follow_the_language(whole):
    staff = whole.apps["registry"].test_client()
    body = {"email": "baru@example.id", "name": "Wulan", "password": "pendek", "roles": []}
    short = {language: staff.post("/api/v1/staff", json=body, headers={
        **whole.auth, **headers}).json["error"]["fields"]["password"]
        for language, headers in LANGUAGES.items()}
    assert short == {"id": "Kata sandi minimal 10 karakter.",
                     "en": "Password must be at least 10 characters."}
    retail = whole.apps["bazaar"].test_client()
    url = f"/api/v1/retail/placements/{whole.ids['placement_id']}/sales"
    month = {language: retail.put(url, json={"month": "Desember", "units_sold": 1}, headers={
        **whole.auth, **headers}).json["error"]["fields"]["month"]
        for language, headers in LANGUAGES.items()}
    assert month == {"id": "Tulis bulan sebagai TTTT-BB, misalnya 2027-02.",
                     "en": "Write the month as YYYY-MM, e.g. 2027-02."}
    notifier = whole.apps["notifier"].test_client()
    gone = notifier.get("/api/v1/deliveries/no-such-message", headers={
        **whole.auth, "Accept-Language": "en"})
    assert gone.status_code == 404 and gone.json["error"]["message"] == "Message not found."
