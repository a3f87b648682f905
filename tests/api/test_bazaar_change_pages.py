"""The bazaar staff pages: edit a bazaar (errors beside the fields), cancel it with a reason,
in Indonesian and in English."""

from datetime import datetime, timedelta

from services.kernel.clock import WIB
from tests.api.test_bazaar_pages import token_of
from tests.api.test_bazaar_pages import world as page_world  # noqa: F401  (fixture)

LOCAL = "%Y-%m-%dT%H:%M"


def allocated(world, stalls=2, kuliner_stalls=2) -> dict:
    bazaar = world.bazaar(stalls=stalls, kuliner_stalls=kuliner_stalls)
    for _ in range(2):
        world.apply(bazaar["id"], world.umkm())
    world.allocate(bazaar["id"])
    return bazaar


def form_fields(bazaar: dict, html: str, **overrides) -> dict:
    start = datetime.fromisoformat(bazaar["starts_at"]).astimezone(WIB)
    end = datetime.fromisoformat(bazaar["ends_at"]).astimezone(WIB)
    closes = datetime.fromisoformat(bazaar["applications_close_at"]).astimezone(WIB)
    opens = datetime.fromisoformat(bazaar["applications_open_at"]).astimezone(WIB)
    return {"title": bazaar["title"], "host_event": bazaar["host_event"],
            "organizer": bazaar["organizer"], "venue": bazaar["venue"],
            "starts_at": start.strftime(LOCAL), "ends_at": end.strftime(LOCAL),
            "stalls": str(bazaar["stalls"]),
            "kuliner_stalls": str(bazaar["stall_categories"].get("kuliner", 0)),
            "applications_open_at": opens.strftime(LOCAL),
            "applications_close_at": closes.strftime(LOCAL), "verified_only": "y",
            "csrf_token": token_of(html)} | overrides


def test_edit_form_is_filled_shows_errors_beside_fields_and_saves(page_world):  # noqa: F811
    world = page_world
    bazaar = allocated(world)
    detail = world.client.get(f"/bazaars/{bazaar['id']}").get_data(as_text=True)
    assert 'data-testid="edit-bazaar"' in detail
    url = f"/bazaars/{bazaar['id']}/edit"
    page = world.client.get(url)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and f'value="{bazaar["title"]}"' in html
    start = datetime.fromisoformat(bazaar["starts_at"]).astimezone(WIB)
    assert f'value="{start.strftime(LOCAL)}"' in html  # in WIB, as people read it
    assert 'data-testid="reschedule-notice"' in html
    bad = world.client.post(url, data=form_fields(
        bazaar, html, ends_at=(start - timedelta(hours=2)).strftime(LOCAL), stalls="1",
        kuliner_stalls="1"))
    assert bad.status_code == 422
    errors = bad.get_data(as_text=True)
    assert 'data-field="ends_at"' in errors and 'data-field="stalls"' in errors
    assert "2 lapak dialokasikan" in errors
    later = start + timedelta(days=1)
    saved = world.client.post(url, data=form_fields(
        bazaar, errors, venue="Taman Merdeka Metro", starts_at=later.strftime(LOCAL),
        ends_at=(later + timedelta(hours=8)).strftime(LOCAL), stalls="3"),
        follow_redirects=True)
    shown = saved.get_data(as_text=True)
    assert saved.status_code == 200 and "Taman Merdeka Metro" in shown
    assert "2 pemegang lapak diberi tahu" in shown
    [first, second] = world.published("bazaar.rescheduled")
    assert first["changed"] == ["starts_at", "ends_at", "venue"] and second["stall_number"]
    refreshed = world.client.get(f"/api/v1/bazaars/{bazaar['id']}", headers=world.auth).json
    assert refreshed["stall_categories"] == {"kuliner": 2, "non-kuliner": 1}


def test_cancel_form_needs_a_reason_and_cancels(page_world):  # noqa: F811
    world = page_world
    bazaar = allocated(world)
    detail_url = f"/bazaars/{bazaar['id']}"
    page = world.client.get(detail_url).get_data(as_text=True)
    assert 'data-testid="cancel-form"' in page
    empty = world.client.post(f"{detail_url}/cancel", data={"reason": " ",
                                                             "csrf_token": token_of(page)})
    assert empty.status_code == 422
    assert 'data-field="reason"' in empty.get_data(as_text=True)
    short = world.client.post(f"{detail_url}/cancel", data={"reason": "hujan",
                                                             "csrf_token": token_of(page)})
    assert short.status_code == 302  # five characters are enough
    done = world.client.get(detail_url).get_data(as_text=True)
    assert 'data-testid="cancel-reason"' in done and "hujan" in done
    assert 'data-testid="cancel-form"' not in done and 'data-testid="edit-bazaar"' not in done
    assert len(world.published("bazaar.cancelled")) == 2
    again = world.client.post(f"{detail_url}/cancel", data={"reason": "hujan deras",
                                                             "csrf_token": token_of(done)},
                              follow_redirects=True)
    assert "tidak dapat dibatalkan" in again.get_data(as_text=True)
    closed_edit = world.client.get(f"{detail_url}/edit", follow_redirects=True)
    assert "tidak dapat diubah lagi" in closed_edit.get_data(as_text=True)


def test_the_new_pages_in_english(page_world):  # noqa: F811
    world = page_world
    bazaar = world.bazaar()
    world.client.get(f"/lang/en?next=/bazaars/{bazaar['id']}")
    detail = world.client.get(f"/bazaars/{bazaar['id']}").get_data(as_text=True)
    assert "Cancel the bazaar" in detail and "Edit bazaar" in detail
    assert "Download XLSX" in detail
    edit = world.client.get(f"/bazaars/{bazaar['id']}/edit").get_data(as_text=True)
    assert "Save changes" in edit and "Applications open (WIB)" in edit
    bad = world.client.post(f"/bazaars/{bazaar['id']}/cancel",
                            data={"reason": "", "csrf_token": token_of(detail)})
    assert bad.status_code == 422 and 'data-field="reason"' in bad.get_data(as_text=True)
    assert "Required." in bad.get_data(as_text=True)
    world.client.get("/lang/id")
