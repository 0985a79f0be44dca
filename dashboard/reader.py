"""The one place that knows the data folder: reading the data package (Parquet tables, its descriptor, the record
of the last refresh) and the chart credit (``Meta``). No Streamlit here: tests and the static export read with it;
``dashboard.data`` caches it for the app.

``DASHBOARD_DATA_DIR`` overrides the folder (default ``data/``). A missing, damaged or wrong-version folder becomes a
:class:`DataUnavailable` whose message says how to fix it; any other error is a bug and surfaces as one.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import json
import os
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from contract.tables import SCHEMA_VERSION, TABLES
from dashboard.meta import Meta
from dashboard.words import say


def _fix() -> str:
    """The command that rebuilds the data, as the messages name it."""
    return say("data.fix-command")


class DataUnavailable(Exception):
    """The data folder cannot be read; ``str()`` says why and how to fix it."""


def data_dir() -> Path:
    from contract.paths import ROOT, previous_of

    value = os.environ.get("DASHBOARD_DATA_DIR")
    folder = Path(value).resolve() if value else ROOT / "data"
    previous = previous_of(folder)  # a refresh is swapping folders right now: keep showing the old data
    return previous if not folder.exists() and previous.is_dir() else folder


def _version(folder: Path) -> tuple[float, int, float]:
    """Changes whenever a refresh replaces the folder (or its record of the last refresh): the cache key."""
    try:
        info = (folder / "datapackage.json").stat()
    except OSError:
        return (0.0, 0, 0.0)
    try:
        ran = (folder / ".last-refresh.json").stat().st_mtime
    except OSError:
        ran = 0.0
    return (info.st_mtime, info.st_size, ran)


def checked_descriptor(folder: Path) -> dict:
    """``datapackage.json``, checked to be readable and of this dashboard's schema version; otherwise a
    :class:`DataUnavailable` that says how to fix it. (The ETL's reader, for reuse, treats a bad file as none.)"""
    path = folder / "datapackage.json"
    if not folder.is_dir():
        raise DataUnavailable(say("data.no-folder", folder=folder, fix=_fix()))
    try:
        desc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataUnavailable(say("data.not-built", file=path.name, folder=folder, fix=_fix())) from None
    except (OSError, ValueError) as exc:
        raise DataUnavailable(say("data.unreadable", file=path.name, error=exc, fix=_fix())) from None
    if desc.get("schema_version") != SCHEMA_VERSION:
        raise DataUnavailable(
            say("data.schema", built=repr(desc.get("schema_version")), reads=repr(SCHEMA_VERSION), fix=_fix())
        )
    return desc


def read_table(folder: Path, name: str, raw: bytes | None = None) -> pd.DataFrame:
    """One table (from ``raw`` when the bytes are already read), checked against its declared columns."""
    if name not in TABLES:
        raise KeyError(f"Unknown table {name!r}")  # a bug in the caller, not damaged data
    path = folder / f"{name}.parquet"
    try:
        frame = pq.read_table(pa.BufferReader(raw) if raw is not None else path).to_pandas()
    except FileNotFoundError:
        raise DataUnavailable(say("data.missing", file=path.name, folder=folder, fix=_fix())) from None
    except (pa.ArrowException, OSError) as exc:  # what a truncated, overwritten or unreadable file raises
        raise DataUnavailable(say("data.damaged", file=path.name, error=type(exc).__name__, fix=_fix())) from None
    missing = [c for c in TABLES[name].columns if c not in frame.columns]
    if missing:
        raise DataUnavailable(say("data.columns", file=path.name, columns=", ".join(missing), fix=_fix()))
    return frame


def stamp(desc: dict) -> str:
    """A short hash of the data package: printed on every chart, so a pasted image can be traced back."""
    digest = hashlib.sha256(json.dumps(desc["resources"], sort_keys=True).encode()).hexdigest()
    return digest[:8]


def _meta(desc: dict, load: Callable[[str], pd.DataFrame]) -> Meta:
    """The credit of the newest article (by as-of date), the dates the articles span and how many reports they
    make (a chart of several reports credits them all), and the date of the newest fact the data holds."""
    articles = load("articles")
    ordered = articles.sort_values(["as_of", "article_id"], ascending=[False, True])
    newest, oldest = ordered.iloc[0], ordered.iloc[-1]
    several = len(articles) > 1
    return Meta(
        as_of=str(newest["as_of"]),
        stamp=stamp(desc),
        article_title=str(newest["title"]),
        as_of_inferred=bool(newest["as_of_inferred"]),
        data_as_of=data_as_of(articles, load("events"), load("votes")),
        n_articles=len(articles),
        first_as_of=str(oldest["as_of"]) if several else "",
        first_inferred=bool(oldest["as_of_inferred"]) if several else False,
    )


def data_as_of(articles: pd.DataFrame, events: pd.DataFrame, votes: pd.DataFrame) -> str:
    """The data's date for readers: the newest day it records (an event that happened, dated to the day, a vote, an
    article's as-of date). It follows from the data alone, so every build of the same data shows the same date; the
    hash (``stamp``) stays in the data package, for machines."""
    happened = events[(events["status"] == "happened") & (events["date_precision"] == "day")]
    if "charted" in happened:  # a fact kept off the charts (a mirror holds it alone) does not date the data
        happened = happened[happened["charted"].astype(bool)]
    days = [*happened["date_start"].astype(str), *votes["date"].astype(str), *articles["as_of"].astype(str)]
    return max(d[:10] for d in days if d and d != "nan")


def meta_from(folder: Path) -> Meta:
    return _meta(checked_descriptor(folder), lambda name: read_table(folder, name))


@dataclass(frozen=True)
class Snapshot:
    """One data package read whole: every table checked against the SHA-256 its ``datapackage.json`` records, the
    record of the last refresh, and the time the files were written. A page draws from one snapshot per run."""

    folder: Path
    desc: dict
    files: dict[str, bytes]  # table name -> Parquet bytes, as hashed in desc
    tables: dict[str, pd.DataFrame]
    refresh: dict | None
    written: float  # mtime of datapackage.json
    descriptor: bytes  # datapackage.json as written
    memo: dict = field(default_factory=dict, compare=False, repr=False)  # what is worked out from it: data.remembered

    @functools.cached_property
    def meta(self) -> Meta:
        """Computed once per snapshot (a snapshot never changes), not on every call of every run."""
        return _meta(self.desc, self.tables.__getitem__)


def _where() -> tuple[Path, tuple[float, int, float]]:
    folder = data_dir()
    return folder, _version(folder)


def read_snapshot(tries: int = 50) -> Snapshot:
    """Every table of the package in the data folder (or in ``.data.previous`` while a refresh swaps folders).
    When a refresh replaces the folder mid-read, a file vanishes or no longer matches its recorded hash: the read
    starts over on what is there now, so a reader gets the old package or the new one, never a mix. When nothing
    moved, the failure is the data's own (missing, damaged) and is reported."""
    for _ in range(tries):
        start = _where()
        here = start[0]
        try:
            desc = checked_descriptor(here)
            written = (here / "datapackage.json").stat().st_mtime
            descriptor = (here / "datapackage.json").read_bytes()
            if json.loads(descriptor) != desc:
                raise DataUnavailable(say("data.changed"))
            files = {}
            for r in desc["resources"]:
                path = here / r["path"]
                try:
                    raw = path.read_bytes()
                except FileNotFoundError:
                    raise DataUnavailable(say("data.missing", file=path.name, folder=here, fix=_fix())) from None
                if r.get("sha256") and hashlib.sha256(raw).hexdigest() != r["sha256"]:
                    raise DataUnavailable(say("data.hash", file=path.name, fix=_fix()))
                files[r["name"]] = raw
            tables = {name: read_table(here, name, files.get(name)) for name in TABLES}
            refresh = last_refresh(here)
        except (OSError, DataUnavailable) as exc:
            if _where() == start:
                raise exc if isinstance(exc, DataUnavailable) else DataUnavailable(str(exc)) from None
            time.sleep(0.05)  # a refresh moved the folder under us: read what is there now
            continue
        if _where() != start:
            continue
        return Snapshot(here, desc, files, tables, refresh, written, descriptor)
    raise DataUnavailable(say("data.kept-changing"))


def freshness(snap: Snapshot) -> dict:
    """When the ETL last wrote this package (its record of the last refresh; the tables hold no clock time), the
    data stamp and the article hashes. Data committed to git and never refreshed here has no record: then the
    files' time is shown, and said to be that."""
    desc, refresh = snap.desc, snap.refresh
    if refresh:
        written = say("freshness.refreshed", at=f"{refresh['finished_at']:%Y-%m-%d %H:%M UTC}")
    else:
        mtime = dt.datetime.fromtimestamp(snap.written, tz=dt.UTC)
        written = say("freshness.files-dated", at=f"{mtime:%Y-%m-%d %H:%M UTC}")
    articles = snap.tables["articles"]
    return {
        "written": written,
        "stamp": stamp(desc),
        "article_sha256": dict(zip(articles["article_id"], articles["sha256"], strict=True)),
    }


def last_refresh(folder: Path) -> dict | None:
    """What the last refresh here recorded (``.last-refresh.json``: when it finished, and the rows it added,
    removed and changed per table), or None when no refresh was recorded here (a fresh clone) or it is unreadable."""
    try:
        raw = json.loads((folder / ".last-refresh.json").read_text(encoding="utf-8"))
        finished = dt.datetime.fromisoformat(raw["finished_at"])
        changes = {
            str(t): {k: int(c.get(k, 0)) for k in ("added", "removed", "changed")}
            for t, c in (raw.get("changes") or {}).items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return {"finished_at": finished, "changes": changes}


def parquet_zip(files: dict[str, bytes], descriptor: bytes) -> bytes:
    """Every table's Parquet bytes and the descriptor as one zip."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, raw in files.items():
            z.writestr(f"{name}.parquet", raw)
        z.writestr("datapackage.json", descriptor)
    return buf.getvalue()


def folder_zip(folder: Path) -> bytes:
    files = {name: (folder / f"{name}.parquet").read_bytes() for name in TABLES}
    return parquet_zip(files, (folder / "datapackage.json").read_bytes())


def version_key() -> tuple[str, tuple[float, int, float]]:
    """(folder, version): what a cache keyed on the data must include."""
    folder = data_dir()
    return str(folder), _version(folder)
