"""No string of an API body reaches a column it does not fit, on SQLite and on PostgreSQL
(where it would be a DataError, a 500): one character too many is a 422 naming the field, and
a name that fits is kept, even when its case-folded key (ß -> ss) is longer than the name."""

from datetime import timedelta

import pytest

from services.kernel.clock import today_wib, utcnow
from tests.support.bazaar_world import world_on
from tests.support.retail_world import RetailWorld

SHARP = "Straße "  # case folding makes it one character longer: "strasse "


@pytest.fixture
def world(platform_any):
    with world_on(platform_any, RetailWorld) as world:
        yield world


def named(size: int) -> tuple[str, str]:
    """A name of `size` characters whose case-folded key is longer, and the same name in
    capitals (the same key: a duplicate)."""
    name = (SHARP * size)[:size].strip()
    name = name + "e" * (size - len(name))
    return name, name.upper().replace("SS", "ẞ")


def test_names_whose_key_is_longer_than_the_column_are_kept_and_still_unique(world):
    api = world.client
    partner_name, partner_again = named(120)
    assert len(partner_name) == 120 and len(partner_name.casefold()) > 120
    partner = world.post("/partners", {"name": partner_name})
    assert partner.status_code == 201, partner.json
    assert partner.json["name"] == partner_name
    assert world.post("/partners", {"name": partner_again}).status_code == 409

    long_name, long_again = named(200)
    outlet = world.post(f"/partners/{partner.json['id']}/outlets", {"name": long_name})
    assert outlet.status_code == 201, outlet.json
    assert world.post(f"/partners/{partner.json['id']}/outlets",
                      {"name": long_again}).status_code == 409
    umkm = world.umkm()
    product = world.propose(partner.json, umkm, long_name)
    assert product.status_code == 201, product.json
    assert world.propose(partner.json, umkm, long_again).status_code == 409

    market = {"venue": "Yosomulyo", "rule": "FREQ=DAILY", "first_date": today_wib().isoformat(),
              "starts_time": "06:00", "ends_time": "10:00", "spots": 1}
    made = api.post("/api/v1/markets", headers=world.auth, json=market | {"name": long_name})
    assert made.status_code == 201, made.json
    assert api.post("/api/v1/markets", headers=world.auth,
                    json=market | {"name": long_again}).status_code == 409
    office = api.post("/api/v1/batik/offices", headers=world.auth,
                      json={"name": long_name, "kind": "opd"})
    assert office.status_code == 201, office.json
    assert api.post("/api/v1/batik/offices", headers=world.auth,
                    json={"name": long_again, "kind": "opd"}).status_code == 409


def one_too_many(world) -> list[tuple[str, str, dict, str]]:
    """(method, path, body, field) with the field one character longer than its column."""
    x = lambda n: "x" * (n + 1)  # noqa: E731
    start = utcnow() + timedelta(days=10)
    bazaar = {"title": "Bazar Uji", "host_event": "HUT Kota Metro", "venue": "Lapangan Samber",
              "starts_at": start.isoformat(),
              "ends_at": (start + timedelta(hours=6)).isoformat(), "stalls": 2}
    scheduled = world.bazaar()
    allocated = world.bazaar(stalls=1, kuliner_stalls=1)
    world.apply(allocated["id"], world.umkm())
    [stall] = world.allocate(allocated["id"])["items"]
    on_stall = f"/api/v1/bazaars/{allocated['id']}/applications/{stall['id']}"
    market = {"name": "Pasar Uji", "venue": "Yosomulyo", "rule": "FREQ=DAILY",
              "first_date": today_wib().isoformat(), "starts_time": "06:00",
              "ends_time": "10:00", "spots": 1}
    market_id = world.client.post("/api/v1/markets", headers=world.auth, json=market).json["id"]
    office = {"name": "Dinas Uji", "kind": "vertikal", "circular_letter": "S-1/2026"}
    office_id = world.client.post("/api/v1/batik/offices", headers=world.auth,
                                  json=office).json["id"]
    order = {"office_id": office_id, "umkm_id": world.umkm(sector="batik"),
             "due_on": (today_wib() + timedelta(days=5)).isoformat(),
             "items": [{"item": "Kemeja batik", "quantity": 2, "unit_price_idr": 100_000}]}
    placed = world.client.post("/api/v1/batik/orders", headers=world.auth, json=order).json
    partner = world.partner()
    mou = {"number": "500/1/D.4/2026", "signed_on": today_wib().isoformat(),
           "expires_on": (today_wib() + timedelta(days=300)).isoformat(),
           "contact_name": "Budi Santoso", "contact_phone": "0812-3456-7890"}
    placement = world.propose(partner).json
    retail = f"/api/v1/retail/partners/{partner['id']}"
    return [
        *[("post", "/api/v1/bazaars", bazaar | {f: x(n)}, f)
          for f, n in (("title", 200), ("host_event", 200), ("organizer", 200), ("venue", 300))],
        *[("patch", f"/api/v1/bazaars/{scheduled['id']}", {f: x(n)}, f)
          for f, n in (("title", 200), ("host_event", 200), ("organizer", 200), ("venue", 300))],
        ("post", f"/api/v1/bazaars/{scheduled['id']}/cancel", {"reason": x(500)}, "reason"),
        ("put", f"{on_stall}/stall", {"stall_number": None, "reason": x(300)}, "reason"),
        ("put", f"{on_stall}/sales", {"revenue_idr": 1, "units_sold": 1,
                                      "best_product": x(200)}, "best_product"),
        *[("post", "/api/v1/markets", market | {"name": "Pasar Lain", f: x(n)}, f)
          for f, n in (("name", 200), ("venue", 300), ("rule", 300))],
        ("post", f"/api/v1/markets/{market_id}/exclusions",
         {"date": today_wib().isoformat(), "reason": x(300)}, "reason"),
        *[("post", "/api/v1/batik/offices", office | {"name": "Dinas Lain", f: x(n)}, f)
          for f, n in (("name", 200), ("circular_letter", 120), ("contact_name", 200),
                       ("contact_phone", 30))],
        ("post", "/api/v1/batik/orders", order | {"items": [order["items"][0] | {
            "item": x(200)}]}, "items"),
        ("post", f"/api/v1/batik/orders/{placed['id']}/deliveries", {"note": x(300), "items": [
            {"item_id": placed["items"][0]["id"], "quantity": 1}]}, "note"),
        ("post", f"/api/v1/batik/orders/{placed['id']}/cancel", {"reason": x(500)}, "reason"),
        *[("post", "/api/v1/retail/partners", {"name": "Mitra Lain", f: v}, f)
          for f, v in (("name", x(120)), ("note", x(500)), ("outlets", [x(200)]))],
        *[("patch", retail, {f: x(n)}, f) for f, n in (("name", 120), ("note", 500))],
        *[("post", f"{retail}/outlets", {"name": "Gerai Lain", f: x(n)}, f)
          for f, n in (("name", 200), ("address", 300))],
        *[("post", f"{retail}/mous", mou | {f: v}, f)
          for f, v in (("number", x(100)), ("contact_name", x(200)),
                       ("contact_phone", "0812" + "3" * 17))],
        *[("post", "/api/v1/retail/placements", {
            "umkm_id": world.umkm(), "partner_id": partner["id"], "product_name": "Keripik",
            f: x(n)}, f) for f, n in (("product_name", 200), ("registry_product_id", 36))],
        ("put", f"/api/v1/retail/placements/{placement['id']}/checklist/halal",
         {"checked": True, "note": x(300)}, "note"),
        ("post", f"/api/v1/retail/placements/{placement['id']}/status",
         {"status": "curated", "note": x(500)}, "note"),
    ]


def test_one_character_too_many_is_a_422_naming_the_field(world):
    answers = []
    for method, path, body, field in one_too_many(world):
        response = getattr(world.client, method)(path, json=body, headers=world.auth)
        fields = (response.json or {}).get("error", {}).get("fields", {})
        answers.append((path, field, response.status_code,
                        any(k == field or k.startswith(field + ".") for k in fields)))
    assert [a for a in answers if a[2:] != (422, True)] == []
    assert len(answers) == 36
