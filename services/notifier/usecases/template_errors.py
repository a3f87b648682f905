"""Why a staff-edited template part does not render, in the staff member's language and in
words an admin understands: the line (where Jinja gives one) and, where it can be told, the
reason. Jinja's own English text goes to the log only."""

from __future__ import annotations

import logging
import re

from flask_babel import gettext as _
from jinja2 import TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

log = logging.getLogger(__name__)

_NESTING = re.compile(r"unknown tag '(\w+)'\. You probably made a nesting mistake.*"
                      r"innermost block that needs to be closed is '(\w+)'", re.S)
_UNCLOSED = re.compile(r"innermost block that needs to be closed is '(\w+)'")
_UNKNOWN_TAG = re.compile(r"Encountered unknown tag '(\w+)'")
_NO_FILTER = re.compile(r"No filter named '(\w+)'")
_UNDEFINED = re.compile(r"^'(\w+)' is undefined$")
_NO_ATTRIBUTE = re.compile(r"has no attribute '(\w+)'")


def explain(error: Exception, part: str, names: list[str], source: str = "") -> str:
    """The message shown beside `part` for `error`, raised while rendering `source` on a
    context in which a template may use `names` (nested ones as `bazaar.title`)."""
    log.info("template part %s does not render: %s: %s", part, type(error).__name__, error)
    if isinstance(error, TemplateSyntaxError):
        return _syntax(error)
    line = _line_of(error)
    if isinstance(error, UndefinedError):
        unknown = _UNDEFINED.match(str(error))
        attribute = _NO_ATTRIBUTE.search(str(error))
        field = unknown.group(1) if unknown else (
            _unknown_path(source, attribute.group(1), names) if attribute else None)
        if field:
            return _("Isian %(field)s tidak dikenal; isian yang tersedia: %(names)s.",
                     field="{{ " + field + " }}", names=", ".join(names))
        if attribute and line:
            return _("Isian di baris %(line)s memakai bagian %(name)s yang tidak ada pada "
                     "data.", line=line, name=attribute.group(1))
    if isinstance(error, SecurityError):
        if line:
            return _("Templat memakai sesuatu yang tidak diizinkan di baris %(line)s.",
                     line=line)
        return _("Templat memakai sesuatu yang tidak diizinkan.")
    if line:
        return _("Templat tidak dapat dibuat dengan data contoh di baris %(line)s; periksa "
                 "isian dan penyaring di baris itu.", line=line)
    return _("Templat tidak dapat dibuat dengan data contoh; periksa isian dan penyaringnya.")


def _unknown_path(source: str, attribute: str, names: list[str]) -> str | None:
    """The dotted name in `source` that asked the data for `attribute` it does not have
    (`bazaar.nope`), when what comes before it is data a template may use; None when it is
    not to be found so (a loop's variable, a subscript)."""
    known = set(names)
    within = {name.rsplit(".", i)[0] for name in names for i in range(name.count(".") + 1)}
    for path in re.findall(r"(?<![\w.])([A-Za-z_]\w*(?:\.\w+)*)\." + re.escape(attribute)
                           + r"\b", source):
        if path in within and f"{path}.{attribute}" not in known:
            return f"{path}.{attribute}"
    return None


def _syntax(error: TemplateSyntaxError) -> str:
    reason, line = _reason(error.message or ""), error.lineno
    if reason and line:
        return _("Penulisan templat salah di baris %(line)s: %(reason)s", line=line,
                 reason=reason)
    if reason:
        return _("Penulisan templat salah: %(reason)s", reason=reason)
    if line:
        return _("Penulisan templat salah di baris %(line)s.", line=line)
    return _("Penulisan templat salah.")


def _tag(name: str) -> str:
    return "{% " + name + " %}"


def _reason(message: str) -> str | None:
    """Jinja's message said again, for the mistakes made most often; None for the rest."""
    found = _NESTING.search(message)
    if found:
        return _("tag %(open)s harus ditutup sebelum %(tag)s.",
                 open=_tag(found.group(2)), tag=_tag(found.group(1)))
    found = _UNCLOSED.search(message)
    if found:
        return _("tag %(tag)s tidak ditutup.", tag=_tag(found.group(1)))
    found = _UNKNOWN_TAG.search(message)
    if found and found.group(1).startswith("end"):
        return _("tag %(tag)s tidak punya pembuka.", tag=_tag(found.group(1)))
    if found:
        return _("tag %(tag)s tidak dikenal.", tag=_tag(found.group(1)))
    found = _NO_FILTER.search(message)
    if found:
        return _("penyaring |%(name)s tidak dikenal.", name=found.group(1))
    for marks, said in (("{{ }}", "expected 'end of print statement'"),
                        ("{% %}", "expected 'end of statement block'"),
                        ("{# #}", "Missing end of comment tag")):
        if said in message:
            opening, closing = marks.split()
            return _("%(open)s tidak ditutup dengan %(close)s.", open=opening, close=closing)
    return None


def _line_of(error: Exception) -> int | None:
    """The template line a rendering error happened on: Jinja puts the template's own frames
    (file "<template>" for an edited text) into the traceback."""
    line, frame = None, error.__traceback__
    while frame is not None:
        if frame.tb_frame.f_code.co_filename == "<template>":
            line = frame.tb_lineno
        frame = frame.tb_next
    return line
