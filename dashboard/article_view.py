"""The article as HTML with entity mentions highlighted. Every piece of text is escaped here, so nothing in the
data (a pasted <script>, a javascript: URL) can reach the page as markup."""

from __future__ import annotations

import html

import pandas as pd

from dashboard import theme

TYPE_COLOUR = {
    "person": "#CCE3F2",
    "organization": "#FBE3C2",
    "city": "#F7CDB3",
    "state": "#EFE7B0",
    "program": "#C7E9DE",
    "legislation": "#D9EFC7",
    "policy": "#EBD3E4",
    "publication": "#E2E2E2",
}


def legend() -> str:
    return " ".join(
        f'<span style="background:{c};padding:1px 6px;border-radius:3px;color:{theme.INK}">{html.escape(t)}</span>'
        for t, c in TYPE_COLOUR.items()
    )


def article_html(text: str, mentions: pd.DataFrame, entities: pd.DataFrame, selected: str | None = None) -> str:
    """Paragraphs with <mark> around each mention; the selected entity's mentions are outlined."""
    info = entities.set_index("entity_id")
    marks = mentions.sort_values(["start", "end"])
    out, pos = [], 0
    for m in marks.itertuples():
        if m.start < pos:
            continue
        out.append(html.escape(text[pos : m.start]))
        kind = info.loc[m.entity_id, "type"] if m.entity_id in info.index else "publication"
        name = info.loc[m.entity_id, "name"] if m.entity_id in info.index else m.entity_id
        outline = "outline:2px solid #1A1A1A;" if m.entity_id == selected else ""
        out.append(
            f'<mark title="{html.escape(str(name))} ({html.escape(str(kind))})" '
            f'style="background:{TYPE_COLOUR.get(kind, "#E2E2E2")};{outline}color:{theme.INK};'
            f'padding:0 2px;border-radius:3px">{html.escape(text[m.start : m.end])}</mark>'
        )
        pos = m.end
    out.append(html.escape(text[pos:]))
    body = "".join(out)
    paragraphs = [p for p in body.split("\n") if p.strip()]
    return (
        '<div class="article" style="font-family:Georgia,serif;font-size:1.05rem;line-height:1.6;'
        'max-width:46rem">' + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div>"
    )
