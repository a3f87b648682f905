"""Identifiers and names of a business: NIB, KBLI 2020, sector, names."""

from __future__ import annotations

import re
import unicodedata

from flask_babel import lazy_gettext as _l

from services.kernel.reference import SECTORS
from services.registry.domain import RuleViolation


def check_nib(raw: str | None) -> str | None:
    text = re.sub(r"\s", "", raw or "")
    if not text:
        return None
    if not text.isdigit() or not text.isascii() or len(text) != 13:
        raise RuleViolation(_l("NIB harus 13 digit angka (dari OSS)."))
    return text


def check_kbli(raw: str | None) -> str | None:
    text = (raw or "").strip()
    if not text:
        return None
    if not text.isdigit() or not text.isascii() or len(text) != 5:
        raise RuleViolation(_l("KBLI 2020 harus 5 digit angka, misalnya 10794."))
    return text


def check_sector(raw: str | None) -> str:
    text = (raw or "").strip().lower()
    if not text:
        raise RuleViolation(_l("Sektor wajib dipilih."))
    if text not in SECTORS:
        raise RuleViolation(_l("Sektor tidak dikenal. Pilih salah satu: %(names)s.",
                               names=", ".join(SECTORS)))
    return text


def check_text(raw: str | None, *, minimum: int = 2, maximum: int = 200, required: bool = True):
    text = " ".join((raw or "").split())
    if not text:
        if required:
            raise RuleViolation(_l("Wajib diisi."))
        return None
    if len(text) < minimum:
        raise RuleViolation(_l("Terlalu pendek (minimal %(n)s karakter).", n=minimum))
    if len(text) > maximum:
        raise RuleViolation(_l("Terlalu panjang (maksimal %(n)s karakter).", n=maximum))
    return text


def check_name(raw: str | None, *, maximum: int) -> str | None:
    """A business's or owner's name: text of 2 to `maximum` characters whose key (name_key) also
    fits in `maximum`: a joined letter such as 'ﬃ', copied from a PDF, unfolds to 'ffi'."""
    text = check_text(raw, maximum=maximum)
    if text is not None and len(name_key(text)) > maximum:
        raise RuleViolation(_l("Terlalu panjang: huruf gabungan seperti 'ﬁ' dihitung sebagai dua "
                               "huruf atau lebih (maksimal %(n)s huruf).", n=maximum))
    return text


def name_key(name: str) -> str:
    """What makes two business names 'the same': case, accents, punctuation and spacing aside."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^0-9a-z]+", "", text)
