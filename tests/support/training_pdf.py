"""Reading back the text a generated PDF shows (its content streams, inflated)."""

from __future__ import annotations

import re
import zlib


def pdf_text(data: bytes) -> str:
    """The literal strings drawn by the page content streams, joined by spaces."""
    shown = []
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            content = zlib.decompress(raw)
        except zlib.error:
            content = raw
        for literal in re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", content):
            text = re.sub(rb"\\(.)", rb"\1", literal)
            shown.append(text.decode("latin-1"))
    return " ".join(shown)
