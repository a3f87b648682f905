"""The daily digest for field officers: the visits due this week, one email per officer."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import select

from services.kernel.events import Event
from services.kernel.uow import UnitOfWork, UnitOfWorkFactory
from services.notifier.domain.rules import EMAIL, OPERATIONS, OWNER, Recipient, Rule
from services.notifier.models import OfficerVisit

DIGEST = Rule("officer.digest", "officer.digest", OWNER, (EMAIL,), category=OPERATIONS,
              critical=True)
VISIT_EVENTS = ("visit.scheduled", "visit.completed")


def keep_visit(event: Event, uow: UnitOfWork) -> None:
    """visit.scheduled adds (or re-assigns) a visit; visit.completed takes it off the digest."""
    payload = event.payload
    visit = uow.session.get(OfficerVisit, payload["visit_id"])
    if visit is None:
        visit = OfficerVisit(visit_id=payload["visit_id"], umkm_id=payload["umkm_id"])
        uow.session.add(visit)
    officer = payload.get("officer") or {}
    visit.officer_email, visit.officer_name = officer.get("email"), officer.get("name")
    visit.business_name = payload["business_name"]
    visit.program_title = payload["program"]["title"]
    due = payload["due_on"]
    visit.due_on = due if isinstance(due, date) else date.fromisoformat(str(due)[:10])
    if event.type == "visit.completed":
        visit.completed = True


def send_digests(uow: UnitOfWorkFactory, composer, today: date) -> list[str]:
    """One email per officer with open visits due up to the end of this week (Sunday),
    overdue ones included; once per officer per day (the message key carries the date)."""
    week_end = today + timedelta(days=6 - today.weekday())
    created: list[str] = []
    with uow() as unit:
        visits = unit.session.execute(
            select(OfficerVisit).where(OfficerVisit.completed.is_(False),
                                       OfficerVisit.officer_email.is_not(None),
                                       OfficerVisit.due_on <= week_end)
            .order_by(OfficerVisit.due_on)).scalars().all()
        by_officer: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for v in visits:
            by_officer[(v.officer_email, v.officer_name or "")].append({
                "due_on": v.due_on.isoformat(), "business_name": v.business_name,
                "program_title": v.program_title, "overdue": v.due_on < today})
        for (address, name), items in by_officer.items():
            message = composer.queue(
                unit, DIGEST, f"digest-{today.isoformat()}", DIGEST.event_type,
                {"visits": items}, EMAIL, Recipient(address, name), composer.clock())
            if message is not None:
                created.append(message.id)
        unit.commit()
    return created
