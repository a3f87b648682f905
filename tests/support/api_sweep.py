"""Every operation of a service's API (from its own OpenAPI document) asked wrongly: with no
body, an empty one, an unknown field, every field of the wrong kind, too long and too short, bad
paging, an id that does not exist. What each error answer says (its message and each field's)
is collected, to be read for its language."""

from __future__ import annotations

import re

NOBODY = "00000000-0000-4000-8000-000000000000"
WRITES = ("post", "put", "patch")


def _resolved(schema: dict, spec: dict) -> dict:
    while "$ref" in schema or "allOf" in schema:
        schema = schema["allOf"][0] if "allOf" in schema else \
            spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _wrong(schema: dict, spec: dict):
    """A value of the wrong kind for a property."""
    schema = _resolved(schema, spec)
    kind = schema.get("type")
    if kind in ("integer", "number"):
        return "many"
    if kind == "boolean":
        return "perhaps"
    if kind == "array":
        return "one, two"
    if kind == "object":
        return ["one"]
    if schema.get("format") in ("date", "date-time", "time") or schema.get("enum"):
        return "2026-02-31"
    return 12345


def _bodies(operation: dict, spec: dict) -> list:
    content = (operation.get("requestBody") or {}).get("content") or {}
    schema = (content.get("application/json") or {}).get("schema")
    properties = _resolved(schema, spec).get("properties", {}) if schema else {}
    bodies = [None, {}, {"no_such_field": 1}]
    if properties:
        bodies += [{name: _wrong(value, spec) for name, value in properties.items()},
                   {name: "x" * 3000 for name in properties},
                   {name: "x" for name in properties}]
    return bodies


def error_texts(client, headers: dict, ids: dict) -> dict[str, str]:
    """{what an error answer said: where} for every operation asked wrongly."""
    spec = client.get("/api/v1/openapi.json").json
    said: dict[str, str] = {}
    for path, operations in spec["paths"].items():
        known = re.sub(r"\{(\w+)\}", lambda m: str(ids.get(m.group(1), NOBODY)), path)
        unknown = re.sub(r"\{\w+\}", NOBODY, path)
        for method, operation in operations.items():
            if method in WRITES:
                asks = [dict(json=body) for body in _bodies(operation, spec)]
            elif method == "get":
                asks = [{}, dict(query_string={"page": "first", "per_page": "0", "zz": "1"})]
            elif method == "delete":
                asks = [{}]
            else:
                continue
            for url in dict.fromkeys((known, unknown)):
                for ask in asks:
                    answer = client.open(url, method=method.upper(), headers=headers, **ask)
                    assert answer.status_code < 500, (method, url, ask, answer.json)
                    if answer.status_code < 400 or not answer.is_json:
                        continue
                    error = answer.json["error"]
                    where = f"{method.upper()} {path}"
                    said.setdefault(str(error.get("message", "")), where)
                    for name, text in (error.get("fields") or {}).items():
                        said.setdefault(str(text), f"{where} {name}")
    return said
