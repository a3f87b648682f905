"""A local HTTP provider (WhatsApp Cloud API, Zenziva, URL-template gateways) whose answers a test
scripts: each request gets the next (status, JSON body), then the default answer."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class _Handler(BaseHTTPRequestHandler):
    def _answer(self, body: bytes):
        server = self.server
        status, answer = server.script.pop(0) if server.script else server.default
        split = urlsplit(self.path)
        content_type = self.headers.get("Content-Type", "")
        if "json" in content_type:
            parsed = json.loads(body or b"{}")
        else:
            parsed = {k: v[0] for k, v in parse_qs(body.decode()).items()}
        server.requests.append({
            "method": self.command, "path": split.path, "status": status,
            "query": {k: v[0] for k, v in parse_qs(split.query).items()}, "body": parsed,
            "authorization": self.headers.get("Authorization")})
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        self._answer(self.rfile.read(int(self.headers.get("Content-Length", 0))))

    def do_GET(self):
        self._answer(b"")

    def log_message(self, *args):
        pass


class ScriptedProvider:
    def __init__(self, script: list[tuple[int, dict]] | None = None,
                 default: tuple[int, dict] = (200, {"ok": True})):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.script = list(script or [])
        self.server.default = default
        self.server.requests = []
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    @property
    def requests(self) -> list[dict]:
        return self.server.requests

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
