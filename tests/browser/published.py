"""The export as a newsroom publishes it: ``python -m dashboard.export --base-url http://127.0.0.1:8642/`` once per
session, served over HTTP the way a static host serves it (gzip for text, as GitHub Pages or a CDN do), so
Lighthouse, the embed host page and the link-preview checks see a published site."""

from __future__ import annotations

import gzip
import http.server
import os
import subprocess
import threading
from functools import partial
from pathlib import Path

from devtools.export import run as export_run

# The base URL is written into the pages, so the port is fixed for a session (this suite's range: 8640-8659); each
# pytest-xdist worker (gw0, gw1, …) publishes its own copy, on ports of its own.
WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
SITE_PORT = 8642 + 2 * WORKER
HOST_PORT = SITE_PORT + 1  # another origin: the page a newsroom pastes the embed codes into
BASE_URL = f"http://127.0.0.1:{SITE_PORT}/"
TEXT = (".html", ".js", ".svg", ".css", ".json", ".csv", ".txt")


def export(out: Path, data_dir: Path) -> subprocess.CompletedProcess | None:
    """Everything (images, site, manifest) into ``out`` with the base URL; reused when already finished."""
    if (out / "manifest.json").exists():
        return None
    done = export_run(out, "--base-url", BASE_URL, data_dir=data_dir)
    if done.returncode != 0:
        raise RuntimeError(f"export failed: {done.stderr[-2000:]}")
    (out / "export-stdout.txt").write_text(done.stdout, encoding="utf-8")
    return done


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, text gzipped when the browser accepts it; no request log."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_file() and path.suffix in TEXT and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=3600")
            self.end_headers()
            self._body = body
            return None
        self._body = None
        return super().send_head()

    def do_GET(self):
        f = self.send_head()
        if self._body is not None:
            self.wfile.write(self._body)
        elif f:
            try:
                self.copyfile(f, self.wfile)
            finally:
                f.close()

    def log_message(self, *args):
        pass


_SERVING: dict[int, Path] = {}


def serve(folder: Path, port: int) -> str:
    """Serve ``folder`` on 127.0.0.1:``port`` in a daemon thread for the rest of the session (once per port, so
    every test module can ask); its base URL."""
    folder = Path(folder).resolve()
    if port in _SERVING:
        if _SERVING[port] != folder:
            raise RuntimeError(f"port {port} already serves {_SERVING[port]}")
    else:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), partial(_Handler, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        _SERVING[port] = folder
    return f"http://127.0.0.1:{port}/"


def published_site(tmp_path_factory, built_data) -> Path:
    """The export folder, exported once per session and its site served at ``BASE_URL``."""
    out = tmp_path_factory.getbasetemp() / "published-export"
    export(out, built_data)
    serve(out / "site", SITE_PORT)
    return out
