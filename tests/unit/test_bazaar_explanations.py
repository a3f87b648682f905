"""An allocation decision keeps its facts and is explained in the reader's language, the sector
in the registry's words; a decision stored before the facts were kept reads as it was."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import Flask
from flask_babel import Babel

from services.bazaar.domain.allocation import Candidate, StallSlot, allocate
from services.bazaar.domain.explanations import explain, override_facts

ROOT = Path(__file__).resolve().parents[2]
BASE = datetime(2027, 1, 1, tzinfo=UTC)


def in_language(locale: str):
    app = Flask(__name__)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(
        str(ROOT / "services" / service / "translations") for service in ("kernel", "bazaar"))
    Babel(app, locale_selector=lambda: locale)
    return app.test_request_context()


@pytest.fixture
def decisions():
    people = [Candidate("a1", "kriya", "non-kuliner", BASE, 1, 0, owner_id="sri"),
              Candidate("a2", "fashion", "non-kuliner", BASE, 2, 0, owner_id="sri"),
              Candidate("b1", "kuliner", "kuliner", BASE, owner_id="budi"),
              Candidate("b2", "kuliner", "kuliner", BASE, 0, 1, owner_id="tono")]
    found = allocate(people, [StallSlot("K-01", "kuliner"), StallSlot("N-01", "non-kuliner")])
    return {d.umkm_id: d.facts for d in found}


def test_the_facts_are_data_and_name_no_language(decisions):
    assert decisions["a1"] == {"kind": "allocated", "stall": "N-01", "stalls": 1,
                               "no_shows": 0, "sector": "kriya", "rank": 1}
    assert decisions["a2"]["kind"] == "same_owner" and decisions["a2"]["owner_stall"] == "N-01"
    assert decisions["b2"] == {"kind": "no_stall", "waitlist": 1, "category": "kuliner",
                               "stalls": 0, "no_shows": 1, "sector": "kuliner", "rank": 2}


def test_explained_in_indonesian_with_the_sectors_word(decisions):
    with in_language("id"):
        assert explain(decisions["a1"]) == (
            "Mendapat lapak N-01: 1 lapak dan 0 kali tidak hadir dalam 12 bulan terakhir; "
            "sektor Kriya (kerajinan, suvenir, tapis); urutan prioritas 1.")
        assert explain(decisions["a2"]).startswith(
            "Daftar tunggu nomor 1: pemilik yang sama sudah mendapat lapak N-01 (satu lapak "
            "per pemilik); 2 lapak")
        assert explain(decisions["b2"]).startswith(
            "Daftar tunggu nomor 1: lapak kuliner sudah habis; 0 lapak dan 1 kali")


def test_explained_in_english_for_an_english_reader(decisions):
    with in_language("en"):
        assert explain(decisions["a1"]) == (
            "Got stall N-01: 1 stall(s) and 0 no-show(s) in the last 12 months; sector "
            "Crafts (handicrafts, souvenirs, tapis); priority rank 1.")
        assert explain(decisions["a2"]).startswith(
            "Waiting list number 1: the same owner already has stall N-01 (one stall per "
            "owner);")
        assert explain(decisions["b2"]).startswith(
            "Waiting list number 1: the food stalls are all taken;")
        assert explain(override_facts("koordinator@metrokota.go.id", "Izin PIRT belum terbit")
                       ) == "Changed by coordinator koordinator@metrokota.go.id: Izin PIRT " \
                            "belum terbit"


def test_a_decision_stored_before_the_facts_reads_as_it_was():
    old = "Mendapat lapak K-01: 0 lapak dan 0 kali tidak hadir; sektor kuliner."
    with in_language("en"):
        assert explain(None, old) == old
        assert explain({}, old) == old
        assert explain({"kind": "lottery", "ticket": 7}, old) == old  # a kind not known here
        assert explain(None, None) is None
