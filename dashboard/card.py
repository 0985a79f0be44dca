"""Card mode: ``?card=<chart-id>&frame=social|slide|square&embed=true`` renders one chart alone in a fixed frame, for
screenshots and social posts. Title, source line, as-of date and data stamp are inside.

Only public means: ``app.py`` hides the navigation (``st.navigation(position="hidden")``), ``embed=true`` removes
Streamlit's toolbar and footer (as Streamlit defines it), and the chart sits in a keyed container (Streamlit gives
it the class ``st-key-card``) that one CSS rule pins to the top left corner of the window, past the page padding.
"""

from __future__ import annotations

import streamlit as st

from dashboard import data, figcache, figures, params, theme
from dashboard.words import say

KEY = "card"
_FRAME = f"<style>.st-key-{KEY} {{position: fixed; inset: 0; overflow: hidden; background: #FFFFFF;}}</style>"


def path(chart_id: str, frame: str) -> str:
    """The address of a card, from the app's root."""
    return f"/?card={chart_id}&frame={frame}&embed=true"


def requested() -> bool:
    return "card" in st.query_params


def render() -> None:
    data.pin()
    chart_id = params.get("card", figures.CHARTS, label="chart")
    frame = params.get("frame", theme.FRAMES, "social", label="frame")
    if chart_id is None:
        st.warning(say("card.unknown", ids=", ".join(f"`?card={c}`" for c in figures.CHARTS)))
        return
    width, height = theme.FRAMES[frame]
    fig = figcache.figure(chart_id, (width, height))
    cfg = figures.export_config(chart_id, data.meta()) | {"displayModeBar": False, "responsive": False}
    st.html(_FRAME)
    with st.container(key=KEY):
        st.plotly_chart(
            fig,
            theme=None,
            config=cfg,
            width=width,
            height=height,
            key=f"card_{chart_id}",
            alt=figures.CHARTS[chart_id].alt(data.table),
        )
