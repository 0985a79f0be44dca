"""How the app learns the width of the box a chart is drawn in: from the window's width, worked out the way
Streamlit lays out its page, and checked by a small inline component that measures the box."""

from __future__ import annotations

import math
import re
import urllib.parse
from dataclasses import dataclass

import streamlit as st

# A chart is built for the width of its box, so its text is laid out for that width. A box is the main column
# (MAIN) or one of a page's columns (column_box); every chart in a box like it shares the box's width.
#
# How the first run knows the width: the app's HTML page sets a cookie with the window's width before Streamlit's
# front end starts (WINDOW_COOKIE, written by WINDOW_JS; ``dashboard.serving`` adds the script to the page).
# Streamlit hands cookies to the first run, and predicted_width() works out each box from the window's width as
# Streamlit 1.67 lays out a wide page (LAYOUT). So the first run draws every chart at once.
#
# How a wrong guess is caught: an inline component (no iframe, no network) mounted above a page's first chart in each
# kind of box measures that box, in steps of STEP px, on load and whenever the box changes size (a rotated phone, a
# resized window, a resized sidebar). When the width differs from the one the charts were built for, it reports it; that
# reruns the script, which builds the box's charts for the reported width. The browser keeps what it reported in a
# cookie (WIDTHS_COOKIE: "box@window:width/...", no other data), used again for the same window width, so a reader whose
# layout the guess gets wrong (a sidebar dragged wider) waits for a report once, not on every visit.
STEP = 10
MAIN = "main"  # the page's main column: its full width
WINDOW_COOKIE = "dashboard_window"
# Whether the reader's pointer can hover (a mouse) or not (a finger): where it cannot, Plotly shows each chart's tool
# bar at all times, over the end of the title's first line, and a page draws its charts with a band for the bar.
POINTER_COOKIE = "dashboard_pointer"
POINTER_JS = "(matchMedia('(hover: hover)').matches ? 'hover' : 'touch')"
WIDTHS_COOKIE = "chart_box_widths"
_MAX_REMEMBERED = 40


@dataclass(frozen=True)
class Layout:
    """Streamlit's wide page, in px, from its style sheet (Streamlit 1.67). ``test_pages`` measures it: a first
    visit at 390, 700, 768, 900 and 1400 px sends the server nothing but the page request."""

    sidebar_from: int = 769  # the navigation sidebar opens beside the page from this window width (above 768 px)
    sidebar: int = 300  # its width until the reader drags it
    padding: int = 16  # the page's side padding (1rem) ...
    wide_padding: int = 80  # ... and 5rem from a window of wide_from px: calc(46rem + 2 × (5rem − 1rem))
    wide_from: int = 864
    columns_from: int = 641  # narrower, columns stack, each as wide as the main column
    gap: int = 16  # between columns (1rem); each of n columns gives up gap × (n − 1) / n of it


LAYOUT = Layout()

# The window's width and the width of a classic scrollbar, which the page's scrolling main column gives up:
# "1400x0" (overlay scrollbars, as on phones and macOS), "1400x17" (Windows).
WINDOW_JS = """(() => {
  const probe = document.createElement('div');
  probe.style.cssText = 'position:absolute;top:-200px;width:100px;height:100px;overflow:scroll';
  document.documentElement.appendChild(probe);
  const scrollbar = probe.offsetWidth - probe.clientWidth;
  probe.remove();
  return window.innerWidth + 'x' + scrollbar;
})()"""
_WINDOW = re.compile(r"(\d{3,5})x(\d{1,2})")
_WIDTH_JS = (
    """
export default function ({ parentElement, setStateValue, data }) {
  let last = data.known, timer;
  const windowWidth = () => """
    + WINDOW_JS
    + """;
  const remember = w => {
    const kept = (document.cookie.split('; ').find(c => c.startsWith(data.cookie + '=')) || '').split('=')[1] || '';
    let widths;
    try {
      widths = new Map(decodeURIComponent(kept).split('/').filter(p => p.includes(':')).map(p => p.split(':')));
    } catch (e) {
      widths = new Map();  // a cookie it cannot read is written anew
    }
    const key = data.key + '@' + windowWidth();
    widths.delete(key);
    widths.set(key, String(w));
    const value = [...widths].slice(-data.max).map(([k, v]) => k + ':' + v).join('/');
    document.cookie = data.cookie + '=' + encodeURIComponent(value) + '; path=/; max-age=2592000; SameSite=Lax';
  };
  const report = () => {
    const w = Math.floor(parentElement.getBoundingClientRect().width / data.step) * data.step;
    if (!(w > 0 && w !== last)) return;
    last = w;
    remember(w);
    setStateValue("width", w);
  };
  const observer = new ResizeObserver(() => { clearTimeout(timer); timer = setTimeout(report, 120); });
  observer.observe(parentElement);
  report();
  return () => { observer.disconnect(); clearTimeout(timer); };
}
"""
)
_measure = st.components.v2.component("chart_box_width", js=_WIDTH_JS, isolate_styles=False)
_REMEMBERED = re.compile(r"([A-Za-z0-9_-]{1,80})@(\d{3,5}x\d{1,2}):(\d{2,4})")


def column_box(shares: tuple[int, ...], index: int) -> str:
    """The name of column ``index`` of a page's columns of these relative widths (the same on every page)."""
    return "columns-" + "-".join(map(str, shares)) + f"-{index}"


def predicted_width(box: str, window: str, layout: Layout = LAYOUT) -> int | None:
    """The width in px (in steps of STEP, as the component measures it) of a box in a window, ``window`` as
    WINDOW_JS writes it; ``None`` for a window or box it cannot read."""
    found = _WINDOW.fullmatch(window)
    if not found:
        return None
    width, scrollbar = int(found[1]), int(found[2])
    beside_sidebar = width - (layout.sidebar if width >= layout.sidebar_from else 0) - scrollbar
    main = beside_sidebar - 2 * (layout.wide_padding if width >= layout.wide_from else layout.padding)
    if box == MAIN:
        result = main
    elif shares := re.fullmatch(r"columns-((?:\d+-)+)(\d+)", box):
        parts = [int(p) for p in shares[1].rstrip("-").split("-")]
        index = int(shares[2])
        if index >= len(parts):
            return None
        n = len(parts)
        stacked = width < layout.columns_from
        result = main if stacked else main * parts[index] / sum(parts) - layout.gap * (n - 1) / n
    else:
        return None
    return math.floor(result / STEP) * STEP if result > 0 else None


def window() -> str:
    """The window this session's page was opened in (WINDOW_COOKIE), "" when the page did not say."""
    value = (st.context.cookies or {}).get(WINDOW_COOKIE, "")
    return value if _WINDOW.fullmatch(value) else ""


def remembered_widths(window: str) -> dict[str, int]:
    """The widths this browser reported in an earlier session in a window of the same width (its cookie), read
    leniently: anything malformed is skipped."""
    raw = urllib.parse.unquote((st.context.cookies or {}).get(WIDTHS_COOKIE, ""))[:4000]
    return {m[1]: int(m[3]) for m in _REMEMBERED.finditer(raw) if m[2] == window}


def box_width(key: str, box: str, measure: bool = True) -> int | None:
    """The width in px of the box a chart (widget ``key``) is about to be drawn in: reported in this session, or
    remembered for this window width, or else predicted from it; ``None`` when none of them is known (the chart
    waits for its box's report). An embedded page, laid out otherwise, never predicts: it waits for its box's
    report. ``measure``: put the measuring component above the chart; a page needs one in each kind of box it draws
    charts in, since every box of a kind has the same width, and each is a component for the browser to draw."""
    opened_in = "" if st.context.is_embedded else window()
    known = st.session_state.get("_box_widths")
    if known is None:
        known = st.session_state["_box_widths"] = remembered_widths(opened_in)
    if box not in known and opened_in:
        guess = predicted_width(box, opened_in)
        if guess:
            known[box] = guess
    if not measure:
        return known.get(box)
    result = _measure(
        key=f"width_{key}",
        data={
            "known": known.get(box),
            "step": STEP,
            "key": box,
            "cookie": WIDTHS_COOKIE,
            "max": _MAX_REMEMBERED,
        },
        on_width_change=lambda: None,
    )
    width = result.get("width")
    if width:
        known[box] = int(width)
    return known.get(box)


def can_hover() -> bool | None:
    """Whether this session's browser said its pointer can hover (POINTER_COOKIE); None when it did not say."""
    value = (st.context.cookies or {}).get(POINTER_COOKIE, "")
    return {"hover": True, "touch": False}.get(value)


def in_browser() -> bool:
    """A real browser session (it sends headers), not a script run by ``AppTest``, which reports no width."""
    return bool(st.context.headers and st.context.headers.get("User-Agent"))
