"""Open-loop offering: the i-th item is sent at start + i / rate, whatever happened to the ones
before it (no coordinated omission), by a pool of threads large enough to keep the schedule
while the subject is slow. An item a thread could not send on time is sent late and counted."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Offer:
    rate: float
    planned: int
    sent: int = 0
    errors: int = 0
    late: int = 0  # sent more than 50 ms after its slot
    max_late_s: float = 0.0
    started: float = 0.0  # epoch seconds of the first slot
    finished: float = 0.0  # epoch seconds when the last send returned
    sample_error: str | None = None

    @property
    def achieved_rate(self) -> float:
        span = self.finished - self.started
        return self.sent / span if span > 0 else 0.0

    def summary(self) -> str:
        text = (f"offered {self.planned} at {self.rate:g}/s: {self.sent} sent "
                f"({self.achieved_rate:.0f}/s achieved), {self.errors} errors")
        if self.late:
            text += f", {self.late} sent late (up to {self.max_late_s:.2f} s)"
        return text


def offer_at_rate(send: Callable[[int], None], rate: float, seconds: float,
                  threads: int) -> Offer:
    """Call send(i) for i in range(rate * seconds) on schedule; an exception is an error."""
    offer = Offer(rate=rate, planned=max(1, round(rate * seconds)))
    lock = threading.Lock()
    next_index = iter(range(offer.planned))
    offer.started = time.time() + 0.2

    def worker() -> None:
        while True:
            with lock:
                index = next(next_index, None)
            if index is None:
                return
            due = offer.started + index / rate
            delay = due - time.time()
            if delay > 0:
                time.sleep(delay)
            lateness = time.time() - due
            try:
                send(index)
                error = None
            except Exception as exc:  # the subject's failure is a result, not a crash
                error = f"{type(exc).__name__}: {exc}"
            with lock:
                offer.sent += error is None
                offer.errors += error is not None
                offer.sample_error = offer.sample_error or error
                if lateness > 0.05:
                    offer.late += 1
                    offer.max_late_s = max(offer.max_late_s, lateness)

    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    offer.finished = time.time()
    return offer
