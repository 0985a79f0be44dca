"""Who reported what: the story's facts against every report, with a toggle for the disagreements alone."""

import streamlit as st

from dashboard import params, streamlit_page
from dashboard.streamlit_page import Context
from dashboard.words import say


def only_toggle(ctx: Context) -> None:
    """The filter, kept in the link (``?only=disagreements``)."""
    labels = {"disagreements": say("reports.only")}
    chosen = params.get("only", labels, label="filter") == "disagreements"
    on = st.toggle(say("reports.only"), value=chosen, help=say("reports.only-help"), key=ctx.key("only"))
    ctx.state["only"] = on
    params.write("only", "disagreements" if on else "", "")


streamlit_page.render("reports", only=only_toggle)
