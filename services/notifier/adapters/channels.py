"""What a channel is to the use cases: something that sends one outgoing message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Outgoing:
    id: str
    channel: str
    recipient: str
    recipient_name: str | None
    subject: str | None
    body_text: str
    body_html: str | None


class Channel(Protocol):
    def send(self, message: Outgoing) -> str:
        """Send it; return the provider's answer. Raise TemporaryFailure or PermanentFailure."""
        ...
