"""Fixtures of the training tests (imported by each training test module)."""

from __future__ import annotations

import pytest

from tests.support.training_world import TrainingWorld


@pytest.fixture
def world(platform):
    built = TrainingWorld(platform)
    yield built
    built.close()


@pytest.fixture
def world_any(platform_any):
    built = TrainingWorld(platform_any)
    yield built
    built.close()
