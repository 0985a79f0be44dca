"""Map: the cities not considered, and the participants, with a filter, a table and a city lookup."""

import streamlit as st

from dashboard import blocks, md, params, streamlit_page, tables
from dashboard.streamlit_page import Context, picker
from dashboard.words import say, section


def show_filter(ctx: Context) -> None:
    """The filter, in the link in readers' words (``?show=not-considered``; the older ``?show=excluded`` works)."""
    labels = {k: say(f"show.{k}", n=len(ctx.load("cities"))) for k in section("show")}
    show = params.get("show", labels, "all", label="filter", aliases=tables.SHOW_ALIASES)
    show = st.segmented_control(
        say("pickers.show"), list(labels), default=show, format_func=labels.get, key=ctx.key("show")
    )
    ctx.state["show"] = tables.SHOW[show or "all"]
    params.write("show", show or "all", "all")


def city_lookup(ctx: Context) -> None:
    cities = ctx.load("cities")
    names = dict(zip(cities["city_id"], cities["name"] + ", " + cities["state"], strict=True))
    picked = picker(ctx, "city", names, noun="city")
    if not picked:
        return
    row = cities.set_index("city_id").loc[picked]
    said = [tables.status_words(row, ctx.load), say("blocks.city-site", site=tables.site_words(row, ctx.load))]
    st.markdown(f"**{md.md_escape(names[picked])}** · {md.md_escape(blocks.glossed(' · '.join(said), ctx))}")
    listed = tables.sentence_text(ctx.load("sentences")).get((row["article_id"], row["sentence_id"]))
    if listed:
        st.markdown("> " + md.md_escape(listed))
    population = f"{int(row['population']):,}"
    population = say("blocks.city-population", population=population)
    st.caption(streamlit_page.source_md(row["source"]) + " · " + md.md_escape(population))
    streamlit_page.mentions(ctx, picked)


streamlit_page.render("map", show=show_filter, city=city_lookup)
