"""Article and data: the text with entities highlighted, every figure by its sentence, the data-quality flags,
downloads, and the method."""

import streamlit as st

from dashboard import blocks, md, params, streamlit_page, tables
from dashboard.streamlit_page import Context, picker
from dashboard.words import say, term


def entity_labels(ctx: Context) -> dict[str, str]:
    entities = ctx.load("entities")
    mentioned = entities[entities["n_mentions"] > 0].sort_values(["type", "name"])
    return {
        r.entity_id: say("pickers.entity-label", name=r.name, type=term("entity-types", r.type))
        for r in mentioned.itertuples()
    }


def entity_picker(ctx: Context) -> None:
    ctx.state["entity"] = picker(ctx, "entity", entity_labels(ctx), noun="entity")
    sentences = ctx.load("sentences")
    mine = sentences[sentences["article_id"] == ctx.article]
    numbers = {str(int(s[1:])): s for s in mine["sentence_id"]}  # ?sentence=7, as a "sentence 7" link opens it
    ctx.state["sentence"] = numbers.get(params.get("sentence", numbers, label="sentence") or "")


def entity_detail(ctx: Context) -> None:
    chosen = ctx.state.get("sentence")
    if chosen:  # the page was opened at a sentence: it is marked in the text, and quoted here
        row = ctx.load("sentences").set_index(["article_id", "sentence_id"]).loc[(ctx.article, chosen)]
        st.caption(md.md_escape(say("blocks.sentence-chosen", n=int(chosen[1:]), paragraph=int(row["paragraph"]))))
        st.markdown("> " + md.md_escape(row["text"]))
    picked = ctx.state.get("entity")
    if not picked:
        return
    st.subheader(md.md_escape(entity_labels(ctx)[picked]))
    streamlit_page.mentions(ctx, picked)
    source = ctx.load("entities").set_index("entity_id").loc[picked, "source"]
    st.caption(streamlit_page.source_md(source))
    for table, rows in tables.entity_rows(picked, ctx.load).items():
        label = say("blocks.entity-in-table", table=term(f"tables.{table}", "title"))
        st.caption(md.md_escape(label))
        streamlit_page.table(blocks.glossed(blocks.table_of(table, rows, ctx.load, label), ctx))


streamlit_page.render("article", entity=entity_picker, detail=entity_detail)
