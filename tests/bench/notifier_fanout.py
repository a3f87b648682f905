"""Mass fan-out: a bazaar invitation to 20,000 eligible UMKM -> 40,000 messages (email + SMS)
written to the file sinks, through the bulk path (batches of claims and records).

`python -m tests.bench.notifier_fanout` prints the figure beside its target and merges it into
var/bench/latest.json. `run(console)` returns {name: {"value", "unit", "target", "met"}}.
"""

from __future__ import annotations

import json
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from sqlalchemy import insert

from services.kernel.clock import utcnow
from services.kernel.config import service_config
from services.kernel.events import CATALOGUE
from services.kernel.events.catalogue import make_envelope
from services.kernel.migrations import upgrade
from services.notifier.bootstrap import bootstrap
from services.notifier.models import UMKM_DIRECTORY
from services.notifier.settings import notifier_settings
from tests.support.fakes import RecordingPublisher
from tests.support.platform import ROOT

LATEST = ROOT / "var" / "bench" / "latest.json"
OWNERS = 20_000
TARGET_SECONDS = 60.0
NAME = "notifier_fanout_20k_invitations"
DAYTIME = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
KECAMATAN = ["Metro Pusat", "Metro Utara", "Metro Barat", "Metro Timur", "Metro Selatan"]


def seed_directory(container, count: int) -> None:
    rows = [{
        "umkm_id": str(uuid.UUID(int=i + 1)), "business_name": f"Usaha Bench {i:05d}",
        "owner_name": f"Pemilik {i:05d}", "sector": "kuliner", "scale": "mikro",
        "kecamatan": KECAMATAN[i % 5], "kelurahan": "Imopuro", "status": "verified",
        "phone": f"+62812{i:08d}", "email": f"pemilik{i:05d}@example.id",
        "locale": "en" if i % 10 == 0 else "id", "registered_on": date(2026, 1, 1),
        "as_of": utcnow()} for i in range(count)]
    with container.uow() as unit:
        for start in range(0, count, 2000):
            unit.session.execute(insert(UMKM_DIRECTORY), rows[start:start + 2000])
        unit.commit()


def measure(workdir: Path, owners: int = OWNERS, progress=None) -> dict:
    env = {"VAR_DIR": str(workdir), "NOTIFIER_DATABASE_URL": f"sqlite:///{workdir}/n.db",
           "SECRET_KEY": "bench", "INTERNAL_API_KEY": "bench"}
    config = service_config("notifier", env, notifier_settings)
    upgrade(ROOT / "services" / "notifier" / "migrations", config["DATABASE_URL"])
    began = utcnow()
    # At 10:00 WIB: SMS is not held back by quiet hours.
    container = bootstrap(config, publisher=RecordingPublisher(), nudge=False,
                          start_campaign=lambda _id: None,
                          clock=lambda: DAYTIME + (utcnow() - began))
    try:
        seed_directory(container, owners)
        kind = CATALOGUE.get("bazaar.scheduled")
        envelope = make_envelope(kind, {**kind.example, "sectors": []}, DAYTIME)
        started = time.perf_counter()
        container.runtime.consumer.handle(envelope)
        (campaign_id,) = container.bulk.pending()
        container.bulk.run(campaign_id, progress=progress)
        elapsed = time.perf_counter() - started
    finally:
        container.runtime.dispose()
    mails = sum(1 for _ in Path(config["MAIL_SINK_DIR"]).glob("*.eml"))
    sms = sum(1 for _ in Path(config["SMS_SINK_DIR"]).glob("*.json"))
    return {"seconds": elapsed, "mails": mails, "sms": sms}


def run(console: Console) -> dict:
    with tempfile.TemporaryDirectory(prefix="notifier-bench-") as tmp, Progress(
            console=console, transient=True) as bar:
        task = bar.add_task("fan-out", total=OWNERS * 2)
        found = measure(Path(tmp), progress=lambda n: bar.update(task, completed=n))
    complete = found["mails"] == OWNERS and found["sms"] == OWNERS
    figure = {"value": round(found["seconds"], 2), "unit": "s", "target": TARGET_SECONDS,
              "met": complete and found["seconds"] < TARGET_SECONDS,
              "messages": found["mails"] + found["sms"],
              "description": f"{OWNERS:,} invitations -> email + SMS in the file sinks "
                             "(bulk queue path, SQLite)"}
    console.print(f"{NAME}: {figure['value']:.1f} s for {figure['messages']:,} messages "
                  f"(target < {TARGET_SECONDS:g} s) -> {'met' if figure['met'] else 'NOT met'}")
    return {NAME: figure}


def merge(figures: dict, path: Path = LATEST) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    current = json.loads(path.read_text()) if path.exists() else {}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(current | figures, indent=2) + "\n")
    tmp.replace(path)


if __name__ == "__main__":
    merge(run(Console()))
