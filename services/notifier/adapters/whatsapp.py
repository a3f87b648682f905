"""WhatsApp through the Meta Cloud API (text messages), or as JSON files under var/whatsapp/."""

from __future__ import annotations

from pathlib import Path

import requests

from services.kernel.clock import utcnow
from services.notifier.adapters.channels import Outgoing, json_text, write_file
from services.notifier.adapters.http import classify_http


class FileWhatsApp:
    """The default sink: one JSON file per message (named by message id)."""

    local = True  # a file on this machine (see Channel)

    def __init__(self, directory: str | Path):
        self.directory = Path(directory)

    def send(self, message: Outgoing) -> str:
        name = f"{message.id}.json"
        write_file(self.directory, name, json_text({
            "id": message.id, "to": message.recipient, "text": message.body_text,
            "at": utcnow().isoformat()}))
        return f"written {name}"


class MetaCloudWhatsApp:
    """POST {base}/{phone_number_id}/messages with a bearer token (graph.facebook.com).

    Meta answers 200 with {"messages": [{"id": "wamid..."}]}; 429 / 5xx are worth retrying; other
    4xx (e.g. error 131026, the number is not on WhatsApp) never succeed: the rule's fallback
    channel (SMS) takes over.
    """

    def __init__(self, phone_number_id: str, token: str,
                 base_url: str = "https://graph.facebook.com/v19.0", timeout: float = 10.0,
                 session: requests.Session | None = None):
        self.url = f"{base_url.rstrip('/')}/{phone_number_id}/messages"
        self.token, self.timeout = token, timeout
        self.http = session or requests.Session()

    def send(self, message: Outgoing) -> str:
        body = {"messaging_product": "whatsapp", "recipient_type": "individual",
                "to": message.recipient.lstrip("+"), "type": "text",
                "text": {"preview_url": False, "body": message.body_text}}
        response = classify_http("WhatsApp", lambda: self.http.post(
            self.url, json=body, timeout=self.timeout,
            headers={"Authorization": f"Bearer {self.token}"}))
        try:
            wamid = response.json()["messages"][0]["id"]
        except (ValueError, KeyError, IndexError, TypeError):
            wamid = response.text[:200]
        return f"{response.status_code} {wamid}"
