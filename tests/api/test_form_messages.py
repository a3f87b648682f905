"""WTForms' own messages (a date that is not a date, a number that is not a number) on the staff
pages, in the page's language: WTForms ships no Indonesian, the kernel keeps the catalogue."""

import re

from tests.api.test_registry_pages import login, token_of
from tests.support.factories import registration


def _submit(client, **changes):
    page = client.get("/umkm/new").get_data(as_text=True)
    body = {**registration(), "registered_on": "2026-02-31", "csrf_token": token_of(page),
            **changes}
    return client.post("/umkm/new", data={k: v for k, v in body.items() if v is not None})


def test_a_date_that_is_not_a_date_is_told_in_indonesian_then_in_english(client):
    login(client)
    answer = _submit(client)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert 'data-field="registered_on">Tanggal tidak valid.</div>' in html
    assert "Not a valid date value" not in html
    # the field's error is tied to it for screen readers; fields without one name none
    assert 'aria-describedby="registered_on-error registered_on-hint"' in html
    assert 'aria-describedby="None"' not in html
    client.get("/lang/en")
    english = _submit(client).get_data(as_text=True)
    assert 'data-field="registered_on">Not a valid date value.</div>' in english


def test_no_field_of_an_untouched_form_names_a_missing_description(client):
    login(client)
    page = client.get("/umkm/new").get_data(as_text=True)
    described = re.findall(r'aria-describedby="([^"]*)"', page)
    assert described and 'aria-invalid="false"' in page  # the hints describe their fields
    for ids in described:
        assert all(f'id="{one}"' in page for one in ids.split()), ids
    assert "-error" not in " ".join(described)


def test_a_form_tells_every_problem_in_one_round(client):
    """A capital that is not a number is the form's own check; a NIK with a month 13 and a
    phone that is not a mobile number are the rules': all three are told at once."""
    login(client)
    answer = _submit(client, registered_on="", capital_idr="banyak",
                     nik="1872013213850001", phone="021-123")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 422
    for name in ("capital_idr", "nik", "phone"):
        assert f'data-field="{name}"' in html, name
    assert "Bulan lahir pada NIK" in html
