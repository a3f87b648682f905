"""The `label` template filter: a code shown as the staff's word for it, through the app's
`Words` (services.kernel.words), to which each service adds its own kinds.

    {{ umkm.status|label("umkm") }}    {{ a.status|label("application") }}

The filter takes the code first, as a filter does; code in Python asks `Words.word(kind, code)`.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask, current_app

from services.kernel.words import SHARED_WORDS, Words

EXTENSION = "metro.labels"


def register(app: Flask, labels: Mapping[str, Mapping[str, object]]) -> None:
    """Add a service's labels: {kind: {code: label}}."""
    app.extensions.setdefault(EXTENSION, Words({})).add(labels)


def label(code: str | None, kind: str) -> str:
    return current_app.extensions.get(EXTENSION, SHARED_WORDS).word(kind, code)


def init_app(app: Flask) -> None:
    register(app, {})
    app.add_template_filter(label, "label")
