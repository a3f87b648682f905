"""The staff's words for codes, by kind, in the reader's language.

A status is stored and sent as a code ("verified") and shown as a word ("Terverifikasi",
"Verified"): on a page through the `label` template filter (services.kernel.web.labels), and
inside a message that names it ("Program ini sudah selesai", never "sudah completed"). Each
service keeps one `Words` of its own codes; the UMKM statuses and scales, which every service
shows from the registry's snapshot, are in every one. An unknown code is given as it is, so a
new status is never hidden.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from flask_babel import LazyString

from services.kernel.reference import SCALE_WORDS, UMKM_STATUS

SHARED: dict[str, Mapping[str, object]] = {"umkm": UMKM_STATUS, "scale": SCALE_WORDS}


class Words:
    def __init__(self, labels: Mapping[str, Mapping[str, object]]):
        self.labels: dict[str, dict[str, object]] = {
            kind: dict(words) for kind, words in SHARED.items()}
        self.add(labels)

    def add(self, labels: Mapping[str, Mapping[str, object]]) -> None:
        """More words: {kind: {code: word}}, added to a kind's words when it has some."""
        for kind, words in labels.items():
            self.labels.setdefault(kind, {}).update(words)

    def word(self, kind: str, code: str | None) -> str:
        """The word for `code`, as a page shows it ("Terverifikasi"); an unknown code as it
        is, and no code as a dash."""
        if code is None or code == "":
            return "—"
        return str(self.labels.get(kind, {}).get(code, code))

    def words(self, kind: str, codes: Iterable[str]) -> str:
        """Several codes' words, as a list in a sentence: "Fashion, Batik"."""
        return ", ".join(self.word(kind, code) for code in codes)

    def in_sentence(self, kind: str, code: str | None) -> LazyString:
        """The word inside a sentence ("sudah selesai", "ditolak"), in the language of the
        moment it is read."""
        known = self.labels.get(kind, {})
        return LazyString(lambda: str(known[code]).lower() if code in known else str(code))


SHARED_WORDS = Words({})  # the UMKM statuses and scales alone, for a service that needs no more
