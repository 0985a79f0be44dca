"""The app's side of the data: one cached read of the data package per version (``dashboard.reader`` does the
reading), pinned for each page run, and the message a page shows when the data cannot be read.

Code without Streamlit (the export, tests, benchmarks) reads the data with ``dashboard.reader`` directly.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

import pandas as pd
import streamlit as st

from dashboard.meta import Meta
from dashboard.reader import DataUnavailable, Snapshot, parquet_zip, read_snapshot, stamp, version_key
from dashboard.words import say

T = TypeVar("T")


@st.cache_resource(show_spinner=False, max_entries=4)
def _load_snapshot(folder: str, version: tuple[float, int, float]) -> Snapshot:
    """Shared by every session (never mutated: :func:`table` hands out copies)."""
    return read_snapshot()


def load_snapshot() -> Snapshot:
    """The current data package, read once per version and shared by every session."""
    return _load_snapshot(*version_key())


_PINNED = "_data_snapshot"  # session state: the snapshot of the session's last full run


def pin() -> Snapshot:
    """Take the current data package for this script run: every table, chart and number the run draws comes from
    it, even when a refresh swaps the folder halfway through the page. A chart redrawn alone later (a fragment
    rerun, when its box reports a new width) draws from the same package as the page around it. Stops the page
    when the data cannot be read."""
    try:
        st.session_state[_PINNED] = load_snapshot()
    except DataUnavailable as exc:
        st.session_state.pop(_PINNED, None)
        stop(exc)
        raise
    return st.session_state[_PINNED]


def snapshot() -> Snapshot:
    """The snapshot pinned by this session's last full run (pinned now when there is none)."""
    return st.session_state.get(_PINNED) or pin()


MEMO_ENTRIES = 512  # per data package: the content of that many blocks (each block once per set of choices)
_MEMO_LOCK = threading.Lock()
_MISSING = object()


def remembered(key: tuple, make: Callable[[], T]) -> T:
    """What ``make()`` returns from this run's data package, worked out once per package and ``key`` and then shared
    by every session. ``key`` holds everything the result depends on besides the data (a page, a block, the
    reader's choices); the result is never changed by whoever gets it. A new package starts empty, so nothing
    outlives the data it came from. Two sessions asking at once may both work it out; one result is kept."""
    memo = snapshot().memo
    if (value := memo.get(key, _MISSING)) is not _MISSING:
        return value
    value = make()
    with _MEMO_LOCK:
        memo[key] = value
        while len(memo) > MEMO_ENTRIES:
            del memo[next(iter(memo))]  # the oldest
    return value


def table(name: str) -> pd.DataFrame:
    """A table of this run's data package (a copy: pages may change it freely)."""
    return snapshot().tables[name].copy()


def meta() -> Meta:
    """The chart credit of this run's data package."""
    return snapshot().meta


@st.cache_resource(show_spinner=False, max_entries=4)
def _zip(stamp_: str, _snap: Snapshot) -> bytes:
    return parquet_zip(_snap.files, _snap.descriptor)


def zip_maker() -> Callable[[], bytes]:
    """All Parquet files and the descriptor as one zip, for a download made when the reader clicks: built then,
    from this run's data package, once per package (not on every rerun)."""
    snap = snapshot()
    return lambda: _zip(stamp(snap.desc), snap)


def stop(exc: Exception) -> None:
    st.error(say("data.cannot-read", reason=exc), icon="⚠️")
    st.stop()
