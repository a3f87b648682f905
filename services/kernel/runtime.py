"""What every service process is built from: its database, units of work, outbox, relay, inbox
and Celery app. Each service's composition root (bootstrap) builds one and adds its domain."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from celery import Celery
from sqlalchemy.engine import Engine

from services.kernel.db import create_db_engine, make_session_factory
from services.kernel.events import CATALOGUE, Catalogue
from services.kernel.messaging.celeryapp import make_celery
from services.kernel.messaging.deadletters import prune
from services.kernel.messaging.inbox import Consumer, Handler
from services.kernel.messaging.nudge import RelayNudger
from services.kernel.messaging.outbox import Outbox
from services.kernel.messaging.policy import RedeliveryPolicy
from services.kernel.messaging.publisher import CeleryPublisher, Publisher
from services.kernel.messaging.relay import Relay, mark_acknowledged
from services.kernel.messaging.tables import MessagingTables
from services.kernel.uow import UnitOfWorkFactory


@dataclass
class ServiceRuntime:
    service: str
    config: dict
    engine: Engine
    tables: MessagingTables
    uow: UnitOfWorkFactory
    celery: Celery
    publisher: Publisher
    relay: Relay
    catalogue: Catalogue
    consumer: Consumer | None = None
    tick_jobs: list[Callable[[], object]] = field(default_factory=list)

    def consume_with(self, handlers: Mapping[str, Handler]) -> Consumer:
        self.consumer = Consumer(
            self.service, self.uow, self.tables, self.catalogue, handlers, self.publisher
        )
        return self.consumer

    def acknowledge(self, delivery: str) -> bool:
        return bool(mark_acknowledged(self.uow, self.tables, [delivery]))

    def tick(self) -> None:
        for job in self.tick_jobs:
            job()

    def dispose(self) -> None:
        self.engine.dispose()


def build_runtime(
    service: str,
    config: dict,
    tables: MessagingTables,
    *,
    publisher: Publisher | None = None,
    catalogue: Catalogue = CATALOGUE,
    nudge: bool | None = None,
    celery: Celery | None = None,
) -> ServiceRuntime:
    engine = create_db_engine(config["DATABASE_URL"])
    policy = RedeliveryPolicy.from_config(config)
    nudge = config["RELAY_NUDGE"] if nudge is None else nudge
    # A nudging process publishes its own commits: their deliveries are written as sent.
    outbox = Outbox(tables, catalogue, service,
                    sent_on_commit=(lambda: policy.wait_after(1)) if nudge else None)
    uow = UnitOfWorkFactory(make_session_factory(engine), outbox)
    celery = celery or make_celery(service, config["BROKER_URL"])
    publisher = publisher or CeleryPublisher(celery)
    relay = Relay(service, uow, tables, publisher, policy)
    runtime_jobs = [lambda: prune(uow, tables, keep_days=config["OUTBOX_RETENTION_DAYS"])]
    if nudge:
        batch = config["RELAY_BATCH"]

        def publish_new(envelopes: list[dict]) -> None:
            relay.publish_new([(consumer, envelope) for envelope in envelopes for consumer in
                               catalogue.get(envelope["type"], envelope["version"]).consumers],
                              limit=batch)

        uow.add_commit_hook(RelayNudger(publish_new))
    return ServiceRuntime(service, config, engine, tables, uow, celery, publisher, relay, catalogue,
                          tick_jobs=runtime_jobs)
