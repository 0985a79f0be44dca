"""The web server around the app (``serve.py``, through Streamlit's public ``st.App``): what runs before the first
reader, and one script added to the app's HTML page.

- :class:`HeadScript` adds :func:`page_script` to the HTML page, which runs before Streamlit's front end starts. It
  sets a cookie with the window's width, so a page's first run can lay its charts out for their boxes at once
  (``dashboard.widths``) instead of waiting for the boxes to report. And it tells the front end where its server
  is: opened directly at a page's own address (``/map``, any page but the main one), Streamlit 1.67 first looks
  for its server there (``/map/_stcore/health``, a 404), then one step up, which cost each such visit about
  100 ms (streamlit/streamlit#7074).
- :func:`warm` runs before the server takes its first request: it reads the data package and builds each page's
  charts at the phone and desktop widths the screenshots check, so the first reader after a restart does not
  pay for the imports and the first builds. Then it freezes what the server holds (``gc.freeze``), which the full
  garbage collection Streamlit runs after every page run would otherwise walk each time.
"""

from __future__ import annotations

import gc
import logging
import re
from collections.abc import Iterator
from contextlib import asynccontextmanager

import streamlit as st

from dashboard import blocks, data, figcache, reader, spec, widths

# The windows the server builds charts for before its first reader: a phone (a finger: the charts have the tool bar's
# band) and a desktop (a mouse: no band), the screenshot widths.
WARM_WINDOWS = (("390x0", False), ("1400x0", True))  # (window, its pointer can hover)


_COOKIE_JS = (
    f"document.cookie = '{widths.WINDOW_COOKIE}=' + {widths.WINDOW_JS} + '; path=/; SameSite=Lax';"
    f"document.cookie = '{widths.POINTER_COOKIE}=' + {widths.POINTER_JS} + '; path=/; SameSite=Lax';"
)
# Streamlit's front end reads window.__streamlit once, as it starts, for where to find its server (BACKEND_BASE_URL,
# which Streamlit added for hosts that serve its page from elsewhere). A page other than the main one is one step
# below the app's address (st.Page allows no "/" in its url_path), under whatever prefix a proxy adds, so the
# server is "." from the page's own URL.
_SERVER_JS = (
    "window.__streamlit = Object.assign({BACKEND_BASE_URL: new URL('.', location.href).href}, window.__streamlit);"
)


def page_script(page: str) -> str:
    """The script at the start of the HTML page of ``page`` (:func:`page_name`): the window's width and whether its
    pointer can hover, as cookies, and, on a page one step below the main page (``map``), where the server is, so
    that the front end connects there at once. ``tests/browser/test_pages.py`` fails the day a page asks anything
    that is not found."""
    below_main = page != "" and "/" not in page
    return "<script>" + (_SERVER_JS if below_main else "") + _COOKIE_JS + "</script>"


_HEAD = b"<head>"
# Asked of Streamlit for the HTML page, so that it always sends the page whole: uncompressed (the script goes in),
# never "not modified" (a browser's copy may be from before the script).
_NOT_ASKED = {b"accept-encoding", b"if-none-match", b"if-modified-since"}
_NOT_SENT = {b"content-length", b"etag", b"last-modified"}  # they described the page without the script


def base_path() -> str:
    """Where the app lives on its host: ``/``, or ``/<server.baseUrlPath>``."""
    return "/" + (st.get_option("server.baseUrlPath") or "").strip("/")


def page_name(path: str) -> str | None:
    """The page a request's path names under ``server.baseUrlPath``: ``""`` for the main page (``/``), ``"map"`` for
    ``/map``; ``None`` for an address Streamlit does not answer with its HTML page (a file, its own API)."""
    base = base_path()
    path = "/" + path.removeprefix(base).lstrip("/") if base != "/" and path.startswith(base) else path
    last = path.rsplit("/", 1)[-1]
    if "." in last or path.startswith(("/_stcore", "/static", "/media", "/component")):
        return None
    return path[1:]


def _is_html_page(start: dict) -> bool:
    """A response start: the HTML page itself (200, text/html), nothing else (a 304, an error, another type)."""
    kinds = [v for k, v in start.get("headers", []) if k.lower() == b"content-type"]
    return start.get("status") == 200 and any(v.startswith(b"text/html") for v in kinds)


class HeadScript:
    """ASGI middleware: the app's HTML page gets :func:`page_script` at the start of its ``<head>``. Only GET and HEAD
    requests for a page's address are touched: Streamlit is asked for the whole page (:data:`_NOT_ASKED`), and only
    a 200 ``text/html`` answer is held until its body is complete and changed; any other answer, and every other
    request, passes as it is."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        name = page_name(scope["path"]) if scope["type"] == "http" and scope["method"] in ("GET", "HEAD") else None
        if name is None:
            await self.app(scope, receive, send)
            return
        headers = [(k, v) for k, v in scope["headers"] if k.lower() not in _NOT_ASKED]
        extensions = {k: v for k, v in scope.get("extensions", {}).items() if k != "http.response.pathsend"}
        held: list[dict] = []  # the page's start message, until its body is complete
        body: list[bytes] = []

        async def add_script(message) -> None:
            if message["type"] == "http.response.start" and _is_html_page(message):
                held.append(message)
            elif not held:
                await send(message)
            elif message["type"] != "http.response.body":  # never keep the start back from anything else
                await send(held.pop())
                await send(message)
            else:
                body.append(message.get("body", b""))
                if not message.get("more_body"):
                    script = page_script(name).encode()
                    start, page = with_script(held.pop(), b"".join(body), script, head=scope["method"] == "HEAD")
                    await send(start)
                    await send({"type": "http.response.body", "body": page})

        await self.app({**scope, "headers": headers, "extensions": extensions}, receive, add_script)


class FilesFromMemory:
    """ASGI middleware: Streamlit's front-end files, kept in memory once sent. Each file's name carries a hash of
    its content (:data:`_ASSET`), and Streamlit sends it as ``immutable``, so the answer never changes while the
    server runs. A first visit fetches about a hundred of them, and Streamlit reads each from disk in 64 kB steps on
    a worker thread: that was most of a first visit's server CPU. Kept: a whole 200 answer to a plain GET for such
    a name (written plainly: no ``.`` or ``//`` step, which Streamlit would also answer), whose ``Cache-Control``
    says ``immutable``, sent unencoded, up to :data:`KEEP_BYTES` in all. Everything else (a HEAD, a range, a
    conditional request, any other address or answer) passes as it is."""

    KEEP_BYTES = 64 * 2**20  # Streamlit 1.67's static folder is 26 MB; a visit fetches under 10 MB of it

    def __init__(self, app) -> None:
        self.app = app
        self.kept: dict[str, tuple[dict, bytes]] = {}
        self.kept_bytes = 0

    async def __call__(self, scope, receive, send) -> None:
        if not _plain_get(scope) or not _ASSET.fullmatch(scope["path"]):
            await self.app(scope, receive, send)
            return
        if (kept := self.kept.get(scope["path"])) is not None:
            start, body = kept
            await send({**start, "headers": list(start["headers"])})  # a copy: whoever sends it may add headers
            await send({"type": "http.response.body", "body": body})
            return
        start: dict = {}
        body: list[bytes] | None = None  # the answer's body so far, while it is held

        async def keep(message) -> None:
            nonlocal body
            if message["type"] == "http.response.start":
                start.update(message, headers=list(message.get("headers", [])))
                body = [] if self._room_for(scope["path"], start) else None
            elif message["type"] == "http.response.body" and body is not None:
                body.append(message.get("body", b""))
                if not message.get("more_body"):
                    self._keep(scope["path"], start, b"".join(body))
            await send(message)

        extensions = {k: v for k, v in scope.get("extensions", {}).items() if k != "http.response.pathsend"}
        await self.app({**scope, "extensions": extensions}, receive, keep)

    def _room_for(self, path: str, start: dict) -> bool:
        """An answer worth holding while it is sent (asked once, at its start): keepable, not kept yet, and of a
        length there is room for. :meth:`_keep` asks again at its end, as another request may have kept it since."""
        length = _headers(start).get(b"content-length", b"")
        return (
            _keepable(start)
            and path not in self.kept
            and length.isdigit()
            and self.kept_bytes + int(length) + len(path) <= self.KEEP_BYTES
        )

    def _keep(self, path: str, start: dict, body: bytes) -> None:
        size = len(body) + len(path) + sum(len(k) + len(v) for k, v in start["headers"])
        if path not in self.kept and self.kept_bytes + size <= self.KEEP_BYTES:
            self.kept[path] = (start, body)
            self.kept_bytes += size


# A front-end file as Streamlit names it: under static/, its name ending in a content hash and an extension
# (static/js/index.DormvYxC.js, static/media/SourceSansVF-Upright.ttf.BsWL4Kly.woff2), under any base path.
_ASSET = re.compile(r"(?:/[\w-]+)*/static/(?:js|css|media)/[\w.-]+\.[\w-]{6,}\.[a-z0-9]{2,5}")
_ASKS_FOR_PART = {b"range", b"if-none-match", b"if-modified-since", b"if-range"}


def _plain_get(scope) -> bool:
    """A GET for a whole file, with no condition and no range: the only request :class:`FilesFromMemory` answers."""
    return (
        scope["type"] == "http"
        and scope["method"] == "GET"
        and not scope.get("query_string")
        and not any(k.lower() in _ASKS_FOR_PART for k, _ in scope["headers"])
    )


def _headers(start: dict) -> dict[bytes, bytes]:
    """A response start's headers by lower-case name (the last of a repeated name)."""
    return {k.lower(): v for k, v in start.get("headers", [])}


def _keepable(start: dict) -> bool:
    """An answer that is the same for every request: 200, ``immutable``, not encoded for this client."""
    headers = _headers(start)
    return (
        start.get("status") == 200
        and b"immutable" in headers.get(b"cache-control", b"")
        and b"content-encoding" not in headers
    )


def with_script(start: dict, page: bytes, script: bytes, head: bool = False) -> tuple[dict, bytes]:
    """The HTML page's start message and whole body with ``script`` after ``<head>``, its length to match; for a
    HEAD request (no body), the length the GET's page has."""
    kept = [(k, v) for k, v in start.get("headers", []) if k.lower() not in _NOT_SENT]
    if head:
        given = next((v for k, v in start.get("headers", []) if k.lower() == b"content-length"), b"0")
        length = int(given) + len(script)
    else:
        page = page.replace(_HEAD, _HEAD + script, 1)
        length = len(page)
    return {**start, "headers": [*kept, (b"content-length", str(length).encode())]}, page


def page_charts(shown: tuple[spec.Block, ...], box: str = widths.MAIN) -> Iterator[tuple[str, dict, str]]:
    """Each chart the app draws on a page, with the view it opens on (each choice at its default) and its box."""
    for b in shown:
        if b.kind == "columns":
            for i, part in enumerate(b.parts):
                yield from page_charts(part, widths.column_box(b.opts["widths"], i))
        elif b.kind == "chart" and spec.APP in b.on:
            yield b.ref, blocks.resolve(b.view, {}), box


def warm_up() -> None:
    """Read the data package and build every page's charts for :data:`WARM_WINDOWS` into the app's figure cache."""
    snap = data.load_snapshot()
    for page in spec.PAGES:
        for chart_id, view, box in page_charts(page.blocks):
            for window, hover in WARM_WINDOWS:
                size = (widths.predicted_width(box, window), None)
                figcache.figure_from(snap, chart_id, size, on_page=not hover, **view)


@asynccontextmanager
async def warm(app):
    """``st.App``'s lifespan: :func:`warm_up` before the first request. The server starts whatever happens here: a
    data package that cannot be read is left to the pages, which say so, and any other failure is logged (a page
    that draws the same chart shows it to its reader).

    Then every object the server holds so far (its modules, the data package, the charts just built) is moved out
    of the garbage collector's sight (``gc.freeze``). Streamlit runs a full collection after every page run
    (``runner.postScriptGC``), and walking those objects was the largest part of a page view's server CPU: about
    50 ms a run. They live as long as the server; what later runs make is still collected."""
    try:
        warm_up()
    except reader.DataUnavailable:
        pass
    except Exception:
        logging.getLogger(__name__).exception("serving.warm_up")
    gc.collect()  # what the warm-up left behind goes first: frozen, it would never be collected
    gc.freeze()
    yield
