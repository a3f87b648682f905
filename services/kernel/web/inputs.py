"""Input that no part of the platform can read, store or compare, refused at the door: a JSON
body Python cannot parse (nested too deep, an integer thousands of digits long) is a 400; text
with a NUL byte or a lone UTF-16 surrogate ("\\ud800", which the databases, password hashing and
URLs refuse), a whole number beyond a 64-bit column and a date or time outside the years
1900-2200 (where a day's arithmetic or a time zone's shift leaves the calendar Python keeps)
are a 422 naming the field. Each service checks everything else about its input."""

from __future__ import annotations

import re

from flask import Flask, abort, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import BadRequest

from services.kernel.errors import InvalidInput
from services.kernel.storable import NUMBER_TOO_BIG, UNSTORABLE_TEXT, too_big, unstorable_text

YEARS = (1900, 2200)
_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")
# A value that is a whole ISO date or date-time ("2027-06-09", "2027-06-09T08:00:00+07:00").
_ISO_DATE = re.compile(r"(\d{4,})-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")
MOST_REPORTED = 20


def problems(value, path: str = "", found: dict | None = None, dates: bool = True) -> dict:
    """{field path: message} for every value of a parsed JSON document (or of query/form
    arguments) that cannot be kept; "items.0.name" names a field inside a list."""
    found = {} if found is None else found
    if len(found) >= MOST_REPORTED:
        return found
    if isinstance(value, str):
        if unstorable_text(value):
            found[path or "_body"] = UNSTORABLE_TEXT
        elif dates and (date := _ISO_DATE.fullmatch(value)) and not \
                YEARS[0] <= int(date.group(1)) <= YEARS[1]:
            found[path or "_body"] = _l("Tahun harus antara %(first)s dan %(last)s.",
                                        first=YEARS[0], last=YEARS[1])
    elif isinstance(value, int) and not isinstance(value, bool):
        if too_big(value):
            found[path or "_body"] = NUMBER_TOO_BIG
    elif isinstance(value, dict):
        for key, item in value.items():
            name = f"{path}.{key}" if path else str(key)
            if unstorable_text(str(key)):
                found[path or "_body"] = _l("Nama isian tidak valid.")
            else:
                problems(item, name, found, dates)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            problems(item, f"{path}.{index}" if path else str(index), found, dates)
    return found


def _plain(arguments) -> dict:
    """Query or form arguments as a dict: a name given once -> its value, else the list."""
    return {key: values if len(values) > 1 else values[0] for key, values in arguments.lists()}


def check_request() -> None:
    """A before-request hook: raises what the error handlers answer."""
    if "\x00" in request.path:
        abort(404)
    found = problems(_plain(request.args))
    if request.mimetype in _FORMS and request.form:  # (a JSON body is not parsed as a form)
        # a form says what is wrong with a date beside its field
        problems(_plain(request.form), found=found, dates=False)
    if request.is_json and request.get_data(cache=True):
        try:  # Flask answers a ValueError (not JSON, a 5000-digit integer) with BadRequest
            body = request.get_json(silent=False, cache=True)
        except RecursionError:  # "[[[[…" nested past Python's stack
            raise BadRequest() from None
        problems(body, found=found)
    if found:
        raise InvalidInput(found)


def init_app(app: Flask) -> None:
    app.before_request(check_request)
