"""Small Streamlit helpers shared by the renderer, the page files and card mode: one way to show a chart, text
that is always inert."""

from __future__ import annotations

import html
import re

import streamlit as st

from dashboard import data, figures, fmt

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$:])")


def md_escape(text: str) -> str:
    """Text from the data, made inert for st.markdown: no markup, no links, no HTML."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))


_SAFE_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(?::\d+)?(?:/[A-Za-z0-9._~!$&'*+,;=:@%/?#-]*)?$")


def source_link(source: str) -> str:
    """A source as markdown: a clickable link when it is a plain http(s) URL, inert text otherwise."""
    source = str(source)
    if _SAFE_URL.match(source) and not any(c in source for c in '()[]<>"\\'):
        label = fmt.domain(source)
        return f"[{md_escape(label)}]({source})"
    return md_escape(source)


@st.cache_resource(show_spinner=False, max_entries=256)
def _figure(
    stamp: str,
    chart_id: str,
    size: tuple[int, int] | None,
    view: tuple[tuple[str, object], ...],
    _snap: data.Snapshot,
):
    return figures.build(chart_id, lambda name: _snap.tables[name].copy(), _snap.meta, size, **dict(view))


def figure(chart_id: str, size: tuple[int, int] | None = None, **view):
    """A chart for a page from this run's data package, built once per package (its stamp) and view and then
    shared by every session (figures are never mutated after they are built)."""
    frozen = tuple(sorted((k, tuple(sorted(v)) if isinstance(v, set) else v) for k, v in view.items()))
    snap = data.snapshot()
    return _figure(snap.meta.stamp, chart_id, size, frozen, snap)


def chart(chart_id: str, key: str, size: tuple[int, int] | None = None, **view) -> None:
    """A framed chart, exactly as exported (theme=None), with its PNG button and a one-sentence caption."""
    fig = figure(chart_id, size, **view)
    alt = figures.CHARTS[chart_id].alt
    st.plotly_chart(
        fig, theme=None, config=figures.export_config(chart_id, data.meta()), key=key, width="stretch", alt=alt
    )
    st.caption(alt)


def csv_download(frame, name: str, key: str, label: str | None = None) -> None:
    st.download_button(
        label or f"Download {name}.csv",
        frame.to_csv(index=False).encode("utf-8"),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=key,
    )
