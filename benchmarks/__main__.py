"""``python -m benchmarks [-n N] [--out BENCHMARKS.md]``: measure the dashboard against what Streamlit needs.

The floor is a one-file Streamlit app drawing one trivial Plotly chart (``benchmarks/baseline_app.py``), run in
the same session on the same machine. Pages and baseline are opened alternately, each in a fresh browser
context; a page is ready when every chart has drawn its SVG and Streamlit's running indicator is gone. Timings
are reported as ratios to the baseline, so they compare across machines. Nothing here is a pass/fail test.

Phones: the static site's overview and the app's, alternately, at 390×844 with Chromium's CPU slowed 4× (CDP
``Emulation.setCPUThrottlingRate``), timed to the first chart drawn; and the bytes each static page loads
(``benchmarks/site_weight.py``).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from benchmarks import etl_scale, site_weight, stats
from dashboard import spec
from devtools import export
from devtools.browser import CHART_SVG, READY_JS, launch
from devtools.server import Server
from etl.paths import ROOT

BASELINE = Path(__file__).with_name("baseline_app.py")
PAGES = {p.slug: (p.url, spec.chart_count(p.slug)) for p in spec.PAGES}  # name -> (url path, charts)
BUDGET = {
    "page": 1.2,  # first visit, to the baseline's
    "return": 1.1,  # return visit
    "cpu": 1.5,  # server CPU per view
    "cold": 1.5,
    "etl": 1.5,
    "json_kb": 300,
    "rss_mb": 400,
    "export_s": 20,
    "phone": 0.3,
}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}
CPU_SLOWDOWN = 4  # a mid-range phone against this machine's cores (--phone-cpu)
# The first chart a reader sees: a trace drawn in a Plotly SVG (the app), or a chart's picture painted (the static
# site paints each chart as an image until the reader reaches for it).
FIRST_CHART_JS = f"""() => !!document.querySelector('{CHART_SVG} g.trace')
    || [...document.querySelectorAll('.chart picture img')].some(i => i.complete && i.naturalWidth)"""


@dataclass
class Results:
    n: int
    pages: dict[str, list[float]] = field(default_factory=dict)
    returns: dict[str, list[float]] = field(default_factory=dict)  # the same page again, from the same browser
    nexts: dict[str, list[float]] = field(default_factory=dict)  # a page not yet opened, after another, same browser
    cpu: dict[str, list[float]] = field(default_factory=dict)  # server CPU seconds per first visit
    baseline: list[float] = field(default_factory=list)
    baseline_return: list[float] = field(default_factory=list)
    baseline_cpu: list[float] = field(default_factory=list)
    # each page's loads paired with the baseline's loads right after them: page -> "first" or "return" -> the baseline's
    paired_baseline: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    cold: float = 0.0
    cold_baseline: float = 0.0
    start_s: float = 0.0  # server start until it answers: the dashboard's (it builds its charts first)
    start_baseline_s: float = 0.0
    etl: list[float] = field(default_factory=list)
    scale: dict = field(default_factory=dict)  # benchmarks.etl_scale.measure
    sessions: int = 10  # sessions held open for the memory row
    floor: list[float] = field(default_factory=list)
    rss_1: float = 0.0
    rss_10: float = 0.0
    export_png: float = 0.0
    export_svg: float = 0.0
    export_site: float = 0.0
    export_charts: list[str] = field(default_factory=list)  # the charts the PNG and SVG rows rendered
    json_kb: dict[str, float] = field(default_factory=dict)
    site_bytes: dict = field(default_factory=dict)  # page file -> "paint" or "touched" -> width class -> bytes
    phone_static: list[float] = field(default_factory=list)  # ms to the first chart, static overview
    phone_app: list[float] = field(default_factory=list)  # the same, the app's overview
    phone_cpu: float = CPU_SLOWDOWN


def _load(ctx, url: str, charts: int) -> float:
    page = ctx.new_page()
    try:
        page.goto(url, wait_until="commit")
        page.wait_for_function(READY_JS, arg=charts, timeout=60_000, polling="raf")
        if charts == 0:
            page.wait_for_selector("h1", timeout=60_000)
        return page.evaluate("performance.now()")
    finally:
        page.close()


def cpu_seconds(pid: int) -> float:
    """User and system CPU time the process has used so far (psutil's ``cpu_times``, read from /proc)."""
    try:
        import psutil

        t = psutil.Process(pid).cpu_times()
        return t.user + t.system
    except ImportError:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def visit(browser, url: str, charts: int, pid: int | None = None, after: tuple[str, int] | None = None):
    """A first visit in a fresh browser context, then a return visit (a new tab, same browser: its storage and
    cookies kept): milliseconds from navigation start to ready for each, and the server CPU seconds the first
    visit cost (its session included, until the tab is closed and the server has let it go). With ``after`` (the
    url and chart count of another page), that page is opened first in the same context, so the page is one the
    browser has not opened yet, after another page of the app; its time comes fourth (``None`` without it)."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        before = cpu_seconds(pid) if pid else 0.0
        first = _load(ctx, url, charts)
        time.sleep(0.3)  # the server drops the closed session
        cpu = cpu_seconds(pid) - before if pid else 0.0
        again = _load(ctx, url, charts)
    finally:
        ctx.close()
    if after is None:
        return first, again, cpu, None
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        _load(ctx, *after)
        return first, again, cpu, _load(ctx, url, charts)
    finally:
        ctx.close()


def ready_ms(browser, url: str, charts: int) -> float:
    """Milliseconds from navigation start to ready, in a fresh context."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        return _load(ctx, url, charts)
    finally:
        ctx.close()


def first_chart_ms(browser, url: str, cpu: float = CPU_SLOWDOWN) -> float:
    """Milliseconds from navigation start to the first chart drawn, as a phone whose CPU is ``cpu`` times slower,
    in a fresh context (nothing cached)."""
    ctx = browser.new_context(**PHONE)
    try:
        page = ctx.new_page()
        ctx.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": cpu})
        page.goto(url, wait_until="commit")
        page.wait_for_function(FIRST_CHART_JS, timeout=120_000, polling="raf")
        return page.evaluate("performance.now()")
    finally:
        ctx.close()


class StaticServer:
    """``http.server`` on a free local port in a thread, serving a folder (the exported site)."""

    def __init__(self, folder: Path):
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> StaticServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def measure_phone(res: Results, browser, app_url: str, site: Path, n: int) -> None:
    """The static overview and the app's, alternately, ``n`` times each, at phone size with a slow CPU."""
    with StaticServer(site) as static:
        for _ in range(n):
            res.phone_static.append(first_chart_ms(browser, f"{static.url}/index.html", res.phone_cpu))
            res.phone_app.append(first_chart_ms(browser, app_url + "/", res.phone_cpu))
            print(
                f"  phone        static {res.phone_static[-1]:6.0f} ms   app {res.phone_app[-1]:6.0f} ms",
                file=sys.stderr,
            )


def _median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def _spread(xs: list[float]) -> str:
    return f"{min(xs):.0f}–{max(xs):.0f}" if xs else "–"


def _timed(cmd: list[str], n: int) -> list[float]:
    out = []
    for _ in range(n):
        started = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        out.append(time.perf_counter() - started)
    return out


def _other_page(name: str) -> tuple[str, int] | None:
    """The page a reader opened before ``name`` in the "after another page" column: the page before it in the spec
    that draws charts (the last such page for the first)."""
    charted = [n for n, (_, charts) in PAGES.items() if charts]
    if name not in charted:
        return None
    return PAGES[charted[charted.index(name) - 1]]


def measure_pages(
    res: Results, n: int, sessions: int = 10, site: Path | None = None, pages: dict | None = None
) -> None:
    from playwright.sync_api import sync_playwright

    pages = pages or PAGES
    with sync_playwright() as p:
        browser = launch(p)
        with Server() as app, Server(app=BASELINE) as base:
            res.start_s, res.start_baseline_s = app.start_s, base.start_s
            res.cold = ready_ms(browser, app.url + "/", 1)  # first page after a cold server start
            res.cold_baseline = ready_ms(browser, base.url + "/", 1)
            res.rss_1 = app.rss_mb()
            for _ in range(n):
                for name, (path, charts) in pages.items():
                    after = _other_page(name)
                    after = (f"{app.url}/{after[0]}", after[1]) if after else None
                    first, again, cpu, nxt = visit(browser, f"{app.url}/{path}", charts, app.proc.pid, after)
                    res.pages.setdefault(name, []).append(first)
                    res.returns.setdefault(name, []).append(again)
                    res.cpu.setdefault(name, []).append(cpu)
                    if nxt is not None:
                        res.nexts.setdefault(name, []).append(nxt)
                    first, again, cpu, _ = visit(browser, base.url + "/", 1, base.proc.pid)
                    res.baseline.append(first)
                    res.baseline_return.append(again)
                    res.baseline_cpu.append(cpu)
                    paired = res.paired_baseline.setdefault(name, {"first": [], "return": []})
                    paired["first"].append(first)
                    paired["return"].append(again)
                    print(
                        f"  {name:<12} {res.pages[name][-1]:7.0f} ms (again {res.returns[name][-1]:5.0f}, "
                        f"cpu {res.cpu[name][-1]:.2f} s)   baseline {first:6.0f} ms (again {again:5.0f}, "
                        f"cpu {cpu:.2f} s)",
                        file=sys.stderr,
                    )
            if site is not None:
                measure_phone(res, browser, app.url, site, n)
            contexts = [browser.new_context() for _ in range(sessions)]
            try:
                for i, ctx in enumerate(contexts):
                    page = ctx.new_page()
                    path, charts = list(pages.values())[i % len(pages)]
                    page.goto(f"{app.url}/{path}")
                    page.wait_for_function(READY_JS, arg=charts, timeout=120_000)
                res.rss_10 = app.rss_mb()
                res.sessions = sessions
            finally:
                for ctx in contexts:
                    ctx.close()
        browser.close()


def measure_json(res: Results, slugs: list[str] | None = None) -> None:
    """Bytes of figure JSON each page sends (the Plotly specs in Streamlit's messages)."""
    from streamlit.testing.v1 import AppTest

    for page in [p for p in spec.PAGES if slugs is None or p.slug in slugs]:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
        if not page.default:
            at.switch_page(page.file).run()
        res.json_kb[page.slug] = sum(len(c.proto.spec.encode()) for c in at.get("plotly_chart")) / 1024


def measure_export(res: Results, only: str | None = None, svg: bool = True) -> None:
    def run(fmt: str) -> float:
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            args = ["--format", fmt, *(["--only", only] if only and fmt != "html" else [])]
            export.run(Path(tmp), *args, timeout=None).check_returncode()
            return time.perf_counter() - started

    res.export_png = run("png")
    res.export_svg = run("svg") if svg else 0.0
    if not res.export_site:  # main() times the site's export when it writes the site for the phone runs
        res.export_site = run("html")
    res.export_charts = [only] if only else spec.chart_ids()


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True).stdout.strip()
    pkgs = ", ".join(f"{p} {metadata.version(p)}" for p in ("streamlit", "plotly", "pandas", "pyarrow"))
    return (
        f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} cores, {mem} RAM; "
        f"Python {platform.python_version()}; {pkgs}; {chromium or 'chromium ?'}"
    )


def verdict(ok: bool) -> str:
    return "within" if ok else "**over**"


def report(res: Results) -> str:
    base = _median(res.baseline)
    lines = [
        "# Benchmarks",
        "",
        f"Written by `python -m benchmarks -n {res.n}` (`make bench`). Machine: {machine()}.",
        "",
        "Page readiness is measured in headless Chromium from navigation start until every chart has drawn its SVG "
        "and Streamlit's running indicator is gone, each load in a fresh browser context, alternating with the "
        "baseline (`benchmarks/baseline_app.py`: one trivial Plotly chart). Ratios compare medians from the same run.",
        "",
        "## Pages",
        "",
        "A *return visit* opens the same page again in a new tab of the same browser (its storage and cookies "
        "kept). *Server CPU* is the user and system time of the server process (psutil) over one first visit, its "
        "session included; one process uses at most one core for scripts, so *views/s* = 1 ÷ CPU per view is the "
        "most first visits a second one server process sustains.",
        "",
        "*After another page*: the page opened for the first time in a browser that has just opened the page "
        "before it (the overview after the timeline, the map after the overview, and so on), compared with the "
        "baseline's return visit; not in a budget.",
        "",
        "| page | first visit ms | spread ms | ratio | return visit ms | ratio | after another page ms | ratio "
        "| server CPU s / view | ratio | views/s | |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    base_again, base_cpu = _median(res.baseline_return), _median(res.baseline_cpu)
    for name, xs in res.pages.items():
        ratio = _median(xs) / base
        again = _median(res.returns.get(name, [])) / base_again
        cpu = _median(res.cpu.get(name, []))
        ok = ratio <= BUDGET["page"] and again <= BUDGET["return"] and cpu / base_cpu <= BUDGET["cpu"]
        nxt = _median(res.nexts.get(name, []))
        nxt_cells = f"{nxt:.0f} | {nxt / base_again:.2f}" if res.nexts.get(name) else "– | –"
        lines.append(
            f"| {name} | {_median(xs):.0f} | {_spread(xs)} | {ratio:.2f} | {_median(res.returns.get(name, [])):.0f} "
            f"| {again:.2f} | {nxt_cells} | {cpu:.2f} | {cpu / base_cpu:.2f} | {1 / cpu:.1f} | {verdict(ok)} |"
        )
    lines += [
        f"| *baseline* | {base:.0f} | {_spread(res.baseline)} | 1.00 | {base_again:.0f} | 1.00 | | | {base_cpu:.2f} | "
        f"1.00 | {1 / base_cpu:.1f} | |",
        f"| *budget* | | | ≤ {BUDGET['page']} | | ≤ {BUDGET['return']} | | | | ≤ {BUDGET['cpu']} | | |",
    ]
    lines += _sureness_report(res)
    cold_ratio = res.cold / res.cold_baseline
    etl_ratio = _median(res.etl) / _median(res.floor)
    lines += [
        "",
        "## Other measures",
        "",
        "| measure | value | budget | |",
        "|---|---:|---:|---|",
        f"| first page after a cold server start | {res.cold:.0f} ms vs baseline cold {res.cold_baseline:.0f} ms "
        f"= {cold_ratio:.2f}× | ≤ {BUDGET['cold']}× | {verdict(cold_ratio <= BUDGET['cold'])} |",
        f"| server start until it answers (the dashboard builds its charts first, `serving.warm`) | "
        f"{res.start_s:.1f} s vs baseline {res.start_baseline_s:.1f} s | | |",
        f"| `python -m etl` | {_median(res.etl):.2f} s vs import floor {_median(res.floor):.2f} s = "
        f"{etl_ratio:.2f}× | ≤ {BUDGET['etl']}× | {verdict(etl_ratio <= BUDGET['etl'])} |",
        f"| server memory after 1 session | {res.rss_1:.0f} MB | | |",
        f"| server memory after {res.sessions} sessions | {res.rss_10:.0f} MB | ≤ {BUDGET['rss_mb']} MB | "
        f"{verdict(res.rss_10 <= BUDGET['rss_mb'])} |",
        f"| export: every PNG ({len(res.export_charts)} charts × 3 frames, 2×) | {res.export_png:.1f} s | | |",
        f"| export: static site | {res.export_site:.1f} s | | |",
        f"| export: every PNG and the static site | {res.export_png + res.export_site:.1f} s | "
        f"< {BUDGET['export_s']} s | {verdict(res.export_png + res.export_site < BUDGET['export_s'])} |",
        f"| export: every SVG (not in the budget) | {res.export_svg:.1f} s | | |",
    ]
    lines += ["", "## Figure JSON sent per page", "", "| page | KB | budget | |", "|---|---:|---:|---|"]
    for name, kb in res.json_kb.items():
        lines.append(f"| {name} | {kb:.0f} | ≤ {BUDGET['json_kb']} | {verdict(kb <= BUDGET['json_kb'])} |")
    if res.site_bytes or res.phone_static:
        lines += _phone_report(res)
    if res.scale:
        lines += ["", "## ETL scale: 1 to many articles (`benchmarks/etl_scale.py`)", "", etl_scale.report(res.scale)]
    analysis = Path(__file__).with_name("analysis.md")
    if analysis.is_file():
        lines += ["", analysis.read_text(encoding="utf-8").rstrip()]
    return "\n".join(lines) + "\n"


def _sureness_report(res: Results) -> list[str]:
    """How sure the run is of each page's verdicts, from its loads paired with the baseline's (``benchmarks.stats``)."""
    lines = [
        "",
        "### How sure this run is",
        "",
        "Each load of a page is paired with the baseline's load right after it. The ratios of the pairs give an "
        "interval that holds the ratio more loads would settle on (the median of their distribution) with the "
        "probability shown, assuming nothing about how load times are spread (order statistics; with 5 loads it "
        "runs from the lowest ratio to the highest, 94 %). A verdict is sure only when the whole interval is on one "
        "side of the budget: *either* means this run cannot tell.",
        "",
        "| page | first visit: ratio of pairs | interval | | return visit: ratio of pairs | interval | |",
        "|---|---:|---:|---|---:|---:|---|",
    ]
    for name, base in res.paired_baseline.items():
        first = stats.pair_ratios(res.pages[name], base["first"])
        again = stats.pair_ratios(res.returns[name], base["return"])
        lines.append(f"| {name} | {stats.row(first, BUDGET['page'])} | {stats.row(again, BUDGET['return'])} |")
    return lines


def _phone_report(res: Results) -> list[str]:
    lines = [
        "",
        "## Static site on phones",
        "",
        "Bytes each static page loads (`benchmarks/site_weight.py`), for the narrowest and the widest pick of the "
        "charts' width class: at first paint (the page, the files it names, each chart's picture) and once a reader "
        "has touched every chart (Plotly's bundle and each chart's interactive variant too); kB = 1,000 bytes.",
        "",
        site_weight.report(res.site_bytes),
    ]
    if res.phone_static and res.phone_app:
        static, app = _median(res.phone_static), _median(res.phone_app)
        ratio = static / app
        lines += [
            "",
            f"Time to the first chart drawn, from navigation start, at 390×844 (mobile, 3× pixels) with the CPU slowed "
            f"{res.phone_cpu:g}× (CDP `Emulation.setCPUThrottlingRate`), each load in a fresh context, the two "
            f"alternating, {len(res.phone_static)} each:",
            "",
            "| measure | median ms | spread ms | budget | |",
            "|---|---:|---:|---:|---|",
            f"| static overview (`index.html` from a local `http.server`) | {static:.0f} | "
            f"{_spread(res.phone_static)} | | |",
            f"| the app's overview (`/`) | {app:.0f} | {_spread(res.phone_app)} | | |",
            f"| static ÷ app | {ratio:.2f}× | | ≤ {BUDGET['phone']}× | {verdict(ratio <= BUDGET['phone'])} |",
        ]
    return lines


_MARKED = re.compile(r"<!-- ([\w-]+):begin -->.*?<!-- \1:end -->\n?", re.S)


def keep_marked(text: str, old: Path) -> str:
    """``text`` with each marked section of ``old`` (``<!-- crowd:begin -->`` … ``<!-- crowd:end -->``, written by
    another benchmark such as ``benchmarks.crowd``) kept at its end: this report rewrites the file, not those."""
    if not old.is_file():
        return text
    kept = [m.group(0) for m in _MARKED.finditer(old.read_text(encoding="utf-8")) if m.group(0) not in text]
    return text if not kept else text.rstrip("\n") + "\n\n" + "\n".join(s.rstrip("\n") + "\n" for s in kept)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    p.add_argument("-n", type=int, default=5, help="loads per page (default 5)")
    p.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md", help="Markdown report (default BENCHMARKS.md)")
    p.add_argument("--json", type=Path, help="also write the raw numbers here")
    p.add_argument("--scale", type=int, default=200, help="most synthetic articles for the ETL scale run (default 200)")
    p.add_argument("--sessions", type=int, default=10, help="sessions held open for the memory row (default 10)")
    p.add_argument("--export-only", metavar="CHART_ID", help="export one chart instead of every one (a quick run)")
    p.add_argument("--pages", nargs="+", choices=list(PAGES), help="time only these pages (a quick run)")
    p.add_argument("--no-svg", action="store_true", help="skip the SVG export (not in the budget; a quick run)")
    p.add_argument(
        "--phone-cpu", type=float, default=CPU_SLOWDOWN, help=f"CPU slowdown of the phone runs (default {CPU_SLOWDOWN})"
    )
    args = p.parse_args(argv)
    res = Results(n=args.n, phone_cpu=args.phone_cpu)
    print("ETL and import floor…", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        res.etl = _timed([sys.executable, "-m", "etl", "--out", tmp], args.n)
    res.floor = _timed([sys.executable, "-c", "import pandas, pyarrow, geopandas, spacy"], args.n)
    print(f"ETL on 1 to {args.scale} synthetic articles…", file=sys.stderr)
    res.scale = etl_scale.measure(args.scale)
    print("pages, and phones…", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        site = site_weight.export_site(Path(tmp))
        res.export_site = time.perf_counter() - started
        res.site_bytes = site_weight.weights(site)
        measure_pages(res, args.n, args.sessions, site, {k: PAGES[k] for k in args.pages or PAGES})
    print("figure JSON…", file=sys.stderr)
    measure_json(res, args.pages)
    print("export…", file=sys.stderr)
    measure_export(res, args.export_only, svg=not args.no_svg)
    text = keep_marked(report(res), args.out)
    args.out.write_text(text, encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(res.__dict__, indent=2), encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
