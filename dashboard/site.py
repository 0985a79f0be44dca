"""The static copy of the dashboard: one HTML page per page of ``dashboard.spec``, for when a crowd arrives.

It reads the same ``data/`` and draws the same blocks as the app (charts from ``dashboard.figures``, tables from
``dashboard.tables``, sentences from ``dashboard.story``) into the Jinja2 template ``templates/site.html``,
autoescaped. The pages open from ``file://`` with no network: Plotly's basic bundle (scatter and bar, vendored
in ``assets/vendor/``) sits beside them.

Phones: each chart is built once per width class at ``theme.SITE_WIDTHS``. At load a small script in the page
picks, for each chart, the widest variant that fits the chart's box (the narrow one if none fits) and draws it
at that fixed size; it redraws when a resize changes the pick. A chart's variants ride inside the page when,
together, they are small (``INLINE_BYTES``); a bigger chart's variants are files of their own
(``charts/<chart>-<class>-<hash>.js``), and the page loads only the one it picks, through a ``<script src>``
(which works from ``file://``; ``fetch`` does not).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from itertools import count
from pathlib import Path

import pandas as pd
from markupsafe import Markup

from dashboard import blocks, figures, markup, spec, theme
from dashboard.meta import Meta

Loader = Callable[[str], pd.DataFrame]

VENDOR = Path(__file__).with_name("assets") / "vendor"
PLOTLY_JS = "plotly-basic.min.js"  # plotly.js-basic-dist-min 4.1.1 (see assets/vendor/README.md)
PLOTLY_SHA256 = "99784e3abfb07b142a15e521a439e6d9addceadb3f79553fd24c72774f0649ba"
INLINE_BYTES = 100_000  # a chart's variants, together, up to this many bytes ride in the page
CHARTS_DIR = "charts"
CALLBACK = "siteChart"  # what a variant file calls: siteChart("<its path>", {data, layout})


def table_rows(frame: pd.DataFrame) -> list[list[str]]:
    return [["" if pd.isna(v) else str(v) for v in row] for row in frame.itertuples(index=False)]


def figure_json(fig) -> str:
    """A figure as compact JSON: {"data": [...], "layout": {...}}."""
    return json.dumps(json.loads(fig.to_json()), separators=(",", ":"), ensure_ascii=False)


class Renderer:
    """Draws one page's blocks as what the template shows, from each block's content (``blocks.CONTENT``); a block
    the static site does not draw (a slot, the data freshness) is left out. Chart variants too big to inline are
    collected in ``files``."""

    def __init__(self, page: spec.Page, load: Loader, meta: Meta):
        self.ctx = blocks.Context(page, load, meta=meta, static=True)
        self.meta = meta
        self.n = count()
        self.files: dict[str, str] = {}  # path relative to the site -> text

    def blocks(self, page_blocks: tuple[spec.Block, ...]) -> list[dict]:
        out = []
        for b in page_blocks:
            if spec.SITE in b.on:
                shown = blocks.content(b, self.ctx)
                if shown is not None:
                    out += DRAW[b.kind](self, shown)
        return out

    def columns(self, c: blocks.Columns) -> list[dict]:
        parts = [self.blocks(p) for p in c.parts]
        return [{"kind": "columns", "parts": list(zip(parts, c.widths, strict=True))}]

    def chart(self, c: blocks.Chart) -> list[dict]:
        """One figure per width class, each built for its design width in ``theme.SITE_WIDTHS``."""
        div = f"chart-{c.chart_id}-{next(self.n)}"
        built = {
            cls: figure_json(figures.build(c.chart_id, self.ctx.load, self.meta, size=(width, None), **c.view))
            for cls, width in theme.SITE_WIDTHS.items()
        }
        inline = sum(len(text.encode()) for text in built.values()) <= INLINE_BYTES
        variants, data = {}, []
        for cls, text in built.items():
            if inline:
                variants[cls] = {"json": f"{div}-{cls}"}
                data.append((f"{div}-{cls}", Markup(text.replace("<", "\\u003c"))))  # no </script> inside
            else:
                digest = hashlib.sha256(text.encode()).hexdigest()[:12]
                path = f"{CHARTS_DIR}/{c.chart_id}-{cls}-{digest}.js"
                self.files[path] = f"{CALLBACK}({json.dumps(path)},{text});\n"
                variants[cls] = {"src": path}
        return [
            {
                "kind": "chart",
                "chart_id": c.chart_id,
                "div": div,
                "variants": variants,
                "data": data,
                # no modebar: its buttons would sit inside the role="img" box; the page has its own PNG button
                "config": figures.export_config(c.chart_id, self.meta) | {"responsive": False, "displayModeBar": False},
                "alt": c.alt,
            }
        ]


def _text(r: Renderer, c: blocks.Text) -> list[dict]:
    if c.links:  # a line with its links (an inferred as-of date, a derived note): one of markup's own templates
        items = pieces([c.text, *(x for link in c.links for x in (" ", link))])
        cls = "note" if c.kind == "note" else "caption"
        return [{"kind": "html", "html": Markup(markup.render("line.html", cls=cls, items=items))}]
    return [{"kind": c.kind, "text": c.text}]


def pieces(items: list[blocks.Piece]) -> list[dict]:
    """Text and links as the templates show them: each link with its href."""
    return [{"text": p.label, "href": href(p)} if isinstance(p, blocks.Link) else {"text": p} for p in items]


def _section(r: Renderer, c: blocks.Section) -> list[dict]:
    def resolved(s: blocks.Section) -> dict:
        return {
            "title": s.title,
            "anchor": s.anchor,
            "paragraphs": [pieces(p) for p in s.paragraphs],
            "items": [pieces(i) for i in s.items],
            "parts": [resolved(p) for p in s.parts],
        }

    return [{"kind": "html", "html": Markup(markup.render("section.html", section=resolved(c)))}]


def _lines(r: Renderer, c: blocks.Lines) -> list[dict]:
    return [{"kind": "paragraphs", "lines": c.lines}]


def _metrics(r: Renderer, c: blocks.Metrics) -> list[dict]:
    return [{"kind": "metrics", "metrics": c.metrics}]


def href(link: blocks.Link) -> str:
    """Where a link goes on the static site: a page's file (and anchor), or the outside URL."""
    if link.page is None:
        return link.url
    return link.page.site_file + (f"#{link.anchor}" if link.anchor else "")


def _links(r: Renderer, c: blocks.Links) -> list[dict]:
    return [{"kind": "links", "title": c.title, "links": [(href(link), link.label) for link in c.links]}]


def _article(r: Renderer, c: blocks.ArticleText) -> list[dict]:
    out = [{"kind": "html", "html": Markup(c.legend)}]  # markup's own autoescaped templates
    for label, html in c.parts:
        if label:
            out.append({"kind": "subheading", "text": label})
        out.append({"kind": "html", "html": Markup(html)})
    return out


def _downloads(r: Renderer, c: blocks.Downloads) -> list[dict]:
    return [
        {
            "kind": "downloads",
            "title": c.title,
            "tables": c.tables,
            "zip_label": c.zip_label,
            "datapackage_label": c.datapackage_label,
        }
    ]


def _table(r: Renderer, c: blocks.Table) -> list[dict]:
    return [
        {
            "kind": "table",
            "title": c.title,
            "label": c.label,
            "columns": list(c.frame.columns),
            "rows": table_rows(c.frame),
        }
    ]


DRAW: dict[str, Callable[[Renderer, object], list[dict]]] = {  # block kind -> template blocks of its content
    "heading": _text,
    "byline": _text,
    "story": _lines,
    "metrics": _metrics,
    "links": _links,
    "derived-note": _text,
    "later-outcomes": _lines,
    "article": _article,
    "quality-counts": _text,
    "downloads": _downloads,
    "chart": Renderer.chart,
    "table": _table,
    "columns": Renderer.columns,
    "sources-intro": _lines,
    "as-of-method": _section,
    "derived-method": _section,
    "source-groups": _section,
    "corrections": _section,
    "open-questions": _section,
}


def _has_chart(blocks: list[dict]) -> bool:
    return any(b["kind"] == "chart" or any(_has_chart(p) for p, _ in b.get("parts", ())) for b in blocks)


def render(page: spec.Page, load: Loader, meta: Meta) -> tuple[str, dict[str, str]]:
    """The page's HTML and the chart variant files it may load (path relative to the site -> text)."""
    r = Renderer(page, load, meta)
    blocks = r.blocks(page.blocks)
    html = markup.render(
        "site.html",
        page=page,
        pages=spec.PAGES,
        meta=meta,
        blocks=blocks,
        plotly_js=PLOTLY_JS if _has_chart(blocks) else None,
        widths=theme.SITE_WIDTHS,
        callback=CALLBACK,
    )
    return html, r.files


def write(root: Path, load: Loader, meta: Meta, step: Callable[[str], None] = lambda label: None) -> list[Path]:
    """Every page, the chart variant files and Plotly's basic bundle into ``root``; the paths written."""
    written = []
    (root / CHARTS_DIR).mkdir(parents=True, exist_ok=True)
    for old in (root / CHARTS_DIR).glob("*-*-*.js"):  # variants of an earlier export
        old.unlink()
    js = (VENDOR / PLOTLY_JS).read_bytes()
    if hashlib.sha256(js).hexdigest() != PLOTLY_SHA256:
        raise RuntimeError(f"{VENDOR / PLOTLY_JS} is not the pinned plotly.js basic bundle")
    (root / PLOTLY_JS).write_bytes(js)
    written.append(root / PLOTLY_JS)
    files: dict[str, str] = {}
    for page in spec.PAGES:
        html, extra = render(page, load, meta)
        path = root / page.site_file
        path.write_text(html, encoding="utf-8")
        written.append(path)
        files |= extra
        step(f"site {path.name}")
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
        written.append(root / name)
    return written
