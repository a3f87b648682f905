"""A best-effort nudge after commit: the web process relays its new events at once, off-request.

The request thread only hands over the envelopes it committed (their deliveries written as
sent, `Outbox.sent_on_commit`); a background thread publishes them (`Relay.publish_new`). If
the broker is down the thread logs and waits for the next nudge; what it could not publish is
pending again, and beat's periodic relay catches up.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class RelayNudger:
    def __init__(self, publish_new: Callable[[list[dict]], object]):
        self._publish_new = publish_new
        self._wakeup = threading.Event()
        self._lock = threading.Lock()
        self._waiting: list[dict] = []
        self._thread: threading.Thread | None = None
        self._pid: int | None = None

    def __call__(self, published: list[dict]) -> None:
        with self._lock:
            self._ensure_thread()
            self._waiting.extend(published)
        self._wakeup.set()

    def _ensure_thread(self) -> None:
        if self._thread is not None and self._thread.is_alive() and self._pid == os.getpid():
            return
        if self._pid != os.getpid():
            self._waiting = []  # a forked child: the parent publishes its own events
        self._pid = os.getpid()
        self._wakeup = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="relay-nudge", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while True:
            self._wakeup.wait()
            self._wakeup.clear()
            with self._lock:
                envelopes, self._waiting = self._waiting, []
            if not envelopes:
                continue
            try:
                self._publish_new(envelopes)
            except Exception as exc:
                log.warning("relay nudge failed: %s", exc)
