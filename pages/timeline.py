"""Policy timeline: lanes by category, article events marked, expected events linked to what happened."""

import streamlit as st

from dashboard import blocks, fmt, md, shown, streamlit_page, tables
from dashboard.streamlit_page import Context, picker
from dashboard.words import say, term


def event_picker(ctx: Context) -> None:
    events = tables.charted_events(ctx.load)
    titles = [blocks.glossed(t, ctx) for t in events["title"]]  # in the list's order: terms spelled out once
    picked = ctx.state["event"] = picker(ctx, "event", dict(zip(events["event_id"], titles, strict=True)), "event")
    if not picked:
        return
    row = events.set_index("event_id").loc[picked]
    st.markdown(f"**{md.md_escape(blocks.glossed(row['title'], ctx))}** — {md.md_escape(fmt.when(row))}")
    if row["in_article"]:
        sentence = shown.Reader(ctx.load).sentence(row["article_id"], row["sentence_id"])
        written = streamlit_page.md_fill(
            "blocks.event-as-written", surface=md.md_escape(row["surface"]), sentence=streamlit_page.md_link(sentence)
        )
        st.markdown(f"{written} {md.md_escape(blocks.glossed(row['resolution'], ctx))}")
    c = row["confidence"]
    meaning = say(
        "blocks.event-confidence", confidence=term("terms.confidence", c), meaning=term("terms.confidence-meaning", c)
    )
    st.caption(streamlit_page.source_md(row["source"]) + " " + md.md_escape(meaning))
    streamlit_page.mentions(ctx, picked)


streamlit_page.render("timeline", event=event_picker)
