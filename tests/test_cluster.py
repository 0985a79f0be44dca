"""The dashboard past one process (``make serve-cluster``, ``deploy/``), on loopback: two app processes behind
nginx started with one command, a reader kept on its process, gzip and year-long caching, the static site from
nginx itself, a refresh seen by every process, a killed process left out of the pool, and a bad upstream list
refused before anything starts. The browser's side of a kill is ``tests/browser/test_cluster.py``."""

from __future__ import annotations

import gzip
import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.crowd_protocol import WINDOW, Session
from dashboard.reader import stamp
from devtools import articles
from etl.paths import ROOT
from tests.cluster_helpers import Cluster, cookie_for, get, shut_down, stand_in_site, start

HASHED_JS = re.compile(r"static/js/index\.[\w-]+\.js")
YEAR = "public, max-age=31536000, immutable"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    """A data folder the processes read, written by the real CLI (the refresh test writes it again)."""
    root = tmp_path_factory.mktemp("cluster-data")
    assert articles.refresh(articles.seeds(root, follow_up=False), root / "data").returncode == 0
    return root / "data"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A stand-in for ``export/site``: nginx serves whatever is there."""
    return stand_in_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def two(tmp_path_factory, data_dir, site) -> Iterator[Cluster]:
    """Two app processes behind nginx, with a restart of a killed one turned off (the kill test counts on it)."""
    c = start(
        tmp_path_factory.mktemp("run") / "cluster",
        "-n",
        "2",
        "--app-port",
        "0",
        "--site",
        str(site),
        "--no-restart",
        data=data_dir,
    )
    yield c
    pids = c.pids()
    assert shut_down(c) == (0, [])  # Ctrl-C or SIGTERM stops every process
    assert all(not Path(f"/proc/{pid}").exists() for pid in pids)


def test_the_cluster_starts_with_one_command(two):
    state = two.state
    assert len(state["apps"]) == 2 and state["upstreams"] == list(state["apps"])
    status, headers, body = get(two.url + "/")
    assert status == 200 and b'<div id="root">' in body
    assert headers["x-upstream"] in state["upstreams"]
    assert get(two.url + "/_stcore/health")[2] == b"ok"


def test_a_session_stays_on_its_process(two):
    _, first, body = get(two.url + "/map")
    sticky = first["set-cookie"].split(";")[0]
    assert re.fullmatch(r"psp_node=[0-9a-f]{32}", sticky)
    home = first["x-upstream"]
    js = HASHED_JS.search(body.decode()).group(0)
    for path in ["/", "/map", "/senate-vote", "/_stcore/health", "/_stcore/host-config", "/" + js] * 3:
        _, headers, _ = get(two.url + path, sticky)
        assert headers["x-upstream"] == home, path
        assert "psp_node" not in headers.get("set-cookie", "")  # the cookie is set once
    with Session(two.url, f"{sticky}; {WINDOW}") as s:
        assert s.upstream == home  # the websocket too
        assert b"Not considered until they agree" in s.run("map", "show=not-considered")
    spread = {get(two.url + "/_stcore/health", f"psp_node=reader-{i}")[1]["x-upstream"] for i in range(20)}
    assert spread == set(two.state["upstreams"])  # and readers are spread over both


def test_gzip_and_cache_headers(two, site):
    _, plain_headers, page = get(two.url + "/")
    _, headers, packed = get(two.url + "/", encoding="gzip")
    assert headers["content-encoding"] == "gzip" and "Accept-Encoding" in headers["vary"]
    assert gzip.decompress(packed) == page and len(packed) * 3 <= len(page)
    assert "content-encoding" not in plain_headers
    js = HASHED_JS.search(page.decode()).group(0)
    _, headers, packed = get(f"{two.url}/{js}", encoding="gzip")
    assert headers["cache-control"] == YEAR and headers["content-encoding"] == "gzip"
    assert headers["content-type"] == "application/javascript"
    assert len(packed) * 3 <= len(gzip.decompress(packed))
    _, headers, _ = get(two.url + "/_stcore/health")
    assert headers.get("cache-control") != YEAR  # only files named by their content are kept for a year
    status, headers, body = get(two.url + "/site/", encoding="gzip")  # the static site, from nginx itself
    assert status == 200 and gzip.decompress(body) == (site / "index.html").read_bytes()
    assert "x-upstream" not in headers and headers["cache-control"] == "max-age=300"
    assert get(two.url + "/site/embed/map.html")[2] == (site / "embed" / "map.html").read_bytes()


def test_a_refresh_is_seen_by_every_process(two, data_dir):
    ups = two.state["upstreams"]
    cookies = {up: cookie_for(two, up) + "; " + WINDOW for up in ups}
    before = stamp(json.loads((data_dir / "datapackage.json").read_text()))
    for up, cookie in cookies.items():
        with Session(two.url, cookie) as s:
            assert s.upstream == up
            assert before.encode() in s.run()  # the stamp in the overview's chart (its meta; never shown)
    refreshed = articles.refresh(articles.seeds(data_dir.parent, follow_up=True), data_dir)
    assert refreshed.returncode == 0, refreshed.stderr
    after = stamp(json.loads((data_dir / "datapackage.json").read_text()))
    assert after != before
    for up, cookie in cookies.items():
        with Session(two.url, cookie) as s:
            assert s.upstream == up
            shown = s.run()
            assert after.encode() in shown and before.encode() not in shown, up
            assert b"Senate Seats Second Labor Board Pick" in shown  # the follow-up article, now the newest


def test_the_same_config_serves_upstreams_on_other_hosts(two, tmp_path, site):
    """The multi-host recipe on loopback: app processes started elsewhere (here: the first cluster's), named
    with --upstream; only nginx starts, from the same template."""
    ups = two.state["upstreams"]
    other = start(tmp_path / "edge", *(f"--upstream={u}" for u in ups), "--site", str(site))
    try:
        assert other.state["apps"] == {} and other.state["upstreams"] == ups
        seen = {get(other.url + "/_stcore/health", f"psp_node=reader-{i}")[1]["x-upstream"] for i in range(20)}
        assert seen == set(ups)
        with Session(other.url, cookie_for(other, ups[0]) + "; " + WINDOW) as s:
            assert s.upstream == ups[0] and b"Not considered until they agree" in s.run("map")
    finally:
        assert shut_down(other) == (0, [])
    conf = (tmp_path / "edge" / "nginx.conf").read_text()
    assert [line.strip() for line in conf.splitlines() if line.strip().startswith("server 127")] == [
        f"server {u} max_fails=1 fail_timeout=10s;" for u in ups
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--upstream", "localhost"], "bad upstream 'localhost': expected host:port, such as 10.0.0.5:8501"),
        (["--upstream", "10.0.0.5:85o1"], "bad upstream '10.0.0.5:85o1': the port must be a number from 1 to 65535"),
        (["--upstream", "app_1:8501"], "bad upstream 'app_1:8501': 'app_1' is not a host name or an IPv4 address"),
        (
            ["--upstream", "10.0.0.5:8501", "--upstream", "10.0.0.5:8501"],
            "duplicate upstream '10.0.0.5:8501': each app process may be listed once",
        ),
        (
            ["--upstreams", "EMPTY"],
            "no upstream: give at least one host:port (--upstream or --upstreams FILE), or -n N",
        ),
        (["-n", "0"], "no upstream: -n must be at least 1 (was 0)"),
    ],
)
def test_a_bad_upstream_configuration_is_refused(args, message, tmp_path):
    empty = tmp_path / "upstreams.txt"
    empty.write_text("# the app hosts, one host:port a line\n\n")
    args = [str(empty) if a == "EMPTY" else a for a in args]
    run = tmp_path / "run"
    result = subprocess.run(
        [sys.executable, "-m", "deploy.cluster", "--run-dir", str(run), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stderr, result.stdout) == (2, f"deploy.cluster: {message}\n", "")
    assert not (run / "nginx.conf").exists()  # refused before anything was written or started


def test_nginx_refusing_the_config_is_said_before_anything_starts(tmp_path):
    """A host nginx cannot resolve passes our checks; ``nginx -t`` refuses it, and its words are shown."""
    run = tmp_path / "run"
    result = subprocess.run(
        [sys.executable, "-m", "deploy.cluster", "--run-dir", str(run), "--upstream", "no-such-host.invalid:8501"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.startswith(f"deploy.cluster: nginx refused {run / 'nginx.conf'}:\n")
    assert 'host not found in upstream "no-such-host.invalid:8501"' in result.stderr
    assert not (run / "state.json").exists()


def test_a_killed_process_leaves_the_pool(two):
    """Last in this file: it kills one of the two processes. Its readers are served by the other at once."""
    state = two.state
    victim, survivor = state["upstreams"]
    cookie = cookie_for(two, victim) + "; " + WINDOW
    session = Session(two.url, cookie)
    assert session.upstream == victim and b"Not considered until they agree" in session.run("map")
    os.kill(state["apps"][victim], signal.SIGKILL)
    with pytest.raises(Exception):  # noqa: B017 - the websocket to the dead process is gone (how depends on timing)
        session.run("map")
    session.close()
    with Session(two.url, cookie) as s:  # what Streamlit's front end does: connect again, rerun the page
        assert s.upstream.split(", ")[-1] == survivor  # nginx may try the dead one first: "victim, survivor"
        assert b"Not considered until they agree" in s.run("map", "show=not-considered")
    for path in ["/", "/map", "/_stcore/health"]:
        status, headers, _ = get(two.url + path, cookie)
        assert (status, headers["x-upstream"]) == (200, survivor)
