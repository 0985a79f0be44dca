"""``python -m dashboard.export`` in a subprocess, for tests, devtools and benchmarks: one way to run it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from etl.paths import ROOT


def run(out: Path, *args: str, data_dir: Path | None = None, timeout: float | None = 300):
    """The export into ``out`` with ``args``, on ``data_dir`` (``DASHBOARD_DATA_DIR``) when given; its
    ``CompletedProcess``, output captured as text. The caller decides what a failure means."""
    env = {**os.environ} | ({"DASHBOARD_DATA_DIR": str(data_dir)} if data_dir is not None else {})
    return subprocess.run(
        [sys.executable, "-m", "dashboard.export", "--out", str(out), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )
