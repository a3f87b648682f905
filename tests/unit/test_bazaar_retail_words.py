"""Retail pages name a placement's status through the bazaar's shared words (the kernel's
`label` filter, kind "placement"), like every other bazaar page: every retail status has its
word in Indonesian and in English, and no retail template keeps a private dict of words."""

import re
from pathlib import Path

import pytest
from flask import Flask, render_template_string
from flask_babel import Babel

from services.bazaar.domain import retail
from services.bazaar.domain.labels import word
from services.bazaar.web.labels import LABELS
from services.kernel.web import labels as kernel_labels

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "services" / "bazaar" / "web" / "templates" / "bazaar"
RETAIL_TEMPLATES = sorted(TEMPLATES.glob("retail_*.html"))
# Every retail code the pages show as a status, by the kind its words are registered under.
RETAIL_STATUSES = {"placement": retail.STATUSES}
ENGLISH = {"proposed": "Proposed", "curated": "Curated", "listed": "Listed",
           "delisted": "Delisted"}


def bazaar_words_in(locale: str):
    """A request in `locale` of an app with the kernel's label filter and the bazaar's words."""
    app = Flask(__name__)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(
        str(ROOT / "services" / service / "translations") for service in ("kernel", "bazaar"))
    Babel(app, locale_selector=lambda: locale)
    kernel_labels.init_app(app)
    kernel_labels.register(app, LABELS)
    return app.test_request_context()


@pytest.mark.parametrize("kind", sorted(RETAIL_STATUSES))
def test_every_retail_status_has_a_word_in_both_languages(kind):
    codes = RETAIL_STATUSES[kind]
    assert set(LABELS[kind]) == set(codes)  # registered, nothing missing, nothing left over
    shown = {}
    for locale in ("id", "en"):
        with bazaar_words_in(locale):
            shown[locale] = {code: render_template_string(
                "{{ code|label(kind) }}", code=code, kind=kind) for code in codes}
            assert shown[locale] == {code: word(kind, code) for code in codes}
    assert shown["id"] == {"proposed": "Diusulkan", "curated": "Dikurasi",
                           "listed": "Dipajang", "delisted": "Diturunkan"}
    assert shown["en"] == ENGLISH
    assert not [code for code in codes if code in (shown["id"][code], shown["en"][code])]


def test_an_unknown_retail_status_is_shown_as_it_is():
    with bazaar_words_in("en"):
        assert render_template_string('{{ "archived"|label("placement") }}') == "archived"


def test_retail_templates_name_statuses_through_the_shared_lookup():
    assert RETAIL_TEMPLATES
    labelled = 0
    for path in RETAIL_TEMPLATES:
        source = path.read_text()
        assert "status_labels" not in source, path.name
        # What the reader sees, not attributes (class="badge-{{ ... }}", data-status="...").
        for expression in re.findall(r"(?<![-\"])\{\{([^}]*\bstatus\b[^}]*)\}\}", source):
            assert '|label("placement")' in expression, (path.name, expression)
            labelled += 1
    assert labelled >= 4  # the partner's placements, the placement's badge, facts and history
