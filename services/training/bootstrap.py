"""The training service's composition root."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from services.kernel.readmodels.umkm_directory import UmkmDirectory
from services.kernel.runtime import ServiceRuntime, build_runtime
from services.kernel.uow import UnitOfWorkFactory
from services.training.adapters.registry import RegistryGateway
from services.training.models import MESSAGING, UMKM_DIRECTORY
from services.training.settings import DEFAULT_UPLOAD_MAX_BYTES, upload_dir
from services.training.usecases.visits import VisitPlanner, mark_overdue

SERVICE = "training"


@dataclass
class Training:
    runtime: ServiceRuntime
    directory: UmkmDirectory
    registry: RegistryGateway
    planner: VisitPlanner
    upload_dir: Path
    upload_max_bytes: int
    department: str

    @property
    def uow(self) -> UnitOfWorkFactory:
        return self.runtime.uow


def bootstrap(config: dict, *, publisher=None, nudge: bool | None = None, celery=None,
              registry: RegistryGateway | None = None) -> Training:
    runtime = build_runtime(SERVICE, config, MESSAGING, publisher=publisher, nudge=nudge,
                            celery=celery)
    directory = UmkmDirectory(UMKM_DIRECTORY)
    registry = registry or RegistryGateway.from_config(config)
    planner = VisitPlanner(registry)
    runtime.consume_with({**directory.handlers(), **planner.handlers()})
    # Due work is a row: a visit past its due date becomes overdue once, whenever beat ticks.
    runtime.tick_jobs.append(lambda: mark_overdue(runtime.uow))
    return Training(runtime, directory, registry, planner, upload_dir(config),
                    config.get("TRAINING_UPLOAD_MAX_BYTES") or DEFAULT_UPLOAD_MAX_BYTES,
                    config.get("DEPARTMENT_NAME") or "Diskoperin Kota Metro")
