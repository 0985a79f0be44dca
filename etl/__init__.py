"""ETL: turns the seed article(s) and the cited reference facts into validated Parquet tables in data/.

Stages, each a module numbered once in its header, run in order by ``etl.build`` (``python -m etl``):
1 seed, 2 reference (read) -> 3 extract (text to spans) -> 4 gazetteer, 5 resolve, 6 geo (spans to reference ids,
places and map positions) -> 7 assemble (tables) -> 8 check (a registry of checks) -> 9 schema (validate, the one
choke point) -> 10 target (may we write there?) -> 11 write.
Nothing here imports Streamlit; the dashboard reads only what ``write`` puts in ``data/``.
"""
