"""Real-browser fixtures: a Streamlit server on a free local port, and Debian's chromium driven by Playwright
with every request that leaves localhost blocked and recorded."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from etl.paths import ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--disable-renderer-backgrounding",
        "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows"]
ARTIFACTS = ROOT / "test-artifacts"
LOCAL = {"localhost", "127.0.0.1", "[::1]", "::1"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, data_dir: Path | None = None, app: Path = ROOT / "app.py"):
        self.port = free_port()
        self.url = f"http://localhost:{self.port}"
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        if data_dir is not None:
            env["DASHBOARD_DATA_DIR"] = str(data_dir)
        self.log = ARTIFACTS / f"streamlit-{self.port}.log"
        ARTIFACTS.mkdir(exist_ok=True)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none", "--server.runOnSave", "false"],
            cwd=ROOT, env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT)
        self._wait()

    def _wait(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited: {self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("streamlit did not become healthy in time")

    def rss_mb(self) -> float:
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    srv = Server()
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make test-deps does it)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


class Offline:
    """Blocks and records every request that leaves localhost."""

    def __init__(self, context):
        self.blocked: list[str] = []
        context.route("**/*", self._route)

    def _route(self, route) -> None:
        url = route.request.url
        host = urlparse(url).hostname or ""
        if url.startswith(("data:", "blob:", "about:")) or host in LOCAL or url.startswith("file:"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    ctx.offline_guard = Offline(ctx)
    yield ctx
    ctx.close()


def wait_ready(page, charts: int = 0, timeout: float = 45_000) -> None:
    """Until the app has finished running and ``charts`` Plotly charts have drawn their SVG."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        """n => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n
              && !document.querySelector('[data-testid="stStatusWidget"]')
              && document.querySelectorAll('[data-testid="stMainBlockContainer"] *').length > 20""",
        arg=charts * 2 if charts else 0, timeout=timeout)
    page.wait_for_timeout(300)


def wait_for_words(page, words: list[str], timeout: float = 30_000) -> None:
    """Until every word is on screen, in the page text or inside a chart's SVG (elements stream in)."""
    page.wait_for_function(
        """words => {
             const svg = [...document.querySelectorAll('.js-plotly-plot .main-svg')].map(e => e.textContent).join(' ');
             const text = document.body.innerText + ' ' + svg;
             return words.every(w => text.includes(w));
           }""", arg=words, timeout=timeout)


def screenshot(page, name: str) -> Path:
    """The whole page: Streamlit scrolls inside its own container, so grow the viewport to the content first."""
    out = ARTIFACTS / "screens" / f"{name}.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    height = page.evaluate("""() => { const m = document.querySelector('[data-testid="stMain"]');
                                      return m ? m.scrollHeight : document.body.scrollHeight; }""")
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": min(max(height + 40, size["height"]), 8000)})
    page.wait_for_timeout(400)
    page.screenshot(path=str(out), full_page=True)
    page.set_viewport_size(size)
    return out
