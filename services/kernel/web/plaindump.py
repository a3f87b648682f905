"""Response schemas that dump a plain dict without marshmallow's per-field machinery.

Schema.dump looks every value up through accessors and defaults, field by field; for the flat
read models the use cases return (dicts of str, int, float, bool, date, datetime, and lists of
such dicts) that is most of a small response's cost. `PlainDumpSchema.dump` gives exactly what
Schema.dump gives: each field's own `_serialize` formats its value, a key missing from the dict
is left out. A schema it cannot follow (hooks, defaults, renamed attributes, other field types)
and anything but a dict are dumped by marshmallow as usual.
"""

from __future__ import annotations

from collections.abc import Callable

from marshmallow import Schema, fields, missing
from marshmallow.decorators import POST_DUMP, PRE_DUMP

Convert = Callable[[object], object]
Plan = tuple[tuple[str, str, Convert], ...]  # (key in the dict, key in the output, convert)

_AS_IS = {fields.String: str, fields.Integer: int, fields.Float: float, fields.Boolean: bool}
_FORMATTED = (fields.Date, fields.DateTime, fields.AwareDateTime)


def _converter(field: fields.Field) -> Convert | None:
    kind = type(field)
    if kind is fields.List and type(field.inner) is fields.Nested:
        inner = field.inner
        plan = None if inner.many else compile_plan(inner.schema)
        if plan is None:
            return None
        return lambda value: [_dump(plan, item) if type(item) is dict
                              else inner._serialize(item, None, None) for item in value]
    if kind is fields.Nested:
        plan = None if field.many else compile_plan(field.schema)
        if plan is None:
            return None
        return lambda value: (_dump(plan, value) if type(value) is dict
                              else field._serialize(value, None, None))
    serialize = field._serialize
    same = _AS_IS.get(kind)
    if same is not None and not getattr(field, "as_string", False):
        # A value already of the field's type comes out unchanged (str(s), int(i), ...).
        return lambda value: value if type(value) is same else serialize(value, None, None)
    if kind in _FORMATTED:
        return lambda value: serialize(value, None, None)
    return None


def compile_plan(schema: Schema) -> Plan | None:
    """How to dump a dict with `schema`, or None when only marshmallow can."""
    if (schema._hooks[PRE_DUMP] or schema._hooks[POST_DUMP]
            or type(schema).get_attribute is not Schema.get_attribute):
        return None
    plan = []
    for name, field in schema.dump_fields.items():
        if field.attribute is not None or field.dump_default is not missing:
            return None
        convert = _converter(field)
        if convert is None:
            return None
        plan.append((name, field.data_key if field.data_key is not None else name, convert))
    return tuple(plan)


def _dump(plan: Plan, obj: dict) -> dict:
    out = {}
    for name, key, convert in plan:
        if name in obj:
            value = obj[name]
            # Every field type followed here dumps None as None.
            out[key] = None if value is None else convert(value)
    return out


class PlainDumpSchema(Schema):
    _plan: Plan | bool | None = False  # False: not compiled yet

    def dump(self, obj, *, many: bool | None = None):
        many = self.many if many is None else bool(many)
        if self._plan is False:
            self._plan = compile_plan(self)
        if self._plan is None:
            return super().dump(obj, many=many)
        if many and isinstance(obj, list) and all(type(item) is dict for item in obj):
            return [_dump(self._plan, item) for item in obj]
        if not many and type(obj) is dict:
            return _dump(self._plan, obj)
        return super().dump(obj, many=many)
