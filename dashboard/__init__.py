"""The dashboard half: cached loaders (``data``), pure figure builders (``figures``), the theme and URL state.

It reads only ``data/`` (plus the schema declarations in ``etl.schema``); it never runs the ETL.
"""
