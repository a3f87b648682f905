"""The UMKM selects of the bazaar, market and retail partner pages: with more UMKM in the
directory than a page can list, each one is still found by typing its name; the select offers
only the eligible ones, at most 50, and says how many match."""

import re
import uuid
from datetime import timedelta

import pytest

from services.kernel.clock import today_wib, utcnow
from services.kernel.events import CATALOGUE
from services.kernel.events.catalogue import make_envelope
from tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.support.retail_world import RetailWorld
from tests.support.sessions import sign_in

LAST = "Zulfa Sambal Lingkung"  # sorts after every "Usaha Ramai ..." name


def token_of(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def offered(html: str, testid: str) -> list[str]:
    """The UMKM ids the select of the form `testid` offers (the placeholder aside)."""
    form = re.search(rf'<form[^>]*data-testid="{testid}".*?</form>', html, re.S).group(0)
    select = re.search(r'<select[^>]*name="umkm_id".*?</select>', form, re.S).group(0)
    return [v for v in re.findall(r'<option[^>]*value="([^"]*)"', select) if v]


def selected(html: str) -> list[str]:
    return re.findall(r'<option selected value="([^"]+)"', html)


def count_of(html: str) -> tuple[int, int, str]:
    """(shown, total, text) of the hint beside the select."""
    found = re.search(r'data-testid="umkm-count" data-total="(\d+)" data-shown="(\d+)">([^<]*)<',
                      html)
    return int(found.group(2)), int(found.group(1)), found.group(3)


def crowd(world, count: int, *, sector: str = "kuliner", status: str = "verified",
          name: str = "Usaha Ramai") -> list[str]:
    """`count` UMKM put in the directory at once, through its own upsert as the worker does."""
    service, kind = world.service, CATALOGUE.get("umkm.verified")
    ids, now = [], utcnow()
    with service.uow() as unit:
        for n in range(count):
            umkm_id = str(uuid.uuid4())
            payload = {**kind.example, "umkm_id": umkm_id, "owner_id": str(uuid.uuid4()),
                       "business_name": f"{name} {n:04d}" if count > 1 else name,
                       "owner_name": f"Pemilik {n}", "sector": sector, "status": status}
            service.directory.apply(CATALOGUE.parse(make_envelope(kind, payload, now)), unit)
            ids.append(umkm_id)
        unit.commit()
    return ids


@pytest.fixture
def world(app, auth, service_app):
    world = RetailWorld(service_app("bazaar"), auth)
    sign_in(app, world.client, ADMIN_EMAIL, ADMIN_PASSWORD)
    return world


def test_bazaar_apply_form_finds_any_eligible_umkm_of_its_sectors(world):
    crowd(world, 620)
    crafts = crowd(world, 30, sector="kriya", name="Anyaman Bambu")
    unverified = crowd(world, 5, status="pending", name="Belum Diverifikasi")
    [last] = crowd(world, 1, name=LAST)
    bazaar = world.bazaar(sectors=["kuliner"], verified_only=True)
    early = world.apply(bazaar["id"], crowd(world, 1, name="Usaha Ramai 0000a")[0])
    assert early.status_code == 201
    url = f"/bazaars/{bazaar['id']}"
    page = world.client.get(url).get_data(as_text=True)
    shown, total, text = count_of(page)
    assert (shown, total) == (50, 621)  # kuliner, verified, not applied yet
    assert "Menampilkan 50 dari 621 UMKM yang cocok; ketik nama untuk mempersempit." in text
    choices = offered(page, "apply-form")
    assert len(choices) == 50 and last not in choices
    assert not set(choices) & {*crafts, *unverified, early.json["umkm_id"]}
    assert 'name="q"' in page and "Cari UMKM (nama usaha atau pemilik)" in page

    found = world.client.get(url, query_string={"q": "zulfa sambal"}).get_data(as_text=True)
    assert offered(found, "apply-form") == [last]
    assert count_of(found)[:2] == (1, 1) and "1 UMKM yang cocok." in found
    other_sector = world.client.get(url, query_string={"q": "Anyaman"}).get_data(as_text=True)
    assert offered(other_sector, "apply-form") == []
    assert count_of(other_sector)[:2] == (0, 0)
    assert "Tidak ada UMKM yang memenuhi syarat dengan nama “Anyaman”" in other_sector

    # Sent back (applications not open yet): the search and the choice stay.
    later = world.bazaar(sectors=["kuliner"], applications_open_at=(
        utcnow() + timedelta(days=2)).isoformat())
    refused = world.client.post(f"/bazaars/{later['id']}/apply", data={
        "umkm_id": last, "q": "zulfa sambal", "csrf_token": token_of(found)})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "Di luar masa pendaftaran" in html
    assert 'name="q" value="zulfa sambal"' in html and selected(html) == [last]
    assert offered(html, "apply-form") == [last]
    applied = world.client.post(url + "/apply", data={
        "umkm_id": last, "q": "zulfa sambal", "csrf_token": token_of(found)})
    assert applied.status_code == 302
    again = world.client.post(url + "/apply", data={
        "umkm_id": last, "q": "zulfa sambal", "csrf_token": token_of(found)})
    html = again.get_data(as_text=True)
    assert again.status_code == 422 and "Sudah mendaftar." in html
    assert selected(html) == [] and count_of(html)[:2] == (0, 0)  # applied: no longer offered
    after = world.client.get(url, query_string={"q": "zulfa"}).get_data(as_text=True)
    assert f'data-umkm="{last}"' in after and offered(after, "apply-form") == []
    assert count_of(world.client.get(url).get_data(as_text=True))[:2] == (50, 620)

    world.client.get("/lang/en")
    english = world.client.get(url).get_data(as_text=True)
    assert "Search UMKM (business or owner name)" in english
    assert "Showing 50 of 620 matching UMKM; type a name to narrow the list." in english
    none = world.client.get(url, query_string={"q": "Anyaman"}).get_data(as_text=True)
    assert "No eligible UMKM named “Anyaman”" in none


def test_market_roster_form_finds_any_verified_umkm_not_on_the_roster(world):
    crowd(world, 610, sector="fashion")
    crowd(world, 5, status="pending", name="Belum Diverifikasi")
    [last] = crowd(world, 1, name=LAST)
    market = world.client.post("/api/v1/markets", headers=world.auth, json={
        "name": "Pasar Minggu Pagi", "venue": "Jalan Ahmad Yani", "rule": "FREQ=WEEKLY",
        "first_date": today_wib().isoformat(), "starts_time": "06:00", "ends_time": "10:00",
        "spots": 3})
    assert market.status_code == 201, market.json
    url = f"/pasar/{market.json['id']}"
    page = world.client.get(url).get_data(as_text=True)
    first = offered(page, "vendor-form")[0]
    added = world.client.post(url + "/pedagang", data={"umkm_id": first,
                                                       "csrf_token": token_of(page)})
    assert added.status_code == 302
    page = world.client.get(url).get_data(as_text=True)
    assert count_of(page)[:2] == (50, 610)  # 611 verified, one on the roster
    assert "Menampilkan 50 dari 610 UMKM yang cocok" in page
    choices = offered(page, "vendor-form")
    assert len(choices) == 50 and first not in choices and last not in choices

    found = world.client.get(url, query_string={"q": "ZULFA"}).get_data(as_text=True)
    assert offered(found, "vendor-form") == [last] and "1 UMKM yang cocok." in found
    unverified = world.client.get(url, query_string={"q": "Belum"}).get_data(as_text=True)
    assert offered(unverified, "vendor-form") == [] and count_of(unverified)[1] == 0

    past = (today_wib() - timedelta(days=3)).isoformat()
    refused = world.client.post(url + "/pedagang", data={
        "umkm_id": last, "q": "ZULFA", "joined_on": past, "csrf_token": token_of(found)})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and 'data-field="joined_on"' in html
    assert 'name="q" value="ZULFA"' in html and selected(html) == [last]
    unsearched = world.client.post(url + "/pedagang", data={
        "umkm_id": last, "joined_on": past, "csrf_token": token_of(found)})
    html = unsearched.get_data(as_text=True)  # chosen, though past the first 50: still there
    assert unsearched.status_code == 422 and selected(html) == [last]
    assert count_of(html)[:2] == (51, 610) and len(offered(html, "vendor-form")) == 51
    added = world.client.post(url + "/pedagang", data={
        "umkm_id": last, "q": "ZULFA", "csrf_token": token_of(found)}, follow_redirects=True)
    assert "masuk daftar pedagang" in added.get_data(as_text=True)
    assert count_of(world.client.get(url).get_data(as_text=True))[:2] == (50, 609)

    world.client.get("/lang/en")
    english = world.client.get(url).get_data(as_text=True)
    assert "Showing 50 of 609 matching UMKM; type a name to narrow the list." in english
    assert "Search UMKM (business or owner name)" in english


def test_partner_page_proposes_a_product_of_any_verified_umkm(world):
    crowd(world, 1100)
    crowd(world, 3, status="pending", name="Belum Diverifikasi")
    [last] = crowd(world, 1, name=LAST)
    partner = world.partner()
    url = f"/mitra-ritel/{partner['id']}"
    page = world.client.get(url).get_data(as_text=True)
    assert count_of(page)[:2] == (50, 1101)
    assert "Menampilkan 50 dari 1.101 UMKM yang cocok" in page
    assert len(offered(page, "placement-form")) == 50
    assert last not in offered(page, "placement-form")

    found = world.client.get(url, query_string={"q": "Sambal Lingkung"}).get_data(as_text=True)
    assert offered(found, "placement-form") == [last]
    refused = world.client.post(url + "/penempatan", data={
        "umkm_id": last, "q": "Sambal Lingkung", "product_name": "",
        "csrf_token": token_of(found)})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and 'data-field="product_name"' in html
    assert 'name="q" value="Sambal Lingkung"' in html and selected(html) == [last]
    proposed = world.client.post(url + "/penempatan", data={
        "umkm_id": last, "q": "Sambal Lingkung", "product_name": "Sambal Lingkung 150 g",
        "csrf_token": token_of(found)})
    assert proposed.status_code == 302 and "/penempatan/" in proposed.headers["Location"]
    assert "Sambal Lingkung 150 g" in world.client.get(url).get_data(as_text=True)
    nothing = world.client.get(url, query_string={"q": "Belum"}).get_data(as_text=True)
    assert offered(nothing, "placement-form") == [] and count_of(nothing)[1] == 0

    world.client.get("/lang/en")
    english = world.client.get(url).get_data(as_text=True)
    assert "Showing 50 of 1,101 matching UMKM; type a name to narrow the list." in english
    none = world.client.get(url, query_string={"q": "Belum"}).get_data(as_text=True)
    assert "No eligible UMKM named “Belum”" in none
