"""Article and data: the text with entities highlighted, every figure by its sentence, the data-quality flags,
downloads, and the method."""

import streamlit as st

from dashboard import md, streamlit_page, tables
from dashboard.streamlit_page import Context, picker
from dashboard.words import say, section


def entity_labels(ctx: Context) -> dict[str, str]:
    entities = ctx.load("entities")
    mentioned = entities[entities["n_mentions"] > 0].sort_values(["type", "name"])
    types = section("entity-types")
    return {
        r.entity_id: say("pickers.entity-label", name=r.name, type=types.get(r.type, r.type))
        for r in mentioned.itertuples()
    }


def entity_picker(ctx: Context) -> None:
    ctx.state["entity"] = picker(ctx, "entity", entity_labels(ctx), noun="entity")


def entity_detail(ctx: Context) -> None:
    picked = ctx.state.get("entity")
    if not picked:
        return
    st.subheader(md.md_escape(entity_labels(ctx)[picked]))
    streamlit_page.mentions(ctx, picked)
    source = ctx.load("entities").set_index("entity_id").loc[picked, "source"]
    st.caption(streamlit_page.source_md(source))
    for table, rows in tables.entity_rows(picked, ctx.load).items():
        label = say("blocks.entity-in-table", table=table)
        st.caption(md.md_escape(label))
        streamlit_page.table(rows, label)


streamlit_page.render("article", entity=entity_picker, detail=entity_detail)
