"""What a channel is to the use cases: something that sends one outgoing message."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from json.encoder import encode_basestring
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class Outgoing:
    id: str
    channel: str
    recipient: str
    recipient_name: str | None
    subject: str | None
    body_text: str
    body_html: str | None


class Channel(Protocol):
    # Optional: a channel that only writes a file on this machine says `local = True`. Sending
    # is then quick and CPU-bound, and the bulk path sends such messages one after the other.
    def send(self, message: Outgoing) -> str:
        """Send it; return the provider's answer. Raise TemporaryFailure or PermanentFailure."""
        ...


def write_file(directory: Path, name: str, data: bytes | str) -> None:
    """`name` in `directory` (made first if it is missing), written whole under the name with
    suffix .tmp and then renamed, so that a reader never sees part of it. Text is written as
    Path.write_text writes it."""
    path = os.path.join(directory, name)
    tmp = os.path.splitext(path)[0] + ".tmp"
    mode = "wb" if isinstance(data, bytes) else "w"
    try:
        out = open(tmp, mode)  # noqa: SIM115 - closed just below
    except OSError:
        Path(directory).mkdir(parents=True, exist_ok=True)
        out = open(tmp, mode)  # noqa: SIM115
    with out:
        out.write(data)
    os.replace(tmp, path)


def json_text(fields: dict) -> str:
    """json.dumps(fields, ensure_ascii=False, indent=2), written directly when every value is
    text (a sink's record of a message) instead of by the pure-Python indenting encoder."""
    if fields and all(type(k) is str and type(v) is str for k, v in fields.items()):
        return "{\n" + ",\n".join(f"  {encode_basestring(k)}: {encode_basestring(v)}"
                                  for k, v in fields.items()) + "\n}"
    return json.dumps(fields, ensure_ascii=False, indent=2)
