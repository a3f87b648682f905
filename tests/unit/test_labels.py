"""Codes become the staff's words on pages; an unknown code is still shown."""

from flask import Flask, render_template_string
from flask_babel import Babel

from services.kernel.web import labels


def make_app(locale: str) -> Flask:
    app = Flask(__name__)
    Babel(app, locale_selector=lambda: locale)
    labels.init_app(app)
    labels.register(app, {"bazaar": {"closed": "Selesai"}, "umkm": {"archived": "Diarsipkan"}})
    return app


def render(app: Flask, source: str, **context) -> str:
    with app.test_request_context():
        return render_template_string(source, **context)


def test_shared_and_registered_codes_become_words():
    app = make_app("id")
    assert render(app, '{{ "verified"|label("umkm") }}') == "Terverifikasi"
    assert render(app, '{{ "kecil"|label("scale") }}') == "Kecil"
    assert render(app, '{{ "closed"|label("bazaar") }}') == "Selesai"
    assert render(app, '{{ "archived"|label("umkm") }}') == "Diarsipkan"
    assert render(app, '{{ "pending"|label("umkm") }}') == "Menunggu verifikasi"


def test_unknown_codes_and_kinds_are_shown_as_they_are_and_nothing_as_a_dash():
    app = make_app("id")
    assert render(app, '{{ "on_hold"|label("umkm") }}') == "on_hold"
    assert render(app, '{{ "open"|label("nothing") }}') == "open"
    assert render(app, '{{ none|label("umkm") }}') == "—"


def test_one_app_does_not_see_another_apps_labels():
    first, second = make_app("id"), Flask(__name__)
    Babel(second, locale_selector=lambda: "id")
    labels.init_app(second)
    assert render(first, '{{ "closed"|label("bazaar") }}') == "Selesai"
    assert render(second, '{{ "closed"|label("bazaar") }}') == "closed"
