"""One way to show a chart in the app, and a CSV download. A chart is laid out for the width of its own box
(``dashboard.widths``), built once per width (``dashboard.figcache``); text from the data is made inert
(``dashboard.md``)."""

from __future__ import annotations

import streamlit as st

from dashboard import data, figures, theme, widths
from dashboard.figcache import figure
from dashboard.words import say

MAIN = "main"  # the page's main column: its full width


def column_box(shares: tuple[int, ...], index: int) -> str:
    """The name of column ``index`` of a page's columns of these relative widths (the same on every page)."""
    return "columns-" + "-".join(map(str, shares)) + f"-{index}"


def chart(chart_id: str, key: str, box: str = MAIN, **view) -> None:
    """A framed chart, exactly as exported (theme=None), built for the width of its box, with its PNG button and
    a one-sentence caption. In a browser, nothing is drawn until the box has been measured, so no reader sees a
    layout meant for another width: a first visit reruns the page once its boxes report (reports that arrive
    together make one rerun, which draws every chart), and a return visit knows the widths from its cookie (no
    rerun at all). Not a fragment: Streamlit reruns only one of several fragments whose widgets change in the same
    moment, and under load the other charts never drew. Without a browser (``AppTest``) the chart is built at
    ``theme.DEFAULT_WIDTH``. ``box``: the kind of box the chart is in (``MAIN``, or ``column_box``), whose width every
    chart in a box like it shares."""
    width = widths.box_width(key, box)
    if width is None and widths.in_browser():
        st.empty()
        return
    fig = figure(chart_id, (width or theme.DEFAULT_WIDTH, None), **view)
    alt = figures.CHARTS[chart_id].alt(data.table)
    st.plotly_chart(
        fig, theme=None, config=figures.export_config(chart_id, data.meta()), key=key, width="stretch", alt=alt
    )
    st.caption(alt)


def csv_download(frame, name: str, key: str, label: str | None = None) -> None:
    st.download_button(
        label or say("blocks.downloads-csv-named", name=name),
        frame.to_csv(index=False).encode("utf-8"),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=key,
    )
