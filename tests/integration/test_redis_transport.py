"""The kernel's Redis transport (kombu's, one client per channel) against a real Redis."""

import redis

from services.kernel.messaging import redis_transport
from services.kernel.messaging.celeryapp import celery_settings, make_celery


def test_redis_brokers_use_it_and_others_keep_their_own():
    assert celery_settings("registry", "redis://127.0.0.1:6379/0")["broker_transport"] == \
        redis_transport.PATH
    assert celery_settings("registry", "amqp://guest:guest@127.0.0.1//")["broker_transport"] \
        is None
    assert celery_settings("registry", "rediss://127.0.0.1:6380/0")["broker_transport"] is None


def test_one_client_serves_every_publish_of_a_channel(redis_server, monkeypatch):
    app = make_celery("transporttest", redis_server.url)
    built = []
    original = redis.Redis.__init__

    def counting_init(self, *args, **kwargs):
        built.append(self)
        original(self, *args, **kwargs)

    with app.connection_for_write() as connection:
        assert isinstance(connection.transport, redis_transport.Transport)
        channel = connection.default_channel
        producer = connection.Producer(channel)
        producer.publish({"n": 0}, exchange="", routing_key="transporttest.q", serializer="json")
        monkeypatch.setattr(redis.Redis, "__init__", counting_init)
        for n in range(1, 20):
            producer.publish({"n": n}, exchange="", routing_key="transporttest.q",
                             serializer="json")
        assert built == []  # kombu alone would have built 19 clients

        channel._pool = None  # what kombu does after a lost connection: a new pool ...
        producer.publish({"n": 20}, exchange="", routing_key="transporttest.q",
                         serializer="json")
        assert len(built) == 1  # ... and so a new client on it
        assert built[0].connection_pool is channel.pool

    client = redis.Redis.from_url(redis_server.url)
    try:
        assert client.llen("transporttest.q") == 21
    finally:
        client.delete("transporttest.q")
        client.close()
