"""Event flows at a fixed offered rate: registration -> notifier message row, and its baseline,
a no-op Celery round trip (tests.bench.noop) on the same Celery settings."""

from __future__ import annotations

import json
import math
import threading
import time
import uuid
from dataclasses import dataclass, field

import redis

from services.kernel.messaging.celeryapp import make_celery
from tests.bench import dbread
from tests.bench.http_load import Client
from tests.bench.noop import QUEUE, SERVICE, TASK
from tests.bench.offer import Offer, offer_at_rate
from tests.bench.workload import registration_body


@dataclass
class Flow:
    """Items that started at a known time and were (or were not) seen done."""

    offer: Offer
    latencies: list[float] = field(default_factory=list)  # seconds, one per started item
    delivered: int = 0
    missing: int = 0  # started but never seen done: their latency is a lower bound
    first_start: float = 0.0
    last_done: float = 0.0

    @property
    def rate(self) -> float:
        """Completions per second, from the first start to the last completion."""
        span = self.last_done - self.first_start
        return self.delivered / span if self.delivered and span > 0 else 0.0

    def percentile(self, q: float) -> float | None:
        """Nearest-rank percentile of the latencies (missing items counted at their bound)."""
        ordered = sorted(self.latencies)
        return ordered[max(0, math.ceil(q * len(ordered)) - 1)] if ordered else None

    def summary(self) -> str:
        p50, p99 = self.percentile(0.5), self.percentile(0.99)
        text = f"{self.offer.summary()}; {self.delivered} done at {self.rate:.1f}/s"
        if p50 is not None:
            text += f", p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms"
        if self.missing:
            text += f", {self.missing} NOT done (counted at >= their wait)"
        return text


def make_flow(offer: Offer, starts: dict[str, float], done: dict[str, float],
              gave_up_at: float) -> Flow:
    flow = Flow(offer)
    for key, started in starts.items():
        flow.latencies.append(done.get(key, gave_up_at) - started)
    flow.delivered = sum(1 for key in starts if key in done)
    flow.missing = len(starts) - flow.delivered
    if starts:
        flow.first_start = min(starts.values())
    if flow.delivered:
        flow.last_done = max(done[key] for key in starts if key in done)
    return flow


# The Celery baseline ----------------------------------------------------------------------

def _round_trips(app, client: redis.Redis, rate: float, seconds: float, threads: int,
                 timeout: float, stall: float) -> Flow:
    key = f"bench:noop:{uuid.uuid4().hex}"

    def send(_index: int) -> None:
        app.send_task(TASK, args=[time.time(), key], queue=QUEUE, retry=False)

    offer = offer_at_rate(send, rate, seconds, threads)
    dbread.wait_progress(lambda: offer.sent - client.llen(key), timeout, stall)
    gave_up = time.time()
    records = [line.split() for line in client.lrange(key, 0, -1)]
    client.delete(key)
    starts = {str(i): float(sent) for i, (sent, _) in enumerate(records)}
    done = {str(i): float(at) for i, (_, at) in enumerate(records)}
    for i in range(len(records), offer.sent):  # lost or late: at least from the last send
        starts[f"missing-{i}"] = offer.finished
    return make_flow(offer, starts, done, gave_up)


def celery_baseline(broker_url: str, rate: float, seconds: float, threads: int, *,
                    warmup: float, timeout: float, stall: float) -> tuple[Flow, float]:
    """No-op round trips offered like the registrations; also the worker's capacity (tasks/s
    when a burst of the same size is sent at once), for information."""
    app = make_celery(SERVICE, broker_url)
    client = redis.Redis.from_url(broker_url)
    try:
        _round_trips(app, client, rate, warmup, threads, timeout, stall)
        flow = _round_trips(app, client, rate, seconds, threads, timeout, stall)
        count = max(1, round(rate * seconds))  # the same number of tasks, all due at once
        burst = _round_trips(app, client, count * 1000.0, 0.001, 1, timeout, stall)
        return flow, burst.rate
    finally:
        client.close()
        app.close()


# The registration -> notification pipeline ------------------------------------------------

class RegistrationSender:
    """send(i) registers a new UMKM over HTTP; one keep-alive connection per thread."""

    def __init__(self, address: tuple[str, int], headers: dict[str, str], first_index: int):
        self.address, self.headers, self.first_index = address, headers, first_index
        self.local = threading.local()
        self.umkm_ids: list[str] = []

    def __call__(self, index: int) -> None:
        client = getattr(self.local, "client", None)
        if client is None:
            client = self.local.client = Client(*self.address, self.headers)
        body = json.dumps(registration_body(self.first_index + index)).encode()
        status, data = client.send("POST", "/api/v1/umkm", body)
        if status != 201:
            raise RuntimeError(f"HTTP {status}: {data[:300]!r}")
        self.umkm_ids.append(json.loads(data)["id"])


def pipeline(var_dir, registry: tuple[str, int], headers: dict[str, str], rate: float,
             seconds: float, threads: int, *, first_index: int, timeout: float,
             stall: float) -> Flow:
    """Registrations offered at `rate` for `seconds`; latency from the registry's outbox event
    (occurred_at) to the notifier's first message row for it (created_at)."""
    sender = RegistrationSender(registry, headers, first_index)
    offer = offer_at_rate(sender, rate, seconds, threads)
    registry_db, notifier_db = var_dir / "registry.db", var_dir / "notifier.db"
    events = dbread.registered_events(registry_db, sender.umkm_ids)
    dbread.wait_progress(
        lambda: len(events) - len(dbread.first_messages(notifier_db, events)),
        timeout, stall, interval=0.5)
    gave_up = time.time()
    flow = make_flow(offer, events, dbread.first_messages(notifier_db, events), gave_up)
    flow.missing += len(sender.umkm_ids) - len(events)  # answered 201 but no event row
    return flow
