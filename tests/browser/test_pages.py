"""Every page in headless Chromium with the network blocked: charts draw, the article's values are on screen,
no request leaves localhost, no error shows. Screenshots land in test-artifacts/screens/."""

from __future__ import annotations

import pytest

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

PAGES = {  # url path -> (charts, words that must be on screen)
    "": (1, ["Cities excluded", "50–48", "3 Aug 2017", "Data freshness"]),
    "map": (1, ["4 cities shut out, 12 already in", *CITIES]),
    "senate-vote": (3, ["Senate vote: Marvin Kaplan, 50–48", "2 not voting", "derived"]),
    "timeline": (1, ["“on Thursday”", "“after the August recess”", "later outcomes"]),
    "article": (0, ["San Bernadino", "Data quality", "datapackage.json"]),
}


@pytest.mark.parametrize("path", list(PAGES), ids=[p or "overview" for p in PAGES])
def test_page_offline(server, context, path):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server.url}/{path}")
    charts, words = PAGES[path]
    wait_ready(page, charts)
    wait_for_words(page, words)
    screenshot(page, path or "overview")
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
    wait_ready(page, 1)
    labels = page.locator(".js-plotly-plot .annotation-text").all_text_contents()
    assert sorted(c for c in labels if c in CITIES) == sorted(CITIES)
    assert page.locator(".js-plotly-plot .scatterlayer .point").count() >= 16


def test_deep_link_on_a_fresh_server_runs_through_the_app(context, tmp_path):
    """The first visitor of a fresh server opening /timeline gets the real navigation, not the legacy one."""
    with Server() as srv:
        page = context.new_page()
        page.goto(f"{srv.url}/timeline")
        wait_ready(page, 1)
        nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
        assert "Policy timeline" in nav and "Article & data" in nav
        assert "senate_vote" not in nav
