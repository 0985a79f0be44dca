"""ETL: turns the seed article(s) and the cited reference facts into validated Parquet tables in data/.

Stages, each a module with one public function, run in order by ``python -m etl``:
seed (read) -> extract -> resolve (gazetteer, geo) -> crosscheck -> schema (validate) -> write.
Nothing here imports Streamlit; the dashboard reads only what ``write`` puts in ``data/``.
"""
