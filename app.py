"""Entry point: page config and navigation, built from the page spec (``dashboard/spec.py``). Run: make run."""

from pathlib import Path

import streamlit as st

st.set_page_config(
    page_title="Article dashboard",
    page_icon=str(Path(__file__).parent / "dashboard" / "assets" / "favicon.png"),
    layout="wide",
)

from dashboard import card, spec  # noqa: E402 - after set_page_config, which must come first

if card.requested():
    card.render()
    st.stop()

st.navigation(
    [st.Page(p.file, title=p.title, icon=p.icon, url_path=p.slug, default=p.default) for p in spec.PAGES]
).run()
