"""Training's staff forms answer bad input with 422, the message beside the field it concerns
and what was typed kept; nothing is saved."""

import re

from tests.support import training_fixtures
from tests.support.sessions import csrf_of
from tests.support.training_world import logged_in

world = training_fixtures.world
LONG = "x" * 5000


def html(response) -> str:
    return response.get_data(as_text=True)


def error_of(text: str, field: str) -> str | None:
    found = re.search(rf'id="{field}-error"[^>]*>([^<]*)<', text)
    return found.group(1) if found else None


def test_a_trainer_with_over_long_text_a_bad_phone_and_email_is_refused_beside_each(world):
    client = logged_in(world)
    page = html(client.get("/trainers"))
    answer = client.post("/trainers", data={
        "csrf_token": csrf_of(page), "name": LONG, "skills": f"batik, {LONG}", "phone":
        "telepon-abc", "email": "bukan-email@@", "address": LONG, "kelurahan": "",
        "city": LONG, "availability": "Sabtu"})
    assert answer.status_code == 422
    text = html(answer)
    assert error_of(text, "name") == "Paling banyak 120 karakter."
    assert error_of(text, "address") == "Paling banyak 300 karakter."
    assert error_of(text, "city") == "Paling banyak 80 karakter."
    assert "60 karakter" in error_of(text, "skills")
    assert "diawali 08, 62 atau +62" in error_of(text, "phone")
    assert error_of(text, "email") == "Alamat email tidak valid."
    assert 'value="telepon-abc"' in text and 'value="bukan-email@@"' in text
    assert 'value="Sabtu"' in text
    assert world.client.get("/api/v1/trainers", headers=world.auth).json["total"] == 0


def test_a_fee_that_is_not_a_number_answers_422_beside_the_fee(world):
    client = logged_in(world)
    page = html(client.get("/trainers"))
    answer = client.post("/trainers", data={
        "csrf_token": csrf_of(page), "name": "Pak Hendra", "skills": "batik cap",
        "address": "Jl. Ahmad Yani 9", "city": "Bandar Lampung", "fee_idr": "banyak"})
    assert answer.status_code == 422 and error_of(html(answer), "fee_idr")
    assert 'value="Pak Hendra"' in html(answer)
