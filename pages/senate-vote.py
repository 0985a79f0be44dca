"""Senate vote: the seat chart, the tally with the majority line, find your senators, the state grid."""

import streamlit as st

from dashboard import blocks, streamlit_page, tables
from dashboard.streamlit_page import Context, picker
from dashboard.words import say


def find_senators(ctx: Context) -> None:
    positions = tables.article_positions(ctx.load)
    c1, c2 = st.columns(2)
    state = picker(ctx, "state", {s: s for s in sorted(positions["state"].unique())}, noun="state", container=c1)
    typed = picker(ctx, "senator", {n: n for n in sorted(positions["senator"])}, noun="senator", container=c2)
    found = positions[(positions["state"] == state) | (positions["senator"] == typed)]
    if len(found):
        frame = tables.positions(ctx.load, found)
        st.caption(say("blocks.found-senators"))  # the answer says its positions are derived
        streamlit_page.table(
            blocks.glossed(blocks.table_of("positions", frame, ctx.load, say("blocks.found-senators")), ctx)
        )
    ctx.state |= {"state": state, "senators": set(found["senator"])}


streamlit_page.render("senate-vote", find=find_senators)
