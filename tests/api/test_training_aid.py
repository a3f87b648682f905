"""Equipment aid: inventory, handover per participant (stock never negative), the BAST PDF,
the signed scan upload (type and size checked), `aid.handed_over`."""

import io

from sqlalchemy import select

from services.training.models import AidItem, Handover, StockMovement
from tests.support import training_fixtures
from tests.support.training_pdf import pdf_text

world = training_fixtures.world

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%signed scan\n"


def setup_participant(world, stock=1, **program):
    program = world.program(**program)
    if stock:
        world.stock(program, stock)
    umkm = world.umkm()
    assert world.enroll(program["id"], umkm["id"]).status_code == 201
    return program, umkm


def hand_over(world, program, umkm, **body):
    return world.client.post(f"/api/v1/programs/{program['id']}/handovers",
                             json={"umkm_id": umkm["id"], **body}, headers=world.auth)


def test_inventory_items_and_stock(world):
    created = world.client.post("/api/v1/aid-items", json={
        "name": "Mesin jahit portable", "unit_value_idr": 2_100_000, "stock": 3},
        headers=world.auth)
    assert created.status_code == 201 and created.json["stock"] == 3
    item = created.json["id"]
    duplicate = world.client.post("/api/v1/aid-items", json={"name": "mesin  jahit PORTABLE"},
                                  headers=world.auth)
    assert duplicate.status_code == 409
    assert world.client.post(f"/api/v1/aid-items/{item}/stock", json={"quantity": 2},
                             headers=world.auth).json["stock"] == 5
    too_many = world.client.post(f"/api/v1/aid-items/{item}/stock", json={"quantity": -6},
                                 headers=world.auth)
    assert too_many.status_code == 409
    listed = world.client.get("/api/v1/aid-items", headers=world.auth).json
    assert [(i["name"], i["stock"]) for i in listed["items"]] == [("Mesin jahit portable", 5)]


def test_handover_of_the_package_with_serials_takes_stock_and_publishes(world):
    program, umkm = setup_participant(world, stock=2)
    answer = hand_over(world, program, umkm, received_by="Sri (istri pemilik)", items=[
        {"item": "Alat tenun tapis", "quantity": 1, "serial_numbers": ["TPS-0042"]}])
    assert answer.status_code == 201, answer.json
    body = answer.json
    assert body["number"].startswith("BAST-")
    assert body["items"] == [{"aid_item_id": program["aid_package"][0]["aid_item_id"],
                              "item": "Alat tenun tapis", "quantity": 1,
                              "unit_value_idr": 1_500_000, "serial_numbers": ["TPS-0042"]}]
    assert body["total_value_idr"] == 1_500_000 and body["received_by"] == "Sri (istri pemilik)"
    stock = world.client.get("/api/v1/aid-items", headers=world.auth).json["items"][0]["stock"]
    assert stock == 1
    [event] = world.published("aid.handed_over")
    assert event["payload"]["items"][0]["serial_numbers"] == ["TPS-0042"]
    assert event["payload"]["umkm_id"] == umkm["id"]
    again = hand_over(world, program, umkm)
    assert again.status_code == 409


def test_not_enough_stock_is_409_and_nothing_is_written(world):
    program, umkm = setup_participant(world, stock=0, aid_package=[
        {"item": "Kompor gas", "quantity": 1, "unit_value_idr": 350_000},
        {"item": "Panci presto", "quantity": 2, "unit_value_idr": 400_000}])
    kompor = program["aid_package"][0]["aid_item_id"]
    world.client.post(f"/api/v1/aid-items/{kompor}/stock", json={"quantity": 4},
                      headers=world.auth)
    answer = hand_over(world, program, umkm)
    assert answer.status_code == 409
    assert "items.1.quantity" in answer.json["error"]["fields"]
    with world.training.uow(readonly=True) as unit:
        assert unit.session.execute(select(Handover)).first() is None
        assert unit.session.get(AidItem, kompor).stock == 4
        assert len(unit.session.execute(select(StockMovement)).all()) == 1  # the receipt only
    assert world.published("aid.handed_over") == []


def test_only_enrolled_participants_and_serials_match_the_quantity(world):
    program, _ = setup_participant(world, stock=5)
    stranger = world.umkm()
    assert hand_over(world, program, stranger).status_code == 422
    program2, umkm = setup_participant(world, stock=5, title="Tapis II",
                                       aid_package=[{"item": "Benang emas", "quantity": 2}])
    wrong = hand_over(world, program2, umkm, items=[
        {"item": "Benang emas", "quantity": 2, "serial_numbers": ["B-1"]}])
    assert wrong.status_code == 422
    assert "items.0.serial_numbers" in wrong.json["error"]["fields"]


def test_the_bast_pdf_names_the_parties_and_items(world):
    program, umkm = setup_participant(world)
    handover = hand_over(world, program, umkm).json
    pdf = world.client.get(f"/api/v1/handovers/{handover['id']}/bast.pdf", headers=world.auth)
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.data.startswith(b"%PDF-")
    assert handover["number"] in pdf.headers["Content-Disposition"]
    text = pdf_text(pdf.data)
    assert "BERITA ACARA SERAH TERIMA" in text
    assert umkm["business_name"] in text and "Alat tenun tapis" in text
    assert "Rp1.500.000" in text


def test_upload_the_signed_scan_with_type_and_size_checks(world):
    program, umkm = setup_participant(world)
    handover = hand_over(world, program, umkm).json
    url = f"/api/v1/handovers/{handover['id']}/scan"
    assert world.client.get(url, headers=world.auth).status_code == 404
    fake = world.client.post(url, data={"file": (io.BytesIO(b"MZ\x90\x00 not a scan"),
                                                 "scan.pdf")}, headers=world.auth)
    assert fake.status_code == 422 and "file" in fake.json["error"]["fields"]
    empty = world.client.post(url, data={}, headers=world.auth)
    assert empty.status_code == 422
    world.training.upload_max_bytes = 50
    big = world.client.post(url, data={"file": (io.BytesIO(PDF + b"x" * 100), "scan.pdf")},
                            headers=world.auth)
    assert big.status_code == 422 and "MB" in big.json["error"]["fields"]["file"]
    world.training.upload_max_bytes = 10 * 1024 * 1024
    ok = world.client.post(url, data={"file": (io.BytesIO(PNG), "foto.png")}, headers=world.auth)
    assert ok.status_code == 200, ok.json
    assert ok.json["scan_uploaded"] is True and ok.json["scan_type"] == "image/png"
    stored = list(world.training.upload_dir.iterdir())
    assert len(stored) == 1 and stored[0].read_bytes() == PNG
    assert str(world.training.upload_dir).endswith("uploads/training")
    got = world.client.get(url, headers=world.auth)
    assert got.status_code == 200 and got.data == PNG
