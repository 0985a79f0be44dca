"""What the cluster's tests share (``tests/test_cluster.py``, ``tests/test_crowd_smoke.py``, the browser's
``tests/browser/test_cluster.py``): ``python -m deploy.cluster`` started as a reader of the README starts it, on
free loopback ports, and stopped with every process it started, even when a test fails half-way."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from deploy import cluster as deploy
from etl.paths import ROOT


@dataclass
class Cluster:
    """A running ``python -m deploy.cluster``: its process, nginx's address and ``state.json``."""

    proc: subprocess.Popen
    url: str
    run: Path

    @property
    def state(self) -> dict:
        return json.loads((self.run / "state.json").read_text(encoding="utf-8"))

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(30)

    def pids(self) -> list[int]:
        """The app processes and nginx, as ``state.json`` names them (none before it is written)."""
        try:
            state = self.state
        except (OSError, ValueError):
            return []
        return [*state["apps"].values(), *([state["nginx_pid"]] if state["nginx_pid"] else [])]


def start(run: Path, *args: str, data: Path | None = None) -> Cluster:
    """The launcher as a reader of the README starts it, on free ports; once nginx answers (``state.json``)."""
    if not any(Path(p).exists() for p in ("/usr/sbin/nginx", "/usr/bin/nginx")):
        pytest.fail("nginx is missing: install Debian's nginx (make test-deps does it)")
    port = deploy.free_port()
    env = {**os.environ, "DASHBOARD_DATA_DIR": str(data)} if data else dict(os.environ)
    cmd = [sys.executable, "-m", "deploy.cluster", "--port", str(port), "--run-dir", str(run), *args]
    log = (run.parent / f"{run.name}.log").open("w")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while not (run / "state.json").exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.send_signal(signal.SIGTERM)  # the launcher stops what it started; then it goes, whatever it is doing
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(30)
            proc.kill()
            proc.wait()
            pytest.fail(f"the cluster did not start: {(run.parent / f'{run.name}.log').read_text()[-3000:]}")
        time.sleep(0.2)
    return Cluster(proc, f"http://localhost:{port}", run)


def shut_down(c: Cluster) -> tuple[int | None, list[int]]:
    """Stop the launcher (SIGTERM: it stops nginx and its app processes); a launcher that does not go in 30 s is
    killed, and so is any process of ``state.json`` still there after it. Its exit code (None: it had to be
    killed) and the processes that had to be killed one by one."""
    pids = c.pids()
    try:
        code: int | None = c.stop()
    except subprocess.TimeoutExpired:
        c.proc.kill()
        c.proc.wait()
        code = None
    left = [pid for pid in pids if alive(pid)]
    for pid in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return code, left


def alive(pid: int) -> bool:
    """A process that runs (a zombie has stopped: only its parent's wait is missing)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def get(url: str, cookie: str = "", encoding: str = "identity") -> tuple[int, dict[str, str], bytes]:
    headers = {"Accept-Encoding": encoding, **({"Cookie": cookie} if cookie else {})}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60) as r:
        return r.status, {k.lower(): ", ".join(r.headers.get_all(k)) for k in r.headers}, r.read()


def cookies_for(c: Cluster, upstream: str, count: int = 1) -> list[str]:
    """``count`` sticky cookies nginx hashes to ``upstream`` (``psp_node=reader-<i>``, asked of nginx itself)."""
    found = []
    for i in range(400):
        cookie = f"psp_node=reader-{i}"
        if get(c.url + "/_stcore/health", cookie)[1]["x-upstream"] == upstream:
            found.append(cookie)
            if len(found) == count:
                return found
    raise AssertionError(f"fewer than {count} cookies reach {upstream}")


def cookie_for(c: Cluster, upstream: str) -> str:
    """A sticky cookie nginx hashes to ``upstream``."""
    return cookies_for(c, upstream)[0]


def stand_in_site(folder: Path) -> Path:
    """A stand-in for ``export/site`` in ``folder``: nginx serves whatever is there."""
    (folder / "embed").mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text("<!doctype html><title>static overview</title>" + "<p>story</p>" * 200)
    (folder / "embed" / "map.html").write_text("<!doctype html><title>map embed</title>")
    return folder
