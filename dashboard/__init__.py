"""The dashboard half. ``spec`` declares every page once; ``streamlit_page`` (the app) and ``site`` (the static
copy) render it. Below them: ``figures`` (the chart registry and pure builders), ``tables`` (table views),
``story`` (sentences and metrics), ``markup`` (HTML from Jinja2 templates), ``data`` (cached loaders),
``words.toml`` (every word on screen), ``theme``, ``fmt`` and ``meta``.

It reads only ``data/`` (through the data contract in ``contract/``); it never imports or runs the ETL.
"""
