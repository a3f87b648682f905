"""The registry's Flask app factory."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from services.kernel.migrations import db_cli
from services.kernel.web import create_service_app, personal_tokens
from services.registry import cli, internal, web
from services.registry.api import audit as audit_api
from services.registry.api import auth as auth_api
from services.registry.api import duplicates as duplicates_api
from services.registry.api import imports as imports_api
from services.registry.api import products as products_api
from services.registry.api import staff as staff_api
from services.registry.api import stats as stats_api
from services.registry.api import tokens as tokens_api
from services.registry.api import umkm as umkm_api
from services.registry.bootstrap import SERVICE, bootstrap
from services.registry.usecases import tokens

HERE = Path(__file__).resolve().parent
MIGRATIONS = HERE / "migrations"


def create_app(test_config: dict | None = None) -> Flask:
    app, api = create_service_app(SERVICE, __name__, test_config,
                                  translation_dirs=[HERE / "translations"])
    registry = bootstrap(app.config)
    app.extensions["runtime"] = registry.runtime
    app.extensions["registry"] = registry
    # Personal API tokens are the registry's own: looked up here, never cached (revoked = gone).
    personal_tokens.init_app(app, SERVICE, lambda token: tokens.resolve_token(registry.uow, token),
                             ttl=0)
    api.register_blueprint(auth_api.blp)
    api.register_blueprint(imports_api.blp)
    api.register_blueprint(umkm_api.blp)
    api.register_blueprint(stats_api.blp)
    api.register_blueprint(staff_api.blp)
    api.register_blueprint(products_api.blp)
    api.register_blueprint(duplicates_api.blp)
    api.register_blueprint(tokens_api.blp)
    api.register_blueprint(audit_api.blp)
    app.register_blueprint(internal.bp)
    app.register_blueprint(web.bp)
    app.cli.add_command(db_cli(MIGRATIONS))
    cli.init_app(app)
    return app
