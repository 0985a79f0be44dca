"""The pure data reader (``dashboard/reader.py``): no Streamlit, damaged files named as such, bugs left as bugs."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from dashboard import reader
from etl.paths import ROOT


def test_the_reader_runs_without_streamlit():
    code = "import sys, dashboard.reader; assert 'streamlit' not in sys.modules, sorted(sys.modules)[:5]"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_a_damaged_parquet_file_is_named_and_the_fix_given(built_data, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(built_data, folder)
    (folder / "cities.parquet").write_bytes(b"PAR1 not a parquet file PAR1")
    with pytest.raises(reader.DataUnavailable) as caught:
        reader.read_table(folder, "cities")
    assert "cities.parquet is damaged" in str(caught.value) and "make etl" in str(caught.value)


def test_a_bug_while_reading_is_not_called_damaged_data(built_data, monkeypatch):
    def broken(*args, **kwargs):
        raise TypeError("a bug in the reader")

    monkeypatch.setattr(pq, "read_table", broken)
    with pytest.raises(TypeError, match="a bug in the reader"):
        reader.read_table(built_data, "cities")


def test_an_unknown_table_is_a_bug_in_the_caller(built_data):
    with pytest.raises(KeyError):
        reader.read_table(built_data, "no_such_table")


def test_freshness_says_when_and_which_data(built_data, monkeypatch):
    """The words come from words.toml ("refreshed" after a recorded refresh); the stamp is the data's short hash."""
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(built_data))
    fresh = reader.freshness(reader.read_snapshot())
    assert set(fresh) == {"written", "stamp", "article_sha256"}  # no "rows": nothing showed it
    assert fresh["written"].startswith("20") and fresh["written"].endswith(" UTC")
    assert len(fresh["stamp"]) == 8 and int(fresh["stamp"], 16) >= 0
