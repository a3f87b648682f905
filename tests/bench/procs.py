"""Starting and stopping what is measured: the live platform (deploy/run.py, as `make run`) and
the two bare baselines, all with the same gunicorn and Celery knobs."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

from tests.support.platform import BIN, ROOT, procfile_commands, wait_http

if str(ROOT / "deploy") not in sys.path:
    sys.path.insert(0, str(ROOT / "deploy"))  # as tests/conftest.py does, for redis_local

from redis_local import free_port, redis_answers

from tests.bench.noop import QUEUE
from tests.support.live import LivePlatform, start_live_platform

# `make run`'s defaults (deploy/gunicorn.conf.py, deploy/Procfile) unless the environment sets
# them; start_live_platform would otherwise run 1 web worker and worker concurrency 1.
DEFAULT_KNOBS = {"WEB_WORKERS": "2", "WORKER_CONCURRENCY": "2", "WEB_ACCESS_LOG": "0"}
PASSED_KNOBS = ("WEB_THREADS", "WEB_TIMEOUT", "LOG_LEVEL")


def knobs() -> dict[str, str]:
    """The settings every measured process gets: the services and both baselines."""
    values = {key: os.environ.get(key, default) for key, default in DEFAULT_KNOBS.items()}
    values.update({key: os.environ[key] for key in PASSED_KNOBS if key in os.environ})
    return values


def baseline_env(knob_values: dict[str, str], broker_url: str) -> dict[str, str]:
    """As deploy/run.py prepares the environment of the Procfile processes."""
    return {
        **os.environ, **knob_values,
        "BROKER_URL": broker_url, "REDIS_URL": broker_url,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "LOG_FORMAT": os.environ.get("LOG_FORMAT", "text"), "PYTHONUNBUFFERED": "1",
    }


def start_platform(var_dir: Path, knob_values: dict[str, str]) -> tuple[LivePlatform, str]:
    """deploy/run.py on free ports with its own redis-server; returns it and its broker URL."""
    redis_port = free_port()
    live = start_live_platform(var_dir, **knob_values, LOCAL_REDIS_PORT=str(redis_port))
    broker_url = f"redis://127.0.0.1:{redis_port}/0"
    if not redis_answers(broker_url):
        live.stop()
        raise RuntimeError(f"the platform's Redis does not answer at {broker_url}")
    return live, broker_url


class Background:
    """A subprocess in its own session, logging to a file, stopped by its process group."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], log: Path):
        self.name, self.log_path = name, log
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("ab") as out:
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out,
                                            stderr=subprocess.STDOUT, start_new_session=True)

    def stop(self, timeout: float = 20) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def start_bare_flask(run_dir: Path, env: dict[str, str]) -> tuple[Background, int]:
    """tests.bench.bare_app under gunicorn with the services' --config (same workers, threads)."""
    port = free_port()
    server = Background("bare-flask", [
        str(BIN / "gunicorn"), "--config", "deploy/gunicorn.conf.py",
        "--bind", f"127.0.0.1:{port}", "tests.bench.bare_app:app",
    ], env, run_dir / "bare-flask.log")
    try:
        wait_http(f"http://127.0.0.1:{port}/ok", 30)
    except AssertionError:
        server.stop()
        raise RuntimeError("the bare Flask baseline did not start:\n" + server.log()) from None
    return server, port


def noop_worker_command() -> str:
    """The Procfile's notifier-worker line with our app, node name and queue swapped in, so the
    baseline worker gets exactly the services' worker flags (-c, -l, default prefork pool)."""
    command = procfile_commands()["notifier-worker"]
    for pattern, replacement in ((r"-A \S+", "-A tests.bench.noop"), (r"-n \S+", "-n bench@%h"),
                                 (r"-Q \S+", f"-Q {QUEUE}")):
        command, count = re.subn(pattern, replacement, command)
        if count != 1:
            raise RuntimeError(f"unexpected notifier-worker line in the Procfile: {command}")
    return command


def start_noop_worker(run_dir: Path, env: dict[str, str]) -> Background:
    return Background("bench-worker", ["/bin/sh", "-c", noop_worker_command()], env,
                      run_dir / "bench-worker.log")


PROBLEM = re.compile(r"Traceback|\bERROR\b|\bCRITICAL\b|\bWARNING\b|exited with code")


def problems(text: str, limit: int = 12) -> tuple[int, list[str]]:
    """Log lines that look like trouble: how many, and the first few."""
    lines = [line for line in text.splitlines() if PROBLEM.search(line)]
    return len(lines), lines[:limit]
