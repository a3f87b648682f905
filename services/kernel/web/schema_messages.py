"""marshmallow's own messages ("Missing data for required field.", "Not a valid integer.",
"Length must be between 3 and 200.") in the reader's language. marshmallow ships English only
and has no hook for translations, so the kernel keeps the Indonesian in a catalogue
(translations/id/LC_MESSAGES/marshmallow.po) whose msgids are marshmallow's messages with their
{placeholders}; the API's error answers pass each field's message through `translated`.

A message that is none of marshmallow's (a service's own, already in the reader's language) is
left as it is; in English the message is marshmallow's own."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po
from flask import has_request_context
from flask_babel import get_locale

TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"
_ESCAPED_PLACEHOLDER = re.compile(r"\\\{(\w+)\\\}")  # "{min}" once re.escape()d
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@cache
def _catalogue(locale: str) -> tuple[tuple[re.Pattern, str], ...]:
    """(what marshmallow writes, as a pattern; the reader's words) for every message, the
    longest first: "Must be greater than or equal to 1 and less than or equal to 200." is the
    message with both bounds, not the one with {min} "1 and less than or equal to 200"."""
    path = TRANSLATIONS / locale / "LC_MESSAGES" / "marshmallow.po"
    if not path.is_file():
        return ()
    with path.open("rb") as file:
        entries = [(m.id, m.string) for m in read_po(file) if m.id and m.string]
    entries.sort(key=lambda entry: len(_PLACEHOLDER.sub("", entry[0])), reverse=True)
    return tuple((re.compile(_ESCAPED_PLACEHOLDER.sub(r"(?P<\1>.+?)", re.escape(msgid))), words)
                 for msgid, words in entries)


def translated(message: str) -> str:
    """`message` in the language of the request, when it is one of marshmallow's."""
    if not has_request_context():
        return message
    for pattern, words in _catalogue(str(get_locale() or "id")):
        if found := pattern.fullmatch(message):
            return _PLACEHOLDER.sub(lambda name: found.group(name.group(1)), words)
    return message
