"""Map: the excluded cities against the participants, with a filter, a table and a CSV download."""

import streamlit as st

from dashboard import boot, data, params, ui, views

boot.through_app()

meta = data.meta()
cities = data.table("cities")
SHOW = {
    "all": f"All {len(cities)}",
    "excluded": "Excluded",
    "participant": "Participants",
    "operations": "Operations sites",
    "diagnostic": "Diagnostic sites",
}
sentences = data.table("sentences")

st.title("Shut out, and already in")
show = params.get("show", SHOW, "all", label="filter")
show = st.segmented_control("Show", list(SHOW), default=show, format_func=SHOW.get, key="map_show") or "all"
params.set("show", show, "all")

ui.chart("map", key="map_chart", show=show)

table = views.cities_view(cities, sentences, show)
with st.expander(f"Table of these {len(table)} cities, with sources", expanded=False):
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            "population": st.column_config.NumberColumn("population (GeoNames)", format="localized"),
            "article_sentence": st.column_config.TextColumn("the article's words", width="large"),
        },
    )
ui.csv_download(table, f"cities_{show}", key="map_csv")

city_ids = dict(zip(cities["city_id"], cities["name"] + ", " + cities["state"], strict=True))
picked = params.picker("city", city_ids, "Look up a city", key="map_city", noun="city", placeholder="Choose a city")
if picked:
    row = cities.set_index("city_id").loc[picked]
    st.markdown(
        f"**{ui.md_escape(city_ids[picked])}** · {row['status']}"
        + (f" · {row['psp_site_type']} site" if isinstance(row["psp_site_type"], str) else "")
    )
    if isinstance(row["sentence_id"], str):
        st.markdown("> " + ui.md_escape(sentences.set_index("sentence_id").loc[row["sentence_id"], "text"]))
    st.caption(
        "Source: "
        + ui.source_link(row["source"])
        + ui.md_escape(f" · population {int(row['population']):,} ({row['population_source']})")
    )
