"""Unit of work: the only place a service opens and commits a transaction.

State changes and the events they cause are written in one transaction: `publish` stages the
event rows in the same session, and they commit or roll back with the state.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from sqlalchemy import Executable, Row
from sqlalchemy.orm import Session, sessionmaker

from services.kernel.db import SINGLE_STATEMENT, SQLITE_BEGIN
from services.kernel.messaging.outbox import Outbox

log = logging.getLogger(__name__)

CommitHook = Callable[[list[dict]], None]


class UnitOfWork:
    session: Session

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        outbox: Outbox | None = None,
        on_commit: Sequence[CommitHook] = (),
        *,
        readonly: bool = False,
    ):
        self.session_factory = session_factory
        self.outbox = outbox
        self.on_commit = list(on_commit)
        self.readonly = readonly
        self.published: list[dict] = []
        self._after_commit: list[Callable[[], object]] = []

    def __enter__(self) -> UnitOfWork:
        self.session = self.session_factory()
        self.published = []
        self._after_commit = []
        if not self.readonly:
            # Take the write lock up front on SQLite; a no-op option elsewhere.
            self.session.connection(execution_options={SQLITE_BEGIN: "IMMEDIATE"})
        return self

    def __exit__(self, *exc_info) -> None:
        try:
            if self.session.in_transaction():
                self.session.rollback()
        finally:
            self.session.close()

    def publish(self, name: str, payload: dict, *, version: int | None = None) -> dict:
        if self.outbox is None:
            raise RuntimeError("this unit of work has no outbox")
        if self.readonly:
            raise RuntimeError("a read-only unit of work cannot publish")
        envelope = self.outbox.add(self.session, name, payload, version=version)
        self.published.append(envelope)
        return envelope

    def publish_many(self, name: str, payloads: list[dict]) -> list[dict]:
        """Several events of one type, staged in two statements."""
        if self.outbox is None or self.readonly:
            raise RuntimeError("this unit of work cannot publish")
        envelopes = self.outbox.add_many(self.session, name, payloads)
        self.published.extend(envelopes)
        return envelopes

    def after_commit(self, action: Callable[[], object]) -> None:
        """Run `action` once this unit commits (never if it rolls back)."""
        self._after_commit.append(action)

    def commit(self) -> None:
        self.session.commit()
        published, self.published = self.published, []
        actions, self._after_commit = self._after_commit, []
        hooks = [lambda hook=hook: hook(published) for hook in self.on_commit] if published else []
        for action in [*hooks, *actions]:
            try:
                action()
            except Exception:  # side effects after commit never undo or fail the commit
                log.warning("after-commit action failed", exc_info=True)

    def rollback(self) -> None:
        self.session.rollback()
        self.published = []
        self._after_commit = []


class UnitOfWorkFactory:
    """Makes units of work for one service database; the composition root builds one."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        outbox: Outbox | None = None,
        on_commit: Sequence[CommitHook] = (),
    ):
        self.session_factory = session_factory
        self.outbox = outbox
        self.on_commit = list(on_commit)

    def __call__(self, *, readonly: bool = False) -> UnitOfWork:
        return UnitOfWork(self.session_factory, self.outbox, self.on_commit, readonly=readonly)

    def read_rows(self, statement: Executable, params: dict | None = None) -> list[Row]:
        """The rows of ONE read statement, without a unit of work: a single statement sees one
        consistent state by itself, so on SQLite it runs without BEGIN and ROLLBACK, and no ORM
        session is built. For two reads that must agree, use a read-only unit of work."""
        engine = self.session_factory.kw["bind"]
        with engine.connect() as connection:
            connection = connection.execution_options(**{SQLITE_BEGIN: SINGLE_STATEMENT})
            return connection.execute(statement, params).all()

    def add_commit_hook(self, hook: CommitHook) -> None:
        self.on_commit.append(hook)
