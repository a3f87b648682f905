"""Why an application has its stall or waits: the facts of each decision are kept as data
(`Decision.facts`, a coordinator's override) and the sentence is written from them when it is
shown, in the reader's language. Applications decided before the facts were kept have only
their Indonesian sentence, shown as it was stored."""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l

from services.bazaar.domain.allocation import ALLOCATED, NO_STALL, SAME_OWNER
from services.bazaar.domain.changes import KULINER
from services.bazaar.domain.labels import word

OVERRIDE = "override"  # a coordinator gave, moved or took back the stall


def override_facts(by: str, reason: str) -> dict:
    return {"kind": OVERRIDE, "by": by, "reason": reason}


def _basis(facts: Mapping) -> str:
    return str(_l("%(stalls)s lapak dan %(no_shows)s kali tidak hadir dalam 12 bulan terakhir; "
                  "sektor %(sector)s; urutan prioritas %(rank)s",
                  stalls=facts["stalls"], no_shows=facts["no_shows"],
                  sector=word("sector", facts["sector"]), rank=facts["rank"]))


def explain(facts: Mapping | None, stored: str | None = None) -> str | None:
    """The sentence for a decision's facts, in the reader's language; without facts (an older
    row) or with facts of a kind it does not know, the sentence stored with it."""
    kind = (facts or {}).get("kind")
    if kind not in (ALLOCATED, SAME_OWNER, NO_STALL, OVERRIDE):
        return stored
    if kind == OVERRIDE:
        return str(_l("Diubah koordinator %(who)s: %(reason)s", who=facts["by"],
                      reason=facts["reason"]))
    basis = _basis(facts)
    if kind == ALLOCATED:
        return str(_l("Mendapat lapak %(stall)s: %(basis)s.", stall=facts["stall"],
                      basis=basis))
    if kind == SAME_OWNER:
        return str(_l("Daftar tunggu nomor %(n)s: pemilik yang sama sudah mendapat lapak "
                      "%(stall)s (satu lapak per pemilik); %(basis)s.",
                      n=facts["waitlist"], stall=facts["owner_stall"], basis=basis))
    if facts.get("category") == KULINER:
        return str(_l("Daftar tunggu nomor %(n)s: lapak kuliner sudah habis; %(basis)s.",
                      n=facts["waitlist"], basis=basis))
    return str(_l("Daftar tunggu nomor %(n)s: lapak non-kuliner sudah habis; %(basis)s.",
                  n=facts["waitlist"], basis=basis))
