"""The app's figure cache: each chart built once per data package, width and view, and shared by every session."""

from __future__ import annotations

import streamlit as st

from dashboard import data, figures, reader, theme
from dashboard.figures import framing


@st.cache_resource(show_spinner=False, max_entries=256)
def _figure(
    stamp: str,
    chart_id: str,
    size: tuple[int, int] | None,
    view: tuple[tuple[str, object], ...],
    on_page: bool,
    _snap: reader.Snapshot,
):
    fig = figures.build(chart_id, lambda name: _snap.tables[name].copy(), _snap.meta, size, **dict(view))
    return framing.with_tool_band(fig, theme.TOOLBAR_BAND) if on_page else fig


def figure(chart_id: str, size: tuple[int, int] | None = None, *, on_page: bool = False, **view):
    """A chart from this run's data package, built once per package (its stamp) and view and then shared by every
    session (figures are never mutated after they are built). ``on_page``: drawn on a page of the app, under
    Plotly's tool bar, with a band of room for the bar above its title (``framing.with_tool_band``); otherwise as
    exported (card mode)."""
    return figure_from(data.snapshot(), chart_id, size, on_page=on_page, **view)


def figure_from(
    snap: reader.Snapshot, chart_id: str, size: tuple[int, int] | None = None, *, on_page: bool = False, **view
):
    """The same, from a given data package: what the server builds before its first reader (``dashboard.serving``)."""
    return _figure(snap.meta.stamp, chart_id, size, view_key(view), on_page, snap)


def view_key(view: dict) -> tuple:
    """A view's part of a chart's cache key: its arguments in order, each set as a sorted tuple."""
    return tuple(sorted((k, tuple(sorted(v)) if isinstance(v, set | frozenset) else v) for k, v in view.items()))
