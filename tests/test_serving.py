"""The server around the app (``dashboard/serving.py``): the script added to the HTML page (the window's width, the
server's address) and nothing else touched, Streamlit's front-end files kept in memory, the layout model's edges,
and what the server does before its first reader (the charts it builds, the objects it freezes). Whether the model
matches Streamlit's real layout is measured in a browser (``tests/browser/test_pages.py``)."""

from __future__ import annotations

import asyncio
import gc
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from dashboard import figcache, reader, serving, spec, widths


def run(coroutine):
    """Runs a coroutine to its end in a thread of its own: in the whole suite, Playwright's sync API keeps an event
    loop running in the main thread, where ``asyncio.run`` refuses to start another."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


PAGE = b"<!doctype html><html><head><title>x</title></head><body></body></html>"


def respond(path: str, body: bytes, content_type: bytes, method: str = "GET", status: int = 200, then=None):
    """Runs the middleware around an app that answers ``body`` (or sends ``then`` after its start message): what
    the app was asked, and what was sent."""
    asked: dict = {}
    sent: list[dict] = []

    async def app(scope, receive, send):
        asked.update(scope)
        headers = [
            (b"content-type", content_type),
            (b"content-length", str(len(body)).encode()),
            (b"etag", b'"abc"'),
            (b"last-modified", b"Mon, 30 Nov 2026 05:53:52 GMT"),
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        if then is not None:
            await send(then)
            return
        await send({"type": "http.response.body", "body": body[:10], "more_body": True})
        await send({"type": "http.response.body", "body": body[10:]})

    async def send(message):
        sent.append(message)

    request = [(b"accept-encoding", b"gzip"), (b"if-none-match", b'"abc"'), (b"cookie", b"a=b")]
    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "headers": request,
        "extensions": {"http.response.pathsend": {}},
    }
    run(serving.HeadScript(app)(scope, None, send))
    return asked, sent


def body_of(sent: list[dict]) -> bytes:
    return b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def header(sent: list[dict], name: bytes) -> bytes:
    return dict(sent[0]["headers"])[name]


@pytest.mark.parametrize("path", ["/", "/map", "/senate-vote"])
def test_a_page_gets_the_script_once_and_its_length_follows(path):
    asked, sent = respond(path, PAGE, b"text/html; charset=utf-8")
    page = body_of(sent)
    assert page == PAGE.replace(b"<head>", b"<head>" + serving.page_script(path.lstrip("/")).encode())
    assert page.count(b"<script>") == 1
    assert header(sent, b"content-length") == str(len(page)).encode()
    assert b"etag" not in dict(sent[0]["headers"]) and b"last-modified" not in dict(sent[0]["headers"])
    # asked for the whole page: uncompressed, never "not modified"; other headers kept; no file handle to send
    assert dict(asked["headers"]) == {b"cookie": b"a=b"}
    assert "http.response.pathsend" not in asked["extensions"]


@pytest.mark.parametrize(
    ("base", "path", "told"),
    [
        ("/", "/", False),
        ("/", "/map", True),
        ("/", "/a/b", False),
        ("/news/dash", "/news/dash/", False),
        ("/news/dash", "/news/dash/senate-vote", True),
    ],
)
def test_a_page_below_the_main_one_says_where_its_server_is(monkeypatch, base, path, told):
    """Opened at a page's own address, one step below the main page, the page tells Streamlit's front end that its
    server is "." from the page's URL (one step up, under any prefix a proxy adds), so it does not ask the page's
    address first. The main page says nothing: the front end's first guess, its own address, is right there."""
    monkeypatch.setattr(serving, "base_path", lambda: base)
    _, sent = respond(path, PAGE, b"text/html")
    page = body_of(sent)
    assert (b"window.__streamlit = Object.assign({BACKEND_BASE_URL: new URL('.', location.href).href}" in page) is told
    assert page.count(b"<script>") == 1
    assert f"document.cookie = '{widths.WINDOW_COOKIE}=' + {widths.WINDOW_JS}".encode() in page


def test_a_head_request_says_the_length_the_page_has():
    _, got = respond("/map", PAGE, b"text/html")
    _, head = respond("/map", PAGE, b"text/html", method="HEAD", then={"type": "http.response.body", "body": b""})
    assert header(head, b"content-length") == header(got, b"content-length") == str(len(body_of(got))).encode()
    assert body_of(head) == b""


@pytest.mark.parametrize(
    ("path", "method", "content_type", "status"),
    [
        ("/static/js/index.js", "GET", b"text/javascript", 200),
        ("/_stcore/health", "GET", b"text/plain", 200),
        ("/favicon.png", "GET", b"image/png", 200),
        ("/", "POST", b"text/html", 200),
        ("/", "GET", b"application/json", 200),  # a page address answered with something else
        ("/map", "GET", b"text/html", 404),
    ],
)
def test_everything_else_passes_as_it_was(path, method, content_type, status):
    body = b"console.log('<head>')" * 3
    asked, sent = respond(path, body, content_type, method, status)
    assert body_of(sent) == body
    assert header(sent, b"content-length") == str(len(body)).encode()
    assert header(sent, b"etag") == b'"abc"'
    if serving.page_name(path) is None or method == "POST":  # not a page request: asked as the browser asked
        assert dict(asked["headers"])[b"accept-encoding"] == b"gzip"


def test_a_page_not_modified_or_sent_as_a_file_is_not_held_back():
    _, sent = respond("/", PAGE, b"text/html", status=304, then={"type": "http.response.body", "body": b""})
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.body"] and sent[0]["status"] == 304
    assert header(sent, b"content-length") == str(len(PAGE)).encode()  # as Streamlit said it: nothing rewritten
    pathsend = {"type": "http.response.pathsend", "path": "/index.html"}
    _, sent = respond("/", PAGE, b"text/html", then=pathsend)
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.pathsend"]


def test_addresses_under_a_base_path(monkeypatch):
    import streamlit as st

    monkeypatch.setattr(st, "get_option", lambda name: "news/psp" if name == "server.baseUrlPath" else None)
    assert serving.page_name("/news/psp") == "" and serving.page_name("/news/psp/map") == "map"
    assert serving.page_name("/news/psp/_stcore/health") is None and serving.page_name("/news/psp/static/x.js") is None


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


def test_the_server_builds_the_view_each_page_opens_on(monkeypatch):
    """What the warm-up builds is what each page's first run asks the figure cache for (its chart and view, every
    choice at its default, drawn on a page): the map page's filter opens on "all", so the map it builds is the map
    it draws."""
    from tests.test_app import open_page

    asked: set = set()
    figure_from = figcache.figure_from

    def record(snap, chart_id, size=None, *, on_page=False, **view):
        asked.add((chart_id, figcache.view_key(view), on_page))
        return figure_from(snap, chart_id, size, on_page=on_page, **view)

    monkeypatch.setattr(figcache, "figure_from", record)
    for page in spec.PAGES:
        if spec.chart_count(page.slug):
            open_page(page.file)
    drawn = set(asked)
    asked.clear()
    serving.warm_up()
    assert drawn <= asked  # drawn with the tool bar's band (AppTest says nothing of its pointer, like a phone)
    assert ("map", (("show", "all"),), True) in drawn
    assert {(c, v) for c, v, band in asked if not band} == {(c, v) for c, v, _ in drawn}  # and for a mouse, without


IMMUTABLE = (b"cache-control", b"public, immutable, max-age=31536000")
ASSET = "/static/js/index.DormvYxC.js"  # a front-end file's name, as Streamlit writes it


def files_app(answers: dict[str, tuple[int, list, bytes]]):
    """An app answering each path with (status, headers, body), its length said and the body in two parts, and
    counting what it was asked: as Streamlit's static file handler would."""
    asked: list[str] = []

    async def app(scope, receive, send):
        asked.append(scope["path"])
        status, headers, body = answers[scope["path"]]
        length = [(b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": [*headers, *length]})
        await send({"type": "http.response.body", "body": body[:5], "more_body": True})
        await send({"type": "http.response.body", "body": body[5:]})

    return app, asked


def fetch(middleware, path: str, method: str = "GET", headers=(), query: bytes = b"") -> list[dict]:
    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    async def receive():  # the client stays connected
        await asyncio.Event().wait()

    scope = {"type": "http", "method": method, "path": path, "headers": list(headers), "query_string": query}
    run(middleware(scope, receive, send))
    return sent


def test_a_front_end_file_is_read_once_then_sent_from_memory():
    js = b"console.log('streamlit');" * 100
    app, asked = files_app({ASSET: (200, [(b"content-type", b"text/javascript"), IMMUTABLE], js)})
    files = serving.FilesFromMemory(app)
    first = fetch(files, ASSET)
    again = fetch(files, ASSET)
    assert asked == [ASSET]  # the second answer came from memory
    assert body_of(first) == body_of(again) == js
    assert again[0]["status"] == 200
    assert again[0]["headers"] == [(b"content-type", b"text/javascript"), IMMUTABLE, (b"content-length", b"2500")]
    again[0]["headers"].append((b"x-added", b"by whoever sends it"))  # a copy each time: what is kept is not changed
    assert b"x-added" not in dict(fetch(files, ASSET)[0]["headers"])


@pytest.mark.parametrize(
    ("request_", "answer", "path"),
    [
        ({"method": "HEAD"}, None, ASSET),
        ({"headers": [(b"range", b"bytes=0-9")]}, None, ASSET),
        ({"headers": [(b"if-none-match", b'"abc"')]}, None, ASSET),
        ({"query": b"v=2"}, None, ASSET),
        ({}, (200, [(b"content-type", b"text/html"), (b"cache-control", b"no-cache")], b"<html>page</html>"), ASSET),
        ({}, (404, [IMMUTABLE], b"not found here"), ASSET),
        ({}, (200, [IMMUTABLE, (b"content-encoding", b"gzip")], b"gzipped bytes"), ASSET),
        ({}, None, "/static/./js/index.DormvYxC.js"),
        ({}, None, "/static//js/index.DormvYxC.js"),
        ({}, None, "/favicon.png"),
        ({}, None, "/map"),
    ],
    ids=["head", "range", "conditional", "query", "not-immutable", "404", "encoded", "dot", "slashes", "icon", "page"],
)
def test_anything_else_is_asked_of_streamlit_every_time(request_, answer, path):
    status, headers, body = answer or (200, [IMMUTABLE], b"a front-end file")
    app, asked = files_app({path: (status, headers, body)})
    files = serving.FilesFromMemory(app)
    for _ in range(2):
        sent = fetch(files, path, **request_)
        assert sent[0]["status"] == status and body_of(sent) == body
    assert asked == [path] * 2 and files.kept == {}


def test_memory_for_files_is_bounded(monkeypatch):
    names = [f"/static/js/{n}.Abcdef12.js" for n in "abc"]
    answers = {name: (200, [IMMUTABLE], bytes(100)) for name in names}
    one = 100 + len(names[0]) + len(b"".join(IMMUTABLE)) + len(b"content-length100")  # a file, its name, headers
    monkeypatch.setattr(serving.FilesFromMemory, "KEEP_BYTES", 2 * one + 50)
    app, asked = files_app(answers)
    files = serving.FilesFromMemory(app)
    for _ in range(2):
        for name in names:
            fetch(files, name)
    assert sorted(files.kept) == names[:2] and files.kept_bytes == 2 * one
    assert asked.count(names[2]) == 2 and asked.count(names[0]) == 1


def test_streamlits_own_files_are_kept_and_its_pages_are_not(tmp_path):
    """Against Streamlit's own static handler (its headers, its index page for any other address): a hashed
    front-end file is kept, the app's pages and the index page Streamlit answers for unknown files are not."""
    from streamlit.file_util import get_static_dir
    from streamlit.web.server.starlette.starlette_static_routes import create_streamlit_static_handler

    static = Path(get_static_dir())
    asset = "/" + next((static / "static" / "js").glob("index.*.js")).relative_to(static).as_posix()
    files = serving.FilesFromMemory(create_streamlit_static_handler(str(static), None))
    for path in ("/", "/map", asset, "/static/js/nothing.Abcdef12.js", "/static/./" + asset.removeprefix("/static/")):
        sent = fetch(files, path)
        assert sent[0]["status"] == 200, path
    assert list(files.kept) == [asset]
    assert body_of(fetch(files, asset)) == (static / asset.lstrip("/")).read_bytes()


def test_the_warm_up_freezes_what_the_server_holds(monkeypatch):
    """After the warm-up, the objects the server holds are out of the collector's sight, so the full collection
    Streamlit runs after every page run does not walk them again."""
    monkeypatch.setattr(serving, "warm_up", lambda: None)

    async def start() -> int:
        async with serving.warm(None):
            return gc.get_freeze_count()

    gc.unfreeze()
    try:
        assert gc.get_freeze_count() == 0
        assert run(start()) > 10_000  # the modules this process has imported, at least
    finally:
        gc.unfreeze()
