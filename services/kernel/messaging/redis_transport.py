"""kombu's Redis transport with one client object per channel instead of one per command.

kombu builds a new `redis.Redis(connection_pool=...)` for every publish, ack and queue query, and
redis-py builds a case-insensitive table of ~170 response callbacks in each of those constructors
(redis-py issue #3624, still open in 8.1). Measured here, that was a fifth of the CPU of each
`send_task`. A `redis.Redis` built on a connection pool holds no connection of its own and is
safe to share, so the channel keeps one and builds it again only when kombu replaces the pool
(after a disconnect). It also lets kombu's publish batches run as pipelines (see
`supports_batch_publish`). Everything else is kombu's own transport.

Used for `redis://` brokers through Celery's `broker_transport` setting (see celeryapp.py).
"""

from __future__ import annotations

from contextlib import contextmanager

from kombu.transport import redis as kombu_redis

PATH = f"{__name__}:Transport"


class Channel(kombu_redis.Channel):
    _shared_client = None
    # kombu turns its publish batches (one pipeline for many messages) into one LPUSH at a time
    # when redis-py may replay a pipeline after a timeout (`retry_on_timeout`, set for the
    # workers' blocking reads), because a replay can push a message twice. The only batches
    # here are event deliveries (CeleryPublisher.publish_many): tasks with fixed ids whose
    # consumers' inboxes drop a second copy, so a replay does no harm.
    supports_batch_publish = True

    @contextmanager
    def conn_or_acquire(self, client=None):
        if client:
            yield client
            return
        pool = self.pool
        shared = self._shared_client
        if shared is None or shared.connection_pool is not pool:
            shared = self._shared_client = self._create_client()
        yield shared


class Transport(kombu_redis.Transport):
    Channel = Channel
