"""axe-core (through axe-playwright-python) on every app page and every static page, at 1400x1000 and 390x844, and
on every embed page (the one chart a newsroom's page frames), limited to WCAG 2.1 A and AA: no violations. A failure
lists each rule, its impact, what it asks for and the first elements it found, with the page they are on."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from dashboard import embed, spec
from devtools import legibility

pytestmark = pytest.mark.browser

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
SIZES = [(1400, 1000), (390, 844)]
SHOWN = 3  # elements listed per violation


@pytest.fixture(scope="session")
def static_site(tmp_path_factory, built_data) -> Path:
    """The static site exported once per session (test_legibility shares the same folder)."""
    return legibility.export_site(tmp_path_factory.getbasetemp() / "static-export", built_data)


def describe(where: str, violation: dict) -> str:
    nodes = violation["nodes"]
    lines = [f"{where}: {violation['id']} ({violation['impact']}) {violation['help']} — {len(nodes)} element(s)"]
    for node in nodes[:SHOWN]:
        html = " ".join(node.get("html", "").split())
        why = " ".join((node.get("failureSummary") or "").split())
        lines.append(f"    {', '.join(map(str, node['target']))}  {html[:160]}")
        if why:
            lines.append(f"      {why[:300]}")
    return "\n".join(lines)


# Every page once per renderer at the desktop size; the static site also at phone size, where its own CSS lays
# the page out differently; the embed pages at phone size, as a phone shows the newsroom's page that frames one.
# (The app at 390 px was clean when last run by hand; it costs 20 s, so CI leaves it out.)
RUNS = [("app", SIZES[0]), ("site", SIZES[0]), ("site", SIZES[1]), ("embed", SIZES[1])]


def targets(renderer: str, server_url: str, site: Path) -> list[tuple[str, str, int]]:
    """(name, url, charts drawn) of each page a run checks."""
    if renderer == "app":
        return [(p.slug, f"{server_url}/{p.url}", spec.chart_count(p.slug, spec.APP)) for p in spec.PAGES]
    if renderer == "site":
        return [(p.slug, (site / p.site_file).as_uri(), spec.chart_count(p.slug, spec.SITE)) for p in spec.PAGES]
    return [(f"embed/{c}", (site / embed.embed_file(c)).as_uri(), 1) for c in spec.chart_ids()]


@pytest.mark.parametrize(("renderer", "size"), RUNS, ids=[f"{r}-{w}x{h}" for r, (w, h) in RUNS])
def test_no_wcag21_aa_violations(server, browser, static_site, renderer, size):
    started = time.perf_counter()
    axe = Axe()
    found: list[str] = []
    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]})
    try:
        pages = [(target, ctx.new_page()) for target in targets(renderer, server.url, static_site)]
        for (_, url, _), page in pages:  # all load at once; each is checked when its charts are drawn
            page.goto(url, wait_until="commit")
        for (name, url, charts), page in pages:
            kind = "app" if renderer == "app" else "site"  # an embed page paints its chart as a site page does
            legibility.wait_drawn(page, legibility.View(kind, name, url, size, charts))
            results = axe.run(page, options=OPTIONS)
            where = f"{renderer}:{name}@{size[0]}x{size[1]}"
            found += [describe(where, v) for v in results.response["violations"]]
    finally:
        ctx.close()
    report = "\n".join(found)
    print(f"\naxe {renderer} {size[0]}x{size[1]}: {len(found)} violation(s) in {time.perf_counter() - started:.1f}s")
    print(report)
    assert found == [], report
