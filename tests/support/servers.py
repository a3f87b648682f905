"""Real peers for the channels: an SMTP server (aiosmtpd) and an HTTP SMS gateway, whose answers a
test scripts."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller


class ScriptedSmtp:
    """Accepts mail, or answers each DATA with the next scripted reply (e.g. '451 ...')."""

    def __init__(self, replies: list[str] | None = None):
        self.replies = list(replies or [])
        self.received: list[tuple[str, list[str], bytes]] = []
        self.peers: list[tuple[str, int]] = []  # the client's address of each accepted message

    async def handle_DATA(self, server, session, envelope):
        if self.replies:
            return self.replies.pop(0)
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        self.peers.append(tuple(session.peer))
        return "250 2.0.0 Message accepted for delivery"


class SmtpServer:
    def __init__(self, port: int, handler: ScriptedSmtp):
        self.controller = Controller(handler, hostname="127.0.0.1", port=port)
        self.handler = handler

    def __enter__(self):
        self.controller.start()
        return self.handler

    def __exit__(self, *exc):
        self.controller.stop()


class GatewayHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        server = self.server
        length = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(length) or b"{}")
        status = server.statuses.pop(0) if server.statuses else 200
        server.requests.append({"status": status, "body": body,
                                "authorization": self.headers.get("Authorization")})
        answer = json.dumps({"status": "queued" if status < 300 else "error"}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


class SmsGateway:
    """A local HTTP gateway answering each POST with the next scripted status (then 200)."""

    def __init__(self, statuses: list[int] | None = None):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), GatewayHandler)
        self.server.statuses = list(statuses or [])
        self.server.requests = []
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/send"

    @property
    def requests(self) -> list[dict]:
        return self.server.requests

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
