"""Article and data: the text with entities highlighted, every figure by its sentence, the data-quality flags,
downloads, and the method."""

import streamlit as st

from dashboard import article_view, boot, data, params, ui, views
from etl.schema import TABLES

boot.through_app()

meta = data.meta()
articles, sentences = data.table("articles"), data.table("sentences")
mentions, entities = data.table("mentions"), data.table("entities")
figures, dq = data.table("figures"), data.table("data_quality")
text = articles["text"].iloc[0]

st.title("The article, and what the data took from it")
mentioned = entities[entities["n_mentions"] > 0].sort_values(["type", "name"])
labels = dict(zip(mentioned["entity_id"], mentioned["name"] + " (" + mentioned["type"] + ")", strict=True))
picked = params.picker(
    "entity",
    labels,
    "Select an entity",
    key="article_entity",
    noun="entity",
    placeholder="Choose an entity to outline its mentions",
)

left, right = st.columns([3, 2])
with left:
    st.markdown(article_view.legend(), unsafe_allow_html=True)
    st.markdown(article_view.article_html(text, mentions, entities, picked), unsafe_allow_html=True)
with right:
    if picked:
        st.subheader(ui.md_escape(labels[picked]))
        mine = mentions[mentions["entity_id"] == picked].merge(sentences[["sentence_id", "text"]], on="sentence_id")
        st.dataframe(mine[["surface", "sentence_id", "start", "end", "text"]], hide_index=True, width="stretch")
        st.caption("Source: " + ui.source_link(entities.set_index("entity_id").loc[picked, "source"]))
        for table, rows in views.entity_rows(picked, data.table).items():
            st.caption(f"In `{table}`")
            st.dataframe(rows, hide_index=True, width="stretch")
    st.subheader("Every figure, next to its sentence")
    st.dataframe(
        views.figures_view(figures, sentences),
        hide_index=True,
        width="stretch",
        column_config={"text": st.column_config.TextColumn("sentence", width="large")},
    )

st.subheader("Data quality")
counts = dq["severity"].value_counts()
st.caption(
    " · ".join(f"{counts.get(s, 0)} {s}" for s in ("error", "warning", "info"))
    + " — errors are unreviewed anomalies, warnings reviewed ones with a correction, info agreements and "
    "what the reference leaves unconfirmed."
)
st.dataframe(views.quality_view(dq), hide_index=True, width="stretch")

st.subheader("Downloads")
folder = data.data_dir()
name = st.selectbox("Table as CSV", list(TABLES), key="article_table")
ui.csv_download(data.table(name), name, key="article_csv")
c1, c2 = st.columns(2)
c1.download_button(
    "All Parquet files (zip)",
    data.download_zip(),
    file_name=f"data_{meta.stamp}.zip",
    mime="application/zip",
    key="article_zip",
)
c2.download_button(
    "datapackage.json",
    (folder / "datapackage.json").read_bytes(),
    file_name="datapackage.json",
    mime="application/json",
    key="article_dp",
)

st.subheader("Method and corrections")
st.markdown(
    "- **The article is the primary source.** The ETL reads it: sentences with character offsets, entity mentions "
    "from a gazetteer of canonical names and aliases (`etl/reference/entities.csv`), places written “City, St.” "
    "resolved with GeoNames, counts, tallies and relative dates resolved against the article's as-of date.\n"
    "- **Everything else is cited.** Reference facts carry their source URL and confidence (confirmed or derived). "
    "What the reference leaves unconfirmed is left out and listed above as data quality.\n"
    "- **Corrections are data.** The article is never edited; a reviewed anomaly is a row in "
    "`etl/reference/corrections.csv` with its source, and shows above as a warning.\n"
    "- **Per-senator positions are derived** from the party-line record, not the official roll call."
)
