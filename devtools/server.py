"""A Streamlit server on a free local port, for tests and benchmarks."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from etl.paths import ROOT

LOGS = ROOT / "test-artifacts"


def free_port() -> int:
    """A free local port: the first free one in ``DEVTOOLS_PORTS`` (``first-last``) when set, so that several people
    on one machine keep to their own ranges; otherwise any port the system gives."""
    first, _, last = os.environ.get("DEVTOOLS_PORTS", "0-0").partition("-")
    for port in range(int(first), int(last or first) + 1):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError(f"no free port in DEVTOOLS_PORTS={os.environ['DEVTOOLS_PORTS']}")


class Server:
    """``streamlit run`` in a subprocess (the dashboard's ``serve.py`` unless told), bound to 127.0.0.1; ``url`` uses
    ``localhost`` and ends in ``base_path`` (``server.baseUrlPath``) when one is given."""

    def __init__(self, app: Path = ROOT / "serve.py", data_dir: Path | None = None, base_path: str = ""):
        self.port = free_port()
        base_path = base_path.strip("/")
        self.prefix = f"/{base_path}" if base_path else ""
        self.url = f"http://localhost:{self.port}{self.prefix}"
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        if data_dir is not None:
            env["DASHBOARD_DATA_DIR"] = str(data_dir)
        LOGS.mkdir(exist_ok=True)
        self.log = LOGS / f"streamlit-{self.port}.log"
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(app),
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
                "--server.runOnSave",
                "false",
                "--server.baseUrlPath",
                base_path,
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )
        self._wait()
        self.start_s = time.perf_counter() - self.started  # until it answers /_stcore/health

    def _wait(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited: {self.log.read_text()[-2000:]}")
            try:
                health = f"http://127.0.0.1:{self.port}{self.prefix}/_stcore/health"
                with urllib.request.urlopen(health, timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("streamlit did not become healthy in time")

    def rss_mb(self) -> float:
        """Resident memory of the server process, in MB."""
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
