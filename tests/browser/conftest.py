"""Real-browser fixtures: a Streamlit server on a free local port, and Debian's chromium driven by Playwright
with every request that leaves localhost blocked and recorded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from devtools.browser import MAIN, Offline
from devtools.server import Server
from etl.paths import ROOT

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def server(built_data) -> Iterator[Server]:
    """The app on the data the ETL of this working tree builds."""
    with Server(data_dir=built_data) as srv:
        yield srv


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    ctx.offline_guard = Offline(ctx)
    yield ctx
    ctx.close()


def screenshot(page, name: str) -> Path:
    """The whole page: Streamlit scrolls inside its own container, so grow the viewport to the content first."""
    out = ARTIFACTS / "screens" / f"{name}.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    height = page.evaluate(
        "s => { const m = document.querySelector(s); return m ? m.scrollHeight : document.body.scrollHeight; }", MAIN
    )
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": min(max(height + 40, size["height"]), 8000)})
    page.wait_for_timeout(400)
    page.screenshot(path=str(out), full_page=True)
    page.set_viewport_size(size)
    return out
