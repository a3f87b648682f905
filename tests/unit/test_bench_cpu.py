"""The benchmark's CPU reading: every Procfile process gets its own label, and a process tree's
CPU time, read from /proc, lands on the process that spent it."""

import subprocess
import sys
import time

from tests.bench import cpu
from tests.support.platform import procfile_commands

EXPECTED = {
    "registry": "registry web", "bazaar": "bazaar web", "training": "training web",
    "notifier": "notifier web", "registry-worker": "registry worker",
    "bazaar-worker": "bazaar worker", "training-worker": "training worker",
    "notifier-worker": "notifier worker", "notifier-bulk-worker": "notifier bulk worker",
    "beat": "beat",
}


def test_every_procfile_process_has_a_label_of_its_own():
    commands = procfile_commands()
    assert set(commands) == set(EXPECTED)
    for name, command in commands.items():
        assert cpu.label(command.removeprefix("exec ")) == EXPECTED[name], name
    assert cpu.label("/usr/bin/redis-server 127.0.0.1:6390") == "redis"
    assert cpu.label("/usr/bin/python deploy/run.py") is None


# A "bazaar worker" (by its command line) whose child, with a command line that says nothing,
# burns 0.4 s of CPU, says "done" and waits; the parent only waits. Both end when stdin closes.
PARENT = """
import subprocess, sys
child = subprocess.Popen([sys.executable, "-c", "import sys, time\\n"
    "end = time.process_time() + float(sys.argv[1])\\n"
    "while time.process_time() < end: pass\\n"
    "print('done', flush=True)\\n"
    "sys.stdin.read()", "0.4"], stdout=sys.stdout, stdin=subprocess.PIPE)
sys.stdin.read()
child.stdin.close()
child.wait()
"""


def test_a_childs_cpu_counts_for_the_process_it_runs_under():
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, "celery", "-A", "services.bazaar.worker", "worker"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        time.sleep(0.2)  # both started, the child busy
        before = cpu.snapshot(parent.pid)
        assert parent.stdout.readline().strip() == "done"  # the child spent its 0.4 s
        after = cpu.snapshot(parent.pid)
        labels = {p.label for p in cpu.tree(parent.pid)}
        assert labels == {"bazaar worker"}  # the child has no label of its own
        costs = cpu.per_item(before, after, items=2)
        assert 0.1 * 1000 / 2 <= costs["bazaar worker"] <= 0.6 * 1000 / 2  # ms per item
        assert next(iter(costs)) == "bazaar worker"  # largest first
        assert cpu.summary(costs).startswith("bazaar worker ")
    finally:
        parent.stdin.close()
        parent.wait(10)
