"""The registry's composition root: everything a web or worker process of it is built from."""

from __future__ import annotations

from dataclasses import dataclass

from services.kernel.runtime import ServiceRuntime, build_runtime
from services.kernel.uow import UnitOfWorkFactory
from services.registry.models import MESSAGING
from services.registry.usecases import activity
from services.registry.usecases.imports import run_next_import
from services.registry.usecases.products import announce_expiring_certificates

SERVICE = "registry"


@dataclass
class Registry:
    runtime: ServiceRuntime

    @property
    def uow(self) -> UnitOfWorkFactory:
        return self.runtime.uow


def bootstrap(config: dict, *, publisher=None, nudge: bool | None = None, celery=None) -> Registry:
    runtime = build_runtime(SERVICE, config, MESSAGING, publisher=publisher, nudge=nudge,
                            celery=celery)
    # Each UMKM's timeline, from what training and bazaar report about it.
    runtime.consume_with(activity.handlers())
    # A queued spreadsheet import is a row: whichever worker ticks first takes it.
    runtime.tick_jobs.append(lambda: run_next_import(runtime.uow))
    # Certificates expiring within 60 days are announced once each, whichever tick sees them.
    runtime.tick_jobs.append(lambda: announce_expiring_certificates(runtime.uow))
    return Registry(runtime=runtime)
