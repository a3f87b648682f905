"""Fixtures of the integration tests: a service's container built on SQLite and PostgreSQL."""

import pytest

from services.registry.bootstrap import bootstrap as registry_bootstrap
from tests.support.fakes import RecordingPublisher


@pytest.fixture
def registry(platform_any):
    container = registry_bootstrap(platform_any.settings("registry"),
                                   publisher=RecordingPublisher(), nudge=False)
    yield container
    container.runtime.dispose()
