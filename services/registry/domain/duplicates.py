"""Likely duplicates in the register: the same phone under two owners, or near-identical
business names. Pure: records in, candidate pairs out (the staff decide: merge or not)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import combinations

SIMILAR = 0.88  # name similarity (0..1) from which two names look like the same business
BLOCK = 4  # names are compared within blocks sharing their first characters and kelurahan
MAX_BLOCK = 200  # a bigger block is a common prefix ("warung"), compared by exact key only

SAME_PHONE = "same_phone"
SIMILAR_NAME = "similar_name"


@dataclass(frozen=True)
class Record:
    id: str
    owner_id: str
    name_key: str
    phone: str
    kelurahan: str


@dataclass(frozen=True)
class Candidate:
    a: str
    b: str
    reasons: tuple[str, ...]
    score: float  # name similarity


def pair_key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


NEAR_IDENTICAL = 0.92


def near_identical(a_key: str, b_key: str) -> bool:
    """One owner's two names for one business ("Keripik Bu Sri" / "Keripik Bu Sry"), while
    numbered branches ("Warung Sri 1" / "Warung Sri 2") stay two businesses."""
    if a_key == b_key:
        return True
    digits = [re.sub(r"\D", "", key) for key in (a_key, b_key)]
    return digits[0] == digits[1] and similarity(a_key, b_key) >= NEAR_IDENTICAL


def find_candidates(records: Iterable[Record], dismissed: set[tuple[str, str]] = frozenset(),
                    ) -> list[Candidate]:
    """Pairs of businesses of *different* owners that look like one (the same owner's twins are
    refused at registration already), most alike first, minus pairs staff said are not."""
    records = list(records)
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    scores: dict[tuple[str, str], float] = {}

    by_phone: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        by_phone[r.phone].append(r)
    for group in by_phone.values():
        for x, y in combinations(group, 2):
            if x.owner_id != y.owner_id:
                found[pair_key(x.id, y.id)].add(SAME_PHONE)

    blocks: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for r in records:
        blocks[(r.kelurahan, r.name_key[:BLOCK])].append(r)
    by_key: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        by_key[r.name_key].append(r)
    for group in by_key.values():  # exactly the same name, anywhere in the city
        for x, y in combinations(group, 2):
            if x.owner_id != y.owner_id:
                found[pair_key(x.id, y.id)].add(SIMILAR_NAME)
                scores[pair_key(x.id, y.id)] = 1.0
    for group in blocks.values():
        if len(group) > MAX_BLOCK:
            continue
        for x, y in combinations(group, 2):
            if x.owner_id == y.owner_id or x.name_key == y.name_key:
                continue
            score = similarity(x.name_key, y.name_key)
            if score >= SIMILAR:
                key = pair_key(x.id, y.id)
                found[key].add(SIMILAR_NAME)
                scores[key] = max(scores.get(key, 0.0), score)

    names = {r.id: r.name_key for r in records}
    candidates = []
    for (a, b), reasons in found.items():
        if (a, b) in dismissed:
            continue
        score = scores.get((a, b)) or similarity(names[a], names[b])
        candidates.append(Candidate(a, b, tuple(sorted(reasons)), round(score, 3)))
    candidates.sort(key=lambda c: (-len(c.reasons), -c.score, c.a, c.b))
    return candidates


def fill_gaps(keep: dict, drop: dict, fields: Iterable[str]) -> dict:
    """What the surviving record takes from the duplicate: only what it does not have."""
    return {name: drop[name] for name in fields
            if keep.get(name) in (None, "") and drop.get(name) not in (None, "")}
