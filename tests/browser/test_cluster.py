"""A reader of a process that dies (``make serve-cluster``): Streamlit's front end connects again through nginx,
which sends it to the other process, and the page runs once more there. The reader sees no error dialog and
keeps the page and the state picked in the address. Streamlit 1.67's front end connects again at once and runs
the page again at the reader's next action (here a rerun), on the other process."""

from __future__ import annotations

import os
import signal
import time

import pytest

from devtools.browser import CHART_SVG, EXCEPTION, MAIN, STALE, STATUS, Offline, wait_ready
from tests.test_cluster import start

pytestmark = pytest.mark.browser

ADDRESS = "/map?show=not-considered"
DIALOG = '[role="dialog"]'


def test_a_killed_process_s_reader_goes_on_with_no_error_dialog(browser, built_data, tmp_path):
    c = start(tmp_path / "run", "-n", "2", "--app-port", "0", "--no-restart", data=built_data)
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        ctx.offline_guard = Offline(ctx)
        page = ctx.new_page()
        response = page.goto(c.url + ADDRESS, wait_until="commit")
        home = response.headers["x-upstream"]
        wait_ready(page, 1, timeout=90_000)
        survivor = next(u for u in c.state["upstreams"] if u != home)

        opened: list = []  # websockets the front end opens after the kill
        page.on("websocket", lambda ws: opened.append(ws))
        os.kill(c.state["apps"][home], signal.SIGKILL)
        deadline = time.monotonic() + 60
        while not opened and time.monotonic() < deadline:  # the front end connects again, through nginx
            page.wait_for_timeout(250)
        assert opened, "the front end did not connect again"
        page.wait_for_timeout(1000)
        # Streamlit 1.67's front end keeps the page as drawn and runs it again at the reader's next action: a
        # rerun (its "r" key, what a widget change does), which the other process now serves.
        with opened[-1].expect_event("framereceived", timeout=30_000):
            page.focus(MAIN)
            page.keyboard.press("r")
        page.wait_for_function(
            f"() => !document.querySelector('{STATUS}') && !document.querySelector('{STALE}')", timeout=60_000
        )
        wait_ready(page, 1, timeout=60_000)
        page.wait_for_timeout(1500)  # a dialog the front end would open after a failed try has had its chance

        assert page.url == c.url + ADDRESS  # the same page, the same state in the address
        assert page.locator(DIALOG).count() == 0
        assert "Connection error" not in page.inner_text("body")
        assert page.locator(EXCEPTION).count() == 0
        assert page.locator(CHART_SVG).count() >= 2
        assert "Not considered until they agree" in page.inner_text("body")
        served = page.evaluate("() => fetch('/_stcore/health').then(r => r.headers.get('x-upstream'))")
        assert served == survivor  # the dead process has left the pool
        assert ctx.offline_guard.blocked == []
    finally:
        ctx.close()
        assert c.stop() == 0
