"""`flask --app services.registry.app ...`: set-up commands beside what they manage."""

from __future__ import annotations

import click
from flask import Flask, current_app
from sqlalchemy import select

from services.kernel.reference import KECAMATAN
from services.registry.models import Region
from services.registry.usecases.staff import ensure_admin


def _uow():
    return current_app.extensions["registry"].uow


@click.command("seed")
def seed_command() -> None:
    """Load the reference data (kecamatan and kelurahan of Kota Metro); safe to run again."""
    added = 0
    with _uow()() as unit:
        have = {(r.kecamatan, r.kelurahan) for r in unit.session.execute(select(Region)).scalars()}
        for kecamatan, names in KECAMATAN.items():
            for kelurahan in names:
                if (kecamatan, kelurahan) not in have:
                    unit.session.add(Region(kecamatan=kecamatan, kelurahan=kelurahan))
                    added += 1
        unit.commit()
    click.echo(f"registry: reference data loaded ({added} new kelurahan)")


@click.command("create-admin")
@click.option("--email", envvar="ADMIN_EMAIL", required=True)
@click.option("--password", envvar="ADMIN_PASSWORD", required=True)
def create_admin_command(email: str, password: str) -> None:
    """Create the first admin (from ADMIN_EMAIL / ADMIN_PASSWORD) unless it exists."""
    created = ensure_admin(_uow(), email, password)
    click.echo(f"registry: admin {email} {'created' if created else 'already exists'}")


def init_app(app: Flask) -> None:
    app.cli.add_command(seed_command)
    app.cli.add_command(create_admin_command)
