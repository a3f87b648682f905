"""A message kept now and said later, in the language of whoever reads it."""

from flask import Flask
from flask_babel import Babel, force_locale
from flask_babel import lazy_gettext as _l

from services.kernel.said import keep, said, say


def test_a_lazy_message_is_kept_with_its_values_and_said_in_the_readers_language():
    app = Flask(__name__)
    Babel(app)
    kept = keep(_l("Baris %(row)s: %(why)s", row=3, why=_l("Berkas kosong.")))
    assert kept == {"msgid": "Baris %(row)s: %(why)s",
                    "params": {"row": 3, "why": {"msgid": "Berkas kosong.", "params": {}}}}
    with app.test_request_context(), force_locale("id"):
        assert say(kept) == "Baris 3: Berkas kosong."
        assert said("ditulis dulu", None) == "ditulis dulu"
        assert said("ditulis dulu", kept) == "Baris 3: Berkas kosong."


def test_text_already_said_is_not_kept():
    assert keep("Sudah jadi teks.") is None
    assert keep(None) is None
