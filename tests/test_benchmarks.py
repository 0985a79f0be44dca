"""The benchmark harness runs end to end on its smallest setting (one page, one load, up to four synthetic articles, the
map's PNGs only) and reports every measure with real values. A smoke test: no timing is asserted here. It runs the
whole harness (a minute), so ``make bench`` runs it before measuring, and ``make test`` leaves it out."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from etl.paths import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.bench]


def test_harness_runs_and_reports_every_measure(tmp_path):
    out, raw = tmp_path / "BENCHMARKS.md", tmp_path / "raw.json"
    args = ["-n", "1", "--pages", "map", "--scale", "4", "--sessions", "2", "--export-only", "map", "--no-svg"]
    args += ["--phone-cpu", "1"]  # the phone step's wiring only: the real run slows the CPU 4×
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", *args, "--out", str(out), "--json", str(raw)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    text = out.read_text()
    for row in (
        "| map |",
        "*baseline*",
        "return visit",
        "after another page",
        "server CPU s / view",
        "views/s",
        "cold server start",
        "`python -m etl`",
        "after 2 sessions",
        "static site",
        "Figure JSON",
        "ms per article",
        "Static site on phones",
        "| index.html |",
        "static ÷ app",
        "How sure this run is",
    ):
        assert row in text, row
    numbers = json.loads(raw.read_text())
    assert set(numbers["pages"]) == set(numbers["returns"]) == set(numbers["cpu"]) == set(numbers["nexts"]) == {"map"}
    assert "| too few loads |" in text  # one load gives no interval
    assert numbers["paired_baseline"] == {"map": {"first": numbers["baseline"], "return": numbers["baseline_return"]}}
    assert numbers["nexts"]["map"][0] > 0  # the map, opened after the overview in the same browser
    assert len(numbers["baseline"]) == len(numbers["baseline_return"]) == 1 and numbers["baseline"][0] > 0
    assert 0 < numbers["cpu"]["map"][0] < 60 and 0 < numbers["baseline_cpu"][0] < 60  # CPU seconds, not ticks
    assert set(numbers["json_kb"]) == {"map"} and numbers["json_kb"]["map"] > 10  # the map's outlines are sent
    assert sorted(int(n) for n in numbers["scale"]["seconds"]) == [1, 2, 4]
    assert numbers["export_charts"] == ["map"] and numbers["export_svg"] == 0
    assert len(numbers["phone_static"]) == len(numbers["phone_app"]) == 1 and numbers["phone_cpu"] == 1
    index = numbers["site_bytes"]["index.html"]  # first paint: the page and its pictures; touched: Plotly too
    assert 0 < index["paint"]["narrow"] < 300_000 < 1_000_000 < index["touched"]["narrow"] <= 1_500_000
    assert numbers["rss_10"] > 0 and numbers["export_site"] > 0 and numbers["export_png"] > 0
