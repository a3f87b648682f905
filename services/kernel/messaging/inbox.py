"""The consuming side: validate, dedupe in the same transaction as the effect, then acknowledge."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from sqlalchemy import Table, bindparam, insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from services.kernel.clock import utcnow
from services.kernel.events.catalogue import Catalogue, Event, EventSchemaError
from services.kernel.logging import event_id_var, request_id_var
from services.kernel.messaging.publisher import Publisher
from services.kernel.messaging.tables import MessagingTables, delivery_id
from services.kernel.uow import UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)

Handler = Callable[[Event, UnitOfWork], None]

PROCESSED, DUPLICATE = "processed", "duplicate"
_INBOX_COLUMNS = ("event_id", "type", "producer", "received_at")


def _record_statement(insert_of, inbox: Table):
    """INSERT ... ON CONFLICT DO NOTHING RETURNING event_id, built once per consumer: building
    it for every event cost more than running it."""
    return (insert_of(inbox)
            .values({name: bindparam(name, type_=inbox.c[name].type) for name in _INBOX_COLUMNS})
            .on_conflict_do_nothing()
            .returning(inbox.c.event_id))


class Consumer:
    def __init__(
        self,
        service: str,
        uow_factory: UnitOfWorkFactory,
        tables: MessagingTables,
        catalogue: Catalogue,
        handlers: Mapping[str, Handler],
        publisher: Publisher | None,
    ):
        self.service = service
        self.uow_factory = uow_factory
        self.tables = tables
        self.catalogue = catalogue
        self.handlers = dict(handlers)
        self.publisher = publisher
        self._inserts = {"postgresql": _record_statement(postgresql_insert, tables.inbox),
                         "sqlite": _record_statement(sqlite_insert, tables.inbox)}

    def handle(self, envelope: dict) -> str:
        event = self.catalogue.parse(envelope)
        handler = self.handlers.get(event.type)
        if handler is None:
            raise EventSchemaError(f"{self.service} has no handler for {event.type}")
        tokens = (event_id_var.set(event.event_id), request_id_var.set(event.correlation_id))
        try:
            outcome = self._apply(event, handler)
            log.info("event %s %s: %s", event.type, event.event_id, outcome)
        finally:
            event_id_var.reset(tokens[0])
            request_id_var.reset(tokens[1])
        self._acknowledge(event)
        return outcome

    def _seen(self, uow: UnitOfWork, event_id: str) -> bool:
        inbox = self.tables.inbox
        return uow.session.execute(
            select(inbox.c.event_id).where(inbox.c.event_id == event_id)
        ).first() is not None

    def _record(self, uow: UnitOfWork, event: Event) -> bool:
        """Insert the inbox row; False when this event was already here. One statement: a
        concurrent copy waits on the unique key, then finds the row."""
        statement = self._inserts.get(uow.session.get_bind().dialect.name)
        values = {"event_id": event.event_id, "type": event.type, "producer": event.producer,
                  "received_at": utcnow()}
        if statement is None:  # pragma: no cover - other backends: look first
            if self._seen(uow, event.event_id):
                return False
            uow.session.execute(insert(self.tables.inbox).values(**values))
            return True
        return uow.session.execute(statement, values).first() is not None

    def _apply(self, event: Event, handler: Handler) -> str:
        try:
            with self.uow_factory() as uow:
                if not self._record(uow, event):
                    return DUPLICATE
                handler(event, uow)
                uow.commit()
                return PROCESSED
        except IntegrityError:
            # A concurrent copy of the same event won the race for the inbox row.
            with self.uow_factory(readonly=True) as uow:
                if self._seen(uow, event.event_id):
                    return DUPLICATE
            raise

    def _acknowledge(self, event: Event) -> None:
        if self.publisher is None:
            return
        try:
            self.publisher.acknowledge(event.producer, delivery_id(self.service, event.event_id))
        except Exception as exc:  # the producer sends again; the inbox makes that harmless
            log.warning("could not acknowledge %s to %s: %s", event.event_id, event.producer, exc)
