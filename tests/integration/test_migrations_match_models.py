"""Each service's migrations, applied from nothing, build exactly the schema its models
describe, on SQLite and on PostgreSQL: a column added to a model without a migration (or a
migration that differs from its model) is found here, not in production."""

import importlib
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from services.kernel.migrations import _managed, upgrade
from tests.support.platform import ROOT, SERVICES


def _url(backend: str, service: str, tmp_path: Path, request) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / (service + '.db')}"
    return request.getfixturevalue("postgres").create(f"schema_{service}")


@pytest.mark.parametrize("service", SERVICES)
def test_migrations_build_what_the_models_describe(service, backend, tmp_path, request):
    url = _url(backend, service, tmp_path, request)
    upgrade(ROOT / "services" / service / "migrations", url)
    metadata = importlib.import_module(f"services.{service}.models").Base.metadata
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={
                "compare_type": True, "include_object": _managed(metadata)})
            differences = compare_metadata(context, metadata)
    finally:
        engine.dispose()
    assert differences == []
    assert len(metadata.tables) > 3  # the models were there to compare with
