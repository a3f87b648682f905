"""`flask --app services.notifier.app notifier ...`: operators' commands, with progress bars."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from services.notifier.usecases.bulk import campaigns_view

notifier_cli = AppGroup("notifier", help="Mass invitations and deliveries.")


@notifier_cli.command("campaigns")
def list_campaigns() -> None:
    """Mass invitations and how far each has got."""
    notifier = current_app.extensions["notifier"]
    for c in campaigns_view(notifier.uow, notifier.directory):
        click.echo(f"{c['id']}  {c['status']:8} {c['through']}/{c['owners']} owners  "
                   f"{c['queued']} queued  {c['sent']} sent  {c['title']}")


@notifier_cli.command("run-campaign")
@click.argument("campaign_id")
def run_campaign(campaign_id: str) -> None:
    """Work through a mass invitation here (instead of the bulk worker), with a progress bar."""
    notifier = current_app.extensions["notifier"]
    owners = next((c["owners"] for c in campaigns_view(notifier.uow, notifier.directory)
                   if c["id"] == campaign_id), None)
    if owners is None:
        raise click.ClickException(f"no campaign {campaign_id}")
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task("pesan", total=None)
        total = notifier.bulk.run(campaign_id, progress=lambda n: bar.update(task, completed=n))
    click.echo(f"{total} messages queued and sent")
