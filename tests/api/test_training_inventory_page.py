"""The inventory page: each row's "stock in / correction" form tells its own errors beside its
own fields and keeps what was typed; the "add an item" card is left alone."""

import re

from sqlalchemy import select

from services.training.models import AidItem, StockMovement
from tests.support import training_fixtures
from tests.support.sessions import csrf_of
from tests.support.training_world import logged_in

world = training_fixtures.world


def html(response) -> str:
    return response.get_data(as_text=True)


def two_items(world) -> tuple[str, str]:
    ids = []
    for name in ("Kompor gas", "Panci presto"):
        created = world.client.post("/api/v1/aid-items", json={"name": name, "stock": 4},
                                    headers=world.auth)
        assert created.status_code == 201, created.json
        ids.append(created.json["id"])
    return ids[0], ids[1]


def row_of(text: str, item_id: str) -> str:
    """The <form> of one row."""
    start = text.index(f'name="stock_item" value="{item_id}"')
    return text[start:text.index("</form>", start)]


def movements(world) -> int:
    with world.training.uow(readonly=True) as unit:
        return len(unit.session.execute(select(StockMovement)).all())


def test_a_quantity_that_is_not_a_number_is_told_beside_that_rows_quantity(world):
    kompor, panci = two_items(world)
    client = logged_in(world)
    page = html(client.get("/aid-items"))
    answer = client.post("/aid-items", data={"csrf_token": csrf_of(page), "stock_item": panci,
                                             "quantity": "abc", "note": "Kiriman dinas"})
    assert answer.status_code == 422
    text = html(answer)
    row = row_of(text, panci)
    assert re.search(rf'id="quantity-{panci}-error"[^>]*>Harus berupa bilangan bulat\.<', row)
    assert 'value="abc"' in row and 'value="Kiriman dinas"' in row
    assert f'aria-describedby="quantity-{panci}-error"' in row
    assert "error" not in row_of(text, kompor)  # the other row is untouched
    card = text[text.index("Tambah barang"):]
    assert 'class="error"' not in card and "Jumlah tidak boleh nol" not in text
    assert "Data tidak valid" not in text
    assert movements(world) == 2  # the two initial stocks only


def test_a_correction_beyond_the_stock_is_told_beside_that_row_and_nothing_changes(world):
    kompor, _ = two_items(world)
    client = logged_in(world)
    page = html(client.get("/aid-items"))
    answer = client.post("/aid-items", data={"csrf_token": csrf_of(page), "stock_item": kompor,
                                             "quantity": "-1000", "note": "Rusak"})
    assert answer.status_code == 422
    row = row_of(html(answer), kompor)
    assert re.search(rf'id="quantity-{kompor}-error"[^>]*>Melebihi stok: tinggal 4\.<', row)
    assert 'value="-1000"' in row and 'value="Rusak"' in row
    assert "Melebihi stok" not in html(answer)[html(answer).index("Tambah barang"):]
    long_note = client.post("/aid-items", data={"csrf_token": csrf_of(page),
                                                "stock_item": kompor, "quantity": "2",
                                                "note": "x" * 301})
    assert long_note.status_code == 422
    assert re.search(rf'id="note-{kompor}-error"[^>]*>Paling banyak 300 karakter\.<',
                     row_of(html(long_note), kompor))
    with world.training.uow(readonly=True) as unit:
        assert unit.session.get(AidItem, kompor).stock == 4
    assert movements(world) == 2
    saved = client.post("/aid-items", data={"csrf_token": csrf_of(page), "stock_item": kompor,
                                            "quantity": "-1", "note": "Rusak"})
    assert saved.status_code == 302
    with world.training.uow(readonly=True) as unit:
        assert unit.session.get(AidItem, kompor).stock == 3


def test_the_stock_through_the_api_is_told_field_by_field(world):
    kompor, _ = two_items(world)
    url = f"/api/v1/aid-items/{kompor}/stock"
    long_note = world.client.post(url, json={"quantity": 1, "note": "x" * 301},
                                  headers=world.auth)
    assert long_note.status_code == 422
    assert set(long_note.json["error"]["fields"]) == {"note"}
    huge = world.client.post(url, json={"quantity": 3_000_000_000}, headers=world.auth)
    assert huge.status_code == 422 and set(huge.json["error"]["fields"]) == {"quantity"}
    assert movements(world) == 2


def test_a_new_item_with_an_over_long_name_or_unit_is_told_beside_each(world):
    client = logged_in(world)
    page = html(client.get("/aid-items"))
    answer = client.post("/aid-items", data={"csrf_token": csrf_of(page), "name": "x" * 5000,
                                             "unit": "y" * 5000, "stock": "2"})
    assert answer.status_code == 422
    text = html(answer)
    assert re.search(r'id="name-error"[^>]*>Paling banyak 160 karakter\.<', text)
    assert re.search(r'id="unit-error"[^>]*>Paling banyak 30 karakter\.<', text)
    assert 'value="' + "y" * 5000 + '"' in text
    assert world.client.get("/api/v1/aid-items", headers=world.auth).json["total"] == 0


def test_item_names_through_the_api_fit_their_column(world):
    long = world.client.post("/api/v1/aid-items", json={"name": "x" * 161, "unit": "y" * 31},
                             headers=world.auth)
    assert long.status_code == 422
    assert set(long.json["error"]["fields"]) == {"name", "unit"}
    longest = world.client.post("/api/v1/aid-items", json={"name": "x" * 160, "unit": "y" * 30},
                                headers=world.auth)
    assert longest.status_code == 201, longest.json
    program = world.client.post("/api/v1/programs", json={
        "title": "Tapis", "topic": "tapis", "location": "Aula", "starts_on": "2026-12-07",
        "ends_on": "2026-12-07", "quota": 5,
        "aid_package": [{"item": "z" * 161, "quantity": 1}]}, headers=world.auth)
    assert program.status_code == 422
    assert set(program.json["error"]["fields"]) == {"aid_package.0.item"}


def test_a_unit_value_beyond_the_column_is_told_beside_it(world):
    client = logged_in(world)
    page = html(client.get("/aid-items"))
    # past what any column holds: told as the API tells it
    answer = client.post("/aid-items", data={"csrf_token": csrf_of(page), "name": "Kompor",
                                             "unit_value_idr": "Rp 99.999.999.999.999.999.999"})
    assert answer.status_code == 422
    assert re.search(r'id="unit_value_idr-error"[^>]*>Angka terlalu besar\.<', html(answer))
    assert 'value="Rp 99.999.999.999.999.999.999"' in html(answer)
    # past what an aid item may be worth: told with the limit
    answer = client.post("/aid-items", data={"csrf_token": csrf_of(html(answer)),
                                             "name": "Kompor",
                                             "unit_value_idr": "Rp 2.000.000.000.000"})
    assert answer.status_code == 422
    assert re.search(r'id="unit_value_idr-error"[^>]*>Paling banyak Rp1\.000\.000\.000\.000\.<',
                     html(answer))
