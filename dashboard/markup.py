"""HTML views: the article with its entity mentions highlighted, the highlight legend, and the static site's
pages. All HTML comes from the Jinja2 templates in ``dashboard/templates/`` with autoescaping on, so nothing in
the data (a pasted <script>, a javascript: URL) can reach a page as markup."""

from __future__ import annotations

from functools import cache

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from dashboard import theme
from dashboard.words import section


@cache
def env() -> Environment:
    return Environment(
        loader=PackageLoader("dashboard", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render(template: str, **context) -> str:
    return env().get_template(template).render(ink=theme.INK, **context)


LONG_TEXT = 40  # characters: a column with a longer cell is drawn wider, so its text does not run down the page
SHORT_TEXT = 10  # characters: a column whose label and cells are all this short is as wide as they are


def column_width(label: str, longest: int) -> str:
    """A column's width class in ``table.html``: "long" (wider), "short" (as wide as its words: a count, a state,
    a date) or "" (a few words wide)."""
    if longest > LONG_TEXT:
        return "long"
    return "short" if max(len(label), longest) <= SHORT_TEXT else ""


def table(frame: pd.DataFrame, label: str, labels: dict[str, str] | None = None) -> str:
    """A table as HTML (``table.html``): every cell as text ('' when missing), each column headed by its label
    (``labels``; its name otherwise) and marked with its width (``column_width``). ``label``: the accessible name
    of its scrolling box."""
    labels = labels or {}
    rows = [["" if pd.isna(v) else str(v) for v in row] for row in frame.itertuples(index=False)]
    longest = [max((len(r[i]) for r in rows), default=0) for i in range(len(frame.columns))]
    names = [labels.get(c, c) for c in frame.columns]
    columns = [(c, name, column_width(name, n)) for c, name, n in zip(frame.columns, names, longest, strict=True)]
    return render("table.html", label=label, columns=columns, rows=rows)


def legend() -> str:
    types = section("entity-types")
    return render("legend.html", types=[(types[t], c) for t, c in theme.ENTITY_COLOUR.items()])


def paragraphs(text: str, mentions: pd.DataFrame, entities: pd.DataFrame, selected: str | None = None) -> list:
    """The article as paragraphs of pieces: plain text, or a mention with its entity's name, type and colour."""
    info = entities.set_index("entity_id")
    pieces, pos = [], 0
    for m in mentions.sort_values(["start", "end"]).itertuples():
        if m.start < pos:
            continue
        pieces.append({"text": text[pos : m.start]})
        known = m.entity_id in info.index
        kind = info.loc[m.entity_id, "type"] if known else "publication"
        pieces.append(
            {
                "text": text[m.start : m.end],
                "name": info.loc[m.entity_id, "name"] if known else m.entity_id,
                "kind": kind,
                "label": section("entity-types").get(kind, kind),
                "colour": theme.ENTITY_COLOUR.get(kind, theme.ENTITY_COLOUR["publication"]),
                "selected": m.entity_id == selected,
            }
        )
        pos = m.end
    pieces.append({"text": text[pos:]})
    out: list[list[dict]] = [[]]
    for piece in pieces:
        if "kind" in piece:
            out[-1].append(piece)
            continue
        first, *rest = piece["text"].split("\n")
        out[-1].append({"text": first})
        out += [[{"text": line}] for line in rest]
    return [p for p in out if "".join(x["text"] for x in p).strip()]


def one_article(load, article_id: str, selected: str | None = None) -> str:
    """One article of the tables, its own mentions highlighted (spans index that article's text only)."""
    articles, mentions = load("articles"), load("mentions")
    text = articles.loc[articles["article_id"] == article_id, "text"].iloc[0]
    return article_html(text, mentions[mentions["article_id"] == article_id], load("entities"), selected)


def article_html(text: str, mentions: pd.DataFrame, entities: pd.DataFrame, selected: str | None = None) -> str:
    """Paragraphs with <mark> around each mention; the selected entity's mentions are outlined."""
    return render("article.html", paragraphs=paragraphs(text, mentions, entities, selected))
