"""What a text search of the register matches: the business name, its owner's name and the names
of its products, as one folded text per business.

A search term matches a business when the folded term is a substring of one of those names.
The names are kept on separate lines and a folded term never holds a line break, so a term
cannot match across two names. The same folding is applied to the stored text and to the term,
in Python, so that SQLite and PostgreSQL find exactly the same businesses.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

SEPARATOR = "\n"
# The text is also carried by PostgreSQL's sort indexes, whose entries cannot pass ~2,700
# bytes: product names past this many bytes are left out (a business with a hundred products).
MAX_BYTES = 2000
# Shorter terms are matched without the trigram indexes (they cannot serve them).
TRIGRAM = 3


def fold(text: str | None) -> str:
    """Case, accents and runs of white space aside: '  Kopi  SUSU Café ' -> 'kopi susu cafe'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(unicodedata.normalize("NFC", bare).casefold().split())


def search_text(business_name: str, owner_name: str, product_names: Iterable[str] = ()) -> str:
    """The stored text a business is searched by (one folded name per line), at most
    MAX_BYTES of UTF-8."""
    lines = [fold(business_name), fold(owner_name)]
    size = sum(len(line.encode()) for line in lines) + 1
    for product in sorted({fold(name) for name in product_names} - {""}):
        size += len(product.encode()) + 1
        if size > MAX_BYTES:
            break
        lines.append(product)
    return SEPARATOR.join(lines)


def with_names(stored: str | None, business_name: str, owner_name: str) -> str:
    """The stored text after a business or its owner was renamed: its product lines kept."""
    products = (stored or "").split(SEPARATOR)[2:]
    return search_text(business_name, owner_name, products)


def search_term(q: str | None) -> str | None:
    """The folded term of a query, None when nothing is left to search for."""
    term = fold(q)
    return term or None


def fts_phrase(term: str) -> str:
    """An FTS5 phrase for the term: a substring query under the trigram tokenizer."""
    return '"' + term.replace('"', '""') + '"'


def fts_prefix_query(term: str) -> str:
    """Every word of the term as a word prefix (for an FTS5 table without the trigram
    tokenizer, on SQLite older than 3.34)."""
    words = [word for word in term.split() if any(ch.isalnum() for ch in word)]
    return " AND ".join(fts_phrase(word) + "*" for word in words)
