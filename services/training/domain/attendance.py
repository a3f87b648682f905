"""The completion rule: the minimum share of sessions a participant attended."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Verdict:
    passed: bool
    reason: str | None


def judge(attended: int, sessions: int, min_pct: int) -> Verdict:
    """Passed when attended / sessions reaches min_pct (a programme with no session: passed)."""
    if sessions == 0 or attended * 100 >= min_pct * sessions:
        return Verdict(True, None)
    return Verdict(False, str(_l("Hadir %(a)s dari %(n)s sesi, di bawah minimum %(p)s%%.",
                                 a=attended, n=sessions, p=min_pct)))
