"""The benchmark harness runs end to end (N=1). A smoke test: no timing is asserted here."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from etl.paths import ROOT

pytestmark = pytest.mark.browser


def test_harness_runs_and_reports_every_measure(tmp_path):
    out, raw = tmp_path / "BENCHMARKS.md", tmp_path / "raw.json"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks",
            "-n",
            "1",
            "--scale",
            "8",
            "--sessions",
            "2",
            "--export-only",
            "map",
            "--phone-cpu",
            "1",  # the phone step's wiring only: the real run slows the CPU 4×
            "--out",
            str(out),
            "--json",
            str(raw),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    text = out.read_text()
    for row in (
        "| overview |",
        "| map |",
        "| senate-vote |",
        "| timeline |",
        "| article |",
        "*baseline*",
        "cold server start",
        "`python -m etl`",
        "after 2 sessions",
        "static site",
        "Figure JSON",
        "ms per article",
        "Static site on phones",
        "| index.html |",
        "static ÷ app",
    ):
        assert row in text, row
    numbers = json.loads(raw.read_text())
    assert len(numbers["baseline"]) == 5 and all(v > 0 for v in numbers["baseline"])
    assert set(numbers["pages"]) == {"overview", "map", "senate-vote", "timeline", "article"}
    assert numbers["json_kb"]["map"] > 10  # the map's outlines are really sent
    assert sorted(int(n) for n in numbers["scale"]["seconds"]) == [1, 2, 4, 8]
    assert numbers["export_charts"] == ["map"]
    assert len(numbers["phone_static"]) == len(numbers["phone_app"]) == 1 and numbers["phone_cpu"] == 1
    assert 0 < numbers["site_bytes"]["index.html"]["narrow"] <= 1_500_000
    assert numbers["rss_10"] > 0 and numbers["export_site"] > 0 and numbers["export_png"] > 0
