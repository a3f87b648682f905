"""Where the CPU goes: the CPU time of the platform's processes, read from /proc, by Procfile
process, so that a figure per registration can say which stage spent it."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

PROC = Path("/proc")
TICKS = os.sysconf("SC_CLK_TCK")
LOAD = "load generator"  # this process: the client threads and the database polling


@dataclass(frozen=True)
class Process:
    pid: int
    parent: int
    label: str | None
    cpu_seconds: float  # user + system, so far


def label(command: str) -> str | None:
    """The Procfile process (or part of the platform) a command line belongs to; None when the
    command line does not say (a pool's child, a process honcho reads output with)."""
    if "redis-server" in command:
        return "redis"
    service = re.search(r"services\.(\w+)\.(app|worker)\b", command)
    if "gunicorn" in command and service:
        return f"{service.group(1)} web"
    if "celery" in command and " beat" in command:
        return "beat"
    if "celery" in command and service:
        bulk = "-Q notifier.bulk" in command
        return f"{service.group(1)} {'bulk worker' if bulk else 'worker'}"
    return None


def read_process(pid: int, proc: Path = PROC) -> Process | None:
    try:
        stat = (proc / str(pid) / "stat").read_text()
        command = (proc / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:  # gone meanwhile
        return None
    fields = stat.rsplit(")", 1)[1].split()  # after "pid (name)": state, ppid, ...
    return Process(pid, int(fields[1]), label(command),
                   (int(fields[11]) + int(fields[12])) / TICKS)


def tree(root: int, proc: Path = PROC) -> list[Process]:
    """`root` and every process under it, each labelled by its own command line, else as its
    parent is (a gunicorn worker, a pool's child), else as honcho (deploy/run.py itself and
    the processes honcho reads output with)."""
    every = [p for p in (read_process(int(entry.name), proc) for entry in proc.iterdir()
                         if entry.name.isdigit()) if p is not None]
    children: dict[int, list[Process]] = {}
    for process in every:
        children.setdefault(process.parent, []).append(process)
    found = [replace(p, label=p.label or "honcho") for p in every if p.pid == root]
    for parent in found:  # grows while it is walked, parents first
        found.extend(replace(child, label=child.label or parent.label)
                     for child in children.get(parent.pid, []))
    return found


def snapshot(root: int) -> dict[str, float]:
    """CPU seconds so far by label, for the tree under `root` and this process (LOAD)."""
    totals: dict[str, float] = {LOAD: time.process_time()}
    for process in tree(root):
        totals[process.label] = totals.get(process.label, 0.0) + process.cpu_seconds
    return totals


def per_item(before: Mapping[str, float], after: Mapping[str, float],
             items: int) -> dict[str, float]:
    """Milliseconds of CPU per item by label, largest first (labels that spent nothing left
    out). A process that started after `before` counts from zero."""
    spent = {name: (after[name] - before.get(name, 0.0)) * 1000 / items for name in after}
    return dict(sorted(((n, ms) for n, ms in spent.items() if ms >= 0.005),
                       key=lambda item: -item[1]))


def summary(costs: Mapping[str, float]) -> str:
    return ", ".join(f"{name} {ms:.2f}" for name, ms in costs.items())
