"""The crowd, small, in ``make test``: two app processes behind nginx on loopback (``deploy.cluster``), readers
through Streamlit's protocol with the crowd benchmark's own steps (``benchmarks.crowd_protocol``), and one process
killed between their first page and their second. Every reader is served, the killed process's readers on the
other one, and readers who come after the kill too. Counts only: ``make crowd`` measures times."""

from __future__ import annotations

import os
import re
import signal
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

from benchmarks.crowd_protocol import WINDOW, Served, Session, html_cookie, read_page
from tests.cluster_helpers import Cluster, alive, cookies_for, get, shut_down, stand_in_site, start

EACH = 4  # readers on each process before the kill
LATE = 4  # readers arriving after it
FIRST = ("map", "show=not-considered")  # a shared link to the map with its picker set
SECOND = ("", "")  # then the overview
TIMEOUT = 30  # seconds a reader waits for one script run (a hung one fails the test instead of waiting 60)
RECONNECT_FOR = 10  # seconds a reader of the killed process keeps trying
NEW_COOKIE = re.compile(r"psp_node=[0-9a-f]{32}; ")  # the sticky cookie nginx gives a new reader


@pytest.fixture
def pair(tmp_path, built_data) -> Iterator[Cluster]:
    """Two app processes behind nginx, not restarted when killed; everything it started is stopped afterwards,
    whatever the test did."""
    c = start(
        tmp_path / "run",
        *("-n", "2", "--app-port", "0", "--no-restart", "--no-access-log"),
        *("--site", str(stand_in_site(tmp_path / "site"))),
        data=built_data,
    )
    yield c  # pytest comes back here whether the test passed or failed
    pids = c.pids()
    assert shut_down(c) == (0, [])  # the launcher stopped nginx and the surviving process itself
    assert [pid for pid in pids if Path(f"/proc/{pid}").exists()] == []


def excluded_cities(data: Path) -> list[bytes]:
    """The cities the article says are not considered: the map's picker and the overview show each by name."""
    cities = pd.read_parquet(data / "cities.parquet")
    return sorted(name.encode() for name in cities.loc[cities["status"] == "excluded", "name"])


def crowd(readers: list, step) -> tuple[list, list[str]]:
    """``step`` for every reader at once (one thread each): what each got, and the errors in reader order."""
    with ThreadPoolExecutor(len(readers)) as pool:
        futures = [pool.submit(step, r) for r in readers]
    results, errors = [], []
    for i, f in enumerate(futures):
        if f.exception() is not None:
            errors.append(f"reader {i}: {type(f.exception()).__name__}: {f.exception()}")
        results.append(None if f.exception() else f.result())
    return results, errors


def shows(served: Served, cities: list[bytes]) -> list[bytes]:
    return [name for name in cities if name in served.body]


def last_hop(served: Served) -> str:
    """The process that ran the page: nginx names the ones it tried, the one that answered last."""
    return (served.upstream or "").split(", ")[-1]


class Readers:
    """Readers of one test, each with its cookies and its open session; every session is closed at the end."""

    def __init__(self, base: str):
        self.base = base
        self.opened: list[Session] = []

    def page(self, conn: Session | None, cookie: str, page: tuple[str, str]) -> tuple[Session, Served]:
        """One page as :mod:`benchmarks.crowd_protocol` reads it (connecting again if the websocket broke)."""
        if conn is None:
            conn = Session(self.base, cookie, TIMEOUT)
            self.opened.append(conn)
        got = read_page(conn, self.base, cookie, *page, reconnect_for=RECONNECT_FOR)
        if got[0] is not conn:
            self.opened.append(got[0])
        return got

    def close(self) -> None:
        for conn in self.opened:
            conn.close()


def kill(pid: int) -> None:
    """SIGKILL (no goodbye to its readers), and wait until it has stopped."""
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(pid)


def test_a_few_readers_are_all_served_when_one_of_two_processes_is_killed(pair, built_data):
    cities = excluded_cities(built_data)
    assert len(cities) == 4
    victim, survivor = pair.state["upstreams"]
    cookies = [f"{c}; {WINDOW}" for up in (victim, survivor) for c in cookies_for(pair, up, EACH)]
    readers = Readers(pair.url)
    try:
        first, errors = crowd(cookies, lambda cookie: readers.page(None, cookie, FIRST))
        assert errors == []
        assert [(s.upstream, s.recovered_after, shows(s, cities)) for _, s in first] == [
            *[(victim, None, cities)] * EACH,
            *[(survivor, None, cities)] * EACH,
        ]

        kill(pair.state["apps"][victim])
        second, errors = crowd(list(zip(first, cookies, strict=True)), lambda r: readers.page(r[0][0], r[1], SECOND))
        assert errors == []  # none lost: the killed process's readers connected again
        assert [(last_hop(s), s.recovered_after is not None, shows(s, cities)) for _, s in second] == [
            *[(survivor, True, cities)] * EACH,  # their websocket broke; the page ran again on the other process
            *[(survivor, False, cities)] * EACH,  # the survivor's readers noticed nothing
        ]

        def arrive(_: int) -> tuple[str, Served]:
            cookie = html_cookie(pair.url, FIRST[0])  # a new reader: the page's HTML first, nginx's cookie with it
            return cookie, readers.page(None, cookie, FIRST)[1]

        late, errors = crowd(list(range(LATE)), arrive)
        assert errors == []
        assert [(bool(NEW_COOKIE.match(c)), last_hop(s), shows(s, cities)) for c, s in late] == [
            (True, survivor, cities)
        ] * LATE
        status, headers, _ = get(pair.url + "/_stcore/health", cookies[0])  # a reader of the killed process
        assert (status, headers["x-upstream"].split(", ")[-1]) == (200, survivor)
        assert len(readers.opened) == 2 * EACH + EACH + LATE  # one session each, and one more each for 4 readers
    finally:
        readers.close()
