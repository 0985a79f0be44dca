"""ETL: turns the seed article(s) and the cited reference facts into validated Parquet tables in data/.

Stages, each a module, run in order by ``etl.build`` (``python -m etl``):
seed + reference (read) -> extract (text to spans) -> resolve (spans to reference ids) -> assemble (tables)
-> check (a registry of checks) -> schema (validate, the one choke point) -> target (may we write there?) -> write.
Nothing here imports Streamlit; the dashboard reads only what ``write`` puts in ``data/``.
"""
