"""Streamlit's own protocol, as its front end speaks it, with no browser: one websocket to ``/_stcore/stream``, a
``BackMsg`` with ``rerun_script`` for a page and its query string, ``ForwardMsg``s until ``script_finished``; and a
reader's way through it (:func:`html_cookie`, then :func:`read_page`, which connects again when the websocket
breaks). The crowd benchmark's readers (``benchmarks.crowd``), the cluster's tests (``tests/test_cluster.py``) and
the crowd's smoke test (``tests/test_crowd_smoke.py``) use it; it imports no Locust, so the tests run without
gevent's patches (under them, ``time.sleep`` below is gevent's)."""

from __future__ import annotations

import contextlib
import http.cookiejar
import time
import urllib.request
from dataclasses import dataclass

import websocket
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

PAGE_TIMEOUT = 60  # seconds a reader waits for one script run
WINDOW = "dashboard_window=1400x0"  # the window-width cookie a desktop browser sets (dashboard.serving)
RECONNECT_FOR = 15  # seconds a reader keeps trying after its websocket breaks, as the front end does


class PageError(Exception):
    """A page run that did not finish as a reader would want: an exception drawn, or not found."""


class SessionLost(Exception):
    """A reader whose websocket broke and who could not be served again within :data:`RECONNECT_FOR` seconds."""


class Session:
    """One reader's connection: the websocket to ``/_stcore/stream`` with the reader's cookies (nginx's sticky one
    among them). ``upstream`` is the process nginx chose for it (its ``X-Upstream`` header), when behind nginx."""

    def __init__(self, base: str, cookie: str = WINDOW, timeout: float = PAGE_TIMEOUT):
        url = base.replace("http://", "ws://", 1).rstrip("/") + "/_stcore/stream"
        self.timeout = timeout
        self.ws = websocket.create_connection(
            url, subprotocols=["streamlit"], header=[f"Cookie: {cookie}"], origin=base.rstrip("/"), timeout=timeout
        )
        self.upstream = (self.ws.getheaders() or {}).get("x-upstream")

    def run(self, page: str = "", query: str = "") -> bytes:
        """One script run of ``page`` (its address: ``""`` for the overview, ``"map"``) with ``query``, until it has
        finished successfully; everything the server sent for it."""
        msg = BackMsg()
        msg.rerun_script.page_name = page
        msg.rerun_script.query_string = query
        self.ws.send_binary(msg.SerializeToString())
        got = []
        while True:
            data = self.ws.recv()
            got.append(data)
            fwd = ForwardMsg()
            fwd.ParseFromString(data)
            kind = fwd.WhichOneof("type")
            if kind == "page_not_found":
                raise PageError(f"page not found: {page!r}")
            if kind == "delta" and fwd.delta.new_element.WhichOneof("type") == "exception":
                raise PageError(f"{page or 'overview'}: {fwd.delta.new_element.exception.message[:200]}")
            if kind == "script_finished":
                if fwd.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise PageError(f"{page or 'overview'}: compile error")
                if fwd.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    return b"".join(got)  # a run that finished early for a rerun (the page's own) goes on

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.ws.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def html_cookie(base: str, page: str) -> str:
    """The page's HTML, as a browser loads it first; the cookies it sets (nginx's sticky one) and the window's."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(base.rstrip("/") + "/" + page, timeout=PAGE_TIMEOUT) as r:
        r.read()
    return "; ".join([*(f"{c.name}={c.value}" for c in jar), WINDOW])


@dataclass
class Served:
    """One page as a reader got it: everything the server sent for it, the process that ran it (``X-Upstream``)
    and, when the websocket broke first, the seconds until the page came back."""

    body: bytes
    upstream: str | None
    recovered_after: float | None = None


def read_page(
    conn: Session, base: str, cookie: str, page: str, query: str = "", reconnect_for: float = RECONNECT_FOR
) -> tuple[Session, Served]:
    """One page run on ``conn``; when its websocket breaks (its process died), what Streamlit's front end does:
    connect again with the same cookies and rerun the page, every half second for up to ``reconnect_for`` seconds,
    then :class:`SessionLost`. The session that served it (a new one after a break) and what it served."""
    try:
        return conn, Served(conn.run(page, query), conn.upstream)
    except (websocket.WebSocketException, OSError):
        conn.close()
    broke = time.perf_counter()
    while True:
        try:
            conn = Session(base, cookie, conn.timeout)
            body = conn.run(page, query)
            return conn, Served(body, conn.upstream, time.perf_counter() - broke)
        except (websocket.WebSocketException, OSError) as exc:
            conn.close()
            if time.perf_counter() - broke > reconnect_for:
                raise SessionLost(f"{page or 'overview'}: not served again in {reconnect_for:g} s: {exc}") from exc
            time.sleep(0.5)
