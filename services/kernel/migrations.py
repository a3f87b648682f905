"""Alembic per service: each service keeps its own migrations beside its code."""

from __future__ import annotations

from pathlib import Path

import click
from alembic import command, context
from alembic.config import Config
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import MetaData, engine_from_config, pool


def alembic_config(migrations_dir: str | Path, url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    cfg.attributes["configure_logger"] = False
    return cfg


def upgrade(migrations_dir: str | Path, url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(migrations_dir, url), revision)


def _managed(metadata: MetaData):
    """Autogenerate's filter: objects a service made by hand for one dialect (full-text tables,
    trigram indexes), named in `metadata.info["unmanaged"]`, are neither added nor dropped."""
    unmanaged = metadata.info.get("unmanaged", {})
    names = set(unmanaged.get("names", ()))
    prefixes = tuple(unmanaged.get("prefixes", ()))

    def include_object(_object, name, _type, _reflected, _compare_to) -> bool:
        return not (name in names or (prefixes and (name or "").startswith(prefixes)))

    return include_object


def run_env(metadata: MetaData) -> None:
    """Body of every service's migrations/env.py."""
    cfg = context.config
    url = cfg.get_main_option("sqlalchemy.url")
    batch = url.startswith("sqlite")
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=metadata, literal_binds=True,
                          render_as_batch=batch, compare_type=True,
                          include_object=_managed(metadata))
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_from_config(
        cfg.get_section(cfg.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool
    )
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=metadata,
                          render_as_batch=batch, compare_type=True,
                          include_object=_managed(metadata))
        with context.begin_transaction():
            context.run_migrations()


def db_cli(migrations_dir: Path) -> AppGroup:
    """`flask db upgrade|revision|current` for one service, beside what it manages."""
    group = AppGroup("db", help="Database migrations of this service.")

    def cfg() -> Config:
        return alembic_config(migrations_dir, current_app.config["DATABASE_URL"])

    @group.command("upgrade")
    @click.argument("revision", default="head")
    def upgrade_cmd(revision: str) -> None:
        command.upgrade(cfg(), revision)

    @group.command("revision")
    @click.option("-m", "--message", required=True)
    @click.option("--autogenerate/--empty", default=True)
    def revision_cmd(message: str, autogenerate: bool) -> None:
        command.revision(cfg(), message=message, autogenerate=autogenerate)

    @group.command("current")
    def current_cmd() -> None:
        command.current(cfg(), verbose=True)

    return group
