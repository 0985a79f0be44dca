"""The one place that knows the data folder: cached Parquet loaders and the chart credit (``Meta``).

``DASHBOARD_DATA_DIR`` overrides the folder (default ``data/``). Reading never raises into a page: a missing,
corrupt or wrong-version folder becomes a :class:`DataUnavailable` with a message that names the fix.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import zipfile
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import streamlit as st

from dashboard.meta import Meta
from etl.schema import SCHEMA_VERSION, TABLES

REFRESH = "make etl  (or: python -m etl)"


class DataUnavailable(Exception):
    """The data folder cannot be read; ``str()`` says why and how to fix it."""


def data_dir() -> Path:
    from etl.paths import ROOT, previous_of

    value = os.environ.get("DASHBOARD_DATA_DIR")
    folder = Path(value).resolve() if value else ROOT / "data"
    previous = previous_of(folder)  # a refresh is swapping folders right now: keep showing the old data
    return previous if not folder.exists() and previous.is_dir() else folder


def _version(folder: Path) -> tuple[float, int]:
    """Changes whenever a refresh replaces the folder: used as the cache key."""
    desc = folder / "datapackage.json"
    try:
        info = desc.stat()
    except OSError:
        return (0.0, 0)
    return (info.st_mtime, info.st_size)


def checked_descriptor(folder: Path) -> dict:
    """``datapackage.json``, checked to be readable and of this dashboard's schema version; otherwise a
    :class:`DataUnavailable` that says how to fix it. (The ETL's reader, for reuse, treats a bad file as none.)"""
    path = folder / "datapackage.json"
    if not folder.is_dir():
        raise DataUnavailable(f"The data folder {folder} does not exist. Build it with: {REFRESH}")
    try:
        desc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataUnavailable(
            f"{path.name} is missing in {folder}: the data has not been built. Run: {REFRESH}"
        ) from None
    except (OSError, ValueError) as exc:
        raise DataUnavailable(f"{path.name} is unreadable ({exc}). Rebuild it with: {REFRESH}") from None
    if desc.get("schema_version") != SCHEMA_VERSION:
        raise DataUnavailable(
            f"The data was built for schema version {desc.get('schema_version')!r}; this "
            f"dashboard reads version {SCHEMA_VERSION!r}. Rebuild it with: {REFRESH}"
        )
    return desc


def read_table(folder: Path, name: str) -> pd.DataFrame:
    """One table, checked against its declared columns."""
    if name not in TABLES:
        raise DataUnavailable(f"Unknown table {name!r}.")
    path = folder / f"{name}.parquet"
    try:
        frame = pq.read_table(path).to_pandas()
    except FileNotFoundError:
        raise DataUnavailable(f"{path.name} is missing from {folder}. Rebuild the data with: {REFRESH}") from None
    except Exception as exc:
        raise DataUnavailable(
            f"{path.name} is damaged ({type(exc).__name__}). Rebuild the data with: {REFRESH}"
        ) from None
    missing = [c for c in TABLES[name].columns if c not in frame.columns]
    if missing:
        raise DataUnavailable(
            f"{path.name} lacks column(s) {', '.join(missing)}: it was written by another "
            f"version. Rebuild the data with: {REFRESH}"
        )
    return frame


def stamp(desc: dict) -> str:
    """A short hash of the data package: printed on every chart, so a pasted image can be traced back."""
    digest = hashlib.sha256(json.dumps(desc["resources"], sort_keys=True).encode()).hexdigest()
    return digest[:8]


def meta_from(folder: Path) -> Meta:
    desc = checked_descriptor(folder)
    articles = read_table(folder, "articles")
    return Meta(as_of=str(articles["as_of"].max()), stamp=stamp(desc), article_title=str(articles["title"].iloc[0]))


def freshness(folder: Path) -> dict:
    """When the ETL last wrote this folder (its stamp file; the tables hold no clock time), and the hashes. Data
    committed to git and never refreshed here has no stamp: then the files' time is shown, and said to be that."""
    desc = checked_descriptor(folder)
    try:
        stamp_file = json.loads((folder / ".last-refresh.json").read_text(encoding="utf-8"))
        ran = dt.datetime.fromisoformat(stamp_file["finished_at"]).strftime("%Y-%m-%d %H:%M UTC")
        written = f"ETL run {ran}"
    except (OSError, ValueError, KeyError):
        mtime = dt.datetime.fromtimestamp((folder / "datapackage.json").stat().st_mtime, tz=dt.UTC)
        written = f"files dated {mtime:%Y-%m-%d %H:%M UTC} (no refresh recorded here)"
    articles = read_table(folder, "articles")
    return {
        "written": written,
        "stamp": stamp(desc),
        "article_sha256": str(articles["sha256"].iloc[0]),
        "rows": {r["name"]: r["rows"] for r in desc["resources"]},
    }


def parquet_zip(folder: Path) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in TABLES:
            z.write(folder / f"{name}.parquet", f"{name}.parquet")
        z.write(folder / "datapackage.json", "datapackage.json")
    return buf.getvalue()


# --- Streamlit side: cached wrappers over the pure readers above. ---


@st.cache_data(show_spinner=False, max_entries=64)
def _load_table(folder: str, name: str, version: tuple[float, int]) -> pd.DataFrame:
    checked_descriptor(Path(folder))  # schema version checked once per data version, not on every rerun
    return read_table(Path(folder), name)


@st.cache_data(show_spinner=False, max_entries=8)
def _load_meta(folder: str, version: tuple[float, int]) -> Meta:
    return meta_from(Path(folder))


def version_key() -> tuple[str, tuple[float, int]]:
    """(folder, version): what a cache keyed on the data must include."""
    folder = data_dir()
    return str(folder), _version(folder)


def table(name: str) -> pd.DataFrame:
    """A table for a page; on failure shows the reason and the refresh command, then stops the page."""
    folder = data_dir()
    try:
        return _load_table(str(folder), name, _version(folder))
    except DataUnavailable as exc:
        stop(exc)
        raise


def meta() -> Meta:
    """The chart credit for this data folder (stops the page when the data cannot be read)."""
    folder = data_dir()
    try:
        return _load_meta(str(folder), _version(folder))
    except DataUnavailable as exc:
        stop(exc)
        raise


@st.cache_data(show_spinner=False, max_entries=4)
def _zip(folder: str, version: tuple[float, int]) -> bytes:
    return parquet_zip(Path(folder))


def download_zip() -> bytes:
    """All Parquet files and the descriptor as one zip, built once per data version (not on every rerun)."""
    folder = data_dir()
    return _zip(str(folder), _version(folder))


def stop(exc: Exception) -> None:
    st.error(f"**The dashboard's data cannot be read.** {exc}", icon="⚠️")
    st.stop()
