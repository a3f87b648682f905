"""SMS text in the GSM 03.38 default alphabet, so that a message fits one 160-character SMS."""

from __future__ import annotations

import unicodedata

SMS_LIMIT = 160

_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_EXTENDED = set("^{}\\[~]|€")  # each takes two characters (escape + char)

_REPLACE = {
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
    "\u2026": "...", "\u00a0": " ", "\t": " ", "\u2022": "-", "\u00b7": "-",
}


def length(text: str) -> int:
    return sum(2 if ch in _EXTENDED else 1 for ch in text)


def is_gsm7(text: str) -> bool:
    return all(ch in _BASIC or ch in _EXTENDED for ch in text)


def to_gsm7(text: str) -> str:
    """Replace what the GSM alphabet lacks: typographic quotes, dashes, accents."""
    out = []
    for ch in text:
        if ch in _BASIC or ch in _EXTENDED:
            out.append(ch)
            continue
        if ch in _REPLACE:
            out.append(_REPLACE[ch])
            continue
        plain = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
        out.append(plain if plain and all(c in _BASIC for c in plain) else "?")
    return "".join(out)


def fit(text: str, limit: int = SMS_LIMIT) -> str:
    """One SMS: GSM-7 only, whitespace collapsed, shortened at a word with '...' if it must be."""
    text = " ".join(to_gsm7(text).split())
    if length(text) <= limit:
        return text
    cut = text[: limit - 3]
    while length(cut) > limit - 3:
        cut = cut[:-1]
    if " " in cut[-20:]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,.;:") + "..."
