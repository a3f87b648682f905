"""`flask --app services.registry.app ...`: set-up commands beside what they manage."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from sqlalchemy import select

from services.kernel.errors import InvalidInput
from services.kernel.reference import KECAMATAN
from services.registry.domain.importing import MODES
from services.registry.models import Region
from services.registry.usecases import imports
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
    app.cli.add_command(import_command)


@click.command("import-umkm")
@with_appcontext
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--mode", type=click.Choice(MODES), default="skip", show_default=True,
              help="Records already known: skip them, or update them from non-empty cells.")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False),
              help="Write the bad rows (row, field, message) to this CSV file.")
def import_command(path: str, mode: str, errors_path: str | None) -> None:
    """Import a CSV or XLSX of UMKM, with a progress bar; bad rows are reported."""
    file = Path(path)
    try:
        job = imports.start_import(_uow(), file.name, file.read_bytes(), mode, None, claim=True)
    except InvalidInput as invalid:
        raise click.ClickException("; ".join(str(m) for m in invalid.fields.values())) from None
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), TimeRemainingColumn()) as bar:
        task = bar.add_task(f"Impor {file.name}", total=None)

        def show(state: dict) -> None:
            bar.update(task, total=state["total"] or None, completed=state["processed"])

        result = imports.run_import(_uow(), job["id"], show)
    click.echo(f"{result['status']}: {result['imported']} baru, {result['updated']} diperbarui, "
               f"{result['skipped']} dilewati, {result['rejected']} baris ditolak "
               f"(impor {result['id']})")
    if result["message"]:
        click.echo(result["message"], err=True)
    for error in result["errors"][:20]:
        click.echo(f"  baris {error['row']}, {error['field'] or '-'}: {error['message']}",
                   err=True)
    if errors_path and result["rejected"]:
        Path(errors_path).write_bytes(imports.error_report(_uow(), job["id"]))
        click.echo(f"semua baris yang ditolak: {errors_path}")
    if result["status"] != "done":
        raise SystemExit(1)
