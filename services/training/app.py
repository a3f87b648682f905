"""The training service's Flask app factory."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from services.kernel.migrations import db_cli
from services.kernel.web import create_service_app
from services.kernel.web import directory as directory_views
from services.training import web
from services.training.api import aid as aid_api
from services.training.api import enrollments as enrollments_api
from services.training.api import programs as programs_api
from services.training.api import visits as visits_api
from services.training.bootstrap import SERVICE, bootstrap
from services.training.settings import training_settings

HERE = Path(__file__).resolve().parent
MIGRATIONS = HERE / "migrations"


def create_app(test_config: dict | None = None) -> Flask:
    app, api = create_service_app(SERVICE, __name__, test_config,
                                  translation_dirs=[HERE / "translations"],
                                  extra_config=training_settings)
    training = bootstrap(app.config)
    app.extensions["runtime"] = training.runtime
    app.extensions["training"] = training
    app.extensions["umkm_directory"] = training.directory
    app.jinja_env.globals["subnav_template"] = "training/base.html"
    for blueprint in (programs_api.blp, enrollments_api.blp, aid_api.blp, visits_api.blp,
                      directory_views.api_blp):
        api.register_blueprint(blueprint)
    app.register_blueprint(directory_views.web_bp)
    web.register(app)
    app.cli.add_command(db_cli(MIGRATIONS))
    return app
