"""Every page in headless Chromium with the network blocked: charts draw, the article's values are on screen,
no request leaves localhost, no error shows. Screenshots land in test-artifacts/screens/."""

from __future__ import annotations

import io
import re
import urllib.parse
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import expect

from dashboard import gloss, reader, spec, theme, widths
from dashboard.words import say, section
from devtools.browser import (
    CHART,
    CHART_SVG,
    ERROR,
    EXCEPTION,
    METRIC,
    SIDEBAR_NAV,
    TABLE,
    TEXT_UNDER_TOOLBAR_JS,
    TOOLBAR,
    Offline,
    wait_for_words,
    wait_ready,
)
from devtools.server import Server
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

CITIES = [
    "Baltimore",
    "Albuquerque",
    "San Bernardino",
    "Stockton",
    "Birmingham",
    "Indianapolis",
    "Memphis",
    "Toledo",
    "Baton Rouge",
    "Buffalo",
    "Cincinnati",
    "Houston",
    "Jackson",
    "Kansas City",
    "Lansing",
    "Springfield",
]

WORDS = {  # page -> words that must be on screen (the chart count comes from the page spec)
    "overview": [say("metrics.excluded"), "50–48", "3 Aug 2017"],
    "map": [gloss.each(say("pages.map.heading")), *CITIES],  # the page's first words: ICE spelled out
    "senate-vote": ["Senate vote: Marvin Kaplan, 50–48", "2 not voting", "derived"],
    "timeline": ["“Thursday”", "“after the August recess”", say("charts.timeline.later"), "as of 3 Aug 2017"],
    "article": ["San Bernadino", say("blocks.quality-table"), "datapackage.json", say("blocks.freshness")],
    "reports": [say("reports.only"), "1 report, 1 story; none disagrees with the records.", "Twelve cities are"],
}


@pytest.mark.parametrize("slug", list(WORDS))
def test_page_offline(server, context, slug):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    missing: list[str] = []
    page.on("response", lambda r: missing.extend([f"{r.status} {r.url}"] if r.status >= 400 else []))
    page.goto(f"{server.url}/{spec.page(slug).url}")
    words = WORDS[slug]
    wait_ready(page, spec.chart_count(slug))
    wait_for_words(page, words)
    screenshot(page, slug)
    text = page.inner_text("body")
    svg = " ".join(page.locator(CHART_SVG).all_text_contents())
    for word in words:
        assert word in text or word in svg, word
    assert page.locator(EXCEPTION).count() == 0
    assert page.locator(ERROR).count() == 0
    assert "Traceback" not in text
    assert context.offline_guard.blocked == []
    assert errors == []
    # Nothing the page asked for is missing. Opened on a page's own address, Streamlit 1.67's front end first asks
    # there for its server (/map/_stcore/health, a 404) unless the page says where its server is
    # (dashboard.serving.page_script); this fails the day Streamlit stops reading that.
    assert missing == []


def test_under_a_base_path_a_page_finds_its_server_at_once(browser, built_data):
    """Served under ``server.baseUrlPath``, a page opened at its own address connects to the server one step up at
    once (dashboard.serving.page_script) and draws: nothing it asks for is missing."""
    with Server(data_dir=built_data, base_path="news/dash") as srv:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        asked: list[tuple[int, str]] = []
        page = context.new_page()
        page.on("response", lambda r: asked.append((r.status, r.url)))
        page.goto(f"{srv.url}/map")
        wait_ready(page, spec.chart_count("map"))
        assert [a for a in asked if a[0] >= 400] == []
        health = [url for _, url in asked if "/_stcore/health" in url]
        assert health == [f"{srv.url}/_stcore/health"]
        context.close()


def test_map_svg_labels_all_sixteen_cities(server, context):
    page = context.new_page()
    page.goto(f"{server.url}/map")
    wait_ready(page, spec.chart_count("map"))
    labels = page.locator(f"{CHART} .annotation-text").all_text_contents()
    assert sorted(c for c in labels if c in CITIES) == sorted(CITIES)
    assert page.locator(f"{CHART} .scatterlayer .point").count() >= 16


# Everything a reader sees while the first page loads, from the first byte: any dialog, every state of the sidebar
# navigation, every page heading.
WATCH = f"""
window.__seen = {{dialogs: [], navs: [], headings: []}};
const note = (list, text) => {{ if (text && list.at(-1) !== text) list.push(text); }};
new MutationObserver(() => {{
  document.querySelectorAll('[role="dialog"], [role="alertdialog"]')
          .forEach(d => note(window.__seen.dialogs, d.innerText));
  const nav = document.querySelector('{SIDEBAR_NAV}');
  if (nav) note(window.__seen.navs, nav.innerText.replace(/\\s+/g, ' '));
  document.querySelectorAll('h1').forEach(h => note(window.__seen.headings, h.innerText));
}}).observe(document, {{subtree: true, childList: true, characterData: true}});
"""


def heading(slug: str, article_text: str) -> re.Pattern:
    """The page's heading as words.toml writes it, facts left open, each term spelled out (the page's first words);
    the overview's quotes the article's own title."""
    template = section(f"pages.{slug}")["heading"]
    if slug == "overview":
        return re.compile(re.escape(template.format(article_title=article_text.splitlines()[0])))
    template = gloss.each(template)
    return re.compile(".+".join(re.escape(part) for part in re.split(r"\{\w+\}", template)))


# Each page once, on a phone and on a desk in turn (a fresh server a page: both widths of each took a minute more).
FRESH = [(p.slug, 390 if i % 2 == 0 else 1400) for i, p in enumerate(spec.PAGES)]


@pytest.mark.parametrize(("slug", "width"), FRESH)
def test_deep_link_on_a_fresh_server_runs_through_the_app(browser, built_data, article_text, slug, width):
    """The first reader of a fresh server, arriving on a shared link, sees that page and only it: no "Page not
    found" dialog, no other page first, no sidebar listing pages/ by file name."""
    with Server(data_dir=built_data) as srv:
        context = browser.new_context(viewport={"width": width, "height": 900})
        guard = Offline(context)
        context.add_init_script(WATCH)
        page = context.new_page()
        page.goto(f"{srv.url}/{spec.page(slug).url}")
        wait_ready(page, spec.chart_count(slug))
        seen = page.evaluate("window.__seen")
        assert page.get_by_role("dialog").count() == 0
        assert "Page not found" not in page.inner_text("body")
        assert seen["dialogs"] == []
        assert len(seen["headings"]) == 1 and heading(slug, article_text).fullmatch(seen["headings"][0]), seen
        titles = [p.title for p in spec.PAGES]
        assert seen["navs"] and all(all(t in nav for t in titles) for nav in seen["navs"]), seen["navs"]
        assert page.url.rstrip("/") == f"{srv.url}/{spec.page(slug).url}".rstrip("/")
        assert guard.blocked == []  # nothing fetched from elsewhere meanwhile (a page icon as the tab's icon)
        context.close()


def counting(context, url: str) -> tuple[object, list[int]]:
    """A new tab of this browser opening ``url``, and the messages it sends the server as it does (1 is the page
    request alone; each width report of a chart box adds one). The tab goes on loading after this returns."""
    page = context.new_page()
    messages: list[int] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda f: messages.append(len(f))))
    page.goto(url, wait_until="commit")
    return page, messages


def messages_sent(context, url: str, charts: int) -> int:
    """How many messages a new tab sends the server while it opens ``url`` and draws its charts (``counting``)."""
    page, messages = counting(context, url)
    wait_ready(page, charts)
    page.wait_for_timeout(1000)  # a width report would follow the first draw within it
    page.close()
    return len(messages)


CHART_PAGES = [p.slug for p in spec.PAGES if spec.chart_count(p.slug)]


@pytest.mark.parametrize("width", [390, 700, 768, 900, 1400])
def test_a_first_visit_draws_every_chart_at_once(server, browser, width):
    """The page's first run knows each chart box's width from the window's (dashboard.widths predicts Streamlit's
    layout): every chart page opened in a fresh browser sends the server nothing but the page request, so no box
    reported a width other than the predicted one. This fails the day Streamlit lays its page out otherwise."""
    opened = {}
    for slug in CHART_PAGES:  # every page at once, each in a browser of its own, then one second for late reports
        context = browser.new_context(viewport={"width": width, "height": 900})
        opened[slug] = (context, *counting(context, f"{server.url}/{spec.page(slug).url}"))
    for slug, (_, page, _) in opened.items():
        wait_ready(page, spec.chart_count(slug))
    page.wait_for_timeout(1000)  # a width report would follow the first draw within it
    sent = {slug: len(messages) for slug, (_, _, messages) in opened.items()}
    for context, _, _ in opened.values():
        context.close()
    assert sent == dict.fromkeys(CHART_PAGES, 1)


@pytest.mark.parametrize(("width", "rows"), [(390, 4), (1400, 2)])
def test_the_overview_numbers_share_rows_that_fit_the_screen(server, browser, width, rows):
    """The overview's five numbers wrap as a line of text does (a column each would stack them into five rows above
    the map), none past the screen's edge: on a phone the first, whose label keeps the article's condition ("until
    they agree to step up assistance to ICE", wrapped rather than cut short), has its row and the others go two to
    a row; on a desk, two rows."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(server.url + "/")
    wait_ready(page, spec.chart_count("overview"))
    boxes = page.eval_on_selector_all(METRIC, "es => es.map(e => e.getBoundingClientRect().toJSON())")
    context.close()
    assert len(boxes) == 5
    assert len({round(b["top"]) for b in boxes}) == rows
    assert all(b["left"] >= 0 and b["right"] <= width for b in boxes)


def test_on_a_desk_the_overview_tables_fit_their_column(server, browser):
    """Beside the map, what the last refresh changed (a table name and three counts) shows whole: a column of
    counts is as wide as its words, not a few words wide, so none is cut off at the column's edge."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(server.url + "/")
    wait_ready(page, spec.chart_count("overview"))
    wait_for_words(page, [say("blocks.changes")])
    boxes = page.eval_on_selector_all(TABLE, "es => es.map(e => [e.clientWidth, e.scrollWidth])")
    context.close()
    assert boxes and all(0 < scrolled <= shown for shown, scrolled in boxes), boxes


def test_on_a_desk_the_article_pages_figures_fit_their_column(server, browser):
    """Beside the article, "Every figure, next to its sentence" takes its column's width, its text wrapping: no
    column of it is cut off at the column's edge (it once ran past it and hid the sentence links). So does the data
    quality table under them (it once scrolled sideways at 1400 px, its resolutions past the page's edge)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(f"{server.url}/{spec.page('article').url}")
    wait_ready(page, spec.chart_count("article"))
    wait_for_words(page, [say("blocks.figures-table"), say("blocks.quality-table")])
    fitted = f"{TABLE}.fit"  # each table is drawn a moment after its title
    page.wait_for_function(f"() => document.querySelectorAll('{fitted}').length === 2", timeout=30_000)
    boxes = page.eval_on_selector_all(fitted, "es => es.map(e => [e.clientWidth, e.scrollWidth])")
    context.close()
    assert len(boxes) == 2 and all(0 < scrolled <= shown for shown, scrolled in boxes), boxes


@pytest.mark.parametrize("width", [390, 768])
def test_on_a_touch_screen_no_chart_text_sits_under_the_tool_bar(server, browser, width):
    """A phone or tablet cannot hover, so Plotly shows each chart's tool bar at all times, at the chart's top right,
    where a title's first line runs on a narrow screen (a page draws each chart with a band for it). Every
    chart page, every chart: no title, subtitle, label, legend entry or tick under the bar."""
    covered = {}
    for slug in CHART_PAGES:
        context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=True, has_touch=True)
        page = context.new_page()
        page.goto(f"{server.url}/{spec.page(slug).url}")
        wait_ready(page, spec.chart_count(slug))
        # each chart has its bar, shown; Plotly adds it just after the chart's SVG, so wait for it (up to 10 s)
        expect(page.locator(TOOLBAR)).to_have_count(spec.chart_count(slug), timeout=10_000)
        covered[slug] = page.evaluate(TEXT_UNDER_TOOLBAR_JS)
        context.close()
    assert covered == {slug: [] for slug in CHART_PAGES}


# A window that says it is 1,000 px wide when it is 1,400: the layout the first run predicts is wrong.
WRONG_WINDOW = "Object.defineProperty(window, 'innerWidth', {get: () => 1000});"


def test_a_wrong_guess_is_measured_redrawn_and_remembered(server, browser):
    """When the predicted width is wrong (here the window misreports its width; for a reader, a sidebar dragged
    wider), the box reports its real width, the chart is redrawn for it, and this browser remembers it for that
    window: the next visit sends the server only the page request again."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.add_init_script(WRONG_WINDOW)
    slug = "timeline"
    sent = [messages_sent(context, f"{server.url}/{spec.page(slug).url}", spec.chart_count(slug)) for _ in range(2)]
    cookies = {c["name"]: c["value"] for c in context.cookies()}
    context.close()
    assert sent[0] >= 2 and sent[1] == 1
    real = widths.predicted_width(widths.MAIN, "1400x0")
    assert widths.predicted_width(widths.MAIN, "1000x0") != real  # the guess was wrong
    assert cookies[widths.WINDOW_COOKIE] == "1000x0"
    assert f"{widths.MAIN}@1000x0:{real}" in urllib.parse.unquote(cookies["chart_box_widths"])


def test_downloads_are_made_when_clicked(server, context, built_data):
    """The article page's downloads are made when a reader clicks (nothing is sent with the page): each file
    arrives whole, named as the button says."""
    page = context.new_page()
    page.goto(f"{server.url}/{spec.page('article').url}")
    wait_ready(page, spec.chart_count("article"))
    got = {}
    labels = ("blocks.downloads-zip", "blocks.downloads-datapackage")
    for label in (say("blocks.downloads-csv-named", name="articles"), *map(say, labels)):
        with page.expect_download() as download:
            page.get_by_role("button", name=label).click()
        got[download.value.suggested_filename] = Path(download.value.path()).read_bytes()
    zipped = say("blocks.downloads-zip-file", data_as_of=reader.meta_from(built_data).data_as_of)
    assert zipped == "psp-dashboard-data-as-of-2022-11-04.zip"  # the data's date, not its hash
    assert set(got) == {"articles.csv", zipped, "datapackage.json"}
    assert got["datapackage.json"] == (built_data / "datapackage.json").read_bytes()
    csv = pd.read_csv(io.BytesIO(got["articles.csv"]))
    assert list(csv.columns) == list(pd.read_parquet(built_data / "articles.parquet").columns)
    with zipfile.ZipFile(io.BytesIO(got[zipped])) as z:
        assert set(z.namelist()) == {p.name for p in built_data.glob("*.parquet")} | {"datapackage.json"}


def test_a_phones_first_screen_reaches_the_story(server, browser, built_data, tmp_path):
    """At 390 × 844 the overview shows the article's headline, whole and in its words, and the first key number
    without scrolling, in the app and on the static site (Streamlit's title took seven lines there)."""
    from devtools.legibility import export_site
    from devtools.screens import FIRST_SCREEN_JS

    headline = reader.meta_from(built_data).article_title
    site = export_site(tmp_path / "export", built_data)
    for where in (f"{server.url}/", (site / "index.html").as_uri()):
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        page = context.new_page()
        page.goto(where)
        if where.startswith("http"):
            wait_ready(page, spec.chart_count("overview"))
        shown = page.evaluate(FIRST_SCREEN_JS)
        assert page.locator("h1").first.inner_text().strip() == f"“{headline}” — headline of the article", where
        assert 0 < shown["headline_bottom"] < shown["first_number_top"] < 844 - 40, (where, shown)  # a number's top
        context.close()


# The first chart's layout once it has one: a redraw replaces the element, and between the two there is none.
LAYOUT_JS = "() => {{ const e = document.querySelector('{chart}'); return e && e.layout; }}"


def test_the_camera_png_holds_the_chart_and_its_credit_not_the_tool_band(server, browser, built_data):
    """With a mouse, Plotly shows a chart's tool bar only on hover, so a page draws the chart as exported, with no
    band above its title for the bar: the PNG its camera button saves is the chart at the page's width (2x), title
    to credit, named in readers' words. A phone keeps the band, where the bar shows at all times."""
    import struct

    from dashboard import figures
    from devtools.browser import CAMERA, CHART

    load = lambda name: reader.read_table(built_data, name)  # noqa: E731
    meta = reader.meta_from(built_data)
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{server.url}/{spec.page('timeline').url}")
    wait_ready(page, 1)
    drawn = page.wait_for_function(LAYOUT_JS.format(chart=CHART)).json_value()  # drawn, not between two draws
    exported = figures.build("timeline", load, meta, size=(drawn["meta"]["width"], None)).layout
    assert drawn["height"] == exported.height and drawn["margin"]["t"] == exported.margin.t  # no band
    page.hover(CHART)
    with page.expect_download() as download:
        page.locator(CAMERA).first.click()
    png = Path(download.value.path()).read_bytes()
    width, height = struct.unpack(">II", png[16:24])  # the PNG's header: its size in px
    assert (width, height) == (2 * exported.width, 2 * exported.height)
    assert download.value.suggested_filename == f"{figures.png_name('timeline', meta)}.png"
    context.close()
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto(f"{server.url}/{spec.page('timeline').url}")
    wait_ready(page, 1)
    drawn = page.wait_for_function(LAYOUT_JS.format(chart=CHART)).json_value()  # drawn, not between two draws
    exported = figures.build("timeline", load, meta, size=(drawn["meta"]["width"], None)).layout
    assert drawn["height"] == exported.height + theme.TOOLBAR_BAND  # the bar's band, on a phone only
    phone.close()
