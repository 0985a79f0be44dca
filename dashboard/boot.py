"""Make deep links work on a fresh server.

Streamlit keeps a legacy mode for apps with a ``pages/`` folder: until ``app.py`` has called ``st.navigation``
once, the first visitor of a fresh server who opens ``/map`` gets ``pages/map.py`` run on its own, with the old
file-name sidebar and no page config. Every page calls :func:`through_app` first; in that case it switches the
server to ``st.navigation`` mode and reruns, this time through ``app.py``, on the same URL.
"""

from __future__ import annotations

import streamlit as st


def through_app() -> None:
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
