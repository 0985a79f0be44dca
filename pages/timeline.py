"""Policy timeline: lanes by category, article events marked, expected events linked to what happened."""

import streamlit as st

from dashboard import boot, data, params, ui, views
from dashboard.figures.timeline import when

boot.through_app()

meta = data.meta()
events = data.table("events")

st.title("Policy timeline")
titles = dict(zip(events["event_id"], events["title"], strict=True))
picked = params.picker(
    "event", titles, "Highlight an event", key="timeline_event", noun="event", placeholder="Choose an event"
)

ui.chart("timeline", key="timeline_chart", event=picked)

if picked:
    row = events.set_index("event_id").loc[picked]
    st.markdown(f"**{ui.md_escape(row['title'])}** — {ui.md_escape(when(row.to_dict() | {'event_id': picked}))}")
    if row["in_article"]:
        st.markdown(f"As written: “{ui.md_escape(row['surface'])}” → {ui.md_escape(row['resolution'])}")
    st.caption(f"Source: {ui.source_link(row['source'])} ({ui.md_escape(row['confidence'])})")

with st.expander(f"All {len(events)} events, with sources", expanded=False):
    st.dataframe(
        views.events_view(events),
        hide_index=True,
        width="stretch",
        column_config={"surface": st.column_config.TextColumn("as written in the article")},
    )
ui.csv_download(events, "events", key="timeline_csv")
