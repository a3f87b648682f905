"""SQLAlchemy 2 engines and types shared by every service's own database."""

from __future__ import annotations

import fcntl
import os
import threading
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import DateTime, MetaData, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.engine.url import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Execution option naming how a SQLite transaction starts. Units of work that write start with
# BEGIN IMMEDIATE so that two writers queue on the lock instead of failing on an upgrade.
SQLITE_BEGIN = "sqlite_begin"
# The SQLITE_BEGIN value of a connection that runs one read statement and nothing else.
SINGLE_STATEMENT = "single-statement"


def make_metadata() -> MetaData:
    return MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC datetime on every backend (SQLite keeps no offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def create_db_engine(url: str, *, pool_size: int = 5) -> Engine:
    """An engine with the settings this platform relies on for the given backend."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        connect = {"check_same_thread": False}
        if "timeout" not in parsed.query:  # seconds a writer waits for SQLite's lock
            connect["timeout"] = 30
        engine = create_engine(url, connect_args=connect)
        on_disk = parsed.database and parsed.database != ":memory:"
        _configure_sqlite(engine, WriterLock(parsed.database) if on_disk else None)
        return engine
    return create_engine(
        url, pool_pre_ping=True, pool_size=pool_size, max_overflow=10, pool_recycle=1800
    )


class WriterLock:
    """Writers to one SQLite file take turns on an OS file lock before BEGIN IMMEDIATE.

    SQLite's own busy handler makes a waiting writer sleep (1, 2, 5 ... 100 ms) and poll, so
    under load a write can wait far longer than the writes before it took; the kernel wakes
    the next holder of an flock at once. Threads of one process queue on a mutex first
    (flock belongs to the open file, which they share)."""

    def __init__(self, database: str):
        self.path = f"{database}.writelock"
        self._mutex = threading.Lock()
        self._fd: int | None = None
        self._pid: int | None = None
        self._owner: int | None = None

    def _file(self) -> int:
        if self._fd is None or self._pid != os.getpid():  # a forked worker opens its own
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            self._pid = os.getpid()
        return self._fd

    def acquire(self) -> bool:
        """Wait for the turn; False (nothing taken) when this thread already has it: a nested
        write then meets SQLite's own lock and timeout, as it would without this queue."""
        if self._owner == threading.get_ident():
            return False
        self._mutex.acquire()
        try:
            fcntl.flock(self._file(), fcntl.LOCK_EX)
        except BaseException:
            self._mutex.release()
            raise
        self._owner = threading.get_ident()
        return True

    def release(self) -> None:
        self._owner = None
        try:
            fcntl.flock(self._file(), fcntl.LOCK_UN)
        finally:
            self._mutex.release()


_HOLDS_WRITER = "metro_holds_writer_lock"


def _configure_sqlite(engine: Engine, writer: WriterLock | None = None) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy emit BEGIN itself (pysqlite's implicit BEGIN is deferred and cannot be
        # made IMMEDIATE), then set the pragmas a multi-process SQLite file needs.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        mode = conn.get_execution_options().get(SQLITE_BEGIN, "DEFERRED")
        if mode == SINGLE_STATEMENT:
            return  # SQLite's own implicit transaction of that one statement is enough
        if writer is not None and mode == "IMMEDIATE" and not conn.info.get(_HOLDS_WRITER):
            conn.info[_HOLDS_WRITER] = writer.acquire()
        conn.exec_driver_sql(f"BEGIN {mode}")

    if writer is not None:
        # Held until the connection goes back to the pool: after its COMMIT or ROLLBACK has
        # run (or it was thrown away), never between the two.
        def _release(_dbapi_connection, record, *_args) -> None:
            if record is not None and record.info.pop(_HOLDS_WRITER, False):
                writer.release()

        event.listen(engine, "checkin", _release)
        event.listen(engine, "invalidate", _release)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, future=True)


def utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
