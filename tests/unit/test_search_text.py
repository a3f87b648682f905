"""The text a business is searched by, and how a query term is written for each database."""

from services.kernel.contains import like_pattern
from services.registry.domain.search import (
    MAX_BYTES,
    fold,
    fts_phrase,
    fts_prefix_query,
    search_term,
    search_text,
    with_names,
)


def test_folding_sets_case_accents_and_spacing_aside():
    assert fold("  Kopi\tSUSU  Café ") == "kopi susu cafe"
    assert fold("Ñasi Ùduk") == "nasi uduk"
    assert fold(None) == ""
    assert search_term(" \n ") is None
    assert search_term("Bakso\nMalang") == "bakso malang"  # a term never holds a line break


def test_one_line_per_name_products_sorted_once():
    text = search_text("Keripik Pisang", "Sri  Wahyuni", ["Sambal", "keripik", "SAMBAL", " "])
    assert text == "keripik pisang\nsri wahyuni\nkeripik\nsambal"


def test_a_rename_keeps_the_product_lines():
    stored = search_text("Lama", "Pemilik", ["Dodol", "Lempok"])
    assert with_names(stored, "Baru Jaya", "Pemilik Baru") == search_text(
        "Baru Jaya", "Pemilik Baru", ["Dodol", "Lempok"])
    assert with_names("", "A", "B") == "a\nb"


def test_a_long_catalogue_stops_at_the_byte_limit_the_names_never():
    products = [f"Produk Nomor {n:03d} Rasa Istimewa" for n in range(200)]
    text = search_text("B" * 160, "O" * 120, products)
    assert len(text.encode()) <= MAX_BYTES
    lines = text.split("\n")
    assert lines[:2] == ["b" * 160, "o" * 120]
    assert lines[2:] == sorted(fold(p) for p in products)[:len(lines) - 2]
    assert with_names(text, "B" * 160, "O" * 120) == text


def test_like_wildcards_are_taken_literally():
    assert like_pattern("50%_a\\b") == "%50\\%\\_a\\\\b%"


def test_fts_phrases_quote_what_the_user_typed():
    assert fts_phrase('kopi "tubruk"') == '"kopi ""tubruk"""'
    assert fts_prefix_query("kopi - susu") == '"kopi"* AND "susu"*'
