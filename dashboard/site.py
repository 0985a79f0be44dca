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

from dashboard import figures, markup, spec, story, tables, theme
from dashboard.meta import Meta
from dashboard.words import say
from etl.schema import TABLES

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
    """Turns one page's blocks into what the template shows; a block the static site cannot draw (a slot, the
    data freshness) is left out. Chart variants too big to inline are collected in ``files``."""

    def __init__(self, page: spec.Page, load: Loader, meta: Meta):
        self.page, self.load, self.meta = page, load, meta
        self.facts = tables.facts(load)
        self.article = str(tables.article(load("articles"))["article_id"])  # the newest: no picker here
        self.n = count()
        self.files: dict[str, str] = {}  # path relative to the site -> text

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
        """One figure per width class, each built for its design width in ``theme.SITE_WIDTHS``."""
        view = {k: v for k, v in b.view.items() if not isinstance(v, spec.State)}
        div = f"chart-{b.ref}-{next(self.n)}"
        built = {
            cls: figure_json(figures.build(b.ref, self.load, self.meta, size=(width, None), **view))
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
                path = f"{CHARTS_DIR}/{b.ref}-{cls}-{digest}.js"
                self.files[path] = f"{CALLBACK}({json.dumps(path)},{text});\n"
                variants[cls] = {"src": path}
        return [
            {
                "kind": "chart",
                "chart_id": b.ref,
                "div": div,
                "variants": variants,
                "data": data,
                # no modebar: its buttons would sit inside the role="img" box; the page has its own PNG button
                "config": figures.export_config(b.ref, self.meta) | {"responsive": False, "displayModeBar": False},
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
                "label": say(title, n=len(frame)) if title else say(f"pages.{self.page.slug}.nav"),
                "columns": list(frame.columns),
                "rows": table_rows(frame),
            }
        ]


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


def render_page(page: spec.Page, load: Loader, meta: Meta) -> str:
    return render(page, load, meta)[0]


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
