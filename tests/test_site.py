"""The static site on phones: every page within its weight budget with everything it loads, chart boxes that are
images named by their alt text, tables that scroll in their own box, and the pinned Plotly bundle. The last test
opens every page in Chromium at phone widths (marked ``browser``)."""

from __future__ import annotations

import hashlib
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from benchmarks.site_weight import BUDGET_BYTES, CLASSES, page_files
from dashboard import data, figures, site, spec, theme
from dashboard.export import _loader

PINNED = "99784e3abfb07b142a15e521a439e6d9addceadb3f79553fd24c72774f0649ba"  # plotly.js-basic-dist-min 4.1.1
STALE = "map-narrow-000000000000.js"  # a variant file an earlier export left behind
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@pytest.fixture(scope="module")
def site_dir(built_data, tmp_path_factory) -> Path:
    """The static pages, variant files and Plotly bundle, written from the data the ETL of this tree builds."""
    root = tmp_path_factory.mktemp("site")
    (root / site.CHARTS_DIR).mkdir()
    (root / site.CHARTS_DIR / STALE).write_text("from an earlier export", encoding="utf-8")
    written = site.write(root, _loader(built_data), data.meta_from(built_data))
    (root / "written.json").write_text(json.dumps([p.relative_to(root).as_posix() for p in written]))
    return root


class Node:
    def __init__(self, tag: str, attrs: dict, parent: Node | None):
        self.tag, self.attrs, self.parent, self.text = tag, attrs, parent, ""


class Tree(HTMLParser):
    """Every element with its attributes and parent, and the text of each script."""

    def __init__(self, html: str):
        super().__init__()
        self.nodes: list[Node] = []
        self.stack: list[Node] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.stack[-1] if self.stack else None)
        self.nodes.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop().tag != tag:
            pass

    def handle_data(self, text):
        if self.stack:
            self.stack[-1].text += text

    def find(self, tag: str | None = None, **attrs) -> list[Node]:
        return [
            n
            for n in self.nodes
            if (tag is None or n.tag == tag) and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]


def _pages(site_dir: Path) -> dict[str, Tree]:
    return {p.slug: Tree((site_dir / p.site_file).read_text(encoding="utf-8")) for p in spec.PAGES}


def test_vendored_plotly_is_the_pinned_basic_bundle():
    js = (site.VENDOR / site.PLOTLY_JS).read_bytes()
    assert hashlib.sha256(js).hexdigest() == PINNED == site.PLOTLY_SHA256
    assert js[:200].decode().splitlines()[1] == "* plotly.js (basic - minified) v4.1.1"
    assert "MIT License" in (site.VENDOR / "plotly.js-LICENSE").read_text(encoding="utf-8")
    notice = (site.VENDOR / "README.md").read_text(encoding="utf-8")
    assert PINNED in notice and "plotly.js-basic-dist-min" in notice and "4.1.1" in notice


def test_the_site_ships_the_basic_bundle_not_the_full_one(site_dir):
    assert (site_dir / site.PLOTLY_JS).read_bytes() == (site.VENDOR / site.PLOTLY_JS).read_bytes()
    assert not (site_dir / "plotly.min.js").exists()


@pytest.mark.parametrize("pick", CLASSES)
def test_every_page_loads_at_most_the_budget(site_dir, pick):
    for p in spec.PAGES:
        files = page_files(site_dir, p.site_file, pick)
        assert all(f.is_file() for f in files), files
        loaded = sum(f.stat().st_size for f in files)
        assert loaded <= BUDGET_BYTES, f"{p.site_file} loads {loaded:,} bytes with the {pick} pick: {files}"
        has_charts = spec.chart_count(p.slug, spec.SITE) > 0
        assert (site_dir / site.PLOTLY_JS in files) == has_charts  # a page without charts loads no Plotly


def test_chart_boxes_are_images_named_by_their_alt_text(site_dir):
    for slug, tree in _pages(site_dir).items():
        boxes = tree.find("div", **{"class": "chart"})
        assert len(boxes) == spec.chart_count(slug, spec.SITE)
        for box in boxes:
            (plot,) = [n for n in tree.nodes if n.parent is box]
            alt = figures.CHARTS[plot.attrs["data-chart"]].alt
            assert box.attrs["role"] == "img" and alt and box.attrs["aria-label"] == alt
            config = json.loads(box.attrs["data-config"])
            assert config["responsive"] is False and config["displayModeBar"] is False  # nothing focusable inside
            caption = tree.find("p", id=plot.attrs["id"] + "-caption")
            assert caption and caption[0].text.strip() == alt  # the words beside it say the same


def test_each_variant_is_laid_out_for_its_width_class(site_dir):
    for tree in _pages(site_dir).values():
        for box in tree.find("div", **{"class": "chart"}):
            variants = json.loads(box.attrs["data-variants"])
            assert set(variants) == set(theme.SITE_WIDTHS)
            for cls, where in variants.items():
                if "json" in where:
                    (script,) = tree.find("script", id=where["json"], type="application/json")
                    fig = json.loads(script.text)
                else:
                    text = (site_dir / where["src"]).read_text(encoding="utf-8")
                    head = f"{site.CALLBACK}({json.dumps(where['src'])},"
                    assert text.startswith(head) and text.endswith(");\n")
                    fig = json.loads(text[len(head) : -3])
                assert fig["layout"]["width"] == theme.SITE_WIDTHS[cls] and fig["data"]


def test_every_table_scrolls_in_its_own_box(site_dir):
    tables = 0
    for tree in _pages(site_dir).values():
        for table in tree.find("table"):
            box = table.parent
            assert box.tag == "div" and box.attrs["class"] == "table-scroll"
            assert box.attrs["role"] == "region" and box.attrs["tabindex"] == "0" and box.attrs["aria-label"].strip()
            tables += 1
    assert tables >= 4  # cities, positions, events, figures, quality


def test_write_lists_every_file_and_drops_stale_variants(site_dir):
    written = json.loads((site_dir / "written.json").read_text())
    on_disk = [p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()]
    assert sorted(written) == sorted(set(on_disk) - {"written.json"})
    assert not (site_dir / site.CHARTS_DIR / STALE).exists()


DRAWN_JS = """() => [...document.querySelectorAll('.chart')].every(box => {
    const gd = box.firstElementChild;
    return box.dataset.drawn && gd._fullData && gd._fullData.length === gd.data.length
        && gd._fullData.every(t => t._module) && gd.querySelector('.main-svg g.trace');
})"""
PICK_JS = """widths => [...document.querySelectorAll('.chart')].map(box => {
    const fits = Object.keys(widths).filter(c => widths[c] <= box.clientWidth);
    const pick = fits.length ? fits.reduce((a, b) => widths[a] > widths[b] ? a : b)
                             : Object.keys(widths).reduce((a, b) => widths[a] < widths[b] ? a : b);
    return [box.dataset.drawn, pick];
})"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 430])
def test_no_sideways_scroll_on_phones_and_every_variant_draws(site_dir, browser, width):
    """Each page at a phone width: nothing wider than the screen, every chart drawn by the basic bundle with the
    variant that fits its box, only the files the weight test counts are loaded; then a resize to a desktop
    width redraws the charts with the wider variants."""
    ctx = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=True, has_touch=True)
    try:
        for p in spec.PAGES:
            page = ctx.new_page()
            problems: list[str] = []
            page.on("pageerror", lambda e, problems=problems: problems.append(str(e)))
            page.on(
                "console",
                lambda m, problems=problems: problems.append(m.text) if m.type in ("error", "warning") else None,
            )
            requested: list[str] = []
            page.on("request", lambda r, requested=requested: requested.append(r.url))
            page.goto((site_dir / p.site_file).as_uri())
            page.wait_for_load_state("load")
            page.wait_for_function(DRAWN_JS, timeout=20_000)
            overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
            assert overflow <= 0, f"{p.site_file} scrolls sideways by {overflow}px at {width}px"
            picks = page.evaluate(PICK_JS, theme.SITE_WIDTHS)
            assert all(drawn == pick == CLASSES[0] for drawn, pick in picks), picks
            expected = {f.as_uri() for f in page_files(site_dir, p.site_file, CLASSES[0])}
            assert set(requested) == expected
            if picks:
                page.set_viewport_size({"width": 1400, "height": 900})
                page.wait_for_function(
                    f"w => ({PICK_JS})(w).every(([drawn, pick]) => drawn === pick)", arg=theme.SITE_WIDTHS
                )
                page.wait_for_function(DRAWN_JS, timeout=20_000)
                assert {pick for _, pick in page.evaluate(PICK_JS, theme.SITE_WIDTHS)} - {CLASSES[0]}
            assert problems == [], problems
            page.close()
    finally:
        ctx.close()
