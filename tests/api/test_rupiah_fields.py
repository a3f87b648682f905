"""An amount typed on a staff page with sen is refused beside its field; before, the page read
"2500000.50" as Rp250.000.050 and "2.5" as Rp25."""

import pytest

from tests.api.test_registry_pages import login
from tests.support.factories import registration
from tests.support.page_forms import form_values


def _register(client, capital: str):
    form = form_values(client.get("/umkm/new").get_data(as_text=True), "registration-form")
    body = registration()
    return client.post("/umkm/new", data={**form, **body, "capital_idr": capital})


@pytest.mark.parametrize("typed", ["2500000.50", "2.500.000,50", "2.5"])
def test_an_amount_with_sen_is_refused_beside_the_field(client, auth, typed):
    login(client)
    answer = _register(client, typed)
    assert answer.status_code == 422
    assert 'data-field="capital_idr">Nilai rupiah harus bilangan bulat, tanpa sen' in \
        answer.get_data(as_text=True)
    assert client.get("/api/v1/umkm", headers=auth).json["total"] == 0


@pytest.mark.parametrize("typed", ["Rp 2.500.000", "2.500.000,00", "2500000"])
def test_an_amount_as_people_type_it_is_kept_whole(client, auth, typed):
    login(client)
    assert _register(client, typed).status_code == 302
    items = client.get("/api/v1/umkm", headers=auth).json["items"]
    assert client.get(f"/api/v1/umkm/{items[0]['id']}", headers=auth).json["capital_idr"] \
        == 2_500_000
