"""Entry point: page config and navigation, nothing else of substance. Run: make run (streamlit run app.py)."""

from pathlib import Path

import streamlit as st

st.set_page_config(
    page_title="Article dashboard",
    page_icon=str(Path(__file__).parent / "dashboard" / "assets" / "favicon.png"),
    layout="wide",
)

from dashboard import card  # noqa: E402 - after set_page_config, which must come first

if card.requested():
    card.render()
    st.stop()

st.navigation(
    [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", url_path="overview", default=True),
        st.Page("pages/map.py", title="Map: excluded vs participants", icon=":material/map:", url_path="map"),
        st.Page("pages/senate_vote.py", title="Senate vote", icon=":material/how_to_vote:", url_path="senate-vote"),
        st.Page("pages/timeline.py", title="Policy timeline", icon=":material/timeline:", url_path="timeline"),
        st.Page("pages/article.py", title="Article & data", icon=":material/article:", url_path="article"),
    ]
).run()
