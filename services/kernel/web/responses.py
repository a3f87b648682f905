"""JSON error bodies in the contract's shape: {"error": {"code", "message", "fields"}}."""

from __future__ import annotations

from flask import jsonify, request
from flask_babel import gettext as _

from services.kernel.web.schema_messages import translated

API_PREFIXES = ("/api/", "/internal/")


def wants_json() -> bool:
    path = request.path
    if path.startswith(API_PREFIXES):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes[
        "text/html"
    ]


def error_response(status: int, code: str, message: str, fields: dict | None = None, **extra):
    body = {"error": {"code": code, "message": str(message), "fields": {
        key: str(value) for key, value in (fields or {}).items()}}}
    body["error"].update({k: v for k, v in extra.items() if v is not None})
    response = jsonify(body)
    response.status_code = status
    return response


def flatten_messages(messages, prefix: str = "") -> dict[str, str]:
    """marshmallow / webargs messages -> {"field.sub": "first message"} (one message per field)."""
    flat: dict[str, str] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            flat.update(flatten_messages(value, name))
    elif isinstance(messages, list | tuple):
        if messages and all(isinstance(m, str) for m in messages):
            flat[prefix or "_schema"] = messages[0]
        else:
            for item in messages:
                flat.update(flatten_messages(item, prefix))
    else:
        flat[prefix or "_schema"] = str(messages)
    return flat


def webargs_fields(data: dict) -> dict[str, str]:
    """Strip webargs' location level ({"json": {...}}) and flatten; marshmallow's own messages
    in the reader's language."""
    messages = data.get("messages") or data.get("errors") or {}
    flat: dict[str, str] = {}
    if isinstance(messages, dict):
        for location, errors in messages.items():
            if location in {"json", "query", "form", "files", "headers", "path", "view_args"}:
                flat.update(flatten_messages(errors))
            else:
                flat.update(flatten_messages({location: errors}))
    return {name: translated(str(message)) for name, message in flat.items()}


STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    429: "too_many_requests",
    500: "internal_error",
    503: "unavailable",
}


def default_message(status: int) -> str:
    messages = {
        400: _("Permintaan tidak dapat dibaca."),
        401: _("Silakan masuk terlebih dahulu."),
        403: _("Anda tidak memiliki akses untuk tindakan ini."),
        404: _("Data tidak ditemukan."),
        405: _("Metode tidak diizinkan."),
        409: _("Data sudah ada."),
        413: _("Berkas atau permintaan terlalu besar."),
        422: _("Data tidak valid."),
        500: _("Terjadi kesalahan pada server."),
        503: _("Layanan sedang tidak tersedia."),
    }
    return messages.get(status, _("Terjadi kesalahan."))
