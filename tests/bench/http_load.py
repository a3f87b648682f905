"""Closed-loop HTTP load: a fixed number of keep-alive connections, each sending its next request
as soon as the last one is answered, for a warm-up and then a fixed measured duration.

The connections are spread over a few client processes (threads inside each) so that the
client's GIL is not what limits a fast baseline. The subject and its baseline are always measured
with the same Workload shape, headers, concurrency, processes and durations.
"""

from __future__ import annotations

import http.client
import json
import multiprocessing
import threading
import time
from dataclasses import dataclass, field
from typing import Protocol

from tests.bench.workload import registration_body


class Workload(Protocol):
    expect: int

    def request(self, index: int) -> tuple[str, str, bytes | None]:
        """(method, path, body) of the index-th request."""


@dataclass(frozen=True)
class GetPaths:
    paths: tuple[str, ...]
    expect: int = 200

    def request(self, index: int) -> tuple[str, str, bytes | None]:
        return "GET", self.paths[index % len(self.paths)], None


@dataclass(frozen=True)
class PostRegistrations:
    """A new registration body per request, drawn from its own block of NIK indices."""

    path: str
    first_index: int
    expect: int = 201

    def request(self, index: int) -> tuple[str, str, bytes | None]:
        return "POST", self.path, json.dumps(registration_body(self.first_index + index)).encode()


@dataclass
class LoadResult:
    requests: int = 0  # answered with the expected status inside the measured window
    errors: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    sample_error: str | None = None

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def latency_ms(self, q: float) -> float | None:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else None

    def summary(self) -> str:
        p50, p99 = self.latency_ms(0.5), self.latency_ms(0.99)
        text = f"{self.requests} ok, {self.errors} errors in {self.seconds:.1f} s"
        if p50 is not None:
            text += f", p50 {p50:.1f} ms, p99 {p99:.1f} ms"
        return text


class Client:
    """One keep-alive HTTP/1.1 connection that reconnects after an error."""

    def __init__(self, host: str, port: int, headers: dict[str, str], timeout: float = 60):
        self.host, self.port, self.headers, self.timeout = host, port, headers, timeout
        self.conn: http.client.HTTPConnection | None = None

    def send(self, method: str, path: str, body: bytes | None) -> tuple[int, bytes]:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            self.conn.request(method, path, body=body, headers=self.headers)
            response = self.conn.getresponse()
            return response.status, response.read()
        except (OSError, http.client.HTTPException):
            self.close()
            raise

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _thread(client: Client, workload: Workload, slot: int, stride: int, start: float,
            measure_from: float, end: float, result: LoadResult, lock: threading.Lock) -> None:
    time.sleep(max(0.0, start - time.time()))
    index = slot
    while time.time() < end:
        method, path, body = workload.request(index)
        index += stride
        began = time.perf_counter()
        try:
            status, data = client.send(method, path, body)
            error = None if status == workload.expect else f"HTTP {status}: {data[:300]!r}"
        except (OSError, http.client.HTTPException) as exc:
            error = f"{type(exc).__name__}: {exc}"
        elapsed_ms = (time.perf_counter() - began) * 1000
        if measure_from <= time.time() <= end:
            with lock:
                if error is None:
                    result.requests += 1
                    result.latencies_ms.append(elapsed_ms)
                else:
                    result.errors += 1
                    result.sample_error = result.sample_error or error
    client.close()


def _process(queue, address: tuple[str, int], headers: dict[str, str], workload: Workload,
             slots: list[int], stride: int, start: float, measure_from: float,
             end: float) -> None:
    result, lock = LoadResult(), threading.Lock()
    threads = [threading.Thread(target=_thread, args=(
        Client(*address, headers), workload, slot, stride, start, measure_from, end, result, lock,
    )) for slot in slots]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    queue.put(result)


def run_closed_loop(address: tuple[str, int], workload: Workload, headers: dict[str, str], *,
                    concurrency: int, processes: int, warmup: float,
                    duration: float) -> LoadResult:
    """`concurrency` connections over `processes` forked client processes: warm up for `warmup`
    seconds, then count what is answered in the next `duration` seconds."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    processes = max(1, min(processes, concurrency))
    start = time.time() + 0.3  # every process is forked and ready by then
    measure_from = start + warmup
    end = measure_from + duration
    children = [context.Process(target=_process, daemon=True, args=(
        queue, address, headers, workload, list(range(p, concurrency, processes)), concurrency,
        start, measure_from, end)) for p in range(processes)]
    for child in children:
        child.start()
    total = LoadResult(seconds=duration)
    for _ in children:
        part = queue.get(timeout=warmup + duration + 120)
        total.requests += part.requests
        total.errors += part.errors
        total.latencies_ms += part.latencies_ms
        total.sample_error = total.sample_error or part.sample_error
    for child in children:
        child.join(10)
    return total
