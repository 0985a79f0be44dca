"""Every path the project uses, built from the repository root and overridable by environment variables."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _env_path(var: str, default: Path) -> Path:
    value = os.environ.get(var)
    return Path(value).resolve() if value else default


SEEDS_DIR = _env_path("ETL_SEEDS_DIR", ROOT / "seeds")
DATA_DIR = _env_path("DASHBOARD_DATA_DIR", ROOT / "data")
REFERENCE_DIR = _env_path("ETL_REFERENCE_DIR", ROOT / "etl" / "reference")


def previous_of(out: Path) -> Path:
    """Where a refresh parks the old output while it swaps in the new one (see etl.write)."""
    return out.with_name(f".{out.name}.previous")


def lock_of(out: Path) -> Path:
    """The empty file a refresh locks so that two refreshes of one output never interleave."""
    return out.with_name(f".{out.name}.lock")


# When the output was last written: a side file inside it, outside the deterministic contract and not committed.
REFRESH_RECORD = ".last-refresh.json"


def display(path: Path) -> str:
    """A path as a reader wants it in a message: relative to the repository when it is inside it."""
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)
