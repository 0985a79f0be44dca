"""Refreshes that collide or die: the output is never a mix, never half-written, and the next run cleans up."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys

from etl.paths import ROOT


def _consistent(out) -> None:
    """Every file the descriptor lists has the hash it records: the folder comes from one run."""
    desc = json.loads((out / "datapackage.json").read_text())
    for r in desc["resources"]:
        assert hashlib.sha256((out / r["path"]).read_bytes()).hexdigest() == r["sha256"], r["path"]


def test_a_held_lock_makes_the_second_refresh_fail_clearly(workspace, built_data):
    shutil.copytree(built_data, workspace.out)
    before = workspace.fingerprint()
    lock = workspace.out.with_name(f".{workspace.out.name}.lock")
    with lock.open("a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        workspace.edit("Twelve cities", "Thirteen cities")
        result = workspace.etl(ETL_LOCK_WAIT_S="1")
    assert result.returncode == 2
    assert "another refresh holds the lock for 1s" in result.stderr
    assert workspace.fingerprint() == before


def test_two_refreshes_at_once_wait_for_each_other(workspace):
    env = {**os.environ}
    cmd = [
        sys.executable,
        "-m",
        "etl",
        "--seeds",
        str(workspace.seeds),
        "--out",
        str(workspace.out),
        "--reference",
        str(workspace.reference),
    ]
    procs = [
        subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    _consistent(workspace.out)
    first = workspace.fingerprint()
    assert workspace.etl().returncode == 0
    assert workspace.fingerprint() == first  # what the pair left equals one clean run
    assert not list(workspace.root.glob(".data.building-*"))


def test_two_different_refreshes_never_mix(workspace):
    """One refresh of the original and one of an edited copy race for the same output folder."""
    other = workspace.root / "seeds-edited"
    shutil.copytree(workspace.seeds, other)
    article = other / "000_94e04342a6ea52d8.txt"
    article.write_text(article.read_text(encoding="utf-8").replace("a 50-48 vote", "a 51-47 vote"), encoding="utf-8")
    base = [sys.executable, "-m", "etl", "--out", str(workspace.out), "--reference", str(workspace.reference)]
    procs = [
        subprocess.Popen(
            [*base, "--seeds", str(s)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for s in (workspace.seeds, other)
    ]
    for p in procs:
        p.communicate(timeout=180)
        assert p.returncode == 0
    _consistent(workspace.out)
    tally = workspace.read("figures").query("kind == 'vote_tally'")["value"].tolist()
    articles = workspace.read("articles")["sha256"].tolist()
    expected = {
        "50-48": hashlib.sha256((workspace.seeds / article.name).read_bytes()).hexdigest(),
        "51-47": hashlib.sha256(article.read_bytes()).hexdigest(),
    }
    assert articles == [expected[tally[0]]]  # tables from one run only


def _crash(workspace, step: str):
    args = ["--seeds", str(workspace.seeds), "--out", str(workspace.out), "--reference", str(workspace.reference)]
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "crash_etl.py"), step, *args], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == -9, result.stderr  # killed
    return result


def test_killed_after_building_leaves_the_old_output_and_the_next_run_cleans_up(workspace, built_data):
    shutil.copytree(built_data, workspace.out)
    before = workspace.fingerprint()
    workspace.edit("Twelve cities", "Thirteen cities")
    _crash(workspace, "built")
    assert workspace.fingerprint() == before
    assert list(workspace.root.glob(".data.building-*"))  # the half-finished build is left behind...
    assert workspace.etl().returncode == 0
    assert not list(workspace.root.glob(".data.building-*"))  # ...and cleaned by the next run
    assert "Thirteen cities" in set(workspace.read("figures")["surface"])


def test_killed_between_the_renames_readers_see_the_old_output_and_the_next_run_restores_it(
    workspace, built_data, monkeypatch
):
    from dashboard import reader

    shutil.copytree(built_data, workspace.out)
    before = workspace.fingerprint()
    workspace.edit("Twelve cities", "Thirteen cities")
    _crash(workspace, "between-renames")
    assert not workspace.out.exists()
    previous = workspace.root / ".data.previous"
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(workspace.out))
    assert reader.data_dir() == previous  # the dashboard keeps reading the last good output
    assert len(reader.read_table(reader.data_dir(), "cities")) == 16
    result = workspace.etl("--check")  # --check restores, then compares
    assert result.returncode == 1 and workspace.out.exists()
    assert workspace.fingerprint() == before
    assert not previous.exists()
