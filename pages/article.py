"""Article and data: the text with entities highlighted, every figure by its sentence, the data-quality flags,
downloads, and the method."""

import streamlit as st

from dashboard import streamlit_page, tables, ui
from dashboard.streamlit_page import Context, picker


def entity_labels(ctx: Context) -> dict[str, str]:
    entities = ctx.load("entities")
    mentioned = entities[entities["n_mentions"] > 0].sort_values(["type", "name"])
    return dict(zip(mentioned["entity_id"], mentioned["name"] + " (" + mentioned["type"] + ")", strict=True))


def entity_picker(ctx: Context) -> None:
    ctx.state["entity"] = picker(ctx, "entity", entity_labels(ctx), noun="entity")


def entity_detail(ctx: Context) -> None:
    picked = ctx.state.get("entity")
    if not picked:
        return
    st.subheader(ui.md_escape(entity_labels(ctx)[picked]))
    streamlit_page.mentions(ctx, picked)
    st.caption("Source: " + ui.source_link(ctx.load("entities").set_index("entity_id").loc[picked, "source"]))
    for table, rows in tables.entity_rows(picked, ctx.load).items():
        st.caption(f"In `{table}`")
        streamlit_page.dataframe(rows)


streamlit_page.render("article", entity=entity_picker, detail=entity_detail)
