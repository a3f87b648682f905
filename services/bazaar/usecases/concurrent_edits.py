"""Two staff changing one record at once (services.kernel.edits), in the bazaar's words.

Each edit use case gives its record's editable values (`stored`) and what was sent, both as it
cleans them, so that equal means equal: an API client's If-Match is checked against the stored
version, and a form's shown values are merged with what was sent, inside the use case's
transaction."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time

from flask_babel import lazy_gettext as _l

from services.bazaar.domain.labels import word, words
from services.kernel.clock import to_wib
from services.kernel.edits import matches, merge, plain_values, version_of
from services.kernel.errors import EditConflict, PreconditionFailed


def refuse_stale(if_match: str | None, stored: Mapping[str, object]) -> None:
    """PreconditionFailed when an If-Match header names another version than the stored one."""
    if not matches(if_match, version_of(stored)):
        raise PreconditionFailed(str(_l(
            "Data ini sudah diubah sejak Anda membacanya; baca lagi, lalu kirim perubahan "
            "Anda.")))


def to_write(shown: Mapping[str, object] | None, sent: Mapping[str, object],
             stored: Mapping[str, object], *, who: str | None = None,
             at: datetime | None = None, kinds: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """The names of `sent` to write: those the person changed from what the form showed them
    (every one sent without `shown`, as before forms carried it). A field they changed that
    someone else changed meanwhile to another value is refused (EditConflict naming the stored
    value; `who` changed the record last, at `at`, when known; `kinds` names the label kind of
    a field holding codes, e.g. {"sectors": "sector"})."""
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
    fields = {name: _l("Sudah diubah orang lain menjadi: %(value)s. Simpan lagi untuk memakai "
                       "isian Anda.", value=said(value, (kinds or {}).get(name)))
              for name, value in outcome.conflicts.items()}
    raise EditConflict(str(message), fields, plain_values(stored))


def said(value: object, kind: str | None = None) -> str:
    """A stored value as a person reads it beside the field."""
    if value is None or value == "" or value == []:
        return str(_l("(kosong)"))
    if isinstance(value, datetime):
        return to_wib(value).strftime("%d-%m-%Y %H.%M WIB")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, time):
        return value.strftime("%H.%M")
    if isinstance(value, list | tuple):
        return words(kind, value) if kind else ", ".join(str(v) for v in value)
    return str(word(kind, value)) if kind else str(value)
