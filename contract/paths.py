"""Where the data package lives, for the half that writes it and the half that reads it."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def env_path(var: str, default: Path) -> Path:
    """A folder from an environment variable, else the default."""
    value = os.environ.get(var)
    return Path(value).resolve() if value else default


DATA_DIR = env_path("DASHBOARD_DATA_DIR", ROOT / "data")

# When the output was last written: a side file inside it, outside the deterministic contract and not committed.
REFRESH_RECORD = ".last-refresh.json"


def previous_of(out: Path) -> Path:
    """Where a refresh parks the old output while it swaps in the new one (see etl.write); readers fall back to it."""
    return out.with_name(f".{out.name}.previous")
