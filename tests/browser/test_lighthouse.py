"""Lighthouse 12 (npm, pinned in package-lock.json), mobile preset, on every static page of the published export
and on the map's embed page (every embed page is the one template around one chart; axe checks each of them, in
tests/browser/test_a11y.py), in one Chromium: one line per page with the four scores, CLS, LCP and TBT. Accessibility,
best practices and SEO must be 100 and CLS at most 0.02; performance is recorded in BENCHMARKS.md, not asserted
(it moves with the machine's load)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from dashboard import embed, spec
from etl.paths import ROOT
from tests.browser.published import BASE_URL, published_site

pytestmark = pytest.mark.browser
SCRIPT = ROOT / "tests" / "browser" / "lighthouse.mjs"
STABLE = ("accessibility", "best-practices", "seo")
MAX_CLS = 0.02


EMBED = "map"  # the embed page Lighthouse scores: the heaviest chart in the template every embed page shares


def pages() -> list[str]:
    return [p.site_file for p in spec.PAGES] + [embed.embed_file(EMBED)]


@pytest.fixture(scope="module")
def reports(tmp_path_factory, built_data) -> dict[str, dict]:
    if shutil.which("node") is None or not (ROOT / "node_modules" / "lighthouse").is_dir():
        pytest.fail("Lighthouse is not installed: run `npm ci` (make test-deps does)")
    published_site(tmp_path_factory, built_data)
    done = subprocess.run(
        ["node", str(SCRIPT), *(BASE_URL + p for p in pages())],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROMIUM", "/usr/bin/chromium")},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = {}
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            r = json.loads(line)
            out[r["url"].removeprefix(BASE_URL)] = r
    print()
    for name, r in out.items():
        s = r["scores"]
        print(
            f"lighthouse {name:<28} perf {s['performance']:>3}  a11y {s['accessibility']:>3}  "
            f"bp {s['best-practices']:>3}  seo {s['seo']:>3}  CLS {r['cls']:.3f}  LCP {r['lcp'] / 1000:.1f} s  "
            f"TBT {r['tbt']:.0f} ms"
        )
    return out


def test_every_page_scores_100_where_stable_and_does_not_shift(reports):
    assert sorted(reports) == sorted(pages())
    for name, r in reports.items():
        assert r["error"] is None, (name, r["error"])
        for category in STABLE:
            assert r["scores"][category] == 100, (name, category, r["failed"][category])
        assert r["cls"] <= MAX_CLS, (name, r["cls"])
