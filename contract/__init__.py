"""The data contract between the two halves: what ``data/`` holds and where it is.

The ETL (``etl/``) writes it and the dashboard (``dashboard/``, ``pages/``) reads it. Both import this package and
nothing of each other, so they meet only at ``data/``.
"""
