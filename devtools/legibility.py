"""Legibility of the charts as drawn: no text on text, no text under a marker, no text cut off, no page wider than
the screen. Layout, not timing.

Two halves:

* :data:`PROBE_JS`, one function run in the page, returns plain JSON: per Plotly chart its box, every visible SVG
  text (hover layer and modebar left out) and every visible scatter marker, and the page's scroll widths.
* :func:`check` and the rules under it are pure Python over that JSON and return :class:`Defect` lists, so they
  are unit-tested with synthetic boxes (``tests/test_legibility_rules.py``).

:func:`run` drives a browser over every view (app pages, static pages, card frames at their sizes);
``tests/browser/test_legibility.py`` calls it, and so does the command line, for any running app and export::

    python -m devtools.legibility --app http://localhost:8501 --site EXPORT/site [--shots DIR] [--json FILE]

Boxes are ``[left, top, right, bottom]`` in CSS pixels of the viewport (``getBoundingClientRect``).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from devtools.browser import CHART, CHART_SVG, MAIN, STALE, STATUS, SVG

TOL = 1.0  # px: overlaps and overhangs up to this are rounding, not defects
MARKER_INSET = 1.0  # px taken off each side of a marker's box (its rect includes the stroke)
MIN_OPACITY = 0.01  # a marker at or below this is fully transparent (a hover target), not ink
VIEWPORTS = ((390, 844), (768, 1024), (1400, 1000))
SHOT_WIDTHS = (390, 1400)

KINDS = (
    "text-overlap",
    "text-under-marker",
    "text-clipped",
    "text-offscreen",
    "page-too-wide",
    "charts-missing",
    "built-for-another-width",
)
WIDTH_SLACK = 12.0  # px a chart's box may be wider than the width it was built for (the app measures in 10 px steps)

PROBE_JS = r"""() => {
  const alpha = c => {
    if (!c || c === 'none' || c === 'transparent') return 0;
    const m = c.match(/rgba?\(([^)]*)\)/);
    if (!m) return 1;
    const parts = m[1].split(/[ ,\/]+/).filter(Boolean);
    if (parts.length < 4) return 1;
    const a = parts[3];
    return a.endsWith('%') ? parseFloat(a) / 100 : parseFloat(a);
  };
  const seen = new Map();
  const opacity = el => {  // the element's opacity times every ancestor's; 0 when it or one of them is display:none
    if (!el || el.nodeType !== 1) return 1;
    if (seen.has(el)) return seen.get(el);
    const s = getComputedStyle(el);
    const op = s.display === 'none' ? 0 : parseFloat(s.opacity) * opacity(el.parentElement);
    seen.set(el, op > 0 ? op : 0);
    return seen.get(el);
  };
  const ink = el => {  // how much of it shows: opacity along the way times the stronger of fill and stroke
    const s = getComputedStyle(el);
    if (s.visibility === 'hidden' || s.visibility === 'collapse') return 0;  // inherited: its own value counts
    const fill = alpha(s.fill) * parseFloat(s.fillOpacity);
    const stroke = parseFloat(s.strokeWidth) > 0 ? alpha(s.stroke) * parseFloat(s.strokeOpacity) : 0;
    return opacity(el) * Math.max(fill, stroke);
  };
  const box = r => [r.left, r.top, r.right, r.bottom];
  const charts = [...document.querySelectorAll('__CHART__')].map((gd, index) => {
    const meta = (gd.layout && gd.layout.meta) || (gd._fullLayout && gd._fullLayout.meta) || {};
    const svgs = [...gd.querySelectorAll('__SVG__')];
    const own = box(gd.getBoundingClientRect());  // the div; the drawing may be wider or narrower
    const drawn = svgs.length ? box(svgs[0].getBoundingClientRect()) : own;  // what the SVG shows; it clips the rest
    const texts = [];
    for (const svg of svgs) {
      for (const t of svg.querySelectorAll('text')) {
        if (t.closest('.hoverlayer') || t.closest('.modebar')) continue;
        const lines = t.querySelectorAll('tspan.line');  // <br> lines, read with a space between them
        const raw = lines.length ? [...lines].map(l => l.textContent).join(' ') : t.textContent;
        const text = (raw || '').replace(/\s+/g, ' ').trim();
        if (!text) continue;
        if (!(ink(t) > 0)) continue;
        const r = t.getBoundingClientRect();
        if (r.width < 0.5 || r.height < 0.5) continue;
        let quad = null;
        const m = t.getScreenCTM();
        if (m && Math.abs(m.b) + Math.abs(m.c) > 1e-6 && Math.abs(m.a) > 1e-6 && Math.abs(m.d) > 1e-6) {  // turned
          const b = t.getBBox();
          quad = [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]]
            .map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
        }
        const g = t.closest('g[class]');
        texts.push({text, box: box(r), quad, cls: (t.getAttribute('class') || (g && g.getAttribute('class')) || '')});
      }
    }
    const markers = [];
    for (const p of gd.querySelectorAll('.scatterlayer .points path.point')) {
      const r = p.getBoundingClientRect();
      if (r.width < 0.5 && r.height < 0.5) continue;
      markers.push({box: box(r), opacity: Math.round(ink(p) * 1000) / 1000});
    }
    return {name: meta.chart_id || String(index), index, box: drawn, div: own, texts, markers,
            built: meta.width || null, width_class: meta.width_class || null};
  });
  const main = document.querySelector('__MAIN__');
  return {
    url: location.href,
    inner_width: window.innerWidth,
    inner_height: window.innerHeight,
    scroll_width: document.documentElement.scrollWidth,
    main_scroll_width: main ? main.scrollWidth : null,
    // a script or a chart's fragment still running, or a chart it replaced not yet removed (hidden, 0 px wide)
    busy: !!document.querySelector('__STATUS__') || !!document.querySelector('__STALE__')
          || charts.some(c => c.div[2] - c.div[0] < 1),
    charts,
  };
}"""
PROBE_JS = PROBE_JS.replace("__CHART__", CHART).replace("__MAIN__", MAIN).replace("__STATUS__", STATUS)
PROBE_JS = PROBE_JS.replace("__STALE__", STALE).replace("__SVG__", SVG)


# ---------------------------------------------------------------------------------------------------- the rules


@dataclass(frozen=True)
class Defect:
    kind: str  # one of KINDS
    view: str  # e.g. "app:overview@390x844", "site:map@768x1024", "card:timeline/social@1200x675"
    chart: str  # the figure's layout.meta.chart_id, else its index on the page; "" for the page itself
    texts: tuple[str, ...]  # the text(s) involved; for page-too-wide, the element that is too wide
    detail: str = field(default="", compare=False)  # how much, for people

    def __str__(self) -> str:
        what = " / ".join(repr(t) for t in self.texts)
        return f"{self.kind:<17} {self.view} [{self.chart or 'page'}] {what}" + (
            f" ({self.detail})" if self.detail else ""
        )


Box = list[float] | tuple[float, float, float, float]


def overlap(a: Box, b: Box) -> tuple[float, float]:
    """How far two boxes overlap horizontally and vertically (negative: the gap between them)."""
    return min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])


def boxes_overlap(a: Box, b: Box, tol: float = TOL) -> bool:
    dx, dy = overlap(a, b)
    return dx > tol and dy > tol


def inset(b: Box, by: float) -> tuple[float, float, float, float]:
    """The box shrunk by ``by`` on every side (never past its centre)."""
    cx, cy = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
    return min(b[0] + by, cx), min(b[1] + by, cy), max(b[2] - by, cx), max(b[3] - by, cy)


def corners(b: Box) -> list[tuple[float, float]]:
    return [(b[0], b[1]), (b[2], b[1]), (b[2], b[3]), (b[0], b[3])]


def polygons_overlap(p: list, q: list, tol: float = TOL) -> bool:
    """Separating axes for two convex quadrilaterals: they overlap when their shadows on every edge normal of
    either overlap by more than ``tol`` (for two upright boxes this is exactly :func:`boxes_overlap`)."""
    for poly in (p, q):
        for i in range(len(poly)):
            (x0, y0), (x1, y1) = poly[i], poly[(i + 1) % len(poly)]
            nx, ny = y0 - y1, x1 - x0
            norm = math.hypot(nx, ny)
            if norm < 1e-9:
                continue
            nx, ny = nx / norm, ny / norm
            sp = [x * nx + y * ny for x, y in p]
            sq = [x * nx + y * ny for x, y in q]
            if min(max(sp), max(sq)) - max(min(sp), min(sq)) <= tol:
                return False
    return True


def _shape(t: dict) -> list:
    return t.get("quad") or corners(t["box"])


def shapes_overlap(a: dict, b: dict, tol: float = TOL) -> bool:
    """Two drawn things (``box`` and, for turned text, ``quad``) overlap by more than ``tol`` both ways."""
    if not boxes_overlap(a["box"], b["box"], tol):
        return False
    if not a.get("quad") and not b.get("quad"):
        return True
    return polygons_overlap(_shape(a), _shape(b), tol)


def _px(v: float) -> str:
    return f"{v:.0f}" if abs(v - round(v)) < 0.05 else f"{v:.1f}"


def text_overlaps(chart: dict, view: str, tol: float = TOL) -> list[Defect]:
    """Every pair of text elements that overlap by more than ``tol`` both ways (an element never with itself;
    the same string drawn twice in one place is a pair too)."""
    out = []
    texts = chart["texts"]
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            if shapes_overlap(a, b, tol):
                dx, dy = overlap(a["box"], b["box"])
                out.append(
                    Defect("text-overlap", view, chart["name"], (a["text"], b["text"]), f"{_px(dx)}x{_px(dy)} px")
                )
    return out


def text_under_markers(chart: dict, view: str, tol: float = TOL, by: float = MARKER_INSET) -> list[Defect]:
    """Every text a visible marker covers (marker box shrunk by ``by``; overlap more than ``tol`` both ways)."""
    markers = [{"box": inset(m["box"], by)} for m in chart["markers"] if m.get("opacity", 1) > MIN_OPACITY]
    out = []
    for t in chart["texts"]:
        hits = [m for m in markers if shapes_overlap(t, m, tol)]
        if hits:
            out.append(Defect("text-under-marker", view, chart["name"], (t["text"],), f"{len(hits)} marker(s)"))
    return out


def _overhang(inner: Box, outer: Box) -> dict[str, float]:
    sides = {
        "left": outer[0] - inner[0],
        "top": outer[1] - inner[1],
        "right": inner[2] - outer[2],
        "bottom": inner[3] - outer[3],
    }
    return {k: v for k, v in sides.items() if v > 0}


def text_clipped(chart: dict, view: str, tol: float = TOL) -> list[Defect]:
    """Every text running more than ``tol`` past its chart's own box (the drawing: the first of its SVG layers,
    ``browser.SVG``), where the SVG cuts it off."""
    out = []
    for t in chart["texts"]:
        past = {k: v for k, v in _overhang(t["box"], chart["box"]).items() if v > tol}
        if past:
            detail = ", ".join(f"{k} {_px(v)} px" for k, v in past.items())
            out.append(Defect("text-clipped", view, chart["name"], (t["text"],), detail))
    return out


def text_offscreen(chart: dict, view: str, width: float, tol: float = TOL) -> list[Defect]:
    """Every text starting left of the viewport or ending right of it by more than ``tol``."""
    out = []
    for t in chart["texts"]:
        past = {"left": -t["box"][0], "right": t["box"][2] - width}
        past = {k: v for k, v in past.items() if v > tol}
        if past:
            detail = ", ".join(f"{k} {_px(v)} px" for k, v in past.items())
            out.append(Defect("text-offscreen", view, chart["name"], (t["text"],), detail))
    return out


def page_too_wide(probe: dict, view: str, tol: float = TOL) -> list[Defect]:
    """The document, and Streamlit's main container, no wider than the viewport (no sideways scrolling)."""
    width = probe["inner_width"]
    out = []
    for name, key in (("document", "scroll_width"), ("stMain", "main_scroll_width")):
        value = probe.get(key)
        if value is not None and value > width + tol:
            out.append(Defect("page-too-wide", view, "", (name,), f"scrollWidth {_px(value)} > {_px(width)}"))
    return out


def built_for_another_width(chart: dict, view: str) -> list[Defect]:
    """A chart drawn in a box it was not laid out for: built narrower than its box by more than the measuring
    step, or wider than it (squeezed), or labelled with a width class that is not its width's."""
    from dashboard import theme

    built, drawn = chart.get("built"), chart["box"][2] - chart["box"][0]  # the width the SVG is drawn at
    if not built:
        return []
    wrong_class = chart.get("width_class") and chart["width_class"] != theme.width_class(built)
    if wrong_class or not (built - TOL <= drawn <= built + WIDTH_SLACK):
        detail = f"built {built:.0f} px ({chart.get('width_class')}), drawn {drawn:.0f} px"
        return [Defect("built-for-another-width", view, chart["name"], (), detail)]
    return []


def check(view: str, probe: dict, tol: float = TOL) -> list[Defect]:
    """Every defect of one page view, page first, then chart by chart."""
    out = page_too_wide(probe, view, tol)
    for chart in probe["charts"]:
        out += text_overlaps(chart, view, tol)
        out += text_under_markers(chart, view, tol)
        out += text_clipped(chart, view, tol)
        out += text_offscreen(chart, view, probe["inner_width"], tol)
        out += built_for_another_width(chart, view)
    return out


def report(defects: list[Defect], views: int, charts: int, seconds: float | None = None) -> str:
    """The one-line count, counts by kind and by view, then every defect grouped by view and chart."""
    took = f" in {seconds:.1f}s" if seconds is not None else ""
    lines = [f"legibility: {views} page views, {charts} charts checked, {len(defects)} defects{took}"]
    if defects:
        kinds = Counter(d.kind for d in defects)
        lines.append("by kind: " + ", ".join(f"{k} {kinds[k]}" for k in KINDS if kinds[k]))
        by_view = Counter(d.view for d in defects)
        lines.append("by view: " + ", ".join(f"{v} {n}" for v, n in by_view.items()))
        last = None
        for d in defects:
            head = (d.view, d.chart)
            if head != last:
                lines.append(f"  {d.view} [{d.chart or 'page'}]")
                last = head
            what = " / ".join(repr(t) for t in d.texts)
            lines.append(f"    {d.kind:<17} {what}" + (f"  ({d.detail})" if d.detail else ""))
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------- in the browser


@dataclass(frozen=True)
class View:
    kind: str  # app, site or card
    name: str  # the page slug, or chart/frame for a card
    url: str
    size: tuple[int, int]  # the viewport
    charts: int  # how many charts it draws

    @property
    def label(self) -> str:
        return f"{self.kind}:{self.name}@{self.size[0]}x{self.size[1]}"


def app_views(base_url: str, viewports=VIEWPORTS) -> list[View]:
    from dashboard import spec

    base = base_url.rstrip("/")
    return [
        View("app", p.slug, f"{base}/{p.url}", size, spec.chart_count(p.slug)) for size in viewports for p in spec.PAGES
    ]


def site_views(site_dir: Path, viewports=VIEWPORTS) -> list[View]:
    from dashboard import spec

    return [
        View(
            "site", p.slug, (Path(site_dir).resolve() / p.site_file).as_uri(), size, spec.chart_count(p.slug, spec.SITE)
        )
        for size in viewports
        for p in spec.PAGES
    ]


def card_views(base_url: str) -> list[View]:
    from dashboard import card, spec, theme

    base = base_url.rstrip("/")
    return [
        View("card", f"{c}/{frame}", base + card.path(c, frame), size, 1)
        for frame, size in theme.FRAMES.items()
        for c in spec.chart_ids()
    ]


def export_site(out: Path, data_dir: Path | None = None) -> Path:
    """The static site, exported by ``python -m dashboard.export --format html`` into ``out`` once: a finished
    export (its manifest is written last) is reused, so test modules sharing ``out`` in one session share it.
    Returns the site folder."""
    from devtools import export

    site = out / "site"
    if (out / "manifest.json").exists() and (site / "index.html").exists():
        return site
    done = export.run(out, "--format", "html", data_dir=data_dir)
    if done.returncode != 0:
        raise RuntimeError(f"export failed: {done.stderr[-2000:]}")
    return site


def _signature(probe: dict) -> str:
    def rounded(v):
        if isinstance(v, float):
            return round(v, 1)
        if isinstance(v, list | tuple):
            return [rounded(x) for x in v]
        if isinstance(v, dict):
            return {k: rounded(x) for k, x in v.items() if k != "url"}
        return v

    return json.dumps(rounded(probe), sort_keys=True)


def settle(page, timeout: float = 5.0, interval: float = 0.3) -> tuple[dict, bool]:
    """Probe until two probes ``interval`` apart agree and Streamlit is not running (the app re-lays charts out
    once it learns the screen width). Returns the last probe and whether it settled within ``timeout``."""
    deadline = time.monotonic() + timeout
    last = page.evaluate(PROBE_JS)
    while True:
        page.wait_for_timeout(interval * 1000)
        now = page.evaluate(PROBE_JS)
        if not now["busy"] and not last["busy"] and _signature(now) == _signature(last):
            return now, True
        if time.monotonic() > deadline:
            return now, False
        last = now


def wait_drawn(page, view: View, timeout: float = 45_000) -> None:
    if view.kind == "site":  # each chart paints as a picture; a reader's pointer on it draws the interactive one
        page.wait_for_load_state("domcontentloaded")
        page.evaluate(
            "() => document.querySelectorAll('.chart').forEach(c => c.dispatchEvent(new Event('pointerover')))"
        )
        page.wait_for_function(
            f"n => document.querySelectorAll('{CHART_SVG}').length >= 2 * n",
            arg=view.charts,
            timeout=timeout,
        )
    else:  # and every folded table opened (the app sends one only when a reader opens it)
        from devtools.browser import open_folded, wait_ready

        wait_ready(page, view.charts, timeout=timeout)
        open_folded(page, view.charts, timeout=timeout)


@dataclass
class Result:
    views: list[str] = field(default_factory=list)
    charts: int = 0
    defects: list[Defect] = field(default_factory=list)
    unsettled: list[str] = field(default_factory=list)
    probes: dict[str, dict] = field(default_factory=dict)
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)  # seconds spent loading, settling, in ``after``
    kinds: dict[str, float] = field(default_factory=dict)  # seconds per kind of view (app, site, card)

    def timing(self) -> str:
        stages = ", ".join(f"{k} {v:.1f}s" for k, v in self.stages.items())
        kinds = ", ".join(f"{k} {v:.1f}s" for k, v in self.kinds.items())
        return f"time by stage: {stages}; by kind of view: {kinds}"

    def report(self) -> str:
        text = report(self.defects, len(self.views), self.charts, self.seconds)
        if self.stages:
            text += "\n" + self.timing()
        if self.unsettled:
            text += "\nlayout still moving after the wait (checked as last seen): " + ", ".join(self.unsettled)
        return text

    def _took(self, stage: str, since: float) -> float:
        now = time.perf_counter()
        self.stages[stage] = self.stages.get(stage, 0.0) + now - since
        return now


def run(
    browser,
    views: Iterable[View],
    after: Callable[[object, View], None] | None = None,
    settle_timeout: float = 5.0,
    parallel: int = 3,
) -> Result:
    """Open every view in its viewport (one browser context per viewport size), wait until its charts are drawn
    and the layout holds still, probe it and check it, in order. Up to ``parallel`` pages are open at once: the
    next ones load while one is probed. ``after(page, view)`` runs before the page closes (for screenshots).

    App pages are opened once, at their first viewport, and then resized to the next ones, as a reader turning a
    phone or resizing a window would: the app must lay its charts out again for the new width."""
    started = time.perf_counter()
    result = Result()
    views = list(views)
    apps = [v for v in views if v.kind == "app"]
    _run_resized(browser, apps, result, after, settle_timeout)
    views = [v for v in views if v.kind != "app"]
    contexts: dict[tuple[int, int], object] = {}
    waiting = deque(views)
    open_: deque = deque()

    def open_next() -> None:
        view = waiting.popleft()
        if view.size not in contexts:
            contexts[view.size] = browser.new_context(viewport={"width": view.size[0], "height": view.size[1]})
        page = contexts[view.size].new_page()
        page.goto(view.url, wait_until="commit")
        open_.append((view, page))

    try:
        while waiting or open_:
            while waiting and len(open_) < max(parallel, 1):
                open_next()
            view, page = open_.popleft()
            try:
                t0 = time.perf_counter()
                _check_drawn(page, view, result, after, settle_timeout)
                result.kinds[view.kind] = result.kinds.get(view.kind, 0.0) + time.perf_counter() - t0
            finally:
                page.close()
    finally:
        for _, page in open_:
            page.close()
        for ctx in contexts.values():
            ctx.close()
    result.seconds = time.perf_counter() - started
    return result


def _run_resized(browser, views: list[View], result: Result, after, settle_timeout: float) -> None:
    """Each app page once, in one context: drawn at its first viewport, then resized to each of the next."""
    by_url: dict[str, list[View]] = {}
    for v in views:
        by_url.setdefault(v.url, []).append(v)
    if not by_url:
        return
    first = views[0].size
    ctx = browser.new_context(viewport={"width": first[0], "height": first[1]})
    try:
        for url, sized in by_url.items():
            page = ctx.new_page()
            try:
                t0 = time.perf_counter()
                page.set_viewport_size({"width": sized[0].size[0], "height": sized[0].size[1]})
                page.goto(url, wait_until="commit")
                for i, view in enumerate(sized):
                    if i:
                        page.set_viewport_size({"width": view.size[0], "height": view.size[1]})
                        page.wait_for_timeout(700)  # the width report (debounced) and the rerun it starts
                    _check_drawn(page, view, result, after, settle_timeout)
                result.kinds["app"] = result.kinds.get("app", 0.0) + time.perf_counter() - t0
            finally:
                page.close()
    finally:
        ctx.close()
    order = {v.label: i for i, v in enumerate(views)}
    result.views.sort(key=lambda label: order.get(label, len(order)))


def _check_drawn(page, view: View, result: Result, after, settle_timeout: float) -> None:
    """Wait until the view's charts are drawn and hold still, probe and check it, then ``after`` it."""
    t = time.perf_counter()
    wait_drawn(page, view)
    t = result._took("load", t)
    probe, still = settle(page, settle_timeout)
    t = result._took("settle", t)
    _record(result, view, probe, still)
    if after is not None:
        after(page, view)
        result._took("after", t)


def _record(result: Result, view: View, probe: dict, still: bool) -> None:
    if not still:
        result.unsettled.append(view.label)
    if len(probe["charts"]) != view.charts:
        result.defects.append(Defect("charts-missing", view.label, "", (), f"{len(probe['charts'])} of {view.charts}"))
    result.views.append(view.label)
    result.charts += len(probe["charts"])
    result.probes[view.label] = probe
    result.defects += check(view.label, probe)


def save_screens(page, view: View, folder: Path, full_page: Callable | None = None) -> Path | None:
    """``{app|site}-{slug}-{width}.png`` at the screenshot widths (whole page), ``card-{chart}-{frame}.png``."""
    folder.mkdir(parents=True, exist_ok=True)
    if view.kind == "card":
        chart, frame = view.name.split("/")
        out = folder / f"card-{chart}-{frame}.png"
        page.screenshot(path=str(out))
        return out
    if view.size[0] not in SHOT_WIDTHS:
        return None
    out = folder / f"{view.kind}-{view.name}-{view.size[0]}.png"
    if full_page is not None:
        made = full_page(page, out)
        return made
    page.screenshot(path=str(out), full_page=True)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m devtools.legibility", description=__doc__.split("\n\n")[0])
    p.add_argument("--app", help="a running app's base URL (its pages and card frames are checked)")
    p.add_argument("--site", type=Path, help="an exported static site folder (EXPORT/site)")
    p.add_argument("--no-cards", action="store_true", help="leave the card frames out")
    p.add_argument("--shots", type=Path, help="save screenshots here")
    p.add_argument("--json", type=Path, help="write the defects and probes here")
    p.add_argument("--parallel", type=int, default=3, help="pages open at once (default 3)")
    args = p.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from devtools.browser import launch

    views: list[View] = []
    if args.app:
        views += app_views(args.app)
    if args.site:
        views += site_views(args.site)
    if args.app and not args.no_cards:
        views += card_views(args.app)
    after = (lambda page, view: save_screens(page, view, args.shots)) if args.shots else None
    with sync_playwright() as pw:
        browser = launch(pw)
        try:
            result = run(browser, views, after=after, parallel=args.parallel)
        finally:
            browser.close()
    print(result.report())
    if args.json:
        doc = {
            "views": result.views,
            "charts": result.charts,
            "defects": [d.__dict__ for d in result.defects],
            "probes": result.probes,
        }
        args.json.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    return 1 if result.defects else 0


if __name__ == "__main__":
    sys.exit(main())
