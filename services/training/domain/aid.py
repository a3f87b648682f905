"""Aid rules: what a handover gives, its value, and aid received again within three years."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from services.training.domain.text import text, too_long

REPEAT_WINDOW_YEARS = 3
MAX_STOCK = 1_000_000  # of one item; far above any real stock, well within the column
NOTE_MAX = 300  # StockMovement.note
ITEM_NAME_MAX, UNIT_MAX = 160, 30  # AidItem.name (and its name_key), AidItem.unit
RECEIVED_BY_MAX = 200  # Handover.received_by


@dataclass(frozen=True)
class GivenLine:
    aid_item_id: str
    item: str
    quantity: int
    unit_value_idr: int | None
    serial_numbers: tuple[str, ...] = ()

    @property
    def value_idr(self) -> int:
        return self.quantity * (self.unit_value_idr or 0)


def item_key(name: str) -> str:
    return " ".join(str(name).split()).casefold()


def item_name(value: object, key: str, errors: dict, missing=None) -> str | None:
    """An inventory item's name as typed, tidied; its key (case folded) fits the column too."""
    name = text(value, key, errors, max_length=ITEM_NAME_MAX, missing=missing)
    if name and key not in errors and len(item_key(name)) > ITEM_NAME_MAX:
        errors[key] = too_long(ITEM_NAME_MAX)
    return name


def window_start(today: date, years: int = REPEAT_WINDOW_YEARS) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def earlier_aid_facts(item: str, handed_over_on: date, program_title: str) -> dict:
    """What a UMKM received before (kept with its new enrollment, in no language)."""
    return {"item": item, "on": handed_over_on.isoformat(), "program": program_title}


def repeat_aid_warning(facts: Mapping | None, stored: str | None = None) -> str | None:
    """The warning for aid received again, in the reader's language; an enrollment recorded
    before the facts were kept has only the sentence stored with it."""
    if not facts:
        return stored
    return str(_l("UMKM ini sudah menerima %(item)s pada %(day)s (program \"%(title)s\"), "
                  "dalam %(n)s tahun terakhir.", item=facts["item"], day=facts["on"],
                  title=facts["program"], n=REPEAT_WINDOW_YEARS))


def serials(text: str | Iterable[str] | None) -> tuple[str, ...]:
    """'A1, A2\\nA3' or a list -> ('A1', 'A2', 'A3')."""
    if text is None:
        return ()
    parts = text.replace("\n", ",").split(",") if isinstance(text, str) else list(text)
    return tuple(dict.fromkeys(p.strip() for p in parts if p and p.strip()))
