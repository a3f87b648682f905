"""A best-effort nudge after commit: the web process relays new events at once, off-request.

The request thread only sets a flag; a background thread talks to the broker. If the broker is
down the thread logs and waits for the next nudge; beat's periodic relay catches up anyway.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class RelayNudger:
    def __init__(self, relay_once: Callable[[], object]):
        self._relay_once = relay_once
        self._wakeup = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._pid: int | None = None

    def __call__(self, _published: list[dict] | None = None) -> None:
        self._ensure_thread()
        self._wakeup.set()

    def _ensure_thread(self) -> None:
        with self._lock:
            if self._thread is not None and self._thread.is_alive() and self._pid == os.getpid():
                return
            self._pid = os.getpid()
            self._wakeup = threading.Event()
            self._thread = threading.Thread(target=self._loop, name="relay-nudge", daemon=True)
            self._thread.start()

    def _loop(self) -> None:
        while True:
            self._wakeup.wait()
            self._wakeup.clear()
            try:
                self._relay_once()
            except Exception as exc:
                log.warning("relay nudge failed: %s", exc)
