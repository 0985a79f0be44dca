"""HTML views: the article with its entity mentions highlighted, the highlight legend, and the static site's
pages. All HTML comes from the Jinja2 templates in ``dashboard/templates/`` with autoescaping on, so nothing in
the data (a pasted <script>, a javascript: URL) can reach a page as markup."""

from __future__ import annotations

from functools import cache

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from dashboard import theme
from dashboard.words import term


class _Environment(Environment):
    """Jinja2 reads ``x.name`` as an attribute first, so a dict's own methods hid its keys (``s.copy`` printed
    ``<built-in method copy of dict object>`` on the share box's button). Here a dict's key comes first."""

    def getattr(self, obj, attribute):
        if isinstance(obj, dict) and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


@cache
def env() -> Environment:
    return _Environment(
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


def table(frame: pd.DataFrame, label: str, labels: dict[str, str] | None = None, href=None, fit: bool = False) -> str:
    """A table as HTML (``table.html``): every cell as text ('' when missing), or as a link when it is one
    (anything with a ``label``, such as ``shown.Link``: ``href`` gives its address), each column headed by its
    label (``labels``; its name otherwise) and marked with its width (``column_width``). ``label``: the
    accessible name of its scrolling box; ``fit``: the table takes its box's width and its text wraps."""
    labels = labels or {}

    def cell(v) -> dict:
        if hasattr(v, "label"):
            return {"text": v.label, "href": href(v)}
        return {"text": "" if pd.isna(v) else str(v)}

    rows = [[cell(v) for v in row] for row in frame.itertuples(index=False)]
    longest = [max((len(r[i]["text"]) for r in rows), default=0) for i in range(len(frame.columns))]
    names = [labels.get(c, c) for c in frame.columns]
    columns = [(c, name, column_width(name, n)) for c, name, n in zip(frame.columns, names, longest, strict=True)]
    return render("table.html", label=label, columns=columns, rows=rows, fit=fit)


def legend(entities: pd.DataFrame) -> str:
    """The highlight colours of the entity types the articles name, in words."""
    named = set(entities.loc[entities["n_mentions"] > 0, "type"])
    shown = [(term("entity-types", t), c) for t, c in theme.ENTITY_COLOUR.items() if t in named]
    return render("legend.html", types=shown)


def _pieces(text: str, lo: int, hi: int, marks: list, info: pd.DataFrame, selected: str | None) -> list[dict]:
    """``text[lo:hi]`` as pieces: plain text, or a mention with its entity's name, type and colour."""
    out, pos = [], lo
    for m in marks:
        if m.start < pos or m.end > hi:
            continue
        out.append({"text": text[pos : m.start]})
        kind = info.loc[m.entity_id, "type"]
        out.append(
            {
                "text": text[m.start : m.end],
                "name": info.loc[m.entity_id, "name"],
                "kind": kind,
                "label": term("entity-types", kind),
                "colour": theme.ENTITY_COLOUR[kind],
                "selected": m.entity_id == selected,
            }
        )
        pos = m.end
    return [*out, {"text": text[pos:hi]}]


def paragraphs(
    text: str,
    mentions: pd.DataFrame,
    entities: pd.DataFrame,
    sentences: pd.DataFrame,
    selected: str | None = None,
    chosen: str | None = None,
    anchor=lambda sentence_id: "",
) -> list[list[dict]]:
    """The article as paragraphs: each a list of its sentences (``{"anchor", "chosen", "pieces"}``: the id a link
    to it names, whether the page was opened at it) and the plain text between them. A sentence's pieces are plain
    text or mentions; the selected entity's mentions are outlined."""
    info = entities.set_index("entity_id")
    marks = list(mentions.sort_values(["start", "end"]).itertuples())
    items, pos = [], 0
    for s in sentences.sort_values("start").itertuples():
        if s.start > pos:
            items += _pieces(text, pos, s.start, marks, info, selected)
        items.append(
            {
                "anchor": anchor(s.sentence_id),
                "chosen": s.sentence_id == chosen,
                "pieces": _pieces(text, s.start, s.end, marks, info, selected),
            }
        )
        pos = s.end
    items += _pieces(text, pos, len(text), marks, info, selected)
    out: list[list[dict]] = [[]]
    for item in items:
        if "pieces" in item or "kind" in item:
            out[-1].append(item)
            continue
        first, *rest = item["text"].split("\n")
        out[-1].append({"text": first})
        out += [[{"text": line}] for line in rest]

    def said(p: list[dict]) -> str:
        return "".join(x.get("text", "") + "".join(y["text"] for y in x.get("pieces", ())) for x in p)

    return [p for p in out if said(p).strip()]


def article_html(text: str, mentions: pd.DataFrame, entities: pd.DataFrame, sentences=None, **shown) -> str:
    """Paragraphs with <mark> around each mention (and each sentence a span, when ``sentences`` are given)."""
    none = pd.DataFrame({"sentence_id": [], "start": [], "end": []})
    return render(
        "article.html",
        paragraphs=paragraphs(text, mentions, entities, none if sentences is None else sentences, **shown),
    )


def one_article(load, article_id: str, selected: str | None = None, chosen: str | None = None, anchor=None) -> str:
    """One article of the tables, its own mentions highlighted (spans index that article's text only); ``chosen``:
    the sentence the page was opened at; ``anchor``: sentence id -> the id a link to it names."""
    articles, mentions, sentences = load("articles"), load("mentions"), load("sentences")
    text = articles.loc[articles["article_id"] == article_id, "text"].iloc[0]
    return article_html(
        text,
        mentions[mentions["article_id"] == article_id],
        load("entities"),
        sentences[sentences["article_id"] == article_id],
        selected=selected,
        chosen=chosen,
        anchor=anchor or (lambda sentence_id: ""),
    )
