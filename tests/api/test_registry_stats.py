"""GET /api/v1/stats/umkm and the dashboard, on SQLite and PostgreSQL."""

import pytest

from tests.api.test_registry_pages import login
from tests.support.factories import registration


@pytest.fixture
def any_client(any_app):
    return any_app[1]


REGISTERED = [  # (registered_on, kecamatan, kelurahan, sector, capital)
    ("2021-11-20", "Metro Pusat", "Imopuro", "kuliner", 10_000_000),
    ("2021-12-05", "Metro Pusat", "Hadimulyo Barat", "kuliner", 10_000_000),
    ("2022-02-14", "Metro Barat", "Mulyojati", "batik", 2_000_000_000),
    ("2023-12-31", "Metro Timur", "Iringmulyo", "kriya", 10_000_000),
]


def stats(client, **args):
    return client.get("/api/v1/stats/umkm", query_string=args, headers=client.auth)


def test_counts_and_running_totals_by_period_and_category(any_client):
    ids = []
    for on, kecamatan, kelurahan, sector, capital in REGISTERED:
        response = any_client.post("/api/v1/umkm", headers=any_client.auth, json=registration(
            registered_on=on, kecamatan=kecamatan, kelurahan=kelurahan, sector=sector,
            capital_idr=capital))
        assert response.status_code == 201, response.json
        ids.append(response.json["id"])
    years = stats(any_client, group_by="year")
    assert years.status_code == 200
    assert years.json["items"] == [{"key": "2021", "count": 2, "cumulative": 2},
                                   {"key": "2022", "count": 1, "cumulative": 3},
                                   {"key": "2023", "count": 1, "cumulative": 4}]
    months = stats(any_client, group_by="month").json["items"]
    assert months[0] == {"key": "2021-11", "count": 1, "cumulative": 1}
    assert len(months) == 26 and months[-1] == {"key": "2023-12", "count": 1, "cumulative": 4}
    assert {"key": "2022-01", "count": 0, "cumulative": 2} in months  # gaps are filled
    by_kecamatan = stats(any_client, group_by="kecamatan").json["items"]
    assert by_kecamatan[0] == {"key": "Metro Pusat", "count": 2, "cumulative": 2}
    assert by_kecamatan[-1]["cumulative"] == 4
    assert {i["key"]: i["count"] for i in stats(any_client, group_by="scale").json["items"]} == {
        "mikro": 3, "kecil": 1}
    since = stats(any_client, group_by="year", since="2022-01-01").json["items"]
    assert since[0] == {"key": "2022", "count": 1, "cumulative": 3}  # counts those before
    # A rejected registration does not count unless asked for.
    any_client.post(f"/api/v1/umkm/{ids[0]}/reject", json={"reason": "ganda"},
                    headers=any_client.auth)
    assert stats(any_client, group_by="year").json["items"][-1]["cumulative"] == 3
    rejected = stats(any_client, group_by="sector", status="rejected").json["items"]
    assert rejected == [{"key": "kuliner", "count": 1, "cumulative": 1}]


def test_bad_arguments_get_one_message_each(any_client):
    response = stats(any_client, group_by="week", status="x", kecamatan="Bandung")
    assert response.status_code == 422
    assert set(response.json["error"]["fields"]) == {"group_by", "status", "kecamatan"}
    missing = stats(any_client)
    assert missing.status_code == 422 and "group_by" in missing.json["error"]["fields"]
    backwards = stats(any_client, group_by="year", since="2024-01-01", until="2023-01-01")
    assert backwards.status_code == 422 and "until" in backwards.json["error"]["fields"]
    assert any_client.get("/api/v1/stats/umkm?group_by=year").status_code == 401


def test_dashboard_draws_growth_and_the_breakdowns(client, auth):
    for on, kecamatan, kelurahan, sector, capital in REGISTERED:
        client.post("/api/v1/umkm", headers=auth, json=registration(
            registered_on=on, kecamatan=kecamatan, kelurahan=kelurahan, sector=sector,
            capital_idr=capital))
    login(client)
    html = client.get("/dashboard").get_data(as_text=True)
    for testid in ("growth-chart", "new-chart", "kecamatan-chart", "sector-chart",
                   "scale-chart"):
        assert f'data-testid="{testid}"' in html
    assert 'data-testid="umkm-total">4<' in html
    assert "2023-12: 4" in html  # the cumulative point for Dec 2023, readable on hover
    assert "Mikro: " in html and "mikro: " not in html  # scales in the staff's words
    yearly = client.get("/dashboard?by=year").get_data(as_text=True)
    assert "2022: 3" in yearly and "<svg" in yearly
