"""UnitOfWorkFactory.read_rows: one read statement without a unit of work, on SQLite and
PostgreSQL; on SQLite without BEGIN (and so without the writer's turn)."""

import pytest
from sqlalchemy import event, select

from services.registry.models import Business
from services.registry.usecases.umkm import get_umkm, register_umkm
from tests.support.factories import registration


def statements_of(engine):
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        seen.append(statement.strip().split()[0].upper())

    event.listen(engine, "before_cursor_execute", record)
    return seen, lambda: event.remove(engine, "before_cursor_execute", record)


def test_the_rows_of_one_statement(registry):
    view = register_umkm(registry.uow, registration(), None)
    rows = registry.uow.read_rows(select(Business.id, Business.name)
                                  .where(Business.id == view["id"]))
    assert [tuple(row) for row in rows] == [(view["id"], view["business_name"])]
    assert registry.uow.read_rows(select(Business.id).where(Business.id == "none")) == []
    assert get_umkm(registry.uow, view["id"])["business_name"] == view["business_name"]


def test_no_begin_on_sqlite_where_a_read_only_unit_begins(registry, backend):
    if backend != "sqlite":
        pytest.skip("BEGIN is SQLite's statement here; psycopg begins by itself")
    engine = registry.uow.session_factory.kw["bind"]
    seen, stop = statements_of(engine)
    try:
        registry.uow.read_rows(select(Business.id))
        assert seen == ["SELECT"]
        seen.clear()
        with registry.uow(readonly=True) as unit:
            unit.session.execute(select(Business.id)).all()
        assert seen == ["BEGIN", "SELECT"]
    finally:
        stop()


def test_a_read_sees_committed_state_only_and_does_not_wait_for_a_writer(registry):
    first = register_umkm(registry.uow, registration(), None)
    with registry.uow() as writing:  # holds the write transaction (and on SQLite the writer lock)
        business = writing.session.get(Business, first["id"])
        business.name = "Nama Belum Disimpan"
        writing.session.flush()
        rows = registry.uow.read_rows(select(Business.name).where(Business.id == first["id"]))
        assert [row.name for row in rows] == [first["business_name"]]
        writing.rollback()
