"""Prometheus metrics at /metrics: requests by route, the outbox, dead letters, queue depth.

Request counters live in each process; under gunicorn, `PROMETHEUS_MULTIPROC_DIR` (set by
deploy/gunicorn.conf.py) makes the scrape add up every worker. The outbox, dead letters and
queue depth are read at scrape time, so any process answers for the whole service. A service
adds its own figures with `register_collector(app, fn)` (the notifier: messages by channel and
status). When `METRICS_TOKEN` is set, a scrape must send it as a bearer token.
"""

from __future__ import annotations

import hmac
import logging
import os
import time
from collections.abc import Callable, Iterable

from flask import Blueprint, Flask, Response, abort, current_app, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import func, select

from services.kernel.clock import utcnow
from services.kernel.messaging.publisher import events_queue, outbox_queue
from services.kernel.messaging.tables import DEAD, PENDING, SENT

log = logging.getLogger(__name__)

REQUESTS = Counter("metro_http_requests_total", "HTTP requests by route and status",
                   ["service", "method", "route", "status"])
LATENCY = Histogram("metro_http_request_duration_seconds", "HTTP request latency by route",
                    ["service", "method", "route"],
                    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))

Collect = Callable[[Flask], Iterable[GaugeMetricFamily]]
bp = Blueprint("metrics", __name__)


def register_collector(app: Flask, collect: Collect) -> None:
    app.extensions.setdefault("metrics_collectors", []).append(collect)


def _outbox(app: Flask) -> Iterable[GaugeMetricFamily]:
    runtime, service = app.extensions["runtime"], app.config["SERVICE_NAME"]
    deliveries = runtime.tables.outbox_delivery
    events = runtime.tables.outbox_event
    with runtime.uow(readonly=True) as unit:
        by_status = dict(unit.session.execute(
            select(deliveries.c.status, func.count()).group_by(deliveries.c.status)).all())
        oldest = unit.session.execute(
            select(func.min(events.c.occurred_at)).select_from(deliveries.join(events))
            .where(deliveries.c.status.in_((PENDING, SENT)))).scalar()
    backlog = GaugeMetricFamily("metro_outbox_backlog",
                                "Event deliveries not yet acknowledged", labels=["service"])
    backlog.add_metric([service], by_status.get(PENDING, 0) + by_status.get(SENT, 0))
    age = GaugeMetricFamily("metro_outbox_oldest_undelivered_seconds",
                            "Age of the oldest unacknowledged event", labels=["service"])
    age.add_metric([service], (utcnow() - oldest).total_seconds() if oldest else 0.0)
    dead = GaugeMetricFamily("metro_dead_letters", "Event deliveries given up on",
                             labels=["service"])
    dead.add_metric([service], by_status.get(DEAD, 0))
    return [backlog, age, dead]


def _queues(app: Flask) -> Iterable[GaugeMetricFamily]:
    runtime, service = app.extensions["runtime"], app.config["SERVICE_NAME"]
    depth = GaugeMetricFamily("metro_queue_depth", "Messages waiting in the service's queues",
                              labels=["service", "queue"])
    names = [events_queue(service), outbox_queue(service), f"{service}.tasks"]
    try:
        with runtime.celery.connection_for_read() as conn:
            channel = conn.default_channel
            for name in names:
                try:
                    count = channel.queue_declare(queue=name, passive=True).message_count
                except Exception:  # not declared yet: nothing waits in it
                    count = 0
                    channel = conn.channel()
                depth.add_metric([service, name], count)
    except Exception as exc:
        log.warning("metrics: broker unavailable: %s", exc)
    return [depth]


class _ServiceCollector:
    def __init__(self, app: Flask):
        self.app = app

    def collect(self):
        for collect in (_outbox, _queues, *self.app.extensions.get("metrics_collectors", [])):
            try:
                yield from collect(self.app)
            except Exception as exc:  # a scrape never fails for one figure
                log.warning("metrics: %s failed: %s", getattr(collect, "__name__", collect), exc)


def _registry() -> CollectorRegistry:
    """The request figures: summed over gunicorn's workers, or this process's own."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return registry
    return REGISTRY


@bp.get("/metrics")
def metrics() -> Response:
    token = current_app.config.get("METRICS_TOKEN")
    if token:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if not hmac.compare_digest(given.encode("utf-8", "surrogateescape"), token.encode()):
            abort(401)
    output = generate_latest(current_app.extensions["metrics_registry"])
    service = CollectorRegistry()
    service.register(_ServiceCollector(current_app._get_current_object()))
    return Response(output + generate_latest(service), mimetype=CONTENT_TYPE_LATEST)


def init_app(app: Flask) -> None:
    app.extensions["metrics_registry"] = _registry()
    service = app.config["SERVICE_NAME"]

    @app.before_request
    def _started() -> None:
        g._metrics_started = time.perf_counter()

    children: dict[tuple, tuple] = {}  # (method, route, status) -> (counter, histogram)

    @app.after_request
    def _observed(response):
        started = g.pop("_metrics_started", None)
        if started is not None and request.endpoint != "metrics.metrics":
            route = request.url_rule.rule if request.url_rule else "<unmatched>"
            key = (request.method, route, response.status_code)
            child = children.get(key)
            if child is None:
                child = children[key] = (
                    REQUESTS.labels(service, key[0], route, str(key[2])),
                    LATENCY.labels(service, key[0], route))
            child[0].inc()
            child[1].observe(time.perf_counter() - started)
        return response

    app.register_blueprint(bp)
