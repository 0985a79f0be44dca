"""Sharing: deep links round-trip, garbage links give a normal page, card mode fits its frame, and the
static export opens from file:// with the network blocked."""

from __future__ import annotations

import json
import urllib.request
from html.parser import HTMLParser

import pytest
from PIL import Image

from dashboard import embed, reader, spec, theme
from dashboard.export import _loader
from dashboard.words import say
from devtools import export, legibility
from devtools.browser import APP, CHART, CHART_SVG, EXCEPTION, MAIN_MENU, SIDEBAR, wait_for_words, wait_ready
from etl.paths import ROOT
from tests.browser.published import BASE_URL, published_site

pytestmark = pytest.mark.browser
MAP_TITLE = "".join(say("charts.map.title", n_excluded=4, n_participants=12).split())  # SVG text loses the breaks


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("map?show=excluded&city=baltimore-md", ["Baltimore, MD", "The four cities are: Baltimore, Md."]),
        ("senate-vote?state=AZ", ["Selected: AZ"]),
        ("senate-vote?senator=John+McCain", ["John McCain"]),
        ("timeline?event=baltimore-joins-psp", ["Baltimore named a PSP site by Attorney General Barr", "Selected"]),
        ("article?entity=la-times", ["Los Angeles Times (publication)", "The L.A. Times"]),
    ],
    ids=["map", "state", "senator", "timeline", "article"],
)
def test_deep_links_reopen_the_view(server, context, path, words):
    page = context.new_page()
    page.goto(f"{server.url}/{path}")
    wait_ready(page, spec.chart_count(path.split("?")[0]))
    wait_for_words(page, words)
    assert path.split("?")[1].split("=")[0] in page.url  # the link keeps its state
    assert context.offline_guard.blocked == []


def test_a_choice_is_written_back_to_the_url(server, context):
    page = context.new_page()
    page.goto(f"{server.url}/map")
    wait_ready(page, 1)
    page.get_by_role("radio", name="Participants").click()
    page.wait_for_function("() => location.search.includes('show=participant')", timeout=20_000)
    again = context.new_page()
    again.goto(page.url)
    wait_ready(again, 1)
    again.wait_for_function(
        """() => [...document.querySelectorAll('[role=radio]')].some(
        b => b.innerText.trim() === 'Participants' && b.getAttribute('aria-checked') === 'true')""",
        timeout=20_000,
    )
    assert "show=participant" in again.url


GARBAGE = [
    "map?city=%3Cscript%3Ewindow.pwned%3D1%3C%2Fscript%3E&show=%3Cimg%20src%3Dx%20onerror%3Dwindow.pwned%3D2%3E",
    "senate-vote?state=" + "A" * 3000 + "&senator=javascript:window.pwned=3",
    "timeline?event=%22%3E%3Csvg%20onload%3Dwindow.pwned%3D4%3E",
    "article?entity=__proto__&card=nope",
]


@pytest.mark.parametrize("path", GARBAGE, ids=["map", "senate", "timeline", "article"])
def test_garbage_links_give_a_normal_page(server, context, path):
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{server.url}/{path}")
    page.wait_for_selector(APP)
    page.wait_for_function("() => document.body.innerText.includes('unknown')", timeout=30_000)
    assert page.evaluate("() => window.pwned") is None
    assert dialogs == []
    assert page.locator(EXCEPTION).count() == 0


@pytest.mark.parametrize("frame", list(theme.FRAMES))
def test_card_mode_fits_the_frame(server, browser, frame):
    width, height = theme.FRAMES[frame]
    ctx = browser.new_context(viewport={"width": width + 100, "height": height + 100})
    try:
        page = ctx.new_page()
        page.goto(f"{server.url}/?card=map&frame={frame}")
        wait_ready(page, 1)
        chart = page.locator(CHART).first
        box = chart.bounding_box()
        assert (round(box["width"]), round(box["height"])) == (width, height)
        shot = ROOT / "test-artifacts" / "cards" / f"map_{frame}.png"
        shot.parent.mkdir(parents=True, exist_ok=True)
        chart.screenshot(path=str(shot))
        assert Image.open(shot).size == (width, height)
        svg = " ".join(page.locator(CHART_SVG).all_text_contents())
        assert MAP_TITLE in "".join(svg.split())
        assert "Source: the article" in svg and "Article as of 3 Aug 2017 (inferred)" in svg  # the date is inferred
        assert "data " in svg.split("Article as of 3 Aug 2017 (inferred)")[1][:16]
        assert page.locator(SIDEBAR).is_hidden()
    finally:
        ctx.close()


def test_card_mode_unknown_chart_is_gentle(server, context):
    page = context.new_page()
    page.goto(f"{server.url}/?card=nonsense")
    wait_for_words(page, ["Unknown chart for card mode", "?card=map"])


def test_embed_mode_keeps_working(server, context):
    page = context.new_page()
    page.goto(f"{server.url}/map?embed=true")
    wait_ready(page, 1)
    assert page.locator(MAIN_MENU).count() == 0  # embed hides Streamlit's own menus
    assert MAP_TITLE in "".join("".join(page.locator(CHART_SVG).all_text_contents()).split())


@pytest.fixture(scope="module")
def exported(tmp_path_factory, built_data):
    """The whole export with a base URL (tests/browser/published.py), its site served at that URL."""
    out = published_site(tmp_path_factory, built_data)
    return out, (out / "export-stdout.txt").read_text(encoding="utf-8")


def test_export_writes_every_chart_in_every_frame(exported):
    out, result = exported
    for chart_id in spec.chart_ids():
        for frame, (w, h) in theme.FRAMES.items():
            png = out / "images" / f"{chart_id}_{frame}.png"
            with Image.open(png) as im:
                assert im.size == (w * theme.EXPORT_SCALE, h * theme.EXPORT_SCALE)
                assert im.getchannel("A").getextrema() == (255, 255) if im.mode == "RGBA" else True
            svg = (out / "images" / f"{chart_id}_{frame}.svg").read_text()
            assert "Article as of 3 Aug 2017" in svg and "Source:" in svg
    manifest = json.loads((out / "manifest.json").read_text())
    assert len(manifest["files"]) == len(list((out).rglob("*.*"))) - 2  # less itself and export-stdout.txt
    assert "manifest.json lists them" in result


def test_export_only_one_chart_at_another_scale(tmp_path, built_data):
    args = ("--only", "senate-tally", "--format", "png", "--frame", "social", "--scale", "1")
    result = export.run(tmp_path, *args, data_dir=built_data)
    assert result.returncode == 0, result.stderr
    (png,) = (tmp_path / "images").glob("*.png")
    assert png.name == "senate-tally_social.png"
    assert Image.open(png).size == theme.FRAMES["social"]


def test_static_site_opens_offline_from_file(exported, context):
    out, _ = exported
    for p in spec.PAGES:
        n = spec.chart_count(p.slug, spec.SITE)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        page.goto((out / "site" / p.site_file).as_uri())
        page.wait_for_load_state("load")
        page.evaluate("() => document.querySelectorAll('.chart').forEach(c => c.dispatchEvent(new Event('focusin')))")
        page.wait_for_function(
            f"n => document.querySelectorAll('.chart.live {CHART_SVG}').length >= 2 * n",
            arg=n,
            timeout=20_000,
        )
        assert errors == []
        text = page.inner_text("body")
        assert all(q.title in text for q in spec.PAGES)
        if p.slug == "article":
            assert "San Bernadino" in text and "datapackage.json" in text
        if p.slug == "map":
            labels = page.locator(".annotation-text").all_text_contents()
            assert "Stockton" in labels and "Springfield" in labels
    assert context.offline_guard.blocked == []


class Tags(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta[a.get("property") or a.get("name")] = a.get("content", "")


OG = ("og:title", "og:description", "og:url", "og:image", "og:image:width", "og:image:height", "og:image:alt")


def test_link_previews_are_complete_with_absolute_urls_that_resolve(exported):
    """Every static page and embed page: the Open Graph and Twitter tags, every URL absolute under the base and
    answered by the published site; the image a 1200x630 PNG of the page's lead chart."""
    out, stdout = exported
    assert "no --base-url" not in stdout
    names = [p.site_file for p in spec.PAGES] + [embed.embed_file(c) for c in spec.chart_ids()]
    for name in names:
        meta = Tags((out / "site" / name).read_text(encoding="utf-8")).meta
        assert all(meta.get(k) for k in OG), (name, meta)
        assert meta["twitter:card"] == "summary_large_image"
        assert meta["og:url"] == BASE_URL + name
        assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
        for url in (meta["og:url"], meta["og:image"], meta["twitter:image"]):
            assert url.startswith(BASE_URL)
            with urllib.request.urlopen(url) as r:  # the published site answers it
                assert r.status == 200
        png = out / "site" / meta["og:image"].removeprefix(BASE_URL)
        with Image.open(png) as im:
            assert im.size == (1200, 630)
    index = Tags((out / "site" / "index.html").read_text(encoding="utf-8")).meta
    article = Tags((out / "site" / "article.html").read_text(encoding="utf-8")).meta
    assert index["og:image"] == article["og:image"] == BASE_URL + "preview/map.png"  # no chart: the overview's


def test_export_without_a_base_says_it_leaves_the_url_tags_out(tmp_path, built_data):
    result = export.run(tmp_path, "--format", "html", data_dir=built_data)
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stdout.splitlines() if "--base-url" in line]
    assert len(said) == 1 and "og:image" in said[0]
    meta = Tags((tmp_path / "site" / "map.html").read_text(encoding="utf-8")).meta
    assert "og:title" in meta and "og:image" not in meta and "og:url" not in meta


@pytest.fixture(scope="module")
def preview_figures(built_data) -> dict[str, str]:
    figs = embed.Figures(_loader(built_data), reader.meta_from(built_data))
    return {c: figs.json(figs.get(c, embed.PREVIEW_SIZE)) for c in spec.chart_ids()}


@pytest.mark.parametrize("chart", spec.chart_ids())
def test_preview_images_are_legible(exported, preview_figures, browser, chart):
    """The preview PNG's figure (1200x630, built by the same builder) drawn by Plotly in a 1200x630 page and put
    through the legibility checker; the PNG is kaleido's picture of that figure."""
    ctx = browser.new_context(viewport={"width": 1200, "height": 630})
    try:
        page = ctx.new_page()
        page.goto(BASE_URL + "plotly-basic.min.js")  # an origin for the page below
        page.set_content("<body style='margin:0'><div id=c></div></body>")
        page.add_script_tag(url=BASE_URL + "plotly-basic.min.js")
        fig = json.loads(preview_figures[chart])
        page.evaluate("f => Plotly.newPlot('c', f.data, f.layout, {staticPlot: true})", fig)
        page.wait_for_selector(CHART_SVG)
        probe, _ = legibility.settle(page, 3.0)
        defects = legibility.check(f"preview:{chart}@1200x630", probe)
        assert defects == [], "\n".join(map(str, defects))
    finally:
        ctx.close()
