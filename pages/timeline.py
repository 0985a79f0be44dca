"""Policy timeline: lanes by category, article events marked, expected events linked to what happened."""

import streamlit as st

from dashboard import fmt, md, streamlit_page
from dashboard.streamlit_page import Context, picker
from dashboard.words import say


def event_picker(ctx: Context) -> None:
    events = ctx.load("events")
    picked = ctx.state["event"] = picker(
        ctx, "event", dict(zip(events["event_id"], events["title"], strict=True)), "event"
    )
    if not picked:
        return
    row = events.set_index("event_id").loc[picked]
    st.markdown(f"**{md.md_escape(row['title'])}** — {md.md_escape(fmt.when(row))}")
    if row["in_article"]:
        st.markdown(md.md_escape(say("blocks.event-as-written", surface=row["surface"], resolution=row["resolution"])))
    confidence = md.md_escape(say("blocks.event-confidence", confidence=row["confidence"]))
    st.caption(streamlit_page.source_md(row["source"]) + " " + confidence)
    streamlit_page.mentions(ctx, picked)


streamlit_page.render("timeline", event=event_picker)
