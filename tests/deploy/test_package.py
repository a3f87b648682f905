"""The installed package (what the image gets from `pip install .`) carries every file the
services need at run time: templates, translations, static files and reference data."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Compiled at install time (Makefile, Dockerfile) or written by Python itself.
NOT_SHIPPED_FROM_GIT = (".pyc",)


def tracked(folder: str) -> list[str]:
    out = subprocess.run(["git", "ls-files", folder], cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        pytest.skip("not a git checkout")
    return out.stdout.split()


def test_the_wheel_holds_every_tracked_file_under_services(tmp_path):
    source = tmp_path / "src"
    for name in [*tracked("services"), "pyproject.toml", "README.md"]:
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
         "--disable-pip-version-check", "-w", str(tmp_path / "dist"), str(source)],
        capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())

    missing = [name for name in tracked("services")
               if name not in shipped and not name.endswith(NOT_SHIPPED_FROM_GIT)]

    assert missing == []
    assert "services/notifier/templates/messages/id/umkm.registered/sms.txt" in shipped
