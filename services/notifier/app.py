"""The notifier's Flask app factory."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from services.kernel.migrations import db_cli
from services.kernel.web import create_service_app
from services.kernel.web.metrics import register_collector
from services.notifier import web
from services.notifier.api import consent as consent_api
from services.notifier.api import deliveries as deliveries_api
from services.notifier.api import templates as templates_api
from services.notifier.bootstrap import SERVICE, bootstrap
from services.notifier.cli import notifier_cli
from services.notifier.metrics import messages_by_channel_and_status
from services.notifier.settings import notifier_settings

HERE = Path(__file__).resolve().parent
MIGRATIONS = HERE / "migrations"


def create_app(test_config: dict | None = None) -> Flask:
    app, api = create_service_app(SERVICE, __name__, test_config,
                                  translation_dirs=[HERE / "translations"],
                                  extra_config=notifier_settings)
    notifier = bootstrap(app.config)
    app.extensions["runtime"] = notifier.runtime
    app.extensions["notifier"] = notifier
    register_collector(app, messages_by_channel_and_status)
    api.register_blueprint(deliveries_api.blp)
    api.register_blueprint(consent_api.blp)
    api.register_blueprint(templates_api.blp)
    app.register_blueprint(web.bp)
    app.cli.add_command(db_cli(MIGRATIONS))
    app.cli.add_command(notifier_cli)
    return app
