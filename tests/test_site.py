"""The static site on phones: every chart a picture of its width class with its box reserved, picked by media
queries that match the page's layout, tables that scroll in their own box, a description and favicon on every
page, and the pinned Plotly bundle. The browser tests (marked ``browser``) open the published export: bytes
before and after the first paint, pages with JavaScript off, and Plotly drawn in the picture's place."""

from __future__ import annotations

import hashlib
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dashboard import embed, figures, reader, site, spec, theme
from dashboard.export import _loader
from etl.paths import ROOT
from tests.browser.published import BASE_URL, published_site

PINNED = "99784e3abfb07b142a15e521a439e6d9addceadb3f79553fd24c72774f0649ba"  # plotly.js-basic-dist-min 4.1.1
STALE = "map-narrow-000000000000.js"  # a variant file an earlier export left behind
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@pytest.fixture(scope="module")
def site_dir(built_data, tmp_path_factory) -> Path:
    """The static pages, variant files and Plotly bundle, written from the data the ETL of this tree builds."""
    root = tmp_path_factory.mktemp("site")
    (root / site.CHARTS_DIR).mkdir()
    (root / site.CHARTS_DIR / STALE).write_text("from an earlier export", encoding="utf-8")
    written, images = site.write(root, embed.Figures(_loader(built_data), reader.meta_from(built_data)))
    (root / "written.json").write_text(json.dumps([p.relative_to(root).as_posix() for p in written]))
    (root / "images.json").write_text(json.dumps(sorted(images)))
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


def _variant(site_dir: Path, box: Node) -> dict[str, dict]:
    """Width class -> the interactive variant's figure, read from its file."""
    out = {}
    for cls, where in json.loads(box.attrs["data-variants"]).items():
        text = (site_dir / where["src"]).read_text(encoding="utf-8")
        head = f"{site.CALLBACK}({json.dumps(where['key'])},"
        assert where["src"] == where["key"] and text.startswith(head) and text.endswith(");\n")
        out[cls] = json.loads(text[len(head) : -3])
    return out


def test_each_chart_paints_a_picture_of_its_width_class_with_its_box_reserved(site_dir, built_data):
    images = set(json.loads((site_dir / "images.json").read_text()))
    for slug, tree in _pages(site_dir).items():
        boxes = tree.find("div", **{"class": "chart"})
        assert len(boxes) == spec.chart_count(slug, spec.SITE)
        for box in boxes:
            alt = figures.CHARTS[box.attrs["data-chart"]].alt(_loader(built_data))
            assert box.attrs["aria-label"] == alt and box.attrs["tabindex"] == "0"  # the keyboard can wake it
            figs = _variant(site_dir, box)
            assert {cls: f["layout"]["meta"]["width"] for cls, f in figs.items()} == theme.SITE_WIDTHS
            (picture,) = [n for n in tree.nodes if n.parent is box and n.tag == "picture"]
            shown = [n for n in tree.nodes if n.parent is picture]
            assert [n.tag for n in shown][-1] == "img" and shown[-1].attrs["alt"] == alt
            for n in shown:
                fig = figs[n.attrs["data-class"]]["layout"]
                assert (int(n.attrs["width"]), int(n.attrs["height"])) == (fig["width"], fig["height"])
                src = n.attrs.get("srcset") or n.attrs["src"]
                assert src in images and src.endswith(".svg")  # kaleido renders it from the same figure
            config = json.loads(box.attrs["data-config"])
            assert config["responsive"] is False and config["displayModeBar"] is False  # nothing focusable inside


def test_media_queries_pick_the_widest_class_that_fits_the_box():
    """Viewport widths where the class changes, from the page's CSS: main is padded 10 px up to 600 px and 24 px
    above, where a desktop scrollbar may take 17 px; main is at most 1280 px wide; the overview's map column is
    3/5 of the row less the 24 px gap from 941 px."""
    assert embed.media_ranges(embed.site_box()) == [("narrow", 764), ("medium", 1164), ("wide", 4000)]
    assert embed.media_ranges(embed.site_box(3 / 5, 2)) == [
        ("narrow", 764),
        ("medium", 940),
        ("narrow", 1255),
        ("medium", 4000),
    ]
    assert embed.media_ranges(embed.embed_box) == [("narrow", 699), ("medium", 1099), ("wide", 4000)]


def test_every_page_has_a_description_and_a_favicon_and_no_url_tags_without_a_base(site_dir):
    assert (site_dir / embed.FAVICON).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    names = [p.site_file for p in spec.PAGES] + [embed.embed_file(c) for c in spec.chart_ids()]
    for name in names:
        tree = Tree((site_dir / name).read_text(encoding="utf-8"))
        (desc,) = tree.find("meta", name="description")
        assert len(desc.attrs["content"]) > 50
        (icon,) = tree.find("link", rel="icon")
        assert (site_dir / name).parent.joinpath(icon.attrs["href"]).resolve() == (site_dir / embed.FAVICON).resolve()
        assert tree.find("meta", property="og:title") and tree.find("meta", name="twitter:card")
        assert not tree.find("meta", property="og:image") and not tree.find("meta", property="og:url")


def test_every_table_scrolls_in_its_own_box(site_dir):
    tables = 0
    for tree in _pages(site_dir).values():
        for table in tree.find("table"):
            box = table.parent
            assert box.tag == "div" and box.attrs["class"] in ("table-scroll", "table-scroll fit")  # fit: to its column
            assert box.attrs["role"] == "region" and box.attrs["tabindex"] == "0" and box.attrs["aria-label"].strip()
            tables += 1
    assert tables >= 4  # cities, positions, events, figures, quality


def test_the_share_box_says_its_words_on_every_chart(site_dir):
    """Each share box's copy button reads its label from the words (the template once asked the box's dict for
    ``s.copy`` and printed ``<built-in method copy of dict object at 0x…>``)."""
    from dashboard.words import say

    for slug, tree in _pages(site_dir).items():
        buttons = tree.find("button", **{"class": "copy"})
        assert len(buttons) == spec.chart_count(slug, spec.SITE)
        assert {b.text for b in buttons} <= {say("site.share-copy")}
        assert {b.attrs["data-done"] for b in buttons} <= {say("site.share-copied")}


def test_the_later_outcome_links_to_the_open_questions(site_dir):
    """The Emanuel line says its positions are unconfirmed; the open questions that say why are one tap away."""
    tree = _pages(site_dir)["senate-vote"]
    (line,) = [n for n in tree.find("p") if n.text.startswith("Later outcome")]
    links = [n for n in tree.find("a", href="sources.html#open-questions") if n.parent is line]
    assert "49–47" in line.text and len(links) == 1


def test_write_lists_every_file_and_drops_stale_variants(site_dir):
    written = json.loads((site_dir / "written.json").read_text())
    on_disk = [p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()]
    assert sorted(written) == sorted(set(on_disk) - {"written.json", "images.json"})
    assert not (site_dir / site.CHARTS_DIR / STALE).exists()
    images = json.loads((site_dir / "images.json").read_text())
    assert {f"{embed.PREVIEW_DIR}/{c}.png" for c in spec.chart_ids()} <= set(images)


FIRST_PAINT_JS = """() => performance.getEntriesByType('resource').map(e => [e.name, e.transferSize, e.decodedBodySize])
    .concat(performance.getEntriesByType('navigation').map(e => [e.name, e.transferSize, e.decodedBodySize]))"""
SHOWN_JS = """() => [...document.querySelectorAll('.chart')].map(box => {
    const img = box.querySelector('picture img'), r = img.getBoundingClientRect();
    return {cls: img.currentSrc.split('/').pop().split('-').slice(-2, -1)[0], w: r.width, h: r.height,
            done: img.complete && img.naturalWidth > 0, box: box.getBoundingClientRect().height};
})"""


def _expected(slug: str, vw: int) -> list[str]:
    """The class each chart of a page should show at viewport width ``vw`` (the overview's map is in a column)."""
    out = []
    for b in spec.walk(spec.page(slug).blocks):
        if b.kind == "chart" and spec.SITE in b.on:
            box = embed.site_box(3 / 5, 2) if slug == "overview" else embed.site_box()
            out.append(embed.pick(box(vw)))
    return out


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1400])
def test_charts_paint_as_pictures_then_plotly_draws_in_place(tmp_path_factory, built_data, browser, width):
    """Each page: nothing wider than the screen; every chart a loaded picture of the class that fits its box
    and no Plotly fetched; a pointer on a chart draws the interactive variant of that class at the same size."""
    published_site(tmp_path_factory, built_data)
    ctx = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=width < 500, has_touch=width < 500)
    try:
        for p in spec.PAGES:
            page = ctx.new_page()
            problems: list[str] = []
            page.on("pageerror", lambda e, problems=problems: problems.append(str(e)))
            page.on("console", lambda m, problems=problems: problems.append(m.text) if m.type == "error" else None)
            page.goto(BASE_URL + p.site_file)
            page.wait_for_load_state("load")
            overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
            assert overflow <= 0, f"{p.site_file} scrolls sideways by {overflow}px at {width}px"
            for i in range(page.locator(".chart").count()):  # the pictures below the first load lazily
                page.locator(".chart").nth(i).scroll_into_view_if_needed()
            page.wait_for_function("() => [...document.querySelectorAll('.chart img')].every(i => i.complete)")
            shown = page.evaluate(SHOWN_JS)
            assert [s["cls"] for s in shown] == _expected(p.slug, width)
            assert all(s["done"] for s in shown)
            loaded = [u for u, *_ in page.evaluate(FIRST_PAINT_JS)]
            assert not any(u.endswith(site.PLOTLY_JS) or u.endswith(".js") for u in loaded), loaded
            for i, s in enumerate(shown):
                box = page.locator(".chart").nth(i)
                box.dispatch_event("pointerover")
                page.wait_for_function(
                    "i => document.querySelectorAll('.chart')[i].classList.contains('live')", arg=i, timeout=20_000
                )
                drawn = box.get_attribute("data-drawn")
                height = box.evaluate("b => b.getBoundingClientRect().height")
                assert drawn == s["cls"] and abs(height - s["box"]) <= 1, (p.slug, drawn, height, s)
            assert problems == [], problems
            page.close()
    finally:
        ctx.close()


@pytest.mark.browser
def test_with_javascript_off_every_chart_and_table_shows(tmp_path_factory, built_data, browser):
    published_site(tmp_path_factory, built_data)
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    try:
        page = ctx.new_page()
        for p in spec.PAGES:
            page.goto(BASE_URL + p.site_file)
            page.wait_for_load_state("load")
            shown = page.evaluate(SHOWN_JS)
            assert len(shown) == spec.chart_count(p.slug, spec.SITE)
            assert all(s["done"] and s["w"] > 300 and s["h"] > 200 for s in shown), shown
            tables = page.evaluate("() => [...document.querySelectorAll('table')].map(t => t.rows.length)")
            assert all(n > 1 for n in tables)
    finally:
        ctx.close()


@pytest.mark.browser
def test_bytes_before_and_after_the_first_paint(tmp_path_factory, built_data, browser):
    """What each page needs to paint (the page, its pictures, the favicon) and what a first touch adds (Plotly and
    the chart's variant), as transferred (gzip) and decoded; written to test-artifacts/site-bytes.json for
    BENCHMARKS.md. First paint at most 0.5 MB and everything at most 1.5 MB, decoded, at each width."""
    published_site(tmp_path_factory, built_data)
    out = {}
    for width in (390, 1400):
        ctx = browser.new_context(viewport={"width": width, "height": 900})
        try:
            for name in [p.site_file for p in spec.PAGES] + [embed.embed_file(c) for c in spec.chart_ids()]:
                page = ctx.new_page()
                page.goto(BASE_URL + name)
                page.wait_for_load_state("load")
                page.wait_for_timeout(200)
                before = page.evaluate(FIRST_PAINT_JS)
                for i in range(page.locator(".chart").count()):
                    page.locator(".chart").nth(i).dispatch_event("pointerover")
                    page.wait_for_function(
                        "i => document.querySelectorAll('.chart')[i].classList.contains('live')", arg=i, timeout=20_000
                    )
                after = page.evaluate(FIRST_PAINT_JS)
                sums = {
                    k: [sum(e[1] for e in entries), sum(e[2] for e in entries)]
                    for k, entries in (("first_paint", before), ("all", after))
                }
                out[f"{name}@{width}"] = sums
                assert sums["first_paint"][1] <= 500_000, (name, width, sums)
                assert sums["all"][1] <= 1_500_000, (name, width, sums)
                page.close()
        finally:
            ctx.close()
    dest = ROOT / "test-artifacts" / "site-bytes.json"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(out, indent=1), encoding="utf-8")
