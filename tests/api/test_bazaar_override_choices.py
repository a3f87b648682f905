"""A coordinator places a waitlisted applicant on a free stall from the bazaar page: the "Ubah
lapak" dropdown offers every free stall, the applicant's own category first, and says so in a
sentence when none is free; on SQLite and on PostgreSQL."""

import re

import pytest

from tests.support.bazaar_world import world_on
from tests.support.sessions import csrf_of


@pytest.fixture
def world(platform_any):
    with world_on(platform_any, signed_in=True) as world:
        yield world


def row_of(html: str, umkm_id: str) -> str:
    return html.split(f'data-umkm="{umkm_id}"')[1].split("</tr>")[0]


def offered(row: str) -> list[tuple[str, list[str]]]:
    """The override dropdown's stalls, by category group, in order."""
    select = re.search(r'<select id="stall-[^"]+" name="stall_number".*?</select>', row, re.S)
    assert select, row
    return [(label, re.findall(r"<option >([^<]+)</option>", body)) for label, body in
            re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', select.group(0), re.S)]


def applications(world, bazaar_id) -> dict:
    items = world.client.get(f"/api/v1/bazaars/{bazaar_id}/applications",
                             headers=world.auth).json["items"]
    return {a["umkm_id"]: a for a in items}


def test_a_waitlisted_applicant_gets_a_free_stall_from_the_page(world):
    bazaar = world.bazaar(stalls=3, kuliner_stalls=1)
    first, second = world.umkm(sector="kuliner"), world.umkm(sector="kuliner")
    craft = world.umkm(sector="kriya")
    for umkm in (first, second, craft):
        world.apply(bazaar["id"], umkm)
    world.allocate(bazaar["id"])
    apps = applications(world, bazaar["id"])
    holder = next(a for a in apps.values() if a["stall_number"] == "K-01")
    waiting = next(a for a in apps.values() if a["status"] == "waitlisted")
    assert apps[craft]["stall_number"] == "N-01"
    url = f"/bazaars/{bazaar['id']}"

    page = world.client.get(url).get_data(as_text=True)
    assert offered(row_of(page, waiting["umkm_id"])) == [("Non-kuliner", ["N-02"])]
    taken_back = world.client.post(
        f"{url}/applications/{holder['id']}/stall", follow_redirects=True,
        data={"csrf_token": csrf_of(page), "stall_number": "", "reason": "Belum ada izin PIRT"})
    assert "diubah: daftar tunggu" in taken_back.get_data(as_text=True)

    page = world.client.get(url).get_data(as_text=True)
    row = row_of(page, waiting["umkm_id"])
    assert offered(row) == [("Kuliner", ["K-01"]), ("Non-kuliner", ["N-02"])]
    assert 'data-testid="no-free-stall"' not in row
    given = world.client.post(
        f"{url}/applications/{waiting['id']}/stall", follow_redirects=True,
        data={"csrf_token": csrf_of(page), "stall_number": "K-01",
              "reason": "Pemegang lapak belum berizin"})
    assert given.status_code == 200
    assert f"Lapak {waiting['business_name']} diubah: K-01." in given.get_data(as_text=True)

    after = applications(world, bazaar["id"])
    assert (after[waiting["umkm_id"]]["status"], after[waiting["umkm_id"]]["stall_number"]) == (
        "allocated", "K-01")
    assert "Pemegang lapak belum berizin" in after[waiting["umkm_id"]]["explanation"]
    assert after[holder["umkm_id"]]["status"] == "waitlisted"
    told = [e for e in world.published("bazaar.stall_allocated")
            if e["umkm_id"] == waiting["umkm_id"]]
    assert [(e["stall_number"], e["stall_category"], e["application_id"]) for e in told] == [
        ("K-01", "kuliner", waiting["id"])]
    page = world.client.get(url).get_data(as_text=True)
    assert offered(row_of(page, holder["umkm_id"])) == [("Non-kuliner", ["N-02"])]


def test_no_free_stall_is_said_in_a_sentence(world):
    bazaar = world.bazaar(stalls=1, kuliner_stalls=1)
    first, second = world.umkm(sector="kuliner"), world.umkm(sector="kuliner")
    for umkm in (first, second):
        world.apply(bazaar["id"], umkm)
    world.allocate(bazaar["id"])
    apps = applications(world, bazaar["id"])
    waiting = next(a for a in apps.values() if a["status"] == "waitlisted")
    holder = next(a for a in apps.values() if a["status"] == "allocated")
    url = f"/bazaars/{bazaar['id']}"
    page = world.client.get(url).get_data(as_text=True)
    row = row_of(page, waiting["umkm_id"])
    assert 'name="stall_number"' not in row and 'data-testid="override-form"' not in row
    assert ('<p class="muted" data-testid="no-free-stall">Tidak ada lapak kosong: semua lapak '
            "bazar ini sudah dipegang.") in row
    holding = row_of(page, holder["umkm_id"])  # can still be taken back
    assert 'data-testid="override-form"' in holding and offered(holding) == []
    assert "— ambil kembali (daftar tunggu) —" in holding
    world.client.get("/lang/en")
    english = row_of(world.client.get(url).get_data(as_text=True), waiting["umkm_id"])
    assert "No stall is free: every stall of this bazaar is held." in english
