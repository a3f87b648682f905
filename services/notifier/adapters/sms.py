"""SMS through an HTTP gateway (configured by URL), or as JSON files under var/sms/."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import requests

from services.kernel.clock import utcnow
from services.notifier.adapters.channels import Outgoing, json_text, write_file
from services.notifier.adapters.http import classify_http
from services.notifier.domain.retry import PermanentFailure, TemporaryFailure


class FileSms:
    """The default sink: one JSON file per message (named by message id)."""

    local = True  # a file on this machine (see Channel)

    def __init__(self, directory: str | Path, sender_id: str):
        self.directory = Path(directory)
        self.sender_id = sender_id

    def send(self, message: Outgoing) -> str:
        name = f"{message.id}.json"
        write_file(self.directory, name, json_text({
            "id": message.id, "from": self.sender_id, "to": message.recipient,
            "text": message.body_text, "at": utcnow().isoformat(),
        }))
        return f"written {name}"


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


class UrlTemplateSmsGateway:
    """Any gateway called by GET on a URL template, e.g.
    https://gw.example/send?user=u&to={to}&text={text}&from={sender}&ref={reference}."""

    def __init__(self, template: str, sender_id: str, timeout: float = 10.0,
                 session: requests.Session | None = None):
        self.template, self.sender_id, self.timeout = template, sender_id, timeout
        self.http = session or requests.Session()

    def send(self, message: Outgoing) -> str:
        url = self.template.format(to=quote(message.recipient), text=quote(message.body_text),
                                   sender=quote(self.sender_id), reference=quote(message.id))
        response = classify_http("gateway", lambda: self.http.get(url, timeout=self.timeout))
        return f"{response.status_code} {response.text[:500]}"


class ZenzivaSms:
    """Zenziva (Indonesia), console.zenziva.net "reguler" API: POST form userkey, passkey, to,
    message. It answers JSON {"messageId", "to", "status", "text"}; status "1" is success,
    "0" a refusal whose text says why (a low balance is worth retrying, a bad number is not)."""

    TEMPORARY_WORDS = ("saldo", "balance", "credit", "kuota", "limit", "busy", "timeout")

    def __init__(self, userkey: str, passkey: str,
                 url: str = "https://console.zenziva.net/reguler/api/sendsms/",
                 timeout: float = 10.0, session: requests.Session | None = None):
        self.userkey, self.passkey, self.url, self.timeout = userkey, passkey, url, timeout
        self.http = session or requests.Session()

    def send(self, message: Outgoing) -> str:
        form = {"userkey": self.userkey, "passkey": self.passkey,
                "to": "0" + message.recipient[3:] if message.recipient.startswith("+62")
                else message.recipient, "message": message.body_text}
        response = classify_http("Zenziva", lambda: self.http.post(
            self.url, data=form, timeout=self.timeout))
        try:
            answer = response.json()
        except ValueError as exc:
            raise TemporaryFailure(f"Zenziva answered no JSON: {response.text[:200]}") from exc
        if str(answer.get("status")) == "1":
            return f"Zenziva {answer.get('messageId')} {answer.get('text', '')}"
        text = str(answer.get("text", ""))
        if any(word in text.lower() for word in self.TEMPORARY_WORDS):
            raise TemporaryFailure(f"Zenziva {text}")
        raise PermanentFailure(f"Zenziva {text}")
