"""The platform as tests run it: settings for in-process apps and for real subprocesses
(gunicorn, Celery workers, beat) started exactly as the Procfile starts them."""

from __future__ import annotations

import os
import secrets
import shlex
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("registry", "bazaar", "training", "notifier")
PYTHON = sys.executable
BIN = Path(PYTHON).parent


@dataclass
class PlatformConfig:
    var_dir: Path
    broker_url: str
    database_urls: dict[str, str]
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    internal_key: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    ports: dict[str, int] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def mail_dir(self) -> Path:
        return self.var_dir / "mail"

    @property
    def sms_dir(self) -> Path:
        return self.var_dir / "sms"

    def env(self) -> dict[str, str]:
        env = {
            **os.environ,
            "VAR_DIR": str(self.var_dir),
            "BROKER_URL": self.broker_url,
            "REDIS_URL": self.broker_url,
            "SECRET_KEY": self.secret_key,
            "INTERNAL_API_KEY": self.internal_key,
            "LOG_FORMAT": "text",
            "PYTHONUNBUFFERED": "1",
            # Fast clocks so that re-sends and retries happen within a test.
            "EVENT_ACK_TIMEOUT": "2",
            "EVENT_BACKOFF_MAX": "4",
            "RELAY_INTERVAL": "0.5",
            "RELAY_CLAIM": "3",
            "TICK_INTERVAL": "0.5",
            "NOTIFY_RETRY_BASE": "0.5",
            "NOTIFY_RETRY_MAX": "2",
            "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        }
        for service, url in self.database_urls.items():
            env[f"{service.upper()}_DATABASE_URL"] = url
        for service, port in self.ports.items():
            env[f"{service.upper()}_BIND"] = f"127.0.0.1:{port}"
            env[f"{service.upper()}_URL"] = f"http://localhost:{port}"
            env[f"{service.upper()}_INTERNAL_URL"] = f"http://127.0.0.1:{port}"
        env.update(self.extra)
        return env

    def app_config(self, service: str, **overrides) -> dict:
        """test_config for create_app(): the same settings, in-process."""
        config = {
            "TESTING": True,
            "VAR_DIR": str(self.var_dir),
            "DATABASE_URL": self.database_urls[service],
            "BROKER_URL": self.broker_url,
            "SECRET_KEY": self.secret_key,
            "INTERNAL_API_KEY": self.internal_key,
            "RELAY_NUDGE": False,
            "EVENT_ACK_TIMEOUT": 2.0,
            "EVENT_BACKOFF_MAX": 4.0,
            "RELAY_CLAIM": 3.0,
            "MAIL_SINK_DIR": str(self.mail_dir),
            "SMS_SINK_DIR": str(self.sms_dir),
            "NOTIFY_RETRY_BASE": 0.5,
            "NOTIFY_RETRY_MAX": 2.0,
            "LOG_FORMAT": "text",
        }
        if self.ports:
            config["SERVICE_URLS"] = {s: f"http://localhost:{p}" for s, p in self.ports.items()}
            config["INTERNAL_URLS"] = {s: f"http://127.0.0.1:{p}" for s, p in self.ports.items()}
        config.update(overrides)
        return config

    def settings(self, service: str, **overrides) -> dict:
        """The whole configuration a process of `service` would have, for its bootstrap()."""
        from services.kernel.config import service_config

        extra = None
        if service == "notifier":
            from services.notifier.settings import notifier_settings as extra
        return service_config(service, self.env(), extra) | self.app_config(service, **overrides)

    def migrate(self, services=SERVICES) -> None:
        from services.kernel.migrations import upgrade

        for service in services:
            upgrade(ROOT / "services" / service / "migrations", self.database_urls[service])


def procfile_commands() -> dict[str, str]:
    commands = {}
    for line in (ROOT / "deploy" / "Procfile").read_text().splitlines():
        name, sep, command = line.partition(":")
        if sep and not line.startswith("#"):
            commands[name.strip()] = command.strip()
    return commands


class Processes:
    """Starts Procfile entries as subprocesses, each with its own log file."""

    def __init__(self, config: PlatformConfig):
        self.config = config
        self.running: dict[str, subprocess.Popen] = {}
        self.logs = config.var_dir / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)

    def start(self, name: str, command: str | None = None, **env_overrides) -> subprocess.Popen:
        command = command or procfile_commands()[name]
        env = {**self.config.env(), **env_overrides}
        log = (self.logs / f"{name}.log").open("ab")
        process = subprocess.Popen(
            ["/bin/sh", "-c", command], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.running[name] = process
        return process

    def start_worker(self, service: str, pool: str = "solo") -> subprocess.Popen:
        command = procfile_commands()[f"{service}-worker"]
        command += f" -P {shlex.quote(pool)}" if pool else ""
        return self.start(f"{service}-worker", command)

    def stop(self, name: str, sig: int = signal.SIGTERM, timeout: float = 15) -> None:
        process = self.running.pop(name, None)
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def stop_all(self) -> None:
        for name in list(self.running):
            self.stop(name)

    def log(self, name: str) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""


def wait_for(predicate, timeout: float = 20.0, interval: float = 0.1, message: str = ""):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = predicate()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {message or predicate}: {last!r}")


def wait_http(url: str, timeout: float = 30.0) -> None:
    def up():
        try:
            return requests.get(url, timeout=1).status_code == 200
        except requests.RequestException:
            return False

    wait_for(up, timeout, 0.2, url)
