"""One way to show a chart in the app, and a CSV download. A chart is laid out for the width of its own box
(``dashboard.widths``), built once per width (``dashboard.figcache``); text from the data is made inert
(``dashboard.md``)."""

from __future__ import annotations

import streamlit as st

from dashboard import data, figures, theme, widths
from dashboard.figcache import figure
from dashboard.words import say


def chart(chart_id: str, alt: str, key: str, box: str = widths.MAIN, measure: bool = True, **view) -> None:
    """A framed chart as exported (theme=None), built for the width of its box, and a one-sentence caption. Where
    the reader's pointer cannot hover (a phone, a tablet: ``widths.can_hover``), Plotly shows the chart's tool bar at
    all times, so the chart has a band above its title for the bar; with a mouse the bar shows on hover only and the
    chart is drawn exactly as exported, so its camera button's PNG holds the chart and its credit and nothing else.
    In a browser the first run knows the box's width from the window's (see ``dashboard.widths``) and draws at once;
    when that guess is wrong, the box reports its width and the page reruns (reports that arrive together make one
    rerun, which draws every chart). When the window's width is unknown, nothing is drawn until the box has
    reported, so no reader sees a layout meant for another width. Not a fragment: Streamlit reruns only one of
    several fragments whose widgets change in the same moment, and under load the other charts never drew. Without
    a browser (``AppTest``) the chart is built at ``theme.DEFAULT_WIDTH``. ``box``: the kind of box the chart is in
    (``widths.MAIN``, or ``widths.column_box``), whose width every chart in a box like it shares, so only the first
    chart of a page in a kind of box needs to ``measure`` it. ``alt``: the chart's one-sentence text
    (``blocks.chart``)."""
    width = widths.box_width(key, box, measure)
    if width is None and widths.in_browser():
        st.empty()
        return
    band = widths.can_hover() is not True  # a pointer that cannot hover, or a browser that did not say
    fig = figure(chart_id, (width or theme.DEFAULT_WIDTH, None), on_page=band, **view)
    st.plotly_chart(
        fig, theme=None, config=figures.export_config(chart_id, data.meta()), key=key, width="stretch", alt=alt
    )
    st.caption(alt)


def csv_download(frame, name: str, key: str, label: str | None = None) -> None:
    """A CSV of ``frame``, written when the reader clicks (nothing is sent with the page) and without a rerun."""
    st.download_button(
        label or say("blocks.downloads-csv-named", name=name),
        lambda: frame.to_csv(index=False).encode("utf-8"),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=key,
        on_click="ignore",
    )
