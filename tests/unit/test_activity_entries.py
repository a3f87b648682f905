"""The timeline entry each event makes: a bazaar's cancellation is told for the application,
with the reason, and takes the place of the stall the application had."""

from datetime import UTC, date, datetime

import pytest

from services.kernel.events import CATALOGUE
from services.kernel.events.catalogue import make_envelope
from services.registry.domain.activity import KINDS, activity_of, kinds_sharing_entry

# 18:30 UTC is 01:30 the next day in WIB
AT = datetime(2027, 6, 1, 18, 30, tzinfo=UTC)


def loaded(kind: str, **changes) -> dict:
    """The example payload as the consumer's catalogue loads it (datetimes parsed)."""
    event_type = CATALOGUE.get(kind)
    return CATALOGUE.parse(make_envelope(event_type, {**event_type.example, **changes}, AT)
                           ).payload


def test_a_cancellation_is_told_for_the_application_with_the_bazaar_and_the_reason():
    payload = loaded("bazaar.cancelled")
    entry = activity_of("bazaar.cancelled", payload, AT)
    assert (entry.umkm_id, entry.kind, entry.subject_id) == (
        payload["umkm_id"], "bazaar.cancelled", payload["application_id"])
    assert entry.on == date(2027, 6, 2)  # the day it was cancelled, in WIB
    assert entry.summary == {
        "bazaar_id": "4b1d0c2a-7e3f-4a5b-9c6d-0e1f2a3b4c5d", "bazaar": "Bazar UMKM HUT Kota Metro",
        "host_event": "Peringatan HUT Kota Metro ke-89", "venue": "Lapangan Samber, Metro Selatan",
        "stall_number": "K-07",
        "reason": "Acara HUT Kota Metro ditunda oleh panitia karena cuaca buruk.",
    }


def test_an_application_without_a_stall_is_cancelled_too():
    entry = activity_of("bazaar.cancelled", loaded("bazaar.cancelled", stall_number=None), AT)
    assert entry.summary["stall_number"] is None
    assert entry.summary["reason"].startswith("Acara HUT Kota Metro ditunda")


def test_the_cancellation_and_the_stall_share_one_entry_per_application():
    allocated = activity_of("bazaar.stall_allocated", loaded("bazaar.stall_allocated"), AT)
    cancelled = activity_of("bazaar.cancelled", loaded("bazaar.cancelled"), AT)
    assert allocated.subject_id == cancelled.subject_id
    assert set(kinds_sharing_entry("bazaar.cancelled")) == {
        "bazaar.stall_allocated", "bazaar.rescheduled", "bazaar.cancelled"}
    assert kinds_sharing_entry("bazaar.stall_allocated") == kinds_sharing_entry("bazaar.cancelled")
    # a stall taken back stays its own entry, and so does everything else
    assert kinds_sharing_entry("bazaar.stall_revoked") == ("bazaar.stall_revoked",)
    assert kinds_sharing_entry("bazaar.sales_reported") == ("bazaar.sales_reported",)


def test_a_rescheduled_bazaar_moves_the_stall_to_its_new_day_and_keeps_the_first():
    payload = loaded("bazaar.rescheduled")
    entry = activity_of("bazaar.rescheduled", payload, AT)
    allocated = activity_of("bazaar.stall_allocated", loaded("bazaar.stall_allocated"), AT)
    # the same entry as the allocation, still telling of the stall
    assert (entry.kind, entry.subject_id) == ("bazaar.stall_allocated", allocated.subject_id)
    assert entry.on == date(2027, 6, 16) and allocated.on == date(2027, 6, 9)
    assert entry.summary == {**allocated.summary, "planned_on": "2027-06-09"}
    assert kinds_sharing_entry("bazaar.rescheduled") == kinds_sharing_entry("bazaar.cancelled")


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_shares_only_with_timeline_kinds(kind):
    assert kind in kinds_sharing_entry(kind)
    assert set(kinds_sharing_entry(kind)) <= set(KINDS)


def test_an_event_that_is_not_on_the_timeline_is_refused():
    with pytest.raises(ValueError):
        activity_of("bazaar.scheduled", loaded("bazaar.scheduled"), AT)
