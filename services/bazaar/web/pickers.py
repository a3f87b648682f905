"""The UMKM select of a staff form, fed by a search box: the search typed (kept through a form
sent back with errors), the options, and the hint saying how many match."""

from __future__ import annotations

from flask import request
from flask_babel import format_number
from flask_babel import gettext as _

from services.bazaar.domain.labels import word
from services.kernel.web.forms import options

SEARCH_LENGTH = 100


def search_text() -> str:
    """What was typed into the page's UMKM search box (the query string, or the hidden field of
    a form sent back)."""
    return (request.values.get("q") or "").strip()[:SEARCH_LENGTH]


def chosen(form) -> str | None:
    """The UMKM picked in a form sent back with errors."""
    return (form.umkm_id.data or None) if form is not None else None


def hint(picker: dict) -> str:
    total, shown = picker["total"], picker["shown"]
    if not total:
        if picker["q"]:
            return _("Tidak ada UMKM yang memenuhi syarat dengan nama “%(q)s”; periksa ejaannya "
                     "atau cari nama lain.", q=picker["q"])
        return _("Belum ada UMKM yang memenuhi syarat.")
    if total > shown:
        return _("Menampilkan %(shown)s dari %(total)s UMKM yang cocok; ketik nama untuk "
                 "mempersempit.", shown=format_number(shown), total=format_number(total))
    return _("%(total)s UMKM yang cocok.", total=format_number(total))


def offer(field, picker: dict, placeholder: str, *, sector: bool = True) -> dict:
    """Put the picker's UMKM into the select `field`; the picker, with its hint, for the page."""
    field.choices = options((
        (u["umkm_id"], f"{u['business_name']} — {u['owner_name']}"
                       + (f" · {word('sector', u['sector'])}" if sector else ""))
        for u in picker["items"]), placeholder)
    return {**picker, "hint": hint(picker)}
