"""The bulk path's shortcuts write what the general code writes: a sink's JSON is
json.dumps(..., indent=2), the date filters remembered give what they computed; the file sink
writes its file whole."""

import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from services.notifier.adapters import email as mail
from services.notifier.adapters import templates
from services.notifier.adapters.channels import Outgoing, json_text, write_file


def _outcome(make):
    try:
        return make()
    except Exception as exc:
        return type(exc), str(exc)

def test_file_email_writes_the_file(tmp_path):
    sink = mail.FileEmail(tmp_path / "mail", "noreply@metro.go.id")
    message = Outgoing(id="m-1", channel="email", recipient="a@example.id",
                       recipient_name="Pemilik", subject="Undangan", body_text="Halo",
                       body_html="<p>Halo</p>")
    assert sink.send(message) == "written m-1.eml"
    assert [p.name for p in (tmp_path / "mail").iterdir()] == ["m-1.eml"]
    assert b"X-Metro-Message-ID: m-1\n" in (tmp_path / "mail" / "m-1.eml").read_bytes()


@pytest.mark.parametrize("fields", [
    {"id": "m-1", "from": "DISKOPERIN", "to": "+62812", "text": "é \"q\" \\ \n🍜\u2028",
     "at": "2026-12-01T03:00:00+00:00"},
    {"id": "", "text": "\x00\x1f\ud800"}, {}, {"a": None}, {"a": 1}, {"a": {"b": "c"}},
])
def test_json_text_is_json_dumps(fields):
    assert json_text(fields) == json.dumps(fields, ensure_ascii=False, indent=2)


def test_write_file_makes_a_missing_directory_and_leaves_no_temporary(tmp_path):
    write_file(tmp_path / "a" / "b", "x.json", "teks é")
    write_file(tmp_path / "a" / "b", "y.eml", b"bytes")
    assert sorted(p.name for p in (tmp_path / "a" / "b").iterdir()) == ["x.json", "y.eml"]
    assert (tmp_path / "a" / "b" / "x.json").read_text() == "teks é"


@pytest.mark.parametrize("value", [
    "2027-06-09T08:00:00+07:00", "2027-06-09T23:30:00+00:00", "2027-06-09",
    date(2027, 6, 9), datetime(2027, 6, 9, 1, tzinfo=UTC),
    datetime(2027, 6, 9, 8, tzinfo=timezone(timedelta(hours=7))),
])
def test_remembered_date_filters_give_what_they_compute(value):
    for locale in ("id", "en"):
        for _ in range(2):  # computed, then remembered
            for cached, plain in ((templates._tanggal_cached, templates._tanggal),
                                  (templates._jam_cached, templates._jam)):
                assert _outcome(lambda c=cached, loc=locale: c(value, loc)) == _outcome(
                    lambda p=plain, loc=locale: p(value, loc))
