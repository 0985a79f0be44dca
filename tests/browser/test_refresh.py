"""Refreshes while people read: one server, 6 open sessions, 3 refreshes that add and remove the follow-up
TEST article. Every session renders the old data package or the new one, never an error and never a mix, and a
reader who reloads gets the new data without a server restart."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time

import pytest

from dashboard.reader import stamp
from devtools import articles
from devtools.browser import ALERT, CHART, CHART_SVG, EXCEPTION, MAIN, wait_ready
from devtools.server import Server
from etl.paths import ROOT

pytestmark = pytest.mark.browser

SESSIONS, REFRESHES = 6, 3  # the follow-up added, removed and added again: both ways, and back
# The newest article's date, in words: in the overview's text (one article's byline, "as of …"; with several, the
# line for the newest report, "Latest: <outlet>, …") and in the map's credit ("Article as of …"; with several,
# "Reports as of <the oldest's> to <the newest's>", which may wrap before "to").
SHOWN = re.compile(r"(?:Latest: .*?, |as of )(\d{1,2} \w{3} \d{4})")
CREDIT = re.compile(r"(?:Article as of |Reports as of [^·]*?\bto )(\d{1,2} \w{3} \d{4})")
REPORTS = re.compile(r"the (\d+) reports in the data")  # the overview's story of several reports
# Which package a chart was drawn from: its stamp, kept in the figure's meta for machines (never shown).
STAMP_JS = f"() => [...document.querySelectorAll('{CHART}')].map(e => e.layout.meta.stamp)"
NOW_SHOWS = f"""stamp => [...document.querySelectorAll('{CHART}')]
                            .some(e => e.layout && e.layout.meta && e.layout.meta.stamp === stamp)"""


def package(folder) -> tuple[str, int]:
    """The stamp the dashboard prints for this folder, and how many articles it holds."""
    desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    rows = {r["name"]: r["rows"] for r in desc["resources"]}
    return stamp(desc), rows["articles"]


def seen(page) -> tuple[str, str, int]:
    """What one session shows: the package its chart was drawn from (the stamp in the figure's meta), the same
    again when the overview's text and the map's credit give the same newest article ("a mix" otherwise), and how
    many articles the overview tells the story of."""
    text = page.inner_text(MAIN)
    svg = " ".join(page.locator(CHART_SVG).all_text_contents())
    fresh, credit = SHOWN.search(text), CREDIT.search(svg)
    assert fresh and credit, text[:500]
    (stamp,) = set(page.evaluate(STAMP_JS))
    same = stamp if fresh.group(1) == credit.group(1) else "a mix"
    reports = REPORTS.search(text)
    return stamp, same, int(reports.group(1)) if reports else 1


def rerun(page) -> None:
    """What a widget change does: the script runs again in the open session ("r" is Streamlit's rerun key)."""
    page.focus(MAIN)
    page.keyboard.press("r")


def rendered(page) -> tuple[str, str, int]:
    wait_ready(page, 1, timeout=90_000)
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", timeout=60_000)
    assert page.locator(EXCEPTION).count() == 0
    assert page.locator(f'{ALERT}:has-text("cannot be read")').count() == 0
    return seen(page)


def test_sessions_see_old_or_new_data_never_a_mix(browser, tmp_path, capsys):
    started = time.perf_counter()
    seeds = articles.seeds(tmp_path, follow_up=False)
    out = tmp_path / "out"
    assert articles.refresh(seeds, out).returncode == 0
    packages = {False: package(out)}
    contexts = []
    with Server(data_dir=out) as srv:
        try:
            pages = []
            for i in range(SESSIONS):
                if i % 5 == 0:  # browser contexts of five tabs: a session each, each with its own websocket
                    contexts.append(browser.new_context(viewport={"width": 1280, "height": 900}))
                pg = contexts[-1].new_page()
                pg.goto(srv.url, wait_until="commit")
                pages.append(pg)
            for pg in pages:
                assert rendered(pg)[0] == packages[False][0]
            readers, others = pages[::2], pages[1::2]
            with capsys.disabled():
                print(f"\n[{SESSIONS} sessions open] {time.perf_counter() - started:.0f} s", end="")
            with_follow_up = False
            for n in range(REFRESHES):
                with_follow_up = not with_follow_up  # add, remove, add
                old = packages[not with_follow_up]
                articles.seeds(tmp_path, follow_up=with_follow_up)
                refresh = subprocess.Popen(  # readers keep reading while the refresh runs
                    [sys.executable, "-m", "etl", "--seeds", str(seeds), "--out", str(out)],
                    cwd=ROOT,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                for pg in readers:  # half the sessions rerun while the refresh runs
                    rerun(pg)
                _, err = refresh.communicate(timeout=120)
                assert refresh.returncode == 0, err
                new = packages[with_follow_up] = package(out)
                assert new != old
                for pg in readers:
                    fresh, credit, n_articles = rendered(pg)
                    assert fresh == credit and (fresh, n_articles) in (old, new), f"refresh {n}: a mix"
                for pg in others:  # the other half rerun after it: the new data, in the open session
                    rerun(pg)
                for pg in others:
                    pg.wait_for_function(NOW_SHOWS, arg=new[0], timeout=60_000)
                    assert rendered(pg) == (new[0], new[0], new[1]), f"refresh {n}: not the new data"
                reloads = readers[n % len(readers)]  # and a reader who reloads gets it, with no server restart
                reloads.reload(wait_until="commit")
                assert rendered(reloads) == (new[0], new[0], new[1]), f"refresh {n}: not the new data"
                with capsys.disabled():
                    print(f"\n[refresh {n}] {time.perf_counter() - started:.0f} s", end="")
            assert srv.proc.poll() is None
        finally:
            for ctx in contexts:
                ctx.close()
    took = time.perf_counter() - started
    with capsys.disabled():
        print(f"\n[refresh while reading] {SESSIONS} sessions, {REFRESHES} refreshes: {took:.0f} s")
