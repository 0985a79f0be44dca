"""Overview: the story in three sentences, the key numbers, a small map, freshness and where to go next."""

import streamlit as st

from dashboard import boot, data, story, ui

boot.through_app()

meta = data.meta()
cities, events, votes = data.table("cities"), data.table("events"), data.table("votes")

st.title(ui.md_escape(meta.article_title))
st.caption(ui.md_escape(story.byline(data.table("articles"))))
for sentence in story.story(events):
    st.markdown(ui.md_escape(sentence))

for col, m in zip(st.columns(5), story.metrics(cities, events, votes), strict=True):
    col.metric(ui.md_escape(m.label), m.value, help=ui.md_escape(m.help))

left, right = st.columns([3, 2])
with left:
    ui.chart("map", key="overview_map", size=(620, 470), compact=True)
with right:
    st.subheader("Go deeper")
    n_ex, n_part = (cities["status"] == "excluded").sum(), (cities["status"] == "participant").sum()
    st.page_link(
        "pages/map.py",
        label=f"Map: the {n_ex} excluded cities against the {n_part} participants",
        icon=":material/map:",
    )
    st.page_link(
        "pages/senate_vote.py", label="Senate vote: every senator, and find yours", icon=":material/how_to_vote:"
    )
    st.page_link(
        "pages/timeline.py",
        label="Policy timeline, from the first events to later outcomes",
        icon=":material/timeline:",
    )
    st.page_link(
        "pages/article.py", label="The article, its figures, data quality and downloads", icon=":material/article:"
    )
    fresh = data.freshness(data.data_dir())
    st.subheader("Data freshness")
    st.markdown(
        f"- Data refreshed: **{fresh['written']}**\n"
        f"- Data stamp (on every chart): `{fresh['stamp']}`\n"
        f"- Article SHA-256: `{fresh['article_sha256'][:16]}…`\n"
        f"- Refresh by hand: `make etl`"
    )
