"""Writers to one SQLite file take turns on a file lock: the turn passes on at commit, rollback
or a failed transaction, across threads and processes; a nested write in one thread is not
queued behind itself."""

import multiprocessing
import threading
import time

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from services.kernel.db import SQLITE_BEGIN, create_db_engine


@pytest.fixture
def engine(tmp_path):
    engine = create_db_engine(f"sqlite:///{tmp_path / 'w.db'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (n INTEGER)"))
    yield engine
    engine.dispose()


def _write(engine, n, hold=0.0, fail=False):
    connection = engine.connect().execution_options(**{SQLITE_BEGIN: "IMMEDIATE"})
    with connection as conn, conn.begin():
        conn.execute(text("INSERT INTO t VALUES (:n)"), {"n": n})
        time.sleep(hold)
        if fail:
            raise RuntimeError("use case failed")


def test_the_turn_passes_on_after_commit_and_after_a_failure(engine):
    order = []

    def first():
        _write(engine, 1, hold=0.3)
        order.append("first done")

    thread = threading.Thread(target=first)
    thread.start()
    time.sleep(0.1)
    _write(engine, 2)  # waits for the first to commit, then writes
    order.append("second done")
    thread.join()
    assert order == ["first done", "second done"]
    with pytest.raises(RuntimeError):
        _write(engine, 3, fail=True)
    _write(engine, 4)  # not blocked by the failed one
    with engine.connect() as conn:
        assert sorted(conn.execute(text("SELECT n FROM t")).scalars()) == [1, 2, 4]


def test_a_nested_write_in_the_same_thread_meets_sqlites_timeout_not_a_deadlock(tmp_path):
    engine = create_db_engine(f"sqlite:///{tmp_path / 'n.db'}")
    engine.dispose()
    quick = create_db_engine(f"sqlite:///{tmp_path / 'n.db'}?timeout=0.2")
    try:
        with quick.connect().execution_options(**{SQLITE_BEGIN: "IMMEDIATE"}) as outer:
            outer.begin()
            started = time.monotonic()
            inner = quick.connect().execution_options(**{SQLITE_BEGIN: "IMMEDIATE"})
            with pytest.raises(OperationalError, match="locked"), inner:
                inner.begin()
            assert time.monotonic() - started < 5
            outer.rollback()
    finally:
        quick.dispose()


def _child(url, count, ready):
    engine = create_db_engine(url)
    ready.wait()
    for i in range(count):
        _write(engine, i, hold=0.001)
    engine.dispose()


def test_processes_queue_without_locked_errors(tmp_path):
    url = f"sqlite:///{tmp_path / 'p.db'}"
    engine = create_db_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (n INTEGER)"))
    ready = multiprocessing.get_context("fork").Event()
    children = [multiprocessing.get_context("fork").Process(target=_child, args=(url, 50, ready))
                for _ in range(4)]
    for child in children:
        child.start()
    ready.set()
    for child in children:
        child.join(60)
        assert child.exitcode == 0
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM t")).scalar() == 200
    engine.dispose()
