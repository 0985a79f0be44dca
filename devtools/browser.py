"""Debian's Chromium through Playwright: launch flags that work here, an offline guard, and readiness waits."""

from __future__ import annotations

import os
from urllib.parse import urlparse

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--disable-renderer-backgrounding",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
]
LOCAL = {"localhost", "127.0.0.1", "[::1]", "::1"}

# The page parts tests and devtools look for, named once: Streamlit's own test ids (not a public API: a Streamlit
# upgrade that renames one is fixed here) and Plotly's classes. Dialogs and headings are found by role instead.
APP = '[data-testid="stApp"]'
MAIN = '[data-testid="stMain"]'  # the scrolling container of the page
MAIN_BLOCK = '[data-testid="stMainBlockContainer"]'
SIDEBAR = '[data-testid="stSidebar"]'
SIDEBAR_NAV = '[data-testid="stSidebarNav"]'
MAIN_MENU = '[data-testid="stMainMenu"]'
STATUS = '[data-testid="stStatusWidget"]'  # shown while a script runs
STALE = '[data-stale="true"]'  # what a rerun (of the page or of one chart's fragment) has not yet redrawn
EXCEPTION = '[data-testid="stException"]'
ALERT = '[data-testid="stAlert"]'
ERROR = '[data-testid="stAlertContentError"]'
METRIC = '[data-testid="stMetric"]'
CHART_CLASS = "js-plotly-plot"  # Plotly's class on a chart's box
CHART = f".{CHART_CLASS}"
SVG = ".main-svg"  # Plotly's SVG layers inside a chart
CHART_SVG = f"{CHART} {SVG}"

TOOLBAR = ".modebar"  # Plotly's tool bar on a chart (shown at all times where a reader cannot hover)
CAMERA = '.modebar-btn[data-title="Download plot as a PNG"]'  # its button that saves the chart as a PNG
CHART_TEXT = ".gtitle, .gtitle-subtitle, .annotation-text, .legendtext, .xtick text, .ytick text"
# Each chart's texts that its tool bar covers, as [chart index, text]: none when the bar sits clear of the chart.
TEXT_UNDER_TOOLBAR_JS = f"""() => [...document.querySelectorAll('{CHART}')].flatMap((chart, i) => {{
    const bar = chart.querySelector('{TOOLBAR}');
    if (!bar || getComputedStyle(bar.querySelector('.modebar-group') || bar).opacity === '0') return [];
    const b = bar.getBoundingClientRect();
    return [...chart.querySelectorAll('{CHART_TEXT}')].filter(e => {{
        const r = e.getBoundingClientRect();
        return r.width && r.right > b.left && r.left < b.right && r.bottom > b.top && r.top < b.bottom;
    }}).map(e => [i, e.textContent]);
}})"""

PICTURE = f"{CHART} image"  # a picture in a chart's layout (the map's state outlines), decoded after Plotly draws

# Ready: the script has finished and ``n`` charts have drawn, their pictures decoded too (each picture's address
# loaded once more into an Image, which is complete once the browser has it decoded).
READY_JS = f"""n => document.querySelectorAll('{CHART_SVG}').length >= 2 * n
                 && !document.querySelector('{STATUS}') && !document.querySelector('{STALE}')
                 && document.querySelectorAll('{MAIN_BLOCK} *').length > 20
                 && [...document.querySelectorAll('{PICTURE}')].every(e => {{
                      const src = e.getAttribute('href') || e.getAttribute('xlink:href') || '';
                      const seen = (window.__pictures ||= new Map());
                      if (!seen.has(src)) {{ const i = new Image(); i.src = src; seen.set(src, i); }}
                      return seen.get(src).complete;
                    }})"""


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)


class Offline:
    """Blocks and records every request that leaves localhost."""

    def __init__(self, context):
        self.blocked: list[str] = []
        context.route("**/*", self._route)

    def _route(self, route) -> None:
        url = route.request.url
        host = urlparse(url).hostname or ""
        if url.startswith(("data:", "blob:", "about:", "file:")) or host in LOCAL:
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


def wait_ready(page, charts: int = 0, timeout: float = 45_000) -> None:
    """Until the script has finished and ``charts`` Plotly charts have drawn their SVG."""
    page.wait_for_selector(APP, timeout=timeout)
    page.wait_for_function(READY_JS, arg=charts, timeout=timeout)


# A folded table's expander: Streamlit puts each keyed element's key in a class (st-key-<key>), and a folded
# table's key ends in "_open" (dashboard.streamlit_page.folded_key); its table is sent once a reader opens it.
FOLDED = '[class*="st-key-"][class*="_open"] details'
TABLE = ".table-scroll"  # a table's scrolling box (dashboard/markup.py's template)


def open_folded(page, charts: int = 0, timeout: float = 45_000) -> int:
    """Opens every folded table on an app page that is still closed, as a reader who wants them all does, and
    waits until each has come and the page is ready again. Returns how many it opened."""
    closed = page.locator(f"{MAIN} {FOLDED}:not([open]) summary").element_handles()
    for summary in closed:
        summary.click()
    if n := len(closed):
        page.wait_for_function(
            f"() => [...document.querySelectorAll('{MAIN} {FOLDED}')].every(d => d.querySelector('{TABLE}'))",
            timeout=timeout,
        )
        wait_ready(page, charts, timeout)
    return n


def wait_for_words(page, words: list[str], timeout: float = 30_000) -> None:
    """Until every word is on screen, in the page text or inside a chart's SVG (elements stream in)."""
    page.wait_for_function(
        f"""words => {{
             const svg = [...document.querySelectorAll('{CHART_SVG}')].map(e => e.textContent).join(' ');
             const text = document.body.innerText + ' ' + svg;
             return words.every(w => text.includes(w));
           }}""",
        arg=words,
        timeout=timeout,
    )


def screenshot_whole(page, path) -> None:
    """The whole page at the window's width: Streamlit scrolls inside its own container, so grow the window to the
    content first (at most 8,000 px), then give it back its size."""
    height = page.evaluate(
        "s => { const m = document.querySelector(s); return m ? m.scrollHeight : document.body.scrollHeight; }", MAIN
    )
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": min(max(height + 40, size["height"]), 8000)})
    page.wait_for_timeout(400)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
