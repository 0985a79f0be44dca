"""Data folders with several articles, for the tests, screenshots and the refresh-while-reading check: the
committed seeds plus the follow-up TEST article of ``tests/articles/`` (never a seed), built by the real CLI."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from etl.paths import ROOT, SEEDS_DIR

FOLLOW_UP = ROOT / "tests" / "articles" / "followup_2017-09-26"  # .txt + .toml sidecar


def seeds(root: Path, *, follow_up: bool = True) -> Path:
    """``root/seeds``: a copy of ``seeds/``, with or without the follow-up (the folder is rewritten)."""
    folder = root / "seeds"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(SEEDS_DIR, folder)
    if follow_up:
        for suffix in (".txt", ".toml"):
            shutil.copy(FOLLOW_UP.with_suffix(suffix), folder)
    return folder


def refresh(seeds_dir: Path, out: Path) -> subprocess.CompletedProcess:
    """``python -m etl --seeds ... --out ...``, as a person refreshing by hand would run it."""
    cmd = [sys.executable, "-m", "etl", "--seeds", str(seeds_dir), "--out", str(out)]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)


def build(root: Path, *, follow_up: bool = True) -> Path:
    """``root/out`` built from the seed (and the follow-up); raises with the ETL's message when it fails."""
    result = refresh(seeds(root, follow_up=follow_up), root / "out")
    if result.returncode:
        raise RuntimeError(result.stderr or result.stdout)
    return root / "out"
