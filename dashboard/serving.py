"""The web server around the app (``serve.py``, through Streamlit's public ``st.App``): what runs before the first
reader, and one line added to the app's HTML page.

- :class:`WindowWidth` adds a script to the HTML page that sets a cookie with the window's width before
  Streamlit's front end starts, so a page's first run can lay its charts out for their boxes at once
  (``dashboard.widths``) instead of waiting for the boxes to report.
- :func:`warm` runs before the server takes its first request: it reads the data package and builds each page's
  charts at the phone and desktop widths the screenshots check, so the first reader after a restart does not
  pay for the imports and the first builds.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import asynccontextmanager

from dashboard import data, figcache, reader, spec, widths

# The windows the server builds charts for before its first reader: a phone and a desktop (the screenshot widths).
WARM_WINDOWS = ("390x0", "1400x0")
SCRIPT = (
    f"<script>document.cookie = '{widths.VIEWPORT_COOKIE}=' + {widths.VIEWPORT_JS} + '; path=/; SameSite=Lax';</script>"
)
_HEAD = b"<head>"


def _is_page(path: str) -> bool:
    """A page's address (``/``, ``/map``), which Streamlit answers with its HTML page: not a file, not its own API."""
    last = path.rsplit("/", 1)[-1]
    return "." not in last and not path.startswith(("/_stcore", "/static", "/media", "/component"))


class WindowWidth:
    """ASGI middleware: the app's HTML page gets :data:`SCRIPT` at the start of its ``<head>``. Only GET requests
    for a page's address are touched, asked for uncompressed (the page is 2 kB); every other request passes as
    it is."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not _is_page(scope["path"]):
            await self.app(scope, receive, send)
            return
        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"]
        held: dict = {}
        body: list[bytes] = []

        async def add_script(message) -> None:
            if message["type"] == "http.response.start":
                held.update(message)
                return
            if message["type"] != "http.response.body" or not held:
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            start, page = with_script(held, b"".join(body))
            await send(start)
            await send({"type": "http.response.body", "body": page})

        await self.app({**scope, "headers": headers}, receive, add_script)


def with_script(start: dict, page: bytes) -> tuple[dict, bytes]:
    """A response (its start message and whole body) with :data:`SCRIPT` after ``<head>`` when it is an HTML page;
    any other response, as it was."""
    kept = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
    html = any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in kept)
    if html and _HEAD in page:
        page = page.replace(_HEAD, _HEAD + SCRIPT.encode(), 1)
    return {**start, "headers": [*kept, (b"content-length", str(len(page)).encode())]}, page


def page_charts(blocks: tuple[spec.Block, ...], box: str = widths.MAIN) -> Iterator[tuple[str, dict, str]]:
    """Each chart the app draws on a page, with the view it opens on (no choice made yet) and its box."""
    for b in blocks:
        if b.kind == "columns":
            for i, part in enumerate(b.parts):
                yield from page_charts(part, widths.column_box(b.opts["widths"], i))
        elif b.kind == "chart" and spec.APP in b.on:
            yield b.ref, {k: v for k, v in b.view.items() if not isinstance(v, spec.State)}, box


def warm_up() -> tuple[int, float]:
    """Read the data package and build every page's charts for :data:`WARM_WINDOWS` into the app's figure cache:
    how many it built, and the seconds it took."""
    started = time.perf_counter()
    snap = data.load_snapshot()
    built = set()
    for page in spec.PAGES:
        for chart_id, view, box in page_charts(page.blocks):
            for window in WARM_WINDOWS:
                size = (widths.predicted_width(box, window), None)
                figcache.figure_from(snap, chart_id, size, **view)
                built.add(repr((chart_id, size, sorted(view.items()))))
    return len(built), time.perf_counter() - started


@asynccontextmanager
async def warm(app):
    """``st.App``'s lifespan: :func:`warm_up` before the first request. The server starts whatever happens here: a
    data package that cannot be read is left to the pages, which say so, and any other failure is logged (a page
    that draws the same chart shows it to its reader)."""
    try:
        warm_up()
    except reader.DataUnavailable:
        pass
    except Exception:
        logging.getLogger(__name__).exception("serving.warm_up")
    yield
