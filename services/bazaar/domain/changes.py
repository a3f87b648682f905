"""Changing a bazaar after it was scheduled: which states allow it, how the numbered stalls
follow a new count, and what stallholders must be told.

Stall numbers already given to stallholders never change: a smaller count removes free stalls
(the highest numbers first), a larger one adds numbers after the highest of the category.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from services.bazaar.domain.allocation import StallSlot

KULINER, NON_KULINER = "kuliner", "non-kuliner"
CATEGORIES = (KULINER, NON_KULINER)
PREFIX = {KULINER: "K", NON_KULINER: "N"}

# A bazaar may be edited or cancelled while it takes applications or has its stalls allocated.
OPEN_STATES = ("scheduled", "allocated")
# What a stallholder needs to know again when it changes after the allocation.
NOTICE_FIELDS = ("starts_at", "ends_at", "venue")

REASON_MIN, REASON_MAX = 5, 500


def editable(status: str, starts_at: datetime, now: datetime) -> bool:
    """Open for applications or allocated, and not started yet."""
    return status in OPEN_STATES and starts_at > now


def cancellable(status: str, ends_at: datetime, now: datetime) -> bool:
    """Open for applications or allocated, and not over yet (an ended bazaar is closed)."""
    return status in OPEN_STATES and ends_at > now


def stall_number(category: str, n: int) -> str:
    return f"{PREFIX[category]}-{n:02d}"


def _serial(number: str) -> int:
    return int(number.rpartition("-")[2])


def stall_order(number: str, category: str) -> tuple[int, int]:
    """Kuliner stalls first, each category by its number (K-02 before K-10)."""
    return (CATEGORIES.index(category), _serial(number))


@dataclass(frozen=True)
class StallState:
    number: str
    category: str
    taken: bool  # allocated to an application


def override_choices(stalls: Iterable[StallState], category: str) -> list[StallState]:
    """The stalls a coordinator may give an applicant of `category`: every free one. An
    override is the coordinator's call and crosses categories (packaged food may sell from a
    non-kuliner stall), so the applicant's own category only comes first, each by its number."""
    free = [s for s in stalls if not s.taken]
    return sorted(free, key=lambda s: (s.category != category,
                                       *stall_order(s.number, s.category)))


@dataclass(frozen=True)
class Shortfall:
    """A category would have fewer stalls than are already allocated in it."""

    category: str
    wanted: int
    taken: int


@dataclass(frozen=True)
class StallPlan:
    remove: tuple[str, ...] = ()
    add: tuple[StallSlot, ...] = ()
    shortfalls: tuple[Shortfall, ...] = ()
    taken: int = 0  # stalls allocated, over every category

    @property
    def possible(self) -> bool:
        return not self.shortfalls

    @property
    def changes(self) -> bool:
        return bool(self.remove or self.add)


def plan_stalls(existing: Iterable[StallState], wanted: Mapping[str, int]) -> StallPlan:
    """The stalls to remove and to add so that each category has `wanted[category]` stalls."""
    remove: list[str] = []
    add: list[StallSlot] = []
    shortfalls: list[Shortfall] = []
    stalls = list(existing)
    for category in CATEGORIES:
        mine = sorted((s for s in stalls if s.category == category),
                      key=lambda s: _serial(s.number))
        target, held = wanted.get(category, 0), sum(1 for s in mine if s.taken)
        if target < held:
            shortfalls.append(Shortfall(category, target, held))
        elif target < len(mine):
            free = [s.number for s in reversed(mine) if not s.taken]
            remove.extend(free[:len(mine) - target])
        elif target > len(mine):
            last = max((_serial(s.number) for s in mine), default=0)
            add.extend(StallSlot(stall_number(category, last + i), category)
                       for i in range(1, target - len(mine) + 1))
    taken = sum(1 for s in stalls if s.taken)
    if shortfalls:
        return StallPlan(shortfalls=tuple(shortfalls), taken=taken)
    return StallPlan(tuple(remove), tuple(add), taken=taken)


def changed_fields(before: Mapping, after: Mapping) -> list[str]:
    """The names whose value differs (lists compared as sets: sectors have no order)."""
    changed = []
    for name, value in after.items():
        old = before.get(name)
        if isinstance(value, list | tuple) and isinstance(old, list | tuple):
            if set(value) != set(old):
                changed.append(name)
        elif value != old:
            changed.append(name)
    return changed


def notice_needed(status: str, changed: Iterable[str]) -> list[str]:
    """The changes stallholders are told of: when or where, once stalls are allocated."""
    if status != "allocated":
        return []
    return [name for name in NOTICE_FIELDS if name in set(changed)]


def sectors_left_out(applied: Iterable[str], sectors: Iterable[str]) -> list[str]:
    """Sectors of active applications a new eligibility list would leave out (empty: all)."""
    allowed = set(sectors)
    if not allowed:
        return []
    return sorted({s for s in applied if s not in allowed})


def clean_reason(reason: str | None) -> str | None:
    """A cancellation reason, whitespace collapsed; None when too short or too long."""
    text = " ".join((reason or "").split())
    return text if REASON_MIN <= len(text) <= REASON_MAX else None
