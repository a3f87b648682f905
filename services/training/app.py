"""The training service's Flask app factory."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from services.kernel.migrations import db_cli
from services.kernel.web import create_service_app
from services.kernel.web import directory as directory_views
from services.training import web
from services.training.bootstrap import SERVICE, bootstrap

HERE = Path(__file__).resolve().parent
MIGRATIONS = HERE / "migrations"


def create_app(test_config: dict | None = None) -> Flask:
    app, api = create_service_app(SERVICE, __name__, test_config,
                                  translation_dirs=[HERE / "translations"])
    training = bootstrap(app.config)
    app.extensions["runtime"] = training.runtime
    app.extensions["training"] = training
    app.extensions["umkm_directory"] = training.directory
    app.jinja_env.globals["subnav_template"] = "training/base.html"
    api.register_blueprint(directory_views.api_blp)
    app.register_blueprint(directory_views.web_bp)
    app.register_blueprint(web.bp)
    app.cli.add_command(db_cli(MIGRATIONS))
    return app
