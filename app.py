"""Entry point: page config and navigation, built from the page spec (``dashboard/spec.py``). Run: make run."""

from pathlib import Path

import streamlit as st

from dashboard.words import say

st.set_page_config(
    page_title=say("app.title"),
    page_icon=str(Path(__file__).parent / "dashboard" / "assets" / "favicon.png"),
    layout="wide",
)
st.set_option("client.showSidebarNavigation", True)  # off in config.toml only for Streamlit's legacy pages/ mode

from dashboard import boot, card  # noqa: E402 - after set_page_config, which must come first

if card.requested():  # one chart alone: no navigation drawn
    boot.navigation(position="hidden")
    card.render()
else:
    boot.navigation().run()
