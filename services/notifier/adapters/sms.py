"""SMS through an HTTP gateway (configured by URL), or as JSON files under var/sms/."""

from __future__ import annotations

import json
from pathlib import Path

import requests

from services.kernel.clock import utcnow
from services.notifier.adapters.channels import Outgoing
from services.notifier.domain.retry import PermanentFailure, TemporaryFailure


class FileSms:
    """The default sink: one JSON file per message (named by message id)."""

    def __init__(self, directory: str | Path, sender_id: str):
        self.directory = Path(directory)
        self.sender_id = sender_id

    def send(self, message: Outgoing) -> str:
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"{message.id}.json"
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({
            "id": message.id, "from": self.sender_id, "to": message.recipient,
            "text": message.body_text, "at": utcnow().isoformat(),
        }, ensure_ascii=False, indent=2))
        tmp.replace(path)
        return f"written {path.name}"


class HttpSmsGateway:
    """A generic gateway: POST JSON {to, text, sender, reference} with a bearer token.

    2xx: sent. 429, 5xx, timeouts and refused connections: try later. Other 4xx: never.
    """

    def __init__(self, url: str, token: str | None, sender_id: str, timeout: float = 10.0,
                 session: requests.Session | None = None):
        self.url, self.token, self.sender_id, self.timeout = url, token, sender_id, timeout
        self.http = session or requests.Session()

    def send(self, message: Outgoing) -> str:
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        body = {"to": message.recipient, "text": message.body_text, "sender": self.sender_id,
                "reference": message.id}
        try:
            response = self.http.post(self.url, json=body, headers=headers, timeout=self.timeout)
        except requests.RequestException as exc:
            raise TemporaryFailure(f"gateway unreachable: {exc}") from exc
        answer = f"{response.status_code} {response.text[:500]}"
        if response.status_code == 429 or response.status_code >= 500:
            raise TemporaryFailure(answer)
        if response.status_code >= 400:
            raise PermanentFailure(answer)
        return answer
