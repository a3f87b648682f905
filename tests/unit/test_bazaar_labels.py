"""Every code a bazaar page or message names has the staff's word for it, in Indonesian and in
English, so a status renamed in the domain cannot show up raw again."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from services.bazaar import models
from services.bazaar.domain import batik, retail
from services.bazaar.domain.changes import CATEGORIES
from services.bazaar.domain.labels import LABELS, word
from services.kernel.reference import SECTORS
from services.kernel.words import SHARED

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "services" / "bazaar" / "web" / "templates"
CATALOGUES = [ROOT / "services" / service / "translations" / "en" / "LC_MESSAGES" /
              "messages.po" for service in ("kernel", "bazaar")]

# Every code of every kind, as the domain and the models define them.
CODES = {
    "bazaar": (models.SCHEDULED, models.ALLOCATED, models.CLOSED, models.CANCELLED),
    "application": (models.APPLIED, models.WITHDRAWN, models.STALL, models.WAITLIST,
                    models.CHECKED_IN, models.NO_SHOW, models.APPLICATION_CANCELLED),
    "batik_order": batik.STATUSES,
    "office_kind": batik.OFFICE_KINDS,
    "placement": retail.STATUSES,
    "sector": tuple(SECTORS),
    "stall_category": CATEGORIES,
}


def english() -> dict:
    found = {}
    for path in CATALOGUES:
        with path.open("rb") as handle:
            for message in read_po(handle):
                if message.id and message.string:
                    found[(message.context, message.id)] = message.string
    return found


def msgid(text) -> tuple:
    """(context, msgid) of a lazy string: lazy_gettext(msgid) or lazy_pgettext(context, msgid)."""
    args = text._args
    return (None, args[0]) if len(args) == 1 else (args[0], args[1])


def test_every_kind_the_bazaar_registers_is_checked_here():
    assert set(LABELS) == set(CODES)


@pytest.mark.parametrize("kind", sorted(CODES))
def test_every_code_has_a_word(kind):
    missing = [code for code in CODES[kind] if code not in LABELS[kind]]
    assert missing == []
    assert [word(kind, code) for code in CODES[kind] if word(kind, code) == code] == []


@pytest.mark.parametrize("kind", sorted(CODES))
def test_every_word_is_in_english_too(kind):
    catalogue = english()
    untranslated = [str(text) for text in LABELS[kind].values() if msgid(text) not in catalogue]
    assert untranslated == []


def test_partly_delivered_orders_have_their_word():
    assert word("batik_order", batik.PARTIAL) == "Dikirim sebagian"
    assert word("batik_order", "archived") == "archived"  # an unknown code is still shown


def test_every_kind_a_bazaar_template_labels_is_registered():
    used = set()
    for path in TEMPLATES.rglob("*.html"):
        used |= set(re.findall(r"""label\(\s*["']([a-z_]+)["']""", path.read_text()))
    assert used and used <= set(LABELS) | set(SHARED)
