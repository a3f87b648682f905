"""Words for codes on staff pages: a status is stored and sent as a code ("verified"), and shown
as the staff's word for it ("Terverifikasi", "Verified"). Each service registers the labels of
its own codes, by kind; the UMKM statuses and scales, which every service shows from the
registry's snapshot, are here.

    {{ umkm.status|label("umkm") }}    {{ a.status|label("application") }}

An unknown code is shown as it is, so a new status is never hidden.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask, current_app

from services.kernel.reference import SCALE_WORDS, UMKM_STATUS

EXTENSION = "metro.labels"
SHARED = {"umkm": UMKM_STATUS, "scale": SCALE_WORDS}


def register(app: Flask, labels: Mapping[str, Mapping[str, object]]) -> None:
    """Add a service's labels: {kind: {code: label}}."""
    known = app.extensions.setdefault(EXTENSION, {k: dict(v) for k, v in SHARED.items()})
    for kind, words in labels.items():
        known.setdefault(kind, {}).update(words)


def label(code: str | None, kind: str) -> str:
    if code is None or code == "":
        return "—"
    words = current_app.extensions.get(EXTENSION, SHARED).get(kind) or {}
    return str(words.get(code, code))


def init_app(app: Flask) -> None:
    register(app, {})
    app.add_template_filter(label, "label")
