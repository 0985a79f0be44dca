"""Text from the data, made inert for ``st.markdown``: no markup, no HTML, and links only to plain http(s) URLs."""

from __future__ import annotations

import html
import re

from dashboard import fmt

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$:])")


def md_escape(text: str) -> str:
    """Text from the data, made inert for st.markdown: no markup, no links, no HTML."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))


_SAFE_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(?::\d+)?(?:/[A-Za-z0-9._~!$&'*+,;=:@%/?#-]*)?$")


def source_link(source: str) -> str:
    """A source as markdown: a clickable link when it is a plain http(s) URL, inert text otherwise."""
    source = str(source)
    if _SAFE_URL.match(source) and not any(c in source for c in '()[]<>"\\'):
        label = fmt.domain(source)
        return f"[{md_escape(label)}]({source})"
    return md_escape(source)
