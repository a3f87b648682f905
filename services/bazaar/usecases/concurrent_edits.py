"""Two staff changing one record at once (services.kernel.edits), in the bazaar's words.

Each edit use case gives its record's editable values (`stored`) and what was sent, both as it
cleans them, so that equal means equal, inside its transaction; the refusals are the kernel's,
a stored value is read here in the bazaar's words."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time

from flask_babel import lazy_gettext as _l

from services.bazaar.domain.labels import word, words
from services.kernel import edits
from services.kernel.clock import to_wib


def to_write(shown: Mapping[str, object] | None, sent: Mapping[str, object],
             stored: Mapping[str, object], *, who: str | None = None,
             at: datetime | None = None, kinds: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """kernel.edits.to_write, a clash told in the bazaar's words (`kinds` names the label kind
    of a field holding codes, e.g. {"sectors": "sector"})."""
    return edits.to_write(shown, sent, stored, who=who, at=at,
                          say=lambda name, value: said(value, (kinds or {}).get(name)))


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
