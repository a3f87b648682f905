"""Two coordinators tick one session's attendance at once (one at the door, one in the room):
a mark one of them did not touch keeps the colleague's mark. Staff who may not record
attendance are refused. The API gives an ETag and honours If-Match."""

import re

from tests.support import training_fixtures
from tests.support.page_forms import form_values
from tests.support.training_world import PASSWORD, logged_in

world = training_fixtures.world


def _programme(world, n=3):
    program = world.program()
    people = [world.umkm(kecamatan="Metro Pusat", kelurahan="Imopuro") for _ in range(n)]
    for umkm in people:
        assert world.enroll(program["id"], umkm["id"]).status_code == 201
    url = f"/programs/{program['id']}/sessions/{program['sessions'][0]['id']}/attendance"
    return program, people, url


def _coordinators(world):
    second = world.staff("training_coordinator")
    return logged_in(world), logged_in(world, second["email"], PASSWORD)


def _sheet(client, url: str) -> dict:
    page = client.get(url)
    assert page.status_code == 200
    return form_values(page.get_data(as_text=True))


def _marks(world, program) -> dict:
    sheet = world.client.get(f"/api/v1/programs/{program['id']}/sessions/"
                             f"{program['sessions'][0]['id']}/attendance", headers=world.auth)
    return {p["umkm_id"]: p["present"] for p in sheet.json["participants"]}


def _ticked(form: dict, *people) -> dict:
    """The sheet as sent with these participants ticked (a browser sends one value per box)."""
    return {**{k: v for k, v in form.items() if k != "present"},
            "present": [p["id"] for p in people]}


def test_ticks_made_by_two_coordinators_at_once_are_both_kept(world):
    program, (a, b, c), url = _programme(world)
    door, room = _coordinators(world)
    sheet_door, sheet_room = _sheet(door, url), _sheet(room, url)
    assert door.post(url, data=_ticked(sheet_door, a)).status_code == 302
    assert room.post(url, data=_ticked(sheet_room, b)).status_code == 302
    assert _marks(world, program) == {a["id"]: True, b["id"]: True, c["id"]: False}


def test_a_participant_unticked_at_the_door_stays_so_when_the_room_ticks_another(world):
    program, (a, b, c), url = _programme(world)
    door, room = _coordinators(world)
    assert door.post(url, data=_ticked(_sheet(door, url), a, b)).status_code == 302
    sheet_door, sheet_room = _sheet(door, url), _sheet(room, url)
    assert door.post(url, data=_ticked(sheet_door, a)).status_code == 302  # b left early
    assert room.post(url, data=_ticked(sheet_room, a, b, c)).status_code == 302  # c came late
    assert _marks(world, program) == {a["id"]: True, b["id"]: False, c["id"]: True}


def test_a_sheet_refused_for_another_reason_keeps_the_ticks_made(world):
    program, (a, b, _), url = _programme(world)
    door, _ = _coordinators(world)
    sheet = _sheet(door, url)
    refused = door.post(url, data={**_ticked(sheet, a, b), "present": [a["id"], "bukan-peserta"]})
    assert refused.status_code == 422
    text = refused.get_data(as_text=True)
    assert "Bukan peserta program ini" in text
    assert re.findall(r'value="([^"]+)"\s+checked', text) == [a["id"]]
    assert set(_marks(world, program).values()) == {None}


def test_staff_who_may_not_record_attendance_are_refused(world):
    program, (a, _, _), url = _programme(world)
    viewer = world.staff("viewer")
    client = logged_in(world, viewer["email"], PASSWORD)
    answer = client.post(url, data=_ticked(_sheet(client, url), a))
    assert answer.status_code == 403
    assert set(_marks(world, program).values()) == {None}


def test_the_api_refuses_attendance_changed_since_it_was_read(world):
    program, (a, b, _), _ = _programme(world)
    url = (f"/api/v1/programs/{program['id']}/sessions/{program['sessions'][0]['id']}"
           f"/attendance")
    etag = world.client.get(url, headers=world.auth).headers["ETag"]
    first = world.client.put(url, json={"present": [a["id"]]},
                             headers={**world.auth, "If-Match": etag})
    assert first.status_code == 200 and first.headers["ETag"] != etag
    stale = world.client.put(url, json={"present": [b["id"]]},
                             headers={**world.auth, "If-Match": etag})
    assert stale.status_code == 412 and stale.json["error"]["code"] == "precondition_failed"
    assert _marks(world, program)[a["id"]] is True
    assert world.client.put(url, json={"present": [b["id"]]}, headers=world.auth
                            ).status_code == 200
