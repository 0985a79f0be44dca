"""Hostile data never runs in the page; many readers at once all get their page, and the server stays up."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys

import pytest

from dashboard import spec
from dashboard.words import say
from devtools.browser import CHART, EXCEPTION, MAIN, wait_for_words, wait_ready
from devtools.server import Server
from etl.paths import REFERENCE_DIR, ROOT, SEEDS_DIR

pytestmark = pytest.mark.browser

PAYLOAD_TEXT = (
    "Twelve cities are participating. <script>window.pwned=1</script>"
    '<img src=x onerror="window.pwned=2"> [click](javascript:window.pwned=3)'
)


def _rewrite_csv(path, key, row_id, **changes):
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for row in rows:
        if row[key] == row_id:
            row.update(changes)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    seeds, ref, out = root / "seeds", root / "reference", root / "data"
    shutil.copytree(SEEDS_DIR, seeds)
    shutil.copytree(REFERENCE_DIR, ref)
    article = seeds / "000_94e04342a6ea52d8.txt"
    article.write_text(
        article.read_text(encoding="utf-8").replace("Twelve cities are participating.", PAYLOAD_TEXT), encoding="utf-8"
    )
    _rewrite_csv(
        ref / "entities.csv",
        "entity_id",
        "la-times",
        name='L.A. Times <img src=x onerror="window.pwned=4">',
        source='https://example.org/"><script>window.pwned=5</script>',
    )
    _rewrite_csv(
        ref / "events.csv",
        "event_id",
        "psp-launched",
        title="<script>window.pwned=6</script><b onmouseover=window.pwned=7>PSP launched</b>",
        source="https://example.org/x?<img/src=x/onerror=window.pwned=8>",
    )
    with (ref / "source_sites.csv").open("a", encoding="utf-8") as f:  # who publishes the hostile pages
        f.write("example.org,,example.org,press,,The hostile test's own pages.\n")
    result = subprocess.run(
        [sys.executable, "-m", "etl", "--seeds", str(seeds), "--reference", str(ref), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    with Server(data_dir=out) as srv:
        yield srv


def _sweep_hover(page) -> None:
    """Move the mouse across every chart so Plotly draws its hover labels (where data text is rendered)."""
    for chart in page.locator(CHART).all():
        box = chart.bounding_box()
        if not box:
            continue
        for i in range(1, 12):
            for j in range(1, 8):
                page.mouse.move(box["x"] + box["width"] * i / 12, box["y"] + box["height"] * j / 8)
    page.wait_for_timeout(200)


@pytest.mark.parametrize(
    ("slug", "query", "words"),
    [
        (
            "article",
            "?entity=la-times",
            ["<script>window.pwned=1</script>", 'L.A. Times <img src=x onerror="window.pwned=4">'],
        ),
        ("timeline", "?event=psp-launched", ["<script>window.pwned=6</script>"]),
        ("overview", "", [say("metrics.excluded")]),
        ("map", "?city=baltimore-md", ["Baltimore, MD"]),
    ],
    ids=["article", "timeline", "overview", "map"],
)
def test_payloads_stay_inert(hostile_server, context, slug, query, words):
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{hostile_server.url}/{spec.page(slug).url}{query}")
    wait_ready(page, spec.chart_count(slug))
    wait_for_words(page, words)  # the payloads are shown, as text
    _sweep_hover(page)
    assert page.evaluate("() => window.pwned") is None
    assert dialogs == []
    assert page.locator(f"main script, {MAIN} img[src='x']").count() == 0
    assert context.offline_guard.blocked == []


READERS = 10  # sessions at once: each page at least once; the crowd (tests/test_crowd_smoke.py) goes on from here


def test_many_readers_at_once(browser, capsys, built_data):
    """10 sessions across all pages on one server: every one renders, the server stays up, memory stays bounded."""
    srv = Server(data_dir=built_data)
    paths = [p.url for p in spec.PAGES]
    expect = {p.url: spec.chart_count(p.slug) for p in spec.PAGES}
    contexts = []
    try:
        warm = browser.new_context()
        page = warm.new_page()
        page.goto(srv.url)
        wait_ready(page, 1)
        warm.close()
        before = srv.rss_mb()
        pages = []
        for i in range(READERS):
            if i % 5 == 0:  # browser contexts of 5 tabs: a Streamlit session each, each with its own websocket
                ctx = browser.new_context(viewport={"width": 1280, "height": 900})
                contexts.append(ctx)
            pg = ctx.new_page()
            path = paths[i % len(paths)]
            pg.goto(f"{srv.url}/{path}", wait_until="commit")
            pages.append((pg, path))
        for pg, path in pages:
            wait_ready(pg, expect[path], timeout=120_000)
            assert pg.locator(EXCEPTION).count() == 0
        assert srv.proc.poll() is None  # still up
        after = srv.rss_mb()
        with capsys.disabled():
            print(
                f"\n[many readers] {READERS} concurrent sessions rendered; server RSS {before:.0f} MB after one "
                f"session, {after:.0f} MB after {READERS}"
            )
        assert after < 1000
    finally:
        for ctx in contexts:
            ctx.close()
        srv.stop()
