"""Card mode: ``?card=<chart-id>&frame=social|slide|square`` renders one chart alone in a fixed frame, with no
sidebar or menus, for screenshots and social posts. Title, source line, as-of date and data stamp are inside."""

from __future__ import annotations

import streamlit as st

from dashboard import data, figures, params, theme, ui
from dashboard.words import say

_CHROME = """
<style>
  [data-testid="stSidebar"], [data-testid="stSidebarNav"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stDecoration"], [data-testid="stStatusWidget"], header, footer {display: none !important;}
  .block-container, [data-testid="stMainBlockContainer"] {padding: 0 !important; margin: 0 !important;
                                                          max-width: none !important;}
  [data-testid="stAppViewContainer"], .stApp {background: #FFFFFF !important;}
  [data-testid="stVerticalBlock"] {gap: 0 !important;}
</style>
"""


def requested() -> bool:
    return "card" in st.query_params


def render() -> None:
    data.pin()
    chart_id = params.get("card", figures.CHARTS, label="chart")
    frame = params.get("frame", theme.FRAMES, "social", label="frame")
    if chart_id is None:
        st.warning(say("card.unknown", ids=", ".join(f"`?card={c}`" for c in figures.CHARTS)))
        return
    st.html(_CHROME)
    width, height = theme.FRAMES[frame]
    fig = ui.figure(chart_id, (width, height))
    cfg = figures.export_config(chart_id, data.meta()) | {"displayModeBar": False, "responsive": False}
    st.plotly_chart(
        fig,
        theme=None,
        config=cfg,
        width=width,
        height=height,
        key=f"card_{chart_id}",
        alt=figures.CHARTS[chart_id].alt,
    )
