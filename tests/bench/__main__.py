"""`python -m tests.bench`: start the platform as `make run` does, measure, print, save JSON.

The exit code is 0 whenever the measurement ran, even if a target is missed; it is non-zero only
when the harness itself failed (e.g. the platform did not start).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime
from pathlib import Path

from rich.console import Console

from tests.bench import (
    cpu,
    dbread,
    events,
    notifier_fanout,
    procs,
    registry_import,
    registry_search,
    report,
)
from tests.bench.http_load import Client, GetPaths, PostRegistrations, run_closed_loop
from tests.bench.workload import BLOCK, registration_body
from tests.support.platform import ROOT, SERVICES

LATEST = ROOT / "var" / "bench" / "latest.json"
# Each phase's registrations come from its own block of NIK indices (see workload.py).
SEED_BLOCK, BARE_POST_BLOCK, REGISTRY_POST_BLOCK, EVENTS_BLOCK = (b * BLOCK for b in range(4))

# Wide enough for the table when the output is a file or a pipe (rich would use 80 columns).
console = Console(width=None if sys.stdout.isatty() else 150)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    parser.add_argument("--duration", type=float, default=10,
                        help="measured seconds per HTTP figure (default 10)")
    parser.add_argument("--warmup", type=float, default=2,
                        help="warm-up seconds before each HTTP figure (default 2)")
    parser.add_argument("--concurrency", type=int, default=8,
                        help="client connections for the HTTP figures (default 8)")
    parser.add_argument("--client-processes", type=int, default=2,
                        help="client processes sharing those connections (default 2)")
    parser.add_argument("--event-rate", type=float, default=200,
                        help="registrations (and baseline tasks) offered per second (default 200)")
    parser.add_argument("--event-seconds", type=float, default=10,
                        help="seconds the event rate is offered for (default 10)")
    parser.add_argument("--event-clients", type=int, default=64,
                        help="threads keeping the offered schedule (default 64)")
    parser.add_argument("--seed", type=int, default=100,
                        help="UMKM registered up front for the GET figure (default 100)")
    parser.add_argument("--drain-timeout", type=float, default=180,
                        help="longest wait for deliveries after a phase (default 180 s)")
    parser.add_argument("--output", type=Path, default=LATEST,
                        help=f"JSON file to write (default {LATEST.relative_to(ROOT)})")
    parser.add_argument("--skip-fanout", action="store_true",
                        help="leave out the 20,000-invitation notifier fan-out figure")
    parser.add_argument("--skip-import", action="store_true",
                        help="leave out the 20,000-row registry import figure")
    parser.add_argument("--skip-search", action="store_true",
                        help="leave out the search figure on 1,000,000 businesses in PostgreSQL")
    parser.add_argument("--search-rows", type=int, default=registry_search.ROWS,
                        help=f"businesses loaded for the search figure (default "
                             f"{registry_search.ROWS:,}; {registry_search.QUICK_ROWS:,} with "
                             f"--quick)")
    parser.add_argument("--quick", action="store_true",
                        help="short durations and fewer rows, for a smoke run")
    args = parser.parse_args(argv)
    if args.quick:
        args.duration, args.warmup = min(args.duration, 2), min(args.warmup, 1)
        args.event_seconds, args.seed = min(args.event_seconds, 3), min(args.seed, 20)
        args.search_rows = min(args.search_rows, registry_search.QUICK_ROWS)
    return args


def step(message: str, started: float) -> None:
    console.print(f"[dim]{time.monotonic() - started:6.1f}s[/dim] {message}")


def settle(live, args, started: float) -> None:
    """Wait until every outbox delivery so far is acknowledged (or nothing moves)."""
    dbs = [live.var_dir / f"{service}.db" for service in SERVICES]
    left = dbread.wait_progress(
        lambda: dbread.unsettled_deliveries(dbs),
        args.drain_timeout, stall=30, interval=0.5)
    step("platform idle" if not left else
         f"[yellow]{left} outbox deliveries still unacknowledged; going on[/yellow]", started)


def seed(address, headers, count: int) -> list[str]:
    client, ids = Client(*address, headers), []
    for index in range(count):
        body = json.dumps(registration_body(SEED_BLOCK + index)).encode()
        status, data = client.send("POST", "/api/v1/umkm", body)
        if status != 201:
            raise RuntimeError(f"seeding failed: HTTP {status} {data[:300]!r}")
        ids.append(json.loads(data)["id"])
    client.close()
    return ids


def http_figures(live, registry, headers, args, run_dir, knob_values, broker, started):
    ids = seed(registry, headers, args.seed)
    step(f"registered {len(ids)} UMKM to read back", started)
    settle(live, args, started)
    bare, port = procs.start_bare_flask(run_dir, procs.baseline_env(knob_values, broker))
    bare_address = ("127.0.0.1", port)

    def load(address, workload, label):
        result = run_closed_loop(address, workload, headers, concurrency=args.concurrency,
                                 processes=args.client_processes, warmup=args.warmup,
                                 duration=args.duration)
        step(f"{label}: {result.rps:,.0f} req/s ({result.summary()})", started)
        if result.sample_error:
            console.print(f"  [yellow]first error: {result.sample_error}[/yellow]")
        return result

    try:
        get_bare = load(bare_address, GetPaths(("/ok",)), "bare Flask GET")
        get_registry = load(registry, GetPaths(tuple(f"/api/v1/umkm/{i}" for i in ids)),
                            "registry GET /api/v1/umkm/<id>")
        post_bare = load(bare_address, PostRegistrations("/items", BARE_POST_BLOCK),
                         "bare Flask POST")
        post_registry = load(registry, PostRegistrations("/api/v1/umkm", REGISTRY_POST_BLOCK),
                             "registry POST /api/v1/umkm")
    finally:
        bare.stop()
    common = (f"closed loop, {args.concurrency} keep-alive connections over "
              f"{args.client_processes} client processes, {args.warmup:g} s warm-up + "
              f"{args.duration:g} s")
    return [
        report.throughput(
            "registry_get_by_id_rps", get_registry.rps, get_bare.rps, "req/s", 0.5,
            f"GET /api/v1/umkm/<id> (bearer token, {len(ids)} ids) vs bare Flask GET "
            f"{{\"ok\": true}}; {common}. registry: {get_registry.summary()}; "
            f"bare: {get_bare.summary()}"),
        report.throughput(
            "registry_register_rps", post_registry.rps, post_bare.rps, "req/s", 0.25,
            f"POST /api/v1/umkm (a new owner and business each) vs bare Flask POST parsing the "
            f"same JSON and answering 201; {common}. registry: {post_registry.summary()}; "
            f"bare: {post_bare.summary()}"),
    ]


def event_figures(live, registry, headers, args, run_dir, knob_values, broker, started):
    settle(live, args, started)
    worker = procs.start_noop_worker(run_dir, procs.baseline_env(knob_values, broker))
    try:
        bare, capacity = events.celery_baseline(
            broker, args.event_rate, args.event_seconds, args.event_clients,
            warmup=min(2.0, args.event_seconds), timeout=args.drain_timeout, stall=30)
    finally:
        worker.stop()
    step(f"bare Celery round trip: {bare.summary()}; burst capacity {capacity:,.0f} tasks/s",
         started)
    before = cpu.snapshot(live.process.pid)
    flow = events.pipeline(live.var_dir, registry, headers, args.event_rate, args.event_seconds,
                           args.event_clients, first_index=EVENTS_BLOCK,
                           timeout=args.drain_timeout, stall=30)
    step(f"registration -> notifier message: {flow.summary()}", started)
    settle(live, args, started)  # every consumer done and acknowledged, not only the notifier
    costs = cpu.per_item(before, cpu.snapshot(live.process.pid), max(1, flow.offer.sent))
    step(f"CPU per registration (ms): {cpu.summary(costs)}", started)
    completed = flow.delivered > 0 and flow.missing == 0 and flow.offer.errors == 0
    offered = (f"{args.event_rate:g}/s offered for {args.event_seconds:g} s by "
               f"{args.event_clients} client threads (open loop)")
    pipeline_text = f"pipeline: {flow.summary()}"
    if flow.offer.sample_error:
        pipeline_text += f"; first error: {flow.offer.sample_error}"
    bare_text = f"bare Celery no-op: {bare.summary()}; burst capacity {capacity:,.0f} tasks/s"
    latency_text = ("from outbox_event.occurred_at (registry) to the first notifier message row's "
                    "created_at, vs a no-op task's send -> run time")
    return [
        report.throughput(
            "events_per_second", flow.rate, bare.rate, "events/s", 0.5,
            f"umkm.registered events whose notifier message row was recorded, per second from "
            f"the first event to the last row, vs no-op Celery tasks done per second, both "
            f"{offered}. {pipeline_text}; {bare_text}"),
        report.cost(
            "cpu_per_registration_ms", sum(costs.values()) if flow.delivered else None, "ms",
            f"CPU time of every process of the platform and of the load generator, from before "
            f"the first registration until every delivery was acknowledged, per registration "
            f"offered ({offered}), read from /proc: {cpu.summary(costs)}"),
        report.latency("event_latency_p50_s", flow.percentile(0.5), bare.percentile(0.5), None,
                       completed, f"p50 {latency_text}; ok when every event was delivered. "
                       f"{offered}"),
        report.latency("event_latency_p99_s", flow.percentile(0.99), bare.percentile(0.99), 2.0,
                       completed, f"p99 {latency_text}; ok when < 2 s and every event was "
                       f"delivered. {offered}"),
    ]


def run(args: argparse.Namespace, run_dir: Path, started: float) -> list[report.Figure]:
    knob_values = procs.knobs()
    step(f"starting the platform in {run_dir} with "
         + " ".join(f"{k}={v}" for k, v in knob_values.items()), started)
    live, broker = procs.start_platform(run_dir / "platform", knob_values)
    step(f"platform up (broker {broker})", started)
    try:
        headers = {"Authorization": f"Bearer {live.token()}",
                   "Content-Type": "application/json", "Accept": "application/json"}
        registry = ("127.0.0.1", live.ports["registry"])
        figures = http_figures(live, registry, headers, args, run_dir, knob_values, broker,
                               started)
        figures += event_figures(live, registry, headers, args, run_dir, knob_values, broker,
                                 started)
    finally:
        code = live.stop()
        step(f"platform stopped (exit code {code})", started)
    return figures


def show_problems(run_dir: Path) -> None:
    """Warnings, errors and tracebacks in the logs of this run (platform and baselines)."""
    for path in sorted(run_dir.rglob("*.log")):
        count, lines = procs.problems(path.read_text(errors="replace"))
        if count:
            console.print(f"[yellow]{count} warning/error lines in {path}; first:[/yellow]")
            for line in lines:
                console.print(f"  {line}", markup=False, highlight=False)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    run_dir = ROOT / "var" / "bench" / f"run-{datetime.now():%Y%m%d-%H%M%S}"
    try:
        figures = run(args, run_dir, started)
        if not args.skip_import:
            step("registry import of 20,000 rows", started)
            figures += registry_import.measure()
        if not args.skip_search:
            step(f"registry search on {args.search_rows:,} businesses in PostgreSQL", started)
            figures += registry_search.measure(
                args.search_rows,
                registry_search.QUICK_ROUNDS if args.quick else registry_search.ROUNDS,
                progress=lambda message: step(message, started))
        if not args.skip_fanout:
            step("notifier fan-out of 20,000 invitations", started)
            for name, found in notifier_fanout.run(console).items():
                figures.append(report.latency(
                    name, found["value"], None, found["target"],
                    found["messages"] == 2 * notifier_fanout.OWNERS, found["description"]))
    except KeyboardInterrupt:
        console.print("[red]interrupted[/red]")
        return 130
    except Exception:
        console.print_exception()
        show_problems(run_dir)
        console.print(f"[red]the benchmark harness failed; logs under {run_dir}[/red]")
        return 1
    show_problems(run_dir)
    report.print_table(console, figures, f"Metro UMKM benchmark ({time.monotonic() - started:.0f}"
                                         f" s{', quick' if args.quick else ''})")
    report.write_json(args.output, figures)
    console.print(f"wrote {args.output}; logs under {run_dir}; took "
                  f"{time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
