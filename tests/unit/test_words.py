"""The kernel's one lookup from codes to the staff's words: on pages (the `label` filter) and
inside messages, in the reader's language, with the UMKM statuses and scales in every service."""

from pathlib import Path

from flask import Flask, render_template_string
from flask_babel import Babel, force_locale

from services.kernel.web import labels
from services.kernel.words import SHARED_WORDS, Words

KERNEL_TRANSLATIONS = Path(__file__).resolve().parents[2] / "services" / "kernel" / "translations"
WORDS = Words({"program": {"completed": "Selesai"}})


def app_in(locale: str) -> Flask:
    app = Flask(__name__)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(KERNEL_TRANSLATIONS)
    Babel(app, locale_selector=lambda: locale)
    labels.init_app(app)
    return app


def test_a_word_a_list_and_what_is_not_known():
    assert WORDS.word("program", "completed") == "Selesai"
    assert WORDS.word("program", "paused") == "paused"  # a new status is never hidden
    assert WORDS.word("nothing", "x") == "x"
    assert WORDS.word("program", None) == WORDS.word("program", "") == "—"
    assert WORDS.words("umkm", ["verified", "pending"]) == "Terverifikasi, Menunggu verifikasi"


def test_every_service_has_the_umkm_statuses_and_scales_and_adds_its_own():
    assert SHARED_WORDS.word("umkm", "rejected") == "Ditolak"
    assert WORDS.word("umkm", "rejected") == "Ditolak"
    more = Words({"umkm": {"archived": "Diarsipkan"}})
    assert more.word("umkm", "archived") == "Diarsipkan"
    assert more.word("umkm", "verified") == "Terverifikasi"  # added to, not replaced
    assert SHARED_WORDS.word("umkm", "archived") == "archived"  # the shared words unchanged


def test_inside_a_sentence_in_the_language_it_is_read_in():
    sentence = SHARED_WORDS.in_sentence("umkm", "verified")
    with app_in("id").test_request_context():
        assert f"sudah {sentence}" == "sudah terverifikasi"
        with force_locale("en"):
            assert f"already {sentence}" == "already verified"
    assert str(SHARED_WORDS.in_sentence("umkm", "paused")) == "paused"


def test_the_page_filter_reads_the_words_a_service_registered():
    app = app_in("en")
    labels.register(app, {"program": {"completed": "Selesai"}})
    with app.test_request_context():
        page = render_template_string(
            '{{ "completed"|label("program") }} / {{ "verified"|label("umkm") }} / '
            '{{ none|label("program") }}', none=None)
    assert page == "Selesai / Verified / —"
