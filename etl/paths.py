"""Every path the ETL uses, built from the repository root and overridable by environment variables."""

from __future__ import annotations

from pathlib import Path

from contract.paths import DATA_DIR, REFRESH_RECORD, ROOT, env_path, previous_of  # noqa: F401 - shared with readers

SEEDS_DIR = env_path("ETL_SEEDS_DIR", ROOT / "seeds")
REFERENCE_DIR = env_path("ETL_REFERENCE_DIR", ROOT / "etl" / "reference")


def lock_of(out: Path) -> Path:
    """The empty file a refresh locks so that two refreshes of one output never interleave."""
    return out.with_name(f".{out.name}.lock")


def display(path: Path) -> str:
    """A path as a reader wants it in a message: relative to the repository when it is inside it."""
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)
