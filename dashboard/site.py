"""The static copy of the dashboard: one HTML page per page of ``dashboard.spec``, for when a crowd arrives.

It reads the same ``data/`` and draws the same blocks as the app (charts from ``dashboard.figures``, tables from
``dashboard.tables``, sentences from ``dashboard.story``) into the Jinja2 template ``templates/site.html``,
autoescaped. Plotly's JS is copied beside the pages, so the site opens from ``file://`` with no network.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import count

import pandas as pd
from markupsafe import Markup

from dashboard import figures, markup, spec, story, tables
from dashboard.meta import Meta
from dashboard.words import say
from etl.schema import TABLES

Loader = Callable[[str], pd.DataFrame]


def table_rows(frame: pd.DataFrame) -> list[list[str]]:
    return [["" if pd.isna(v) else str(v) for v in row] for row in frame.itertuples(index=False)]


class Renderer:
    """Turns one page's blocks into what the template shows; a block the static site cannot draw (a slot, the
    data freshness) is left out."""

    def __init__(self, page: spec.Page, load: Loader, meta: Meta):
        self.page, self.load, self.meta = page, load, meta
        self.facts = tables.facts(load)
        self.article = str(tables.article(load("articles"))["article_id"])  # the newest: no picker here
        self.n = count()

    def blocks(self, blocks: tuple[spec.Block, ...]) -> list[dict]:
        out = []
        for b in blocks:
            if spec.SITE in b.on:
                out += getattr(self, "_" + b.kind.replace("-", "_"))(b)
        return out

    def _columns(self, b: spec.Block) -> list[dict]:
        parts = [self.blocks(p) for p in b.parts]
        return [{"kind": "columns", "parts": list(zip(parts, b.opts["widths"], strict=True))}]

    def _heading(self, b: spec.Block) -> list[dict]:
        return [{"kind": "heading", "text": say(f"pages.{self.page.slug}.heading", **self.facts)}]

    def _byline(self, b: spec.Block) -> list[dict]:
        text = (
            story.byline(self.load("articles"), self.article) + " " + say("blocks.static-copy", stamp=self.meta.stamp)
        )
        return [{"kind": "byline", "text": text}]

    def _story(self, b: spec.Block) -> list[dict]:
        return [{"kind": "paragraphs", "lines": story.story(self.load("events"), self.load("claims"), self.article)}]

    def _metrics(self, b: spec.Block) -> list[dict]:
        return [{"kind": "metrics", "metrics": story.metrics(self.load, self.article)}]

    def _links(self, b: spec.Block) -> list[dict]:
        links = [(p.site_file, say(f"links.{p.slug}", **self.facts)) for p in spec.PAGES if not p.default]
        return [{"kind": "links", "title": say("blocks.go-deeper"), "links": links}]

    def _derived_note(self, b: spec.Block) -> list[dict]:
        note = story.derived_note(self.load)
        return [{"kind": "note", "text": note}] if note else []

    def _later_outcomes(self, b: spec.Block) -> list[dict]:
        return [{"kind": "paragraphs", "lines": story.later_outcomes(self.load("votes"))}]

    def _article(self, b: spec.Block) -> list[dict]:
        """Every article, newest first, each under its as-of date and headline (the app shows the one picked)."""
        out = [{"kind": "html", "html": Markup(markup.legend())}]  # markup's own autoescaped templates
        labels = tables.article_labels(self.load("articles"))
        for article_id, label in labels.items():
            if len(labels) > 1:
                out.append({"kind": "subheading", "text": label})
            out.append({"kind": "html", "html": Markup(markup.one_article(self.load, article_id))})
        return out

    def _quality_counts(self, b: spec.Block) -> list[dict]:
        return [{"kind": "caption", "text": story.quality_counts(self.load("data_quality"))}]

    def _downloads(self, b: spec.Block) -> list[dict]:
        return [{"kind": "downloads", "title": say("blocks.downloads"), "tables": list(TABLES)}]

    def _chart(self, b: spec.Block) -> list[dict]:
        view = {k: v for k, v in b.view.items() if not isinstance(v, spec.State)}
        fig = figures.build(b.ref, self.load, self.meta, size=b.opts.get("size"), **view)
        return [
            {
                "kind": "chart",
                "chart_id": b.ref,
                "div": f"chart-{b.ref}-{next(self.n)}",
                "figure": json.loads(fig.to_json()),
                "config": figures.export_config(b.ref, self.meta) | {"responsive": False},
                "alt": figures.CHARTS[b.ref].alt,
            }
        ]

    def _table(self, b: spec.Block) -> list[dict]:
        view = {k: v for k, v in b.view.items() if not isinstance(v, spec.State)}
        frame = tables.VIEWS[b.ref](self.load, **view)
        title = b.opts.get("title") or b.opts.get("expander")
        return [
            {
                "kind": "table",
                "title": say(title, n=len(frame)) if title else "",
                "columns": list(frame.columns),
                "rows": table_rows(frame),
            }
        ]


def render_page(page: spec.Page, load: Loader, meta: Meta) -> str:
    blocks = Renderer(page, load, meta).blocks(page.blocks)
    return markup.render("site.html", page=page, pages=spec.PAGES, meta=meta, blocks=blocks)
