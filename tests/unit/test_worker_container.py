"""A worker builds its service once per process: its pool's threads share that one container."""

import os
import threading
import time

from services.kernel.worker import ContainerHolder


class CountingBuild:
    """A build slow enough that threads asking together would each start one without a lock."""

    def __init__(self):
        self.built: list[object] = []

    def __call__(self) -> object:
        time.sleep(0.05)
        container = object()
        self.built.append(container)
        return container


def test_threads_asking_together_share_one_container():
    build = CountingBuild()
    holder = ContainerHolder(build)
    start = threading.Barrier(8)
    seen: list[object] = []

    def ask() -> None:
        start.wait()
        seen.append(holder())

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(build.built) == 1
    assert seen == [build.built[0]] * 8


def test_a_forked_child_builds_its_own_container():
    build = CountingBuild()
    holder = ContainerHolder(build)
    parent = holder()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: a new process must not use the parent's engines
        child = holder()
        os.write(write, b"own" if child is not parent and len(build.built) == 2 else b"shared")
        os._exit(0)
    os.close(write)
    answer = os.read(read, 16)
    os.waitpid(pid, 0)
    assert answer == b"own"
    assert holder() is parent and len(build.built) == 1
