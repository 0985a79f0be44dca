"""How the app learns the width of the box a chart is drawn in: a small inline component, and a cookie."""

from __future__ import annotations

import re
import urllib.parse

import streamlit as st

# How the app learns a chart's width: an inline component (no iframe, no network) mounted just above the chart
# reports the width of the box it sits in, in steps of STEP px, on load and whenever the box changes size (a
# rotated phone, a resized window, the sidebar opened). Setting its state reruns the script, which builds the
# chart for that width; Plotly then fills the box (at most STEP px wider than the width it was built for).
# Widths are remembered by box, not by chart: every page's full-width charts share the main column's width, and
# a chart in page columns shares its column's. So once one page has measured a box, every other page that has a
# chart in a box like it draws that chart at once, with no extra rerun. The browser also keeps the widths it
# reported in a cookie (WIDTHS_COOKIE: "box:width/box:width", no other data), which Streamlit hands to the first
# run of the next session: a return visit draws every chart at once too. (When the window changed size in
# between, the component reports the new width and the chart is redrawn once.)
STEP = 10
WIDTHS_COOKIE = "chart_box_widths"
_MAX_REMEMBERED = 40
_WIDTH_JS = """
export default function ({ parentElement, setStateValue, data }) {
  let last = data.known, timer;
  const remember = w => {
    const kept = (document.cookie.split('; ').find(c => c.startsWith(data.cookie + '=')) || '').split('=')[1] || '';
    const widths = new Map(decodeURIComponent(kept).split('/').filter(Boolean).map(p => p.split(':')));
    widths.delete(data.key);
    widths.set(data.key, String(w));
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
_measure = st.components.v2.component("chart_box_width", js=_WIDTH_JS, isolate_styles=False)
_REMEMBERED = re.compile(r"([A-Za-z0-9_-]{1,80}):(\d{2,4})")


def remembered_widths() -> dict[str, int]:
    """The widths this browser reported in an earlier session (its cookie), read leniently: anything malformed
    is skipped."""
    raw = urllib.parse.unquote((st.context.cookies or {}).get(WIDTHS_COOKIE, ""))[:4000]
    return {m[1]: int(m[2]) for m in _REMEMBERED.finditer(raw)}


def box_width(key: str, box: str) -> int | None:
    """The width in px of the box a chart (widget ``key``) is about to be drawn in: the width the browser last
    reported for a box like it (``box``: the main column, or one of a page's columns), kept for the session and
    across sessions in a cookie, so a rerun, another page or a return visit draws at once; ``None`` before the
    first report."""
    known = st.session_state.get("_box_widths")
    if known is None:
        known = st.session_state["_box_widths"] = remembered_widths()
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


def in_browser() -> bool:
    """A real browser session (it sends headers), not a script run by ``AppTest``, which reports no width."""
    return bool(st.context.headers and st.context.headers.get("User-Agent"))
