"""Overview: the story in three sentences, the key numbers, a small map, freshness and where to go next."""

from dashboard import streamlit_page

streamlit_page.render("overview")
