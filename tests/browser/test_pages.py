"""Every page in headless Chromium with the network blocked: charts draw, the article's values are on screen,
no request leaves localhost, no error shows. Screenshots land in test-artifacts/screens/."""

from __future__ import annotations

import pytest

from dashboard import spec
from dashboard.words import say
from devtools.browser import wait_for_words, wait_ready
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
    "overview": [say("metrics.excluded"), "50–48", "3 Aug 2017", say("blocks.freshness")],
    "map": [say("pages.map.heading"), *CITIES],
    "senate-vote": ["Senate vote: Marvin Kaplan, 50–48", "2 not voting", "derived"],
    "timeline": ["“on Thursday”", "“after the August recess”", say("charts.timeline.later"), "as of 3 Aug 2017"],
    "article": ["San Bernadino", say("blocks.quality-table"), "datapackage.json"],
}


@pytest.mark.parametrize("slug", list(WORDS))
def test_page_offline(server, context, slug):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server.url}/{spec.page(slug).url}")
    words = WORDS[slug]
    wait_ready(page, spec.chart_count(slug))
    wait_for_words(page, words)
    screenshot(page, slug)
    text = page.inner_text("body")
    svg = " ".join(page.locator(".js-plotly-plot .main-svg").all_text_contents())
    for word in words:
        assert word in text or word in svg, word
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    assert "Traceback" not in text
    assert context.offline_guard.blocked == []
    assert errors == []


def test_map_svg_labels_all_sixteen_cities(server, context):
    page = context.new_page()
    page.goto(f"{server.url}/map")
    wait_ready(page, spec.chart_count("map"))
    labels = page.locator(".js-plotly-plot .annotation-text").all_text_contents()
    assert sorted(c for c in labels if c in CITIES) == sorted(CITIES)
    assert page.locator(".js-plotly-plot .scatterlayer .point").count() >= 16


def test_deep_link_on_a_fresh_server_runs_through_the_app(context, built_data):
    """The first visitor of a fresh server opening /timeline gets the real navigation, not the legacy one."""
    with Server(data_dir=built_data) as srv:
        page = context.new_page()
        page.goto(f"{srv.url}/timeline")
        wait_ready(page, spec.chart_count("timeline"))
        nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
        assert all(p.title in nav for p in spec.PAGES)
        assert "senate_vote" not in nav
