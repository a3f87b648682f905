"""Editing a record that someone else may be editing too: no change is lost without a word.

A form carries the values it was filled with (`shown`). When it comes back, three versions of
each field meet: what the person saw, what they sent, and what is stored now. A field they did
not change keeps what is stored (a colleague's change made meanwhile survives); a field both
changed, to different values, is a conflict for the person to settle. An API client gets the
same protection from a version string (an HTTP ETag, sent back in If-Match).

Functions over plain values: each service decides what its editable fields are and how a
stored value reads beside its field; the refusals (`refuse_stale`, `to_write`) are worded here.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal

from flask_babel import lazy_gettext as _l

from services.kernel.clock import to_wib
from services.kernel.errors import EditConflict, PreconditionFailed


def plain(value: object) -> object:
    """A value as it is compared and carried in a form: dates and times as ISO text (a moment
    with its zone in UTC, so that one moment written in WIB or in UTC is the same), decimals as
    text, text with the line ends a browser sends (CRLF) and the spaces around it left out."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).isoformat()
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    if isinstance(value, list | tuple):  # as a list, the way it comes back from a form's JSON
        return [plain(item) for item in value]
    return value


def plain_values(values: Mapping[str, object], names: Iterable[str] | None = None) -> dict:
    return {name: plain(values.get(name)) for name in (values if names is None else names)}


def shown_from(text: str | None) -> dict | None:
    """The values a form carried back (JSON text), or None when there are none to trust."""
    try:
        data = json.loads(text) if text else None
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def shown_text(values: Mapping[str, object] | None) -> str:
    """The values a form is filled with, as the JSON text it carries."""
    return "" if values is None else json.dumps(values, ensure_ascii=False, sort_keys=True,
                                                 default=str)


def version_of(values: Mapping[str, object], names: Iterable[str] | None = None) -> str:
    """A short fingerprint of the editable values: changes whenever any of them changes."""
    text = json.dumps(plain_values(values, names), sort_keys=True, ensure_ascii=False,
                      default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def matches(if_match: str | None, version: str) -> bool:
    """Whether an If-Match header allows a change of the record at `version` (no header, or
    `*`, allows it; weak and strong forms of the same tag match)."""
    if if_match is None or not if_match.strip() or if_match.strip() == "*":
        return True
    tags = {tag.strip().removeprefix("W/").strip('"') for tag in if_match.split(",")}
    return version in tags


@dataclass(frozen=True)
class Merge:
    changed: tuple[str, ...]  # fields the person changed (only these are written)
    conflicts: dict[str, object] = field(default_factory=dict)  # field -> value stored now
    kept: tuple[str, ...] = ()  # fields someone else changed meanwhile, which stay as stored


def merge(shown: Mapping[str, object] | None, sent: Mapping[str, object],
          stored: Mapping[str, object]) -> Merge:
    """Three-way merge of a sent form over the stored record. `shown` None (a form from before
    forms carried their values) counts every sent value that differs from the stored one as the
    person's change, as a plain overwrite would."""
    base = stored if shown is None else shown
    changed, conflicts = [], {}
    for name, value in sent.items():
        was, now, new = plain(base.get(name)), plain(stored.get(name)), plain(value)
        if new == was:
            continue
        changed.append(name)
        if now != was and now != new:
            conflicts[name] = stored.get(name)
    kept = tuple(name for name in stored if shown is not None and name in shown
                 and plain(stored[name]) != plain(shown[name]) and name not in changed)
    return Merge(tuple(changed), conflicts, kept)


# The words of a refusal, the same in every service ----------------------------------------

def refuse_stale(if_match: str | None, stored: Mapping[str, object],
                 names: Iterable[str] | None = None) -> None:
    """PreconditionFailed when an If-Match header names another version than the stored one."""
    if not matches(if_match, version_of(stored, names)):
        raise PreconditionFailed(str(_l(
            "Data ini sudah diubah sejak Anda membacanya; baca lagi, lalu kirim perubahan "
            "Anda.")))


def to_write(shown: Mapping[str, object] | None, sent: Mapping[str, object],
             stored: Mapping[str, object], *, who: str | None = None,
             at: datetime | None = None,
             say: Callable[[str, object], str] | None = None) -> tuple[str, ...]:
    """The names of `sent` to write: those the person changed from what the form showed them
    (every one sent without `shown`, as before forms carried it). A field they changed that
    someone else changed meanwhile to another value is refused: EditConflict naming the value
    stored now (`say(name, value)` writes it as a person reads it), and `who` changed the record
    last, `at`, when the service knows."""
    if shown is None:
        return tuple(sent)
    outcome = merge(shown, sent, stored)
    if not outcome.conflicts:
        return outcome.changed
    if who and at:
        message = _l("%(who)s mengubah data ini pukul %(time)s WIB, sementara Anda mengisi "
                     "formulir. Isian yang bertabrakan ditandai; periksa, lalu simpan lagi.",
                     who=who, time=to_wib(at).strftime("%H.%M"))
    else:
        message = _l("Orang lain mengubah data ini sementara Anda mengisi formulir. Isian yang "
                     "bertabrakan ditandai; periksa, lalu simpan lagi.")
    say = say or (lambda _name, value: str(_l("(kosong)")) if value in (None, "", [])
                  else str(value))
    fields = {name: _l("Sudah diubah orang lain menjadi: %(value)s. Simpan lagi untuk memakai "
                       "isian Anda.", value=say(name, value))
              for name, value in outcome.conflicts.items()}
    raise EditConflict(str(message), fields, plain_values(stored))
