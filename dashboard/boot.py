"""Deep links on a fresh server, through Streamlit's public API only.

Until the first run of ``app.py`` has called ``st.navigation``, Streamlit serves an app with a ``pages/`` folder
in its legacy mode: the first visitor's URL is looked up among the file names in ``pages/`` and that file is run
on its own (a URL that names no file gets a "Page not found" dialog). So every page file is named by its address
(``spec.Page.file``), the legacy mode draws no sidebar (``client.showSidebarNavigation = false`` in
``.streamlit/config.toml``; ``app.py`` turns it back on for its own navigation), and a page that finds itself run
on its own calls :func:`through_app`: it declares the navigation, which makes Streamlit ignore ``pages/`` from
then on for every session, and reruns, this time through ``app.py``, on the same URL, before it has drawn anything.
"""

from __future__ import annotations

import streamlit as st

from dashboard import spec

_declared = False  # st.navigation has run in this server process (Streamlit's legacy mode is over)


def pages(icons: bool = True) -> list:
    return [
        st.Page(p.file, title=p.title, icon=p.icon if icons else "", url_path=p.slug, default=p.default)
        for p in spec.PAGES
    ]


def navigation(position: str = "sidebar", icons: bool = True):
    """``st.navigation`` over the page spec: what ``app.py`` runs."""
    global _declared
    _declared = True
    return st.navigation(pages(icons), position=position)


def through_app() -> None:
    """Rerun through ``app.py`` when Streamlit ran this page file on its own (its legacy mode, once per server)."""
    if not _declared:
        navigation(position="hidden", icons=False)  # no icon: it would become the tab's icon, fetched from Google
        st.rerun()
