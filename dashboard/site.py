"""The static copy of the dashboard: one HTML page per page of ``dashboard.spec``, for when a crowd arrives.

It reads the same ``data/`` and draws the same blocks as the app (charts from ``dashboard.figures``, tables from
``dashboard.tables``, sentences from ``dashboard.story``) into the Jinja2 template ``templates/site.html``,
autoescaped. The pages open from ``file://`` with no network: Plotly's basic bundle (scatter and bar, vendored
in ``assets/vendor/``) sits beside them.

Phones: each chart is built once per width class at ``theme.SITE_WIDTHS`` (``dashboard.embed.chart_box``). The
page paints each chart as a ``<picture>`` of those variants' SVGs (rendered by kaleido in the export), picked by
media queries worked out from this page's layout (``Renderer.box``), with its size reserved; the first pointer,
focus or key on a chart loads Plotly's basic bundle and the variant's JSON file
(``charts/<chart>-<class>-<hash>.js``, through a ``<script src>``, which works from ``file://``) and draws it in the
picture's place (``assets/charts.js``). :func:`write` also writes one embed page per chart (``embed/<chart>.html``).
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from functools import singledispatch
from pathlib import Path

import pandas as pd
from markupsafe import Markup

from dashboard import blocks, embed, figures, gloss, markup, reports, spec
from dashboard.words import say

Loader = Callable[[str], pd.DataFrame]

VENDOR = Path(__file__).with_name("assets") / "vendor"
PLOTLY_JS = "plotly-basic.min.js"  # plotly.js-basic-dist-min 4.1.1 (see assets/vendor/README.md)
PLOTLY_SHA256 = "99784e3abfb07b142a15e521a439e6d9addceadb3f79553fd24c72774f0649ba"
CHARTS_DIR, CALLBACK = embed.CHARTS_DIR, embed.CALLBACK


class Renderer:
    """Draws one page's blocks as what the template shows, from each block's content (``blocks.content``), by its
    type (:func:`template_blocks`); a block the static site does not draw (a slot, the data freshness) is left out.
    Chart variants and their pictures are collected in ``out``."""

    def __init__(self, page: spec.Page, figs: embed.Figures, out: embed.Output, base_url: str = ""):
        self.ctx = blocks.Context(page, figs.load, meta=figs.meta, static=True)
        self.figs, self.out, self.base_url = figs, out, base_url
        self.box = embed.site_box()  # viewport width -> a chart box's width where the next chart lands
        self.charts = 0

    def blocks(self, page_blocks: tuple[spec.Block, ...]) -> list[dict]:
        out = []
        for b in page_blocks:
            if spec.SITE in b.on:
                shown = blocks.content(b, self.ctx)
                if shown is not None:
                    out += template_blocks(blocks.glossed(shown, self.ctx), self)
        return out

    def columns(self, c: blocks.Columns) -> list[dict]:
        parts = []
        for part, width in zip(c.parts, c.widths, strict=True):
            self.box = embed.site_box(width / sum(c.widths), len(c.widths))
            parts.append(self.blocks(part))
        self.box = embed.site_box()
        return [{"kind": "columns", "parts": list(zip(parts, c.widths, strict=True))}]

    def chart(self, c: blocks.Chart) -> list[dict]:
        """One figure per width class (``theme.SITE_WIDTHS``): a picture of each, and each interactive."""
        shown = embed.chart_box(c.chart_id, c.view, self.figs, self.out, self.box)
        heights = embed.fallback_heights(embed.chart_box(c.chart_id, {}, self.figs, embed.Output(), embed.embed_box))
        shown |= {"alt": c.alt, "lazy": self.charts > 0, "share": embed.share_box(c.chart_id, self.base_url, heights)}
        self.charts += 1
        return [shown]


@singledispatch
def template_blocks(c, r: Renderer) -> list[dict]:
    """What the template draws for one block's content, by its type: each type of content has one drawer here."""
    raise TypeError(f"the static site has no drawer for {type(c).__name__}")


@template_blocks.register
def _columns(c: blocks.Columns, r: Renderer) -> list[dict]:
    return r.columns(c)


@template_blocks.register
def _chart(c: blocks.Chart, r: Renderer) -> list[dict]:
    return r.chart(c)


@template_blocks.register
def _text(c: blocks.Text, r: Renderer) -> list[dict]:
    if c.links:  # a line with its links (an inferred as-of date, a derived note): one of markup's own templates
        items = pieces(blocks.followed_by(c.text, c.links))
        cls = "note" if c.kind == "note" else "caption"
        return [{"kind": "html", "html": Markup(markup.render("line.html", cls=cls, items=items))}]
    return [{"kind": c.kind, "text": c.text}]


def pieces(items: list[blocks.Piece]) -> list[dict]:
    """Text and links as the templates show them: each link with its href."""
    return [{"text": p.label, "href": href(p)} if isinstance(p, blocks.Link) else {"text": p} for p in items]


@template_blocks.register
def _section(c: blocks.Section, r: Renderer) -> list[dict]:
    def resolved(s: blocks.Section) -> dict:
        return {
            "title": s.title,
            "anchor": s.anchor,
            "paragraphs": [pieces(p) for p in s.paragraphs],
            "items": [pieces(i) for i in s.items],
            "parts": [resolved(p) for p in s.parts],
        }

    return [{"kind": "html", "html": Markup(markup.render("section.html", section=resolved(c)))}]


@template_blocks.register
def _lines(c: blocks.Lines, r: Renderer) -> list[dict]:
    if not c.links:
        return [{"kind": "paragraphs", "lines": c.lines}]
    *head, last = c.lines
    items = pieces(blocks.followed_by(last, c.links))
    line = {"kind": "html", "html": Markup(markup.render("line.html", cls="", items=items))}
    return ([{"kind": "paragraphs", "lines": head}] if head else []) + [line]


@template_blocks.register
def _metrics(c: blocks.Metrics, r: Renderer) -> list[dict]:
    return [{"kind": "metrics", "metrics": c.metrics}]


def href(link: blocks.Link) -> str:
    """Where a link goes on the static site: a page's file (and anchor), or the outside URL."""
    if link.page is None:
        return link.url
    return link.page.site_file + (f"#{link.anchor}" if link.anchor else "")


@template_blocks.register
def _links(c: blocks.Links, r: Renderer) -> list[dict]:
    return [{"kind": "links", "title": c.title, "links": [(href(link), link.label) for link in c.links]}]


@template_blocks.register
def _article(c: blocks.ArticleText, r: Renderer) -> list[dict]:
    out = [{"kind": "html", "html": Markup(c.legend)}]  # markup's own autoescaped templates
    for label, html in c.parts:
        if label:
            out.append({"kind": "subheading", "text": label})
        out.append({"kind": "html", "html": Markup(html)})
    return out


@template_blocks.register
def _downloads(c: blocks.Downloads, r: Renderer) -> list[dict]:
    """Each table's CSV, as ``data/<table>.csv`` (the export writes it there), saved under its reader's name."""
    return [
        {
            "kind": "downloads",
            "title": c.title,
            "tables": [
                {
                    "href": f"data/{d.table}.csv",
                    "file": f"{d.file}.csv",
                    "label": say("blocks.downloads-csv-file", title=d.title),
                }
                for d in c.tables
            ],
            "zip_label": c.zip_label,
            "zip_name": c.zip_name,
            "datapackage_label": c.datapackage_label,
        }
    ]


@template_blocks.register
def _table(c: blocks.Table, r: Renderer) -> list[dict]:
    return [{"kind": "table", "title": c.title, "html": Markup(markup.table(c.shown, c.label, c.headers, href, c.fit))}]


@template_blocks.register
def _grid(c: blocks.Grid, r: Renderer) -> list[dict]:
    """Who reported what, every fact shown; a checkbox (CSS only, no script) hides those without a disagreement."""
    return [{"kind": "html", "html": Markup(reports.html(c.matrix, c.links, href, toggle=say("reports.only")))}]


def _has_chart(blocks: list[dict]) -> bool:
    return any(b["kind"] == "chart" or any(_has_chart(p) for p, _ in b.get("parts", ())) for b in blocks)


def render(page: spec.Page, figs: embed.Figures, out: embed.Output, base_url: str = "") -> str:
    """The page's HTML; the chart variant files and pictures it needs are added to ``out``."""
    r = Renderer(page, figs, out, base_url)
    drawn = r.blocks(page.blocks)
    spelled = gloss.Gloss()  # the title and link preview are read alone: terms spelled out at their first use
    title = spelled(say("site.page-title", page=page.title))
    text = spelled(embed.description(page, figs.meta))
    lead = embed.lead_chart(page)
    alt = spelled(figures.CHARTS[lead].alt(figs.load))
    return markup.render(
        "site.html",
        page=page,
        pages=spec.PAGES,
        meta=figs.meta,
        blocks=drawn,
        plotly_js=PLOTLY_JS if _has_chart(drawn) else None,
        scripts=embed.scripts(),
        title=title,
        description=text,
        favicon=embed.FAVICON,
        tags=embed.social_tags(title, text, page.site_file, lead, alt, base_url),
    )


def write(
    root: Path,
    figs: embed.Figures,
    base_url: str = "",
    step: Callable[[str], None] = lambda label: None,
) -> tuple[list[Path], dict[str, tuple]]:
    """Every page, every embed page, the chart variant files, the favicon and Plotly's basic bundle into
    ``root``. Returns the paths written and the images still to render (path -> (figure, format, width, height)):
    the pictures of the variants and the preview images, which the export renders in one kaleido session."""
    written = []
    for folder in (embed.CHARTS_DIR, embed.EMBED_DIR, embed.PREVIEW_DIR):
        (root / folder).mkdir(parents=True, exist_ok=True)
    for old in [*(root / embed.CHARTS_DIR).glob("*-*-*.*"), *(root / embed.EMBED_DIR).glob("*.html")]:
        old.unlink()  # variants and embeds of an earlier export
    js = (VENDOR / PLOTLY_JS).read_bytes()
    if hashlib.sha256(js).hexdigest() != PLOTLY_SHA256:
        raise RuntimeError(f"{VENDOR / PLOTLY_JS} is not the pinned plotly.js basic bundle")
    (root / PLOTLY_JS).write_bytes(js)
    shutil.copyfile(embed.ASSETS / "favicon.png", root / embed.FAVICON)
    written += [root / PLOTLY_JS, root / embed.FAVICON]
    out = embed.Output()
    pages = {page.site_file: render(page, figs, out, base_url) for page in spec.PAGES}
    pages |= {embed.embed_file(c): embed.embed_page(c, figs, out, base_url) for c in spec.chart_ids()}
    for name, html in pages.items():
        (root / name).write_text(html, encoding="utf-8")
        written.append(root / name)
        step(f"site {name}")
    for name, text in out.files.items():
        (root / name).write_text(text, encoding="utf-8")
        written.append(root / name)
    embed.previews(figs, out)
    return written, out.images
