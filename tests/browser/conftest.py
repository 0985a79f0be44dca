"""Real-browser fixtures: a Streamlit server on a free local port, and Debian's chromium driven by Playwright
with every request that leaves localhost blocked and recorded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from devtools.browser import Offline, screenshot_whole
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
    """The whole page, saved under test-artifacts/screens/ (``devtools.browser.screenshot_whole``)."""
    out = ARTIFACTS / "screens" / f"{name}.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    screenshot_whole(page, out)
    return out
