"""Bahasa Indonesia first, English available: one choice per person, shared by all services."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask, has_request_context, redirect, request, session
from flask_babel import Babel

from services.kernel.web.safety import safe_next

LOCALES = ("id", "en")
KERNEL_TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"

bp = Blueprint("i18n", __name__)


def select_locale() -> str:
    if not has_request_context():  # CLI commands and jobs write in the default language
        return "id"
    chosen = session.get("lang")
    if chosen in LOCALES:
        return chosen
    if request.path.startswith(("/api/", "/internal/")) and request.accept_languages:
        return request.accept_languages.best_match(LOCALES) or "id"
    return "id"


@bp.get("/lang/<code>")
def switch(code: str):
    if code in LOCALES:
        session["lang"] = code
    return redirect(safe_next(request.args.get("next") or request.referrer))


def init_app(app: Flask, translation_dirs: list[Path]) -> None:
    dirs = [str(KERNEL_TRANSLATIONS), *(str(d) for d in translation_dirs)]
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", ";".join(dirs))
    Babel(app, locale_selector=select_locale)
    app.register_blueprint(bp)
