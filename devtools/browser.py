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

READY_JS = """n => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2 * n
                 && !document.querySelector('[data-testid="stStatusWidget"]')
                 && document.querySelectorAll('[data-testid="stMainBlockContainer"] *').length > 20"""


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
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(READY_JS, arg=charts, timeout=timeout)


def wait_for_words(page, words: list[str], timeout: float = 30_000) -> None:
    """Until every word is on screen, in the page text or inside a chart's SVG (elements stream in)."""
    page.wait_for_function(
        """words => {
             const svg = [...document.querySelectorAll('.js-plotly-plot .main-svg')].map(e => e.textContent).join(' ');
             const text = document.body.innerText + ' ' + svg;
             return words.every(w => text.includes(w));
           }""",
        arg=words,
        timeout=timeout,
    )
