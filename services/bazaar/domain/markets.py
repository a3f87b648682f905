"""Recurring markets (Pasar Segar, Payungi): when they are held, and whose turn it is.

When. A market repeats by an RFC 5545 recurrence rule (RRULE, read with python-dateutil) from
its first market day, e.g. Payungi `FREQ=WEEKLY;BYDAY=SU` from 06:00 to 10:00 WIB. The hours
are the market's own fields, so the rule only says on which days it is held (DAILY at most
often; no BYHOUR / BYMINUTE / BYSECOND). `UNTIL` is read as a WIB date (a UTC `...Z` time is
converted to WIB). Excluded dates (holidays, cancelled days) stay in the list, marked, but
nobody is on duty then. Occurrences are always computed from the rule, never stored, so nothing
waits on a timer for a future date.

Whose turn. When the roster has more vendors than the market has spots, vendors take turns in a
queue that only moves on market days actually held:
1. A vendor joins the back of the queue on the first market day on or after the day they
   joined (several joining on the same day: by UMKM id), and leaves it on the day they left.
2. On each market day held, the first `spots` vendors of the queue are on duty, and then go to
   the back of the queue, in the same order.
3. An excluded date does not move the queue: whoever was due that day is due on the next day
   held. Attendance (present / absent) is recorded but does not change the turns.
So the same roster, rule and exclusions always give the same duty list (the order vendors are
given in does not matter); with a steady roster every vendor has k turns in every n market
days (n vendors, k spots), turns differ by at most one over any run of market days, and no
vendor waits more than ceil(n / k) market days for a turn.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from dateutil.rrule import rrule, rrulestr
from flask_babel import lazy_gettext as _l

from services.kernel.clock import WIB

MAX_RULE_LENGTH = 300
MAX_SPOTS = 500
MAX_INTERVAL = 366
MAX_COUNT = 10_000
MAX_LISTED = 60
FIRST_DAY_WITHIN = 366  # days after the first date
FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
ALLOWED_PARTS = ("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH",
                 "BYSETPOS", "BYWEEKNO", "BYYEARDAY", "WKST")
TIME_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")
EXAMPLES = ("FREQ=WEEKLY;BYDAY=SU", "FREQ=WEEKLY;BYDAY=WE,SA", "FREQ=MONTHLY;BYDAY=1SU",
            "FREQ=DAILY")
_UNTIL_UTC = re.compile(r"^(\d{8}T\d{6})Z$")


class RuleError(ValueError):
    """The rule cannot be used; `message` says why, for the person who typed it."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def normalize_rule(text: str | None) -> str:
    """The rule as stored: upper case, no `RRULE:` prefix, no spaces, UNTIL in WIB.

    Raises RuleError with a message for the person who typed it."""
    raw = "".join(str(text or "").split()).upper()
    raw = raw.removeprefix("RRULE:")
    if not raw:
        raise RuleError(_l("Wajib diisi, misalnya FREQ=WEEKLY;BYDAY=SU (setiap Minggu)."))
    if len(raw) > MAX_RULE_LENGTH:
        raise RuleError(_l("Paling banyak %(n)s karakter.", n=MAX_RULE_LENGTH))
    parts: dict[str, str] = {}
    for piece in raw.strip(";").split(";"):
        name, sep, value = piece.partition("=")
        if not sep or not name or not value or "=" in value:
            raise RuleError(_l("Tulis aturan sebagai BAGIAN=NILAI dipisah titik koma, misalnya "
                               "FREQ=WEEKLY;BYDAY=SU."))
        if name in TIME_PARTS:
            raise RuleError(_l("Jam pasar diisi di kolom jam mulai dan jam selesai, bukan di "
                               "aturan (%(part)s).", part=name))
        if name not in ALLOWED_PARTS:
            raise RuleError(_l("Bagian %(part)s tidak dikenal atau tidak dipakai untuk pasar.",
                               part=name))
        if name in parts:
            raise RuleError(_l("Bagian %(part)s tertulis dua kali.", part=name))
        parts[name] = value
    if parts.get("FREQ") not in FREQUENCIES:
        raise RuleError(_l("FREQ wajib salah satu dari DAILY, WEEKLY, MONTHLY atau YEARLY "
                           "(pasar diadakan paling sering sekali sehari)."))
    if "COUNT" in parts and "UNTIL" in parts:
        raise RuleError(_l("Pakai COUNT atau UNTIL, tidak keduanya."))
    for name, top in (("INTERVAL", MAX_INTERVAL), ("COUNT", MAX_COUNT)):
        if name in parts and not (parts[name].isdigit() and 1 <= int(parts[name]) <= top):
            raise RuleError(_l("%(part)s harus angka 1 sampai %(n)s.", part=name, n=top))
    if "UNTIL" in parts:
        parts["UNTIL"] = _until_in_wib(parts["UNTIL"])
    return ";".join(f"{name}={value}" for name, value in parts.items())


def _until_in_wib(value: str) -> str:
    match = _UNTIL_UTC.match(value)
    if match:
        try:
            moment = datetime.strptime(match.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
        except ValueError:
            raise RuleError(_l("UNTIL bukan tanggal yang benar (YYYYMMDD).")) from None
        return moment.astimezone(WIB).strftime("%Y%m%dT%H%M%S")
    for fmt in ("%Y%m%d", "%Y%m%dT%H%M%S"):
        try:
            datetime.strptime(value, fmt)
        except ValueError:
            continue
        return value
    raise RuleError(_l("UNTIL bukan tanggal yang benar (YYYYMMDD)."))


def build_rule(rule: str, first_date: date, starts: time) -> rrule:
    """The dateutil rule of a (normalized) RRULE, from the first market day at its start time
    (naive WIB wall-clock: WIB has no daylight saving)."""
    try:
        built = rrulestr(rule, dtstart=datetime.combine(first_date, starts))
    except (ValueError, TypeError, KeyError, IndexError, OverflowError):
        raise RuleError(_l("Aturan pengulangan tidak dapat dibaca; contoh yang benar: "
                           "FREQ=WEEKLY;BYDAY=SU (setiap Minggu).")) from None
    if not isinstance(built, rrule):
        raise RuleError(_l("Tulis satu aturan RRULE saja."))
    return built


def check_rule(text: str | None, first_date: date, starts: time) -> str:
    """Normalize and try a rule: it must give a market day within a year of the first date.
    Returns the rule as stored."""
    rule = normalize_rule(text)
    built = build_rule(rule, first_date, starts)
    try:
        first = next(iter(built), None)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError):
        first = None
    if first is None:
        raise RuleError(_l("Aturan ini tidak menghasilkan satu hari pasar pun sejak tanggal "
                           "pertama."))
    if (first.date() - first_date).days > FIRST_DAY_WITHIN:
        raise RuleError(_l("Hari pasar pertama menurut aturan ini (%(d)s) lebih dari setahun "
                           "setelah tanggal pertama.", d=first.date().isoformat()))
    return rule


@dataclass(frozen=True)
class Schedule:
    """When a market is held."""

    rule: str
    first_date: date
    starts: time
    ends: time
    excluded: frozenset[date] = frozenset()

    def days(self, start: date | None = None) -> Iterator[date]:
        """Every date the rule gives from `start` (default: the first day), excluded included."""
        built = build_rule(self.rule, self.first_date, self.starts)
        moment = datetime.combine(max(start or self.first_date, self.first_date), time.min)
        try:
            for found in built.xafter(moment, inc=True):
                yield found.date()
        except (ValueError, OverflowError):  # the rule runs past the calendar (year 9999)
            return

    def held_days(self, start: date | None = None) -> Iterator[date]:
        return (day for day in self.days(start) if day not in self.excluded)

    def is_day(self, day: date) -> bool:
        return next(self.days(day), None) == day

    def starts_at(self, day: date) -> datetime:
        return datetime.combine(day, self.starts, tzinfo=WIB)

    def ends_at(self, day: date) -> datetime:
        return datetime.combine(day, self.ends, tzinfo=WIB)


def upcoming(schedule: Schedule, start: date, count: int,
             until: date | None = None) -> list[date]:
    """The next `count` dates from `start` (excluded ones included), none after `until`."""
    found = []
    for day in schedule.days(start):
        if len(found) >= count or (until is not None and day > until):
            break
        found.append(day)
    return found


@dataclass(frozen=True)
class Member:
    """A vendor's time on a market's roster: on it from `joined_on`, until the day before
    `left_on` (None: still on it). A vendor who comes back has a second Member."""

    umkm_id: str
    joined_on: date
    left_on: date | None = None

    def active_on(self, day: date) -> bool:
        return self.joined_on <= day and (self.left_on is None or day < self.left_on)


@dataclass(frozen=True)
class Turn:
    day: date
    on_duty: tuple[str, ...]  # umkm ids, in queue order
    waiting: tuple[str, ...]  # the rest of the queue, next first


def rotation(held_days: Iterable[date], members: Sequence[Member], spots: int) -> Iterator[Turn]:
    """Who is on duty on each market day held (given in date order): see the module doc."""
    if spots < 1:
        raise ValueError("spots must be at least 1")
    ordered = sorted(members, key=lambda m: (m.joined_on, m.umkm_id, m.left_on or date.max))
    queue: list[str] = []
    for day in held_days:
        active = {m.umkm_id for m in ordered if m.active_on(day)}
        queue = [umkm_id for umkm_id in queue if umkm_id in active]
        queued = set(queue)
        for member in ordered:
            if member.umkm_id in active and member.umkm_id not in queued:
                queue.append(member.umkm_id)
                queued.add(member.umkm_id)
        on_duty, waiting = queue[:spots], queue[spots:]
        queue = waiting + on_duty
        yield Turn(day, tuple(on_duty), tuple(waiting))


def turns_between(schedule: Schedule, members: Sequence[Member], spots: int, start: date,
                  end: date) -> dict[date, Turn]:
    """The duty list of every market day held from `start` to `end` (the queue is played from
    the first market day, so the answer does not depend on `start`)."""

    def held_until_end() -> Iterator[date]:
        for day in schedule.held_days():
            if day > end:
                return
            yield day

    return {turn.day: turn for turn in rotation(held_until_end(), members, spots)
            if turn.day >= start}
