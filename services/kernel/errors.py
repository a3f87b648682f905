"""Errors a use case raises; each entry point turns them into its own answer (JSON or a form)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l


class DomainError(Exception):
    code = "error"
    status = 400

    def __init__(self, message: str, fields: dict[str, str] | None = None, **extra):
        super().__init__(message)
        self.message = message
        self.fields = dict(fields or {})
        self.extra = extra


class InvalidInput(DomainError):
    """One message per bad field."""

    code = "invalid_input"
    status = 422

    def __init__(self, fields: dict[str, str], message: str | None = None):
        super().__init__(message or _l("Data tidak valid: periksa isian yang ditandai."), fields)


class Conflict(DomainError):
    code = "conflict"
    status = 409


class EditConflict(Conflict):
    """Someone else changed the fields named while this person was editing them; `stored` is
    what the record holds now (plain values), for the form to be filled from again."""

    code = "edit_conflict"

    def __init__(self, message: str, fields: dict[str, str], stored: dict):
        super().__init__(message, fields)
        self.stored = stored


class PreconditionFailed(DomainError):
    """The record is no longer at the version the client read (If-Match)."""

    code = "precondition_failed"
    status = 412


class NotFound(DomainError):
    code = "not_found"
    status = 404


class Forbidden(DomainError):
    code = "forbidden"
    status = 403


class Unavailable(DomainError):
    """A service this one depends on did not answer; nothing was written."""

    code = "dependency_unavailable"
    status = 503
