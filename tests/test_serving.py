"""The server around the app (``dashboard/serving.py``): the window-width script added to the HTML page and nothing
else touched, the layout model's edges, and the charts the server builds before its first reader. Whether the
model matches Streamlit's real layout is measured in a browser (``tests/browser/test_pages.py``)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from dashboard import reader, serving, spec, widths


def run(coroutine):
    """Runs a coroutine to its end in a thread of its own: in the whole suite, Playwright's sync API keeps an event
    loop running in the main thread, where ``asyncio.run`` refuses to start another."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


PAGE = b"<!doctype html><html><head><title>x</title></head><body></body></html>"


def respond(path: str, body: bytes, content_type: bytes, method: str = "GET", accept: bytes = b"gzip"):
    """Runs the middleware around an app that answers ``body``: what the app was asked, and what was sent."""
    asked: dict = {}
    sent: list[dict] = []

    async def app(scope, receive, send):
        asked.update(scope)
        headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body[:10], "more_body": True})
        await send({"type": "http.response.body", "body": body[10:]})

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "headers": [(b"accept-encoding", accept)]}
    run(serving.WindowWidth(app)(scope, None, send))
    return asked, sent


def body_of(sent: list[dict]) -> bytes:
    return b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def header(sent: list[dict], name: bytes) -> bytes:
    return dict(sent[0]["headers"])[name]


@pytest.mark.parametrize("path", ["/", "/map", "/senate-vote"])
def test_a_page_gets_the_script_once_and_its_length_follows(path):
    asked, sent = respond(path, PAGE, b"text/html; charset=utf-8")
    page = body_of(sent)
    assert page == PAGE.replace(b"<head>", b"<head>" + serving.SCRIPT.encode())
    assert page.count(b"<script>") == 1
    assert header(sent, b"content-length") == str(len(page)).encode()
    assert b"accept-encoding" not in dict(asked["headers"])  # asked for uncompressed, so the page can be read


@pytest.mark.parametrize(
    ("path", "method", "content_type"),
    [
        ("/static/js/index.js", "GET", b"text/javascript"),
        ("/_stcore/health", "GET", b"text/plain"),
        ("/favicon.png", "GET", b"image/png"),
        ("/", "HEAD", b"text/html"),
        ("/", "GET", b"application/json"),  # a page address answered with something else
    ],
)
def test_everything_else_passes_as_it_was(path, method, content_type):
    body = b"console.log('<head>')" * 3
    asked, sent = respond(path, body, content_type, method)
    assert body_of(sent) == body
    assert header(sent, b"content-length") == str(len(body)).encode()
    if (path, method) != ("/", "GET"):
        assert dict(asked["headers"])[b"accept-encoding"] == b"gzip"  # left for Streamlit's compression


def test_the_script_sets_the_cookie_the_first_run_reads():
    assert f"document.cookie = '{widths.VIEWPORT_COOKIE}=' + {widths.VIEWPORT_JS}" in serving.SCRIPT
    assert "SameSite=Lax" in serving.SCRIPT and "path=/" in serving.SCRIPT


@pytest.mark.parametrize("window", ["", "1400", "x0", "abcx0", "1400x", "99x0", "1400x0; main@1x0:1"])
def test_a_window_it_cannot_read_predicts_nothing(window):
    assert widths.predicted_width(widths.MAIN, window) is None


def test_unknown_boxes_predict_nothing():
    assert widths.predicted_width("sidebar", "1400x0") is None
    assert widths.predicted_width(widths.column_box((3, 2), 2), "1400x0") is None  # no third column


def test_columns_stack_on_a_narrow_window_and_share_a_wide_one():
    layout = widths.LAYOUT
    narrow = f"{layout.columns_from - 1}x0"
    assert widths.predicted_width(widths.column_box((3, 2), 0), narrow) == widths.predicted_width(widths.MAIN, narrow)
    wide = "1400x0"
    main = widths.predicted_width(widths.MAIN, wide)
    left, right = (widths.predicted_width(widths.column_box((3, 2), i), wide) for i in (0, 1))
    assert left > right and left + right <= main <= left + right + layout.gap + 2 * widths.STEP


def test_a_classic_scrollbar_narrows_every_box():
    for box in (widths.MAIN, widths.column_box((3, 2), 0)):
        assert widths.predicted_width(box, "1400x17") < widths.predicted_width(box, "1400x0")


def test_the_server_builds_every_chart_the_pages_draw():
    charts = [(slug, c) for slug in (p.slug for p in spec.PAGES) for c in serving.page_charts(spec.page(slug).blocks)]
    assert sorted({chart_id for _, (chart_id, _, _) in charts}) == sorted(spec.chart_ids())
    assert {slug: sum(1 for s, _ in charts if s == slug) for slug in ("overview", "map", "senate-vote")} == {
        slug: spec.chart_count(slug) for slug in ("overview", "map", "senate-vote")
    }
    boxes = {(slug, chart_id): box for slug, (chart_id, _, box) in charts}
    assert boxes[("overview", "map")] == widths.column_box((3, 2), 0)  # the overview's map sits in a column
    assert boxes[("map", "map")] == widths.MAIN
    assert all(not isinstance(v, spec.State) for _, (_, view, _) in charts for v in view.values())


@pytest.mark.parametrize("failure", [reader.DataUnavailable("no data"), RuntimeError("a chart that cannot be built")])
def test_the_server_starts_whatever_the_warm_up_meets(monkeypatch, caplog, failure):
    def fail():
        raise failure

    monkeypatch.setattr(serving, "warm_up", fail)

    async def start() -> bool:
        async with serving.warm(None):
            return True

    assert run(start())
    logged = [r for r in caplog.records if r.name == "dashboard.serving"]
    assert len(logged) == (0 if isinstance(failure, reader.DataUnavailable) else 1)
