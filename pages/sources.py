"""Sources and method: every cited page by reference file, how the as-of date was inferred, what "derived" means
for the per-senator positions, the corrections and the open questions."""

from dashboard import streamlit_page

streamlit_page.render("sources")
