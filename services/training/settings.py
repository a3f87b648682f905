"""The training service's own settings (environment variables with safe defaults)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from services.kernel.config import env_int

DEFAULT_UPLOAD_MAX_BYTES = 10 * 1024 * 1024


def training_settings(environ: Mapping[str, str]) -> dict:
    return {
        # Signed BAST scans and visit photos; default <VAR_DIR>/uploads/training.
        "TRAINING_UPLOAD_DIR": environ.get("TRAINING_UPLOAD_DIR") or None,
        "TRAINING_UPLOAD_MAX_BYTES": env_int(environ, "TRAINING_UPLOAD_MAX_BYTES",
                                             DEFAULT_UPLOAD_MAX_BYTES),
        "DEPARTMENT_NAME": environ.get("DEPARTMENT_NAME") or "Diskoperin Kota Metro",
    }


def upload_dir(config: Mapping) -> Path:
    return Path(config.get("TRAINING_UPLOAD_DIR")
                or Path(config["VAR_DIR"]) / "uploads" / "training")
