"""Mass fan-out (a bazaar invitation to every eligible UMKM), in batches on its own queue."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import insert, select

from services.kernel.readmodels.umkm_directory import UmkmDirectory
from services.kernel.uow import UnitOfWorkFactory
from services.notifier.domain.rules import ALL_RULES, Rule, owner_recipients
from services.notifier.models import Campaign, Message, OptOut, Preference
from services.notifier.usecases.compose import Composer, owner_context, template_overrides

log = logging.getLogger(__name__)
# A batch's messages in one executemany; columns left out take their defaults, as in the ORM.
_INSERT_MESSAGES = insert(Message.__table__)


def eligible(row: dict, payload: dict) -> bool:
    if payload.get("verified_only") and row["status"] != "verified":
        return False
    if row["status"] in ("rejected", "deactivated"):
        return False
    sectors = payload.get("sectors") or []
    return not sectors or row["sector"] in sectors


@dataclass
class BulkFanout:
    uow: UnitOfWorkFactory
    composer: Composer
    directory: UmkmDirectory
    send_batch: Callable[[list[str]], int]
    batch_size: int = 1000

    def _rule(self, campaign: Campaign) -> Rule:
        return next(r for r in ALL_RULES if r.template == campaign.template and r.bulk)

    def step(self, campaign_id: str) -> int:
        """Queue the next batch of a campaign's messages and send them; 0 when it is done."""
        table = self.directory.table
        with self.uow() as unit:
            campaign = unit.session.get(Campaign, campaign_id)
            if campaign is None or campaign.status == "done":
                return 0
            rows = unit.session.execute(
                select(table).where(table.c.umkm_id > campaign.cursor)
                .order_by(table.c.umkm_id).limit(self.batch_size)
            ).mappings().all()
            if not rows:
                campaign.status, campaign.finished_at = "done", self.composer.clock()
                unit.commit()
                return 0
            rule = self._rule(campaign)
            ids = [r["umkm_id"] for r in rows]
            refused = {(p.umkm_id, p.channel) for p in unit.session.execute(
                select(Preference).where(Preference.umkm_id.in_(ids),
                                         Preference.category == rule.category,
                                         Preference.allowed.is_(False))).scalars()}
            addresses = [a for r in rows for a in (r["email"], r["phone"]) if a]
            opted_out = {(o.address, o.channel) for o in unit.session.execute(
                select(OptOut).where(OptOut.address.in_(addresses))).scalars()}
            overrides = {loc: template_overrides(unit, rule.template, loc) for loc in ("id", "en")}
            # The event's payload through JSON once for the batch, not once per message.
            as_json = json.loads(json.dumps(campaign.payload, default=str))
            department = self.composer.department
            created: list[dict] = []
            for row in rows:
                if not eligible(row, campaign.payload):
                    continue
                owner = {"umkm_id": row["umkm_id"], "business_name": row["business_name"],
                         "owner_name": row["owner_name"], "email": row["email"],
                         "phone": row["phone"], "locale": row["locale"]}
                payload = {**campaign.payload, **owner}
                base = None  # the owner's message context, the same for each channel
                for channel in rule.channels:
                    if (row["umkm_id"], channel) in refused:
                        continue
                    for recipient in owner_recipients(payload, channel):
                        if (recipient.address, channel) in opted_out:
                            continue
                        if base is None:
                            base = owner_context(campaign.event_type, as_json, owner,
                                                 department)
                        created.append(self.composer.message_row(
                            unit, rule, campaign.event_id, campaign.event_type, base,
                            channel, recipient, campaign.occurred_at,
                            umkm_id=payload.get("umkm_id"), bulk=True,
                            overrides=overrides.get(recipient.locale, {})))
            if created:
                unit.session.connection().execute(_INSERT_MESSAGES, created)
            campaign.cursor = ids[-1]
            campaign.queued += len(created)
            unit.session.flush()
            message_ids = [m["id"] for m in created]
            unit.commit()
        self.send_batch(message_ids)
        return len(message_ids)

    def run(self, campaign_id: str, progress: Callable[[int], object] | None = None) -> int:
        total = 0
        while True:
            queued = self.step(campaign_id)
            with self.uow(readonly=True) as unit:
                done = unit.session.get(Campaign, campaign_id).status == "done"
            total += queued
            if progress:
                progress(total)
            if done:
                return total

    def pending(self) -> list[str]:
        with self.uow(readonly=True) as unit:
            return list(unit.session.execute(
                select(Campaign.id).where(Campaign.status == "running")).scalars())

    def has_due(self) -> bool:
        with self.uow(readonly=True) as unit:
            return unit.session.execute(select(Message.id).where(
                Message.bulk.is_(True), Message.status.in_(["queued", "failed"]),
                Message.next_attempt_at <= self.composer.clock()).limit(1)).first() is not None


def campaigns_view(uow: UnitOfWorkFactory, directory: UmkmDirectory) -> list[dict]:
    """Each mass fan-out with its progress: owners gone through, messages queued and sent."""
    from sqlalchemy import func

    table = directory.table
    with uow(readonly=True) as unit:
        owners = unit.session.execute(select(func.count()).select_from(table)).scalar_one()
        out = []
        for c in unit.session.execute(
                select(Campaign).order_by(Campaign.created_at.desc()).limit(50)).scalars():
            through = owners if c.status == "done" else unit.session.execute(
                select(func.count()).select_from(table).where(table.c.umkm_id <= c.cursor)
            ).scalar_one() if c.cursor else 0
            sent = unit.session.execute(select(func.count()).where(
                Message.event_id == c.event_id, Message.status == "sent")).scalar_one()
            out.append({"id": c.id, "template": c.template, "status": c.status,
                        "title": (c.payload.get("bazaar") or {}).get("title", c.event_type),
                        "owners": owners, "through": through, "queued": c.queued,
                        "sent": sent, "created_at": c.created_at,
                        "finished_at": c.finished_at})
        return out
