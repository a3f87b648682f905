"""The whole platform started the way `make run` starts it (deploy/run.py), on free ports."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import requests
from redis_local import free_port

from tests.support.platform import BIN, PYTHON, ROOT, SERVICES, wait_for


@dataclass
class LivePlatform:
    process: subprocess.Popen
    var_dir: Path
    ports: dict[str, int]
    admin_email: str
    admin_password: str
    output: Path

    def url(self, service: str) -> str:
        return f"http://localhost:{self.ports[service]}"

    def token(self) -> str:
        response = requests.post(self.url("registry") + "/api/v1/auth/token", json={
            "email": self.admin_email, "password": self.admin_password}, timeout=10)
        response.raise_for_status()
        return response.json()["access_token"]

    def log(self) -> str:
        return self.output.read_text(errors="replace")

    def stop(self, timeout: float = 30) -> int:
        """Ctrl-C, as a person at the terminal would."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        return self.process.returncode


def start_live_platform(var_dir: Path, admin_password: str = "kata-sandi-e2e-123",
                        give_password: bool = True, **extra_env: str) -> LivePlatform:
    """`admin_password` is the admin's; give_password=False starts without ADMIN_PASSWORD (as
    a later `make run` whose admin an earlier start created)."""
    ports = {service: free_port() for service in SERVICES}
    env = {k: v for k, v in os.environ.items()
           if not k.endswith(("_DATABASE_URL", "_URL", "_BIND")) and k not in
           ("BROKER_URL", "REDIS_URL", "SECRET_KEY", "INTERNAL_API_KEY")}
    env.update({
        "VAR_DIR": str(var_dir),
        "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0",  # nothing there: run.py starts one
        "ADMIN_EMAIL": "admin@e2e.example.id",
        "ADMIN_PASSWORD": admin_password,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "WEB_WORKERS": "1",
        "WORKER_CONCURRENCY": "1",
    })
    for service, port in ports.items():
        env[f"{service.upper()}_BIND"] = f"127.0.0.1:{port}"
        env[f"{service.upper()}_URL"] = f"http://localhost:{port}"
        env[f"{service.upper()}_INTERNAL_URL"] = f"http://127.0.0.1:{port}"
    env.update(extra_env)
    if not give_password:
        del env["ADMIN_PASSWORD"]
    var_dir.mkdir(parents=True, exist_ok=True)
    output = var_dir / "run.log"
    process = subprocess.Popen(
        [PYTHON, str(ROOT / "deploy" / "run.py")], cwd=ROOT, env=env,
        stdout=output.open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
    )
    live = LivePlatform(process, var_dir, ports, env["ADMIN_EMAIL"], admin_password, output)
    try:
        wait_for(lambda: "Metro UMKM is running" in live.log() or process.poll() is not None,
                 120, 0.3, "make run to print its banner")
        if process.poll() is not None:
            raise AssertionError("make run exited:\n" + live.log()[-5000:])
    except AssertionError:
        live.stop()
        raise
    time.sleep(1)  # workers finish connecting to the broker
    return live
