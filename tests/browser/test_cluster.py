"""A reader of a process that dies (``make serve-cluster``): Streamlit's front end connects again through nginx,
which sends it to the other process, and the page runs once more there. The reader sees no error dialog and
keeps the page and the state picked in the address."""

from __future__ import annotations

import os
import signal
import time

import pytest

from devtools.browser import CHART_SVG, EXCEPTION, STALE, STATUS, Offline, wait_ready
from tests.test_cluster import start

pytestmark = pytest.mark.browser

ADDRESS = "/map?show=excluded"
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

        frames_after: list[int] = []  # frames the server sent on websockets opened after the kill
        page.on("websocket", lambda ws: ws.on("framereceived", lambda _: frames_after.append(1)))
        os.kill(c.state["apps"][home], signal.SIGKILL)
        deadline = time.monotonic() + 60
        while not frames_after and time.monotonic() < deadline:  # the front end connects again and reruns
            page.wait_for_timeout(250)
        assert frames_after, "the front end did not connect again"
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
