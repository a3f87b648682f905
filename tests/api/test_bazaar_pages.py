"""The bazaar staff pages: schedule with errors beside fields, apply for an owner, allocate."""

import re
from datetime import timedelta

import pytest

from services.kernel.clock import WIB, utcnow
from tests.support.bazaar_world import BazaarWorld
from tests.support.sessions import sign_in


def token_of(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


@pytest.fixture
def world(app, auth, service_app):
    """The bazaar app with a client carrying the session the registry's login page gives."""
    world = BazaarWorld(service_app("bazaar"), auth)
    sign_in(app, world.client)
    return world


def test_schedule_form_apply_for_an_owner_and_allocate(world):
    home = world.client.get("/")
    assert home.status_code == 302 and home.headers["Location"].endswith("/bazaars")
    form = world.client.get("/bazaars/new").get_data(as_text=True)
    start = (utcnow() + timedelta(days=7)).astimezone(WIB)
    fields = {"title": "Bazar Hari Koperasi", "host_event": "Hari Koperasi Nasional",
              "venue": "Taman Merdeka", "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
              "ends_at": start.strftime("%Y-%m-%dT%H:%M"), "stalls": "2",
              "kuliner_stalls": "5", "verified_only": "y", "csrf_token": token_of(form)}
    bad = world.client.post("/bazaars/new", data=fields)
    assert bad.status_code == 422
    html = bad.get_data(as_text=True)
    assert 'data-field="ends_at"' in html and 'data-field="kuliner_stalls"' in html
    fields |= {"ends_at": (start + timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M"),
               "kuliner_stalls": "1", "csrf_token": token_of(html)}
    created = world.client.post("/bazaars/new", data=fields)
    assert created.status_code == 302
    detail_url = created.headers["Location"]
    umkm = world.umkm()
    detail = world.client.get(detail_url).get_data(as_text=True)
    assert umkm in detail  # offered in the apply form
    empty = world.client.post(detail_url + "/apply", data={"umkm_id": "",
                                                           "csrf_token": token_of(detail)})
    assert empty.status_code == 422 and 'data-field="umkm_id"' in empty.get_data(as_text=True)
    applied = world.client.post(detail_url + "/apply", data={
        "umkm_id": umkm, "csrf_token": token_of(detail)}, follow_redirects=True)
    assert applied.status_code == 200 and "didaftarkan" in applied.get_data(as_text=True)
    again = world.client.post(detail_url + "/apply", data={
        "umkm_id": umkm, "csrf_token": token_of(detail)})
    assert again.status_code == 422 and "Sudah mendaftar." in again.get_data(as_text=True)
    allocated = world.client.post(detail_url + "/allocate", data={
        "csrf_token": token_of(detail)}, follow_redirects=True).get_data(as_text=True)
    assert "K-01" in allocated and "Mendapat lapak K-01" in allocated
    assert 'data-testid="mark-hadir"' in allocated


def test_sales_form_shows_errors_beside_fields_and_the_report_charts(world):
    bazaar = world.bazaar(stalls=1, kuliner_stalls=1)
    umkm = world.umkm()
    world.apply(bazaar["id"], umkm)
    [item] = world.client.post(f"/api/v1/bazaars/{bazaar['id']}/allocate",
                               headers=world.auth).json["items"]
    detail_url = f"/bazaars/{bazaar['id']}"
    page = world.client.get(detail_url).get_data(as_text=True)
    assert 'data-testid="sales-form"' in page
    url = f"{detail_url}/applications/{item['id']}/sales"
    bad = world.client.post(url, data={"revenue_idr": "", "units_sold": "-1",
                                       "csrf_token": token_of(page)})
    assert bad.status_code == 422
    html = bad.get_data(as_text=True)
    assert 'data-field="revenue_idr"' in html and 'data-field="units_sold"' in html
    good = world.client.post(url, data={"revenue_idr": "1.250.000", "units_sold": "80",
                                        "best_product": "Pempek", "csrf_token": token_of(html)},
                             follow_redirects=True).get_data(as_text=True)
    assert 'data-testid="sector-revenue-chart"' in good and "1.250.000" in good
    closed = world.client.post(f"{detail_url}/close", data={"csrf_token": token_of(good)},
                               follow_redirects=True).get_data(as_text=True)
    assert "Bazar ditutup" in closed and 'data-testid="sales-form"' not in closed
    listing = world.client.get("/bazaars").get_data(as_text=True)
    assert 'data-testid="revenue-over-time"' in listing


def test_owners_report_sales_through_the_signed_link_without_an_account(world):
    from datetime import datetime, timedelta
    from urllib.parse import urlsplit

    from services.bazaar.usecases.sales_links import LINK_DAYS, request_sales_reports
    from services.kernel.clock import to_wib

    bazaar = world.bazaar(stalls=1, kuliner_stalls=1)
    umkm = world.umkm()
    world.apply(bazaar["id"], umkm)
    world.client.post(f"/api/v1/bazaars/{bazaar['id']}/allocate", headers=world.auth)
    service = world.service
    ended = datetime.fromisoformat(bazaar["ends_at"]) + timedelta(hours=1)
    assert request_sales_reports(service.uow, service.sales_links,
                                 now=ended - timedelta(days=2)) == 0  # not over yet
    assert request_sales_reports(service.uow, service.sales_links, now=ended) == 1
    assert request_sales_reports(service.uow, service.sales_links, now=ended) == 0  # once
    [asked] = world.published("bazaar.sales_report_requested")
    assert asked["umkm_id"] == umkm
    # The link lasts LINK_DAYS from the day the reports were asked for, by the job's clock.
    assert asked["expires_on"] == (to_wib(ended).date() + timedelta(days=LINK_DAYS)).isoformat()
    path = urlsplit(asked["report_url"]).path
    owner = world.app.test_client()  # no login
    page = owner.get(path)
    assert page.status_code == 200 and 'data-testid="owner-sales-form"' in page.get_data(
        as_text=True)
    html = page.get_data(as_text=True)
    bad = owner.post(path, data={"revenue_idr": "", "units_sold": "x",
                                 "csrf_token": token_of(html)})
    assert bad.status_code == 422 and 'data-field="revenue_idr"' in bad.get_data(as_text=True)
    sent = owner.post(path, data={"revenue_idr": "950.000", "units_sold": "60",
                                  "best_product": "Pempek lenjer", "csrf_token": token_of(html)})
    assert sent.status_code == 200 and 'data-testid="sales-thanks"' in sent.get_data(
        as_text=True)
    report = world.client.get(f"/api/v1/bazaars/{bazaar['id']}/report", headers=world.auth).json
    assert (report["revenue_idr"], report["units_sold"]) == (950_000, 60)
    assert owner.get(path[:-3] + "xyz").status_code == 404  # a tampered link
    world.client.post(f"/api/v1/bazaars/{bazaar['id']}/close", headers=world.auth)
    late = owner.post(path, data={"revenue_idr": "1", "units_sold": "1",
                                  "csrf_token": token_of(html)})
    assert late.status_code == 422 and "sudah ditutup" in late.get_data(as_text=True)
