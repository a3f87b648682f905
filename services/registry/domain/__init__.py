"""Pure rules of the register: no database, no web, no broker."""

from __future__ import annotations


class RuleViolation(ValueError):
    """A value breaks a rule; the message is for the person who typed it. `field` names the
    field when the rule spans several (e.g. which of capital or sales is too high)."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field
