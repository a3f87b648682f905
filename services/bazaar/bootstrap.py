"""The bazaar service's composition root."""

from __future__ import annotations

from dataclasses import dataclass

from services.bazaar.models import MESSAGING, UMKM_DIRECTORY
from services.bazaar.usecases.reminders import send_reminders
from services.bazaar.usecases.retail_reminders import announce_expiring_mous
from services.bazaar.usecases.sales_links import SalesLinks, request_sales_reports
from services.kernel.readmodels.umkm_directory import UmkmDirectory
from services.kernel.runtime import ServiceRuntime, build_runtime
from services.kernel.uow import UnitOfWorkFactory

SERVICE = "bazaar"


@dataclass
class Bazaar:
    runtime: ServiceRuntime
    directory: UmkmDirectory
    sales_links: SalesLinks

    @property
    def uow(self) -> UnitOfWorkFactory:
        return self.runtime.uow


def bootstrap(config: dict, *, publisher=None, nudge: bool | None = None, celery=None) -> Bazaar:
    runtime = build_runtime(SERVICE, config, MESSAGING, publisher=publisher, nudge=nudge,
                            celery=celery)
    directory = UmkmDirectory(UMKM_DIRECTORY)
    runtime.consume_with(directory.handlers())
    # Due work is a row: a bazaar held tomorrow gets its reminders once, whenever beat ticks.
    runtime.tick_jobs.append(lambda: send_reminders(runtime.uow))
    links = SalesLinks(config["SECRET_KEY"], config["SERVICE_URLS"]["bazaar"])
    runtime.tick_jobs.append(lambda: request_sales_reports(runtime.uow, links))
    # MoUs expiring within 60 days: announced once per MoU and expiry date (staff are told).
    runtime.tick_jobs.append(lambda: announce_expiring_mous(runtime.uow))
    return Bazaar(runtime, directory, links)
