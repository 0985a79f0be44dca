"""Shared fixtures: the article text, the tables built once per session, and a scratch copy of the inputs."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from etl.paths import REFERENCE_DIR, ROOT, SEEDS_DIR

SEED = SEEDS_DIR / "000_94e04342a6ea52d8.txt"


@pytest.fixture(scope="session")
def article_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def tables() -> dict[str, pd.DataFrame]:
    """Every table, built in-process from the committed seeds and reference."""
    from etl.build import build

    return build(SEEDS_DIR, REFERENCE_DIR)


@dataclass
class Workspace:
    """A scratch copy of seeds/ and etl/reference/ with its own output folder."""

    root: Path

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def reference(self) -> Path:
        return self.root / "reference"

    @property
    def out(self) -> Path:
        return self.root / "data"

    @property
    def article(self) -> Path:
        return self.seeds / SEED.name

    def edit(self, old: str, new: str, count: int = 1) -> None:
        text = self.article.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in the article"
        self.article.write_text(text.replace(old, new, count), encoding="utf-8")

    def etl(self, *args: str, **env: str) -> subprocess.CompletedProcess:
        cmd = [
            sys.executable,
            "-m",
            "etl",
            "--seeds",
            str(self.seeds),
            "--out",
            str(self.out),
            "--reference",
            str(self.reference),
            *args,
        ]
        return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120, env={**os.environ, **env})

    def etl_here(self, *args: str) -> subprocess.CompletedProcess:
        """``etl`` run in this process (``etl_main``): the same exit status and lines, without starting Python."""
        where = ("--seeds", self.seeds, "--out", self.out, "--reference", self.reference)
        code, out, err = etl_main(*where, *args)
        return subprocess.CompletedProcess(["python", "-m", "etl", *where, *args], code, out, err)

    def read(self, table: str) -> pd.DataFrame:
        return pd.read_parquet(self.out / f"{table}.parquet")

    def fingerprint(self) -> dict[str, str]:
        """Hashes of the output files; the refresh record (a dotfile, outside the contract) is left out."""
        return {
            p.relative_to(self.out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(self.out.rglob("*"))
            if p.is_file() and not p.name.startswith(".")
        }


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    ws = Workspace(tmp_path)
    shutil.copytree(SEEDS_DIR, ws.seeds)
    shutil.copytree(REFERENCE_DIR, ws.reference)
    return ws


@pytest.fixture(scope="session")
def built_data(tmp_path_factory) -> Path:
    """A data folder written by the real CLI from the committed inputs, once per session. ``PSP_TEST_DATA`` names
    another folder instead, to run the page checks (axe, Lighthouse, legibility) on other data, such as many
    articles; tests that assert the seed's own values fail there, as they should."""
    if os.environ.get("PSP_TEST_DATA"):
        return Path(os.environ["PSP_TEST_DATA"]).resolve()
    ws = Workspace(tmp_path_factory.mktemp("built"))
    shutil.copytree(SEEDS_DIR, ws.seeds)
    shutil.copytree(REFERENCE_DIR, ws.reference)
    result = ws.etl()
    assert result.returncode == 0, result.stderr
    return ws.out


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium through Playwright, once per session (tests/browser/ and the static site's checks)."""
    from playwright.sync_api import sync_playwright

    from devtools.browser import CHROMIUM, launch

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make test-deps does it)")
    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


def etl_main(*args: str | Path) -> tuple[int, str, str]:
    """``python -m etl ARGS`` in this process, as the editor runs it: (exit status, stdout, stderr). An argparse
    refusal's exit status is returned too; ``main`` sets SIGPIPE's handler, and it is put back."""
    import contextlib
    import io
    import signal

    from etl.__main__ import main

    pipe = signal.getsignal(signal.SIGPIPE)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse refuses an unknown flag this way
            code = exc.code
    signal.signal(signal.SIGPIPE, pipe)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def run():
    """``python -m etl ARGS`` in this process, as the desk's commands are tested (``add``, ``preview``): (exit
    status, stdout lines, stderr lines)."""

    def call(*args: str | Path) -> tuple[int, list[str], list[str]]:
        code, out, err = etl_main(*args)
        return code, out.splitlines(), err.splitlines()

    return call


# Where the real-browser tests live. Under ``make test`` (``-n 2``) they run in two groups, one per worker, each
# group's tests one after another; both workers run the rest of the suite after their group. LIVE: tests that
# time a live page or watch it change (first draw, refresh, many readers, a wrong guess redrawn), which must not
# share the cores with another browser. STEADY: tests whose answer does not depend on the machine's pace (the static
# site's bytes and pictures, a layout probed once it holds still, Lighthouse's scores but performance, which it
# records and never asserts, the benchmark harness's smoke run under `make bench`). xdist's own
# ``loadgroup`` marks a group in the test's id, which pytest 9 no longer lets it rewrite, so the scheduler below
# groups by file instead. The two groups are the first units of work, one to each worker.
BROWSER_GROUPS = {
    "browser-steady": (
        "tests/test_site.py",
        "tests/test_benchmarks.py",
        "tests/browser/test_legibility.py",
        "tests/browser/test_lighthouse.py",
    ),
    "browser-live": ("tests/browser/",),
}
BROWSER_FILES = tuple(f for files in BROWSER_GROUPS.values() for f in files)


def browser_group(nodeid: str) -> str | None:
    """The group a test runs in, or None for a test that runs wherever the scheduler puts it."""
    return next((group for group, files in BROWSER_GROUPS.items() if nodeid.startswith(files)), None)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class BrowserTestsInGroups(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:  # any other test goes with its file, its module fixtures once
            return browser_group(nodeid) or super()._split_scope(nodeid)

    config.option.loadscopereorder = False  # in collection order: tests/browser/ first, so the two groups lead
    return BrowserTestsInGroups(config, log)


def pytest_collection_modifyitems(config, items):
    """A browser test outside ``BROWSER_FILES`` would run beside the others: refused at collection."""
    stray = [i.nodeid for i in items if i.get_closest_marker("browser") and not i.nodeid.startswith(BROWSER_FILES)]
    if stray:
        raise pytest.UsageError(f"browser tests outside {BROWSER_FILES}: {stray}")
