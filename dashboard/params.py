"""The one helper that reads and writes view state in the URL (``st.query_params``), so a pasted link
reopens the same view. Unknown or garbage values are ignored, with a gentle note, never an exception."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from dashboard.words import say

MAX_LEN = 80


def get(
    key: str, allowed: Iterable[str], default: str | None = None, *, label: str = "", aliases: dict | None = None
) -> str | None:
    """The parameter if it is one of ``allowed``, or an older name of one (``aliases``: old -> allowed, so a link
    shared before a value was renamed opens the same view); otherwise ``default`` (and a note when one was
    given)."""
    raw = st.query_params.get(key)
    if raw is None or raw == "":
        return default
    allowed = list(allowed)
    raw = (aliases or {}).get(raw, raw)
    if len(raw) <= MAX_LEN and raw in allowed:
        return raw
    st.info(say("pickers.unknown-in-link", what=label or key), icon="ℹ️")
    return default


def write(key: str, value: str | None, default: str | None = None) -> None:
    """Write a view choice to the URL; the default value is left out to keep links short."""
    if value is None or value == default:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != value:
        st.query_params[key] = value


def picker(
    param: str,
    options: dict[str, str],
    label: str,
    *,
    key: str,
    placeholder: str,
    noun: str,
    container=st,
    default: str | None = None,
) -> str | None:
    """A select box whose choice lives in the URL: read ``param``, offer ``options`` (id -> label), write the
    choice back (the ``default`` is left out of the link). An unknown id in the link is ignored with a note."""
    ids = list(options)
    chosen = get(param, ids, default, label=noun)
    chosen = container.selectbox(
        label,
        ids,
        index=ids.index(chosen) if chosen else None,
        format_func=options.get,
        placeholder=placeholder,
        key=key,
    )
    write(param, chosen, default)
    return chosen
