"""Fair stall allocation across many bazaars: deterministic, and explained decision by decision.

Priority goes to the UMKM that had the fewest stalls in the last 12 months; a no-show counts
as two stalls had; then the earlier application; then the id (so the same input always gives
the same result). Within each stall category (kuliner / non-kuliner), stalls go round-robin
across sectors in priority order, so one sector cannot take every stall while others wait.
Every UMKM gets at most one stall, and so does every owner: a person with two businesses gets
a stall for the first of them to reach a free stall in that order, the other is waitlisted.
The rest are waitlisted in priority order. Each decision keeps its facts (the stall, the
waiting-list place, the history and rank it rests on); explanations.py writes the sentence.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

NO_SHOW_WEIGHT = 2
# What a decision was: a stall, or the waiting list because the owner has one or none is left.
ALLOCATED, SAME_OWNER, NO_STALL = "allocated", "same_owner", "no_stall"


@dataclass(frozen=True)
class Candidate:
    umkm_id: str
    sector: str
    category: str  # which stalls it may take
    applied_at: datetime
    stalls_last_year: int = 0
    no_shows_last_year: int = 0
    owner_id: str | None = None  # unknown: the business counts as its own owner

    @property
    def owner(self) -> str:
        return self.owner_id or f"umkm:{self.umkm_id}"

    @property
    def score(self) -> int:
        return self.stalls_last_year + NO_SHOW_WEIGHT * self.no_shows_last_year

    @property
    def priority(self) -> tuple:
        return (self.score, self.applied_at, self.umkm_id)


@dataclass(frozen=True)
class StallSlot:
    number: str
    category: str


@dataclass(frozen=True)
class Decision:
    umkm_id: str
    stall: str | None  # None: waitlisted
    rank: int  # place in the priority order of its category (1 = first)
    waitlist_position: int | None
    facts: dict  # why, as data: see explanations.explain


def _round_robin(candidates: list[Candidate]) -> list[Candidate]:
    """Priority order, interleaving sectors: each round takes the best of every sector."""
    by_sector: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in sorted(candidates, key=lambda c: c.priority):
        by_sector[candidate.sector].append(candidate)
    order: list[Candidate] = []
    while any(by_sector.values()):
        heads = sorted((queue[0] for queue in by_sector.values() if queue),
                       key=lambda c: c.priority)
        for head in heads:
            order.append(by_sector[head.sector].pop(0))
    return order


def allocate(candidates: list[Candidate], stalls: list[StallSlot]) -> list[Decision]:
    decisions: list[Decision] = []
    unique = {c.umkm_id: c for c in sorted(candidates, key=lambda c: c.priority, reverse=True)}
    owners_with_stall: dict[str, str] = {}
    for category in sorted({s.category for s in stalls} | {c.category for c in unique.values()}):
        free = [s for s in stalls if s.category == category]
        order = _round_robin([c for c in unique.values() if c.category == category])
        waiting = 0
        for rank, candidate in enumerate(order, start=1):
            basis = {"stalls": candidate.stalls_last_year,
                     "no_shows": candidate.no_shows_last_year, "sector": candidate.sector,
                     "rank": rank}
            if candidate.owner in owners_with_stall:
                waiting += 1
                decisions.append(Decision(candidate.umkm_id, None, rank, waiting, {
                    "kind": SAME_OWNER, "waitlist": waiting,
                    "owner_stall": owners_with_stall[candidate.owner], **basis}))
            elif free:
                stall = free.pop(0)
                owners_with_stall[candidate.owner] = stall.number
                decisions.append(Decision(candidate.umkm_id, stall.number, rank, None, {
                    "kind": ALLOCATED, "stall": stall.number, **basis}))
            else:
                waiting += 1
                decisions.append(Decision(candidate.umkm_id, None, rank, waiting, {
                    "kind": NO_STALL, "waitlist": waiting, "category": category, **basis}))
    return decisions
