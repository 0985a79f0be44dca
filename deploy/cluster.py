"""``python -m deploy.cluster`` (``make serve-cluster``): the dashboard on N app processes behind nginx, for the
day a story sends a crowd. Each process is what ``make run`` starts (``streamlit run serve.py``); nginx, Debian's
package run unprivileged from a config rendered into a run folder, keeps each reader on one process (Streamlit
holds a session in that process's memory), compresses, caches the hashed front-end files and serves the static
site itself.

Started in order: the upstream list is checked (a bad one is refused before anything starts), the app processes
start and answer Streamlit's health endpoint, the rendered config passes ``nginx -t``, then nginx starts. Ctrl-C
or SIGTERM stops all of them. With ``--upstream host:port`` (repeated) or ``--upstreams FILE`` the processes run
elsewhere (other hosts, started there with ``streamlit run serve.py``) and only nginx starts here: the config is
the same but for that list.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("nginx.conf.template")
SITE = ROOT / "export" / "site"
NGINX = ("nginx", "/usr/sbin/nginx")
MIME_TYPES = Path("/etc/nginx/mime.types")
HEALTH = "/_stcore/health"
# Passive health: one refused or timed-out request leaves a process out of the pool for FAIL_TIMEOUT seconds, after
# which nginx tries it again (a restarted process comes back by itself).
MAX_FAILS, FAIL_TIMEOUT = 1, 10


class BadUpstreams(ValueError):
    """An upstream list nginx would start with but that cannot serve: said before anything starts."""


_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST = re.compile(rf"(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})*")  # a host name, or an IPv4 address as one


def parse_upstream(text: str) -> tuple[str, int]:
    """``host:port`` (``[v6]:port`` for IPv6) as the host and the port, or :class:`BadUpstreams` saying why not."""
    given = text.strip()
    host, sep, port = given.rpartition(":")
    if not sep or not host or not port:
        raise BadUpstreams(f"bad upstream {given!r}: expected host:port, such as 10.0.0.5:8501")
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise BadUpstreams(f"bad upstream {given!r}: the port must be a number from 1 to 65535")
    if host.startswith("[") and host.endswith("]"):
        try:
            ipaddress.IPv6Address(host[1:-1])
        except ValueError:
            raise BadUpstreams(f"bad upstream {given!r}: {host} is not an IPv6 address") from None
    elif not _HOST.fullmatch(host):
        raise BadUpstreams(f"bad upstream {given!r}: {host!r} is not a host name or an IPv4 address")
    return host, int(port)


def check_upstreams(given: list[str]) -> list[tuple[str, int]]:
    """Every upstream parsed, or :class:`BadUpstreams` for an empty list, a malformed entry or a repeated one (the
    same process twice would take twice its share of readers)."""
    if not given:
        raise BadUpstreams("no upstream: give at least one host:port (--upstream or --upstreams FILE), or -n N")
    seen: dict[tuple[str, int], str] = {}
    for text in given:
        key = parse_upstream(text)
        if key in seen:
            raise BadUpstreams(f"duplicate upstream {text.strip()!r}: each app process may be listed once")
        seen[key] = text
    return list(seen)


def read_upstreams(path: Path) -> list[str]:
    """An upstream file: one ``host:port`` a line; blank lines and ``#`` comments are skipped."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def render(
    upstreams: list[tuple[str, int]], listen: str, run: Path, site: Path = SITE, workers: int = 1, log: bool = True
) -> str:
    """The nginx config for these upstreams: :data:`TEMPLATE` with its ``{{name}}`` marks filled in."""
    servers = "\n".join(
        f"        server {host}:{port} max_fails={MAX_FAILS} fail_timeout={FAIL_TIMEOUT}s;" for host, port in upstreams
    )
    values = {
        "user": _user(site),
        "workers": str(workers),
        "run": str(run),
        "mime_types": str(MIME_TYPES),
        "access_log": f"{run}/access.log" if log else "off",
        "servers": servers,
        "listen": listen,
        "site": str(site.resolve()),
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    text = re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], text)
    return text


def _user(site: Path) -> str:
    """nginx's ``user`` line. Unprivileged, none: its workers are the user who started it. Started by root, its
    workers would be ``nobody``, who cannot read a clone in root's folders: they run as the owner of the site."""
    if os.geteuid() != 0:
        return ""
    import pwd

    try:
        owner = pwd.getpwuid(site.stat().st_uid).pw_name
    except (OSError, KeyError):
        owner = "root"
    return f"user {owner};"


def nginx_binary() -> str:
    for name in NGINX:
        if found := shutil.which(name):
            return found
    raise SystemExit("nginx is missing: `make nginx` installs Debian's package (needs root or sudo)")


def nginx_test(nginx: str, conf: Path) -> None:
    """``nginx -t`` on the rendered config; its own error, as it says it, when the config is refused."""
    result = subprocess.run([nginx, *_args(conf), "-t", "-q"], capture_output=True, text=True)
    if result.returncode != 0:
        raise BadUpstreams(f"nginx refused {conf}:\n{result.stderr.strip()}")


def _args(conf: Path) -> list[str]:
    """nginx's command line for ``conf``: its prefix and first error log in the run folder, never /var (root's)."""
    return ["-p", str(conf.parent), "-e", str(conf.parent / "error.log"), "-c", str(conf)]


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def healthy(host: str, port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://{host}:{port}{HEALTH}", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


@dataclass
class App:
    """One ``streamlit run serve.py`` process of this machine."""

    port: int
    log: Path
    proc: subprocess.Popen | None = None
    started: float = 0.0

    def start(self, env: dict[str, str]) -> None:
        cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "serve.py"), "--server.port", str(self.port)]
        cmd += ["--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none"]
        self.started = time.monotonic()
        with self.log.open("a") as out:
            self.proc = subprocess.Popen(
                cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None


@dataclass
class Cluster:
    """The app processes of this machine (none when the upstreams run elsewhere) and nginx in front of them."""

    port: int
    apps: list[App]
    upstreams: list[tuple[str, int]]
    run: Path
    site: Path = SITE
    env: dict[str, str] = field(default_factory=lambda: {**os.environ, "PYTHONUNBUFFERED": "1"})
    nginx: subprocess.Popen | None = None
    access_log: bool = True

    def start(self, timeout: float = 120) -> None:
        nginx = nginx_binary()
        conf = self.run / "nginx.conf"
        conf.write_text(
            render(self.upstreams, f"{self.port}", self.run, self.site, log=self.access_log), encoding="utf-8"
        )
        nginx_test(nginx, conf)  # before the app processes: a refused config starts nothing
        for app in self.apps:
            app.start(self.env)
        self.wait_healthy(timeout)
        self.nginx = subprocess.Popen(
            [nginx, *_args(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
        )
        deadline = time.monotonic() + 10
        while not healthy("127.0.0.1", self.port):
            if self.nginx.poll() is not None:
                raise RuntimeError(f"nginx exited: {self.nginx.stderr.read().decode()[-2000:]}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"nginx does not answer on port {self.port}")
            time.sleep(0.1)
        self.write_state()

    def wait_healthy(self, timeout: float) -> None:
        """Every upstream answers Streamlit's health endpoint (a process here builds its charts first)."""
        deadline = time.monotonic() + timeout
        waiting = list(self.upstreams)
        while waiting:
            for app in self.apps:
                if app.proc is not None and app.proc.poll() is not None:
                    raise RuntimeError(f"app on port {app.port} exited:\n{app.log.read_text()[-2000:]}")
            waiting = [(h, p) for h, p in waiting if not healthy(h, p)]
            if waiting and time.monotonic() > deadline:
                raise RuntimeError(f"no answer from {HEALTH} of {', '.join(f'{h}:{p}' for h, p in waiting)}")
            if waiting:
                time.sleep(0.2)

    def write_state(self) -> None:
        """``state.json`` in the run folder: which process is on which port (the tests and the crowd kill one)."""
        state = {
            "url": f"http://localhost:{self.port}/",
            "nginx_pid": self.nginx.pid if self.nginx else None,
            "upstreams": [f"{h}:{p}" for h, p in self.upstreams],
            "apps": {f"127.0.0.1:{a.port}": a.proc.pid for a in self.apps if a.proc},
        }
        (self.run / "state.json").write_text(json.dumps(state, indent=2), encoding="utf-8")

    def watch(self, restart: bool = True) -> None:
        """Until stopped: an app process that dies is started again (nginx takes it back once it answers, after
        ``fail_timeout``); nginx dying ends the cluster."""
        while True:
            if self.nginx is not None and self.nginx.poll() is not None:
                raise RuntimeError(f"nginx exited: {self.nginx.stderr.read().decode()[-2000:]}")
            for app in self.apps:
                if restart and not app.alive():
                    print(f"app on port {app.port} exited ({app.proc.returncode}); starting it again", flush=True)
                    app.start(self.env)
                    self.write_state()
            time.sleep(0.5)

    def stop(self) -> None:
        procs = [p for p in [self.nginx, *(a.proc for a in self.apps)] if p is not None]
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)  # nginx too: a graceful quit would wait for every websocket
        deadline = time.monotonic() + 10
        for p in procs:
            try:
                p.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m deploy.cluster", description=__doc__.split("\n\n")[0])
    p.add_argument("-n", type=int, default=os.cpu_count() or 2, help="app processes here (default: one per core)")
    p.add_argument("--port", type=int, default=8501, help="nginx's port (default 8501, as `make run`)")
    p.add_argument(
        "--app-port", type=int, help="the first app process's port, the others after it (default: --port + 1; 0: any)"
    )
    p.add_argument("--upstream", action="append", default=[], metavar="HOST:PORT", help="an app process elsewhere")
    p.add_argument("--upstreams", type=Path, metavar="FILE", help="app processes elsewhere, one host:port a line")
    p.add_argument("--site", type=Path, default=SITE, help="the static site served at /site/ (default export/site)")
    p.add_argument("--run-dir", type=Path, help="nginx's config, logs and temp files (default: a new temp folder)")
    p.add_argument("--no-restart", action="store_true", help="leave an app process that dies out of the pool")
    p.add_argument("--no-access-log", action="store_true", help="no access log (the crowd benchmark)")
    args = p.parse_args(argv)

    elsewhere = [*args.upstream, *(read_upstreams(args.upstreams) if args.upstreams else [])]
    run = args.run_dir or Path(tempfile.mkdtemp(prefix="psp-cluster-"))
    run.mkdir(parents=True, exist_ok=True)
    apps: list[App] = []
    try:
        if elsewhere or args.upstreams:
            upstreams = check_upstreams(elsewhere)
        else:
            if args.n < 1:
                raise BadUpstreams(f"no upstream: -n must be at least 1 (was {args.n})")
            first = args.port + 1 if args.app_port is None else args.app_port
            ports = [free_port() if first == 0 else first + i for i in range(args.n)]
            apps = [App(port, run / f"app-{port}.log") for port in ports]
            upstreams = check_upstreams([f"127.0.0.1:{port}" for port in ports])
    except BadUpstreams as exc:
        print(f"deploy.cluster: {exc}", file=sys.stderr)
        return 2
    if not (args.site / "index.html").is_file():
        print(f"note: {args.site} has no index.html; `make export` writes the static site served at /site/")
    cluster = Cluster(args.port, apps, upstreams, run, args.site, access_log=not args.no_access_log)
    for sig in (signal.SIGTERM, signal.SIGINT):  # SIGINT too: a shell that starts us in the background ignores it
        signal.signal(sig, lambda *_: sys.exit(0))  # through the finally below
    try:
        cluster.start()
        print(f"{len(upstreams)} app process(es) behind nginx: http://localhost:{args.port}/", flush=True)
        print(f"  upstreams {', '.join(f'{h}:{p}' for h, p in upstreams)}; static site at /site/; run folder {run}")
        print("  Ctrl-C stops them all", flush=True)
        cluster.watch(restart=not args.no_restart)
    except BadUpstreams as exc:
        print(f"deploy.cluster: {exc}", file=sys.stderr)
        return 2
    except RuntimeError as exc:
        print(f"deploy.cluster: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
