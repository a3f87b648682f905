"""A message written now and read later, in the reader's language.

A worker has no reader: what it says (an import's row errors) would be written in its own
default language for everyone. A lazily translated message (`lazy_gettext`) is kept instead as
its Indonesian source and values (`keep`), and said when it is read (`say`), in the language of
that request. Values that are messages themselves are kept and said the same way.
"""

from __future__ import annotations

from flask_babel import gettext
from flask_babel.speaklater import LazyString


def keep(message: object) -> dict | None:
    """{"msgid", "params"} of a lazily translated message (`lazy_gettext`); None for text
    already said. Reads what flask_babel's LazyString holds: its function and arguments."""
    if not isinstance(message, LazyString) or message._func is not gettext \
            or len(message._args) != 1 or not isinstance(message._args[0], str):
        return None
    params = {}
    for name, value in message._kwargs.items():
        kept = keep(value)
        params[name] = kept if kept is not None else (
            value if isinstance(value, int | float) and not isinstance(value, bool)
            else str(value))
    return {"msgid": message._args[0], "params": params}


def say(kept: dict) -> str:
    """The kept message in the current reader's language."""
    params = {name: say(value) if isinstance(value, dict) else value
              for name, value in (kept.get("params") or {}).items()}
    return gettext(kept["msgid"], **params)


def said(text: str, kept: dict | None) -> str:
    """A stored message: said now when it was kept, else the text as it was written."""
    return say(kept) if kept else text
