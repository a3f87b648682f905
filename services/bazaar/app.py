"""The bazaar service's Flask app factory."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from services.bazaar import web
from services.bazaar.api import batik as batik_api
from services.bazaar.api import bazaars as bazaars_api
from services.bazaar.api import markets as markets_api
from services.bazaar.api import reports as reports_api
from services.bazaar.api import retail as retail_api
from services.bazaar.bootstrap import SERVICE, bootstrap
from services.kernel.migrations import db_cli
from services.kernel.web import create_service_app
from services.kernel.web import directory as directory_views

HERE = Path(__file__).resolve().parent
MIGRATIONS = HERE / "migrations"


def create_app(test_config: dict | None = None) -> Flask:
    app, api = create_service_app(SERVICE, __name__, test_config,
                                  translation_dirs=[HERE / "translations"])
    bazaar = bootstrap(app.config)
    app.extensions["runtime"] = bazaar.runtime
    app.extensions["bazaar"] = bazaar
    app.extensions["umkm_directory"] = bazaar.directory
    app.jinja_env.globals["subnav_template"] = "bazaar/base.html"
    api.register_blueprint(bazaars_api.blp)
    api.register_blueprint(reports_api.blp)
    api.register_blueprint(retail_api.blp)
    api.register_blueprint(markets_api.blp)
    api.register_blueprint(batik_api.blp)
    api.register_blueprint(directory_views.api_blp)
    app.register_blueprint(directory_views.web_bp)
    app.register_blueprint(web.bp)
    app.cli.add_command(db_cli(MIGRATIONS))
    return app
