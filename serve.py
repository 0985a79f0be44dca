"""The dashboard's server: ``streamlit run serve.py`` (``make run``). The app itself is ``app.py``; this wraps it in
Streamlit's public ``st.App`` to warm the server before its first reader, to send Streamlit's front-end files from
memory and to tell each page's first run the window's width (``dashboard.serving``)."""

import streamlit as st
from starlette.middleware import Middleware

from dashboard import serving

app = st.App(
    "app.py",
    lifespan=serving.warm,
    middleware=[Middleware(serving.FilesFromMemory), Middleware(serving.HeadScript)],
)
