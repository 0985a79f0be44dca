"""Streamlit's own protocol, as its front end speaks it, with no browser: one websocket to ``/_stcore/stream``, a
``BackMsg`` with ``rerun_script`` for a page and its query string, ``ForwardMsg``s until ``script_finished``. The
crowd benchmark's readers (``benchmarks.crowd``) and the cluster's tests (``tests/test_cluster.py``) use it; it
imports no Locust, so the tests run without gevent's patches."""

from __future__ import annotations

import contextlib

import websocket
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

PAGE_TIMEOUT = 60  # seconds a reader waits for one script run
WINDOW = "dashboard_window=1400x0"  # the window-width cookie a desktop browser sets (dashboard.serving)


class PageError(Exception):
    """A page run that did not finish as a reader would want: an exception drawn, or not found."""


class Session:
    """One reader's connection: the websocket to ``/_stcore/stream`` with the reader's cookies (nginx's sticky one
    among them). ``upstream`` is the process nginx chose for it (its ``X-Upstream`` header), when behind nginx."""

    def __init__(self, base: str, cookie: str = WINDOW, timeout: float = PAGE_TIMEOUT):
        url = base.replace("http://", "ws://", 1).rstrip("/") + "/_stcore/stream"
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
