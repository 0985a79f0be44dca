"""Charts that paint at once, embed pages and embed codes, and link previews: what the static site and the export
share about putting one chart on a page.

* :class:`Figures` builds each figure once per (chart, view, size); the site's interactive variants, their SVGs,
  the card frames and the preview PNGs all come from it, so the export builds nothing twice.
* :func:`chart_box` is a chart as the static pages and the embed pages draw it: a ``<picture>`` with one SVG per
  width class (rendered by kaleido from the same figure as the interactive variant), picked by media queries
  worked out from the page's layout, with width and height set so the box is reserved. Plotly's basic bundle
  loads on the first pointer, focus or key on a chart (``assets/charts.js``) and draws the same variant at the
  same size in its place.
* :func:`embed_page` writes ``embed/<chart>.html``: one chart and a link back to its page. It tells its parent
  its height (``assets/embed-height.js``) as ``{"type": "psp-embed:height", "chart": <id>, "height": <px>}``;
  :func:`embed_code` is the iframe plus ``assets/embed-resize.js``, which sizes only its own iframes.
* :func:`social_tags` are the Open Graph and Twitter tags of a page, with absolute URLs under ``--base-url``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd
from markupsafe import Markup

from dashboard import figures, gloss, markup, spec, theme
from dashboard.meta import Meta
from dashboard.words import say, section

Loader = Callable[[str], pd.DataFrame]

ASSETS = Path(__file__).with_name("assets")
CHARTS_DIR = "charts"  # interactive variants (JS) and their pictures (SVG), named by the figure's hash
EMBED_DIR = "embed"
PREVIEW_DIR = "preview"
PREVIEW_SIZE = (1200, 630)  # Open Graph's 1.91:1
FAVICON = "favicon.png"
CALLBACK = "siteChart"  # what a variant file calls: siteChart("<its path>", {data, layout})
MESSAGE = "psp-embed:height"  # the embed page's message type to its parent
MAX_HEIGHT = 20_000  # px: the host script ignores a taller claim
EMBED_PAD = 0  # px of page around the chart in an embed page (the figure carries its own card padding)
EMBED_FOOT = 34  # px of the embed page under the chart: the link back (line-height 24 + margins)


def env_site_url() -> str:
    """The published site's address, when the app is told it (``PSP_SITE_URL``); '' otherwise."""
    url = os.environ.get("PSP_SITE_URL", "").strip()
    return url if not url or url.endswith("/") else url + "/"


def view_key(view: dict) -> str:
    return json.dumps(view, sort_keys=True, default=str)


class Figures:
    """Every figure the export draws, built once per (chart, view, size)."""

    def __init__(self, load: Loader, meta: Meta):
        self.load, self.meta = load, meta
        self._built: dict[tuple, object] = {}
        self._json: dict[int, str] = {}

    def get(self, chart_id: str, size: tuple[int, int | None], **view):
        key = (chart_id, size, view_key(view))
        if key not in self._built:
            self._built[key] = figures.build(chart_id, self.load, self.meta, size=size, **view)
        return self._built[key]

    def json(self, fig) -> str:
        """The figure as compact JSON, serialized once."""
        if id(fig) not in self._json:
            self._json[id(fig)] = figure_json(fig)
        return self._json[id(fig)]


@dataclass(frozen=True)
class Variant:
    cls: str
    width: int
    height: int
    js: str  # path of the interactive variant, relative to the site (what the file calls back with)
    svg: str  # path of its picture, relative to the site
    media: str = ""  # the media query that picks it ('' for the picture's fallback <img>)


@dataclass
class Output:
    """What rendering pages adds besides their HTML: text files and images (path relative to the site ->
    (figure, format, width, height)) for kaleido."""

    files: dict[str, str] = field(default_factory=dict)
    images: dict[str, tuple] = field(default_factory=dict)


def figure_json(fig) -> str:
    """A figure as compact JSON: {"data": [...], "layout": {...}}."""
    return json.dumps(json.loads(fig.to_json()), separators=(",", ":"), ensure_ascii=False)


# ---- which width class a box picks, as media queries ------------------------------------------------------------

CLASSES = sorted(theme.SITE_WIDTHS, key=theme.SITE_WIDTHS.get)  # narrowest first


def pick(box: float) -> str:
    """The widest class whose design width fits the box; the narrowest when none does (it is scaled down)."""
    fits = [c for c in CLASSES if theme.SITE_WIDTHS[c] <= box]
    return fits[-1] if fits else CLASSES[0]


# The static page's layout (templates/site.html): main's padding and width, the columns' gap and breakpoint.
PAGE_MAX, PAD_WIDE, PAD_NARROW, PAD_BREAK, GAP, COLUMNS_FROM = 1280, 24, 10, 600, 24, 941
SCROLLBAR = 17  # px a desktop browser's scrollbar may take from the page (phones overlay theirs)


def site_box(share: float = 1.0, parts: int = 1) -> Callable[[int], float]:
    """Viewport width -> the chart box's width on a static page; ``share`` of the row when in ``parts`` columns."""

    def box(vw: int) -> float:
        pad = PAD_NARROW if vw <= PAD_BREAK else PAD_WIDE
        content = min(vw - (SCROLLBAR if vw > PAD_BREAK else 0), PAGE_MAX) - 2 * pad
        if parts > 1 and vw >= COLUMNS_FROM:
            return (content - GAP * (parts - 1)) * share
        return content

    return box


def embed_box(vw: int) -> float:
    return vw - 2 * EMBED_PAD


def media_ranges(box: Callable[[int], float], top: int = 4000) -> list[tuple[str, int]]:
    """(class, last viewport width it holds) for each run of viewport widths that picks one class, narrowest
    first; the last run is open-ended (its width is ``top``)."""
    runs: list[tuple[str, int]] = []
    for vw in range(1, top + 1):
        cls = pick(box(vw))
        if runs and runs[-1][0] == cls:
            runs[-1] = (cls, vw)
        else:
            runs.append((cls, vw))
    return runs


def chart_box(
    chart_id: str, view: dict, figs: Figures, out: Output, box: Callable[[int], float], prefix: str = ""
) -> dict:
    """A chart as the static pages draw it: its variants (interactive JSON files and SVG pictures, queued in
    ``out``) and the sources of its ``<picture>``. ``prefix`` leads every path (``../`` on an embed page)."""
    variants: dict[str, Variant] = {}
    for cls, width in theme.SITE_WIDTHS.items():
        fig = figs.get(chart_id, (width, None), **view)
        text = figs.json(fig)
        digest = hashlib.sha256(text.encode()).hexdigest()[:12]
        js, svg = f"{CHARTS_DIR}/{chart_id}-{cls}-{digest}.js", f"{CHARTS_DIR}/{chart_id}-{cls}-{digest}.svg"
        out.files[js] = f"{CALLBACK}({json.dumps(js)},{text});\n"
        height = int(fig.layout.height)
        out.images[svg] = (fig, "svg", width, height)
        variants[cls] = Variant(cls, width, height, js, prefix + svg)
    runs = media_ranges(box)
    sources = [Variant(**{**variants[cls].__dict__, "media": f"(max-width: {last}.98px)"}) for cls, last in runs[:-1]]
    return {
        "kind": "chart",
        "chart_id": chart_id,
        "sources": sources,
        "img": variants[runs[-1][0]],
        "variants": {
            c: {"src": prefix + v.js, "key": v.js, "width": v.width, "height": v.height} for c, v in variants.items()
        },
        # no modebar: its buttons would sit inside the role="img" box
        "config": figures.export_config(chart_id, figs.meta) | {"responsive": False, "displayModeBar": False},
        "alt": gloss.each(figures.CHARTS[chart_id].alt(figs.load)),  # read alone: terms spelled out
    }


def minify_svg(svg: str) -> str:
    """A picture's SVG as kaleido wrote it, smaller and drawn the same: path coordinates to 0.1 px, colours as
    hex, no spaces in style attributes. (The map's state outlines are already a compact picture of their own
    inside it, ``figures.map._outlines``.)"""

    def path(m: re.Match) -> str:
        return ' d="' + re.sub(r"(\d\.\d)\d+", r"\1", m.group(1)) + '"'

    def hex_colour(c: re.Match) -> str:
        return "#" + "".join(f"{int(x):02x}" for x in c.groups())

    # initial values said again: opacity (not inherited) always; fill- and stroke-opacity when no group sets them
    defaults = ["opacity"] + [
        p for p in ("fill-opacity", "stroke-opacity") if not re.search(rf"<(g|svg)\b[^>]*style=\"[^\"]*{p}", svg)
    ]

    def style(m: re.Match) -> str:
        v = re.sub(r"rgb\((\d+), (\d+), (\d+)\)", hex_colour, m.group(1))
        parts = [d for d in re.sub(r"\s*([:;,])\s*", r"\1", v).split(";") if d]
        parts = [d for d in parts if d not in {f"{p}:1" for p in defaults}]
        return 'style="' + ";".join(parts) + '"'

    svg = re.sub(r' d="([^"]*)"', path, svg)
    svg = re.sub(r'style="([^"]*)"', style, svg)
    return shared_styles(svg)


def shared_styles(svg: str, at_least: int = 50) -> str:
    """A style attribute repeated on many elements (markers, the state grid's tiles) once, as a class in a <style>."""
    counts: dict[str, int] = {}
    for v in re.findall(r'style="([^"]+)"', svg):
        counts[v] = counts.get(v, 0) + 1
    rules = []
    for n, v in enumerate(v for v, k in counts.items() if k >= at_least):
        name = f"s{n}"

        def tag(m: re.Match, name: str = name, v: str = v) -> str:
            attrs = m.group(2).replace(f' style="{v}"', "")
            if re.search(r' class="', attrs):
                attrs = re.sub(r' class="([^"]*)"', rf' class="\1 {name}"', attrs, count=1)
            else:
                attrs += f' class="{name}"'
            return f"<{m.group(1)}{attrs}{m.group(3)}>"

        svg = re.sub(rf'<(\w+)((?:\s[^>]*?)? style="{re.escape(v)}"[^>]*?)(/?)>', tag, svg)
        rules.append(f".{name}{{{v}}}")
    if rules:
        svg = re.sub(r"(<svg\b[^>]*>)", lambda m: m.group(1) + "<style>" + "".join(rules) + "</style>", svg, count=1)
    return svg


@cache
def asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def scripts() -> dict[str, Markup]:
    """The page scripts, inlined: the lazy Plotly loader and the embed page's height poster."""
    return {"charts": Markup(asset("charts.js")), "height": Markup(asset("embed-height.js"))}


# ---- embed pages and codes --------------------------------------------------------------------------------------


def home_page(chart_id: str) -> spec.Page:
    """The page a chart belongs to: the first that shows it, other than the overview when possible."""
    pages = [p for p in spec.PAGES if any(b.kind == "chart" and b.ref == chart_id for b in spec.walk(p.blocks))]
    return next((p for p in pages if not p.default), pages[0])


def embed_file(chart_id: str) -> str:
    return f"{EMBED_DIR}/{chart_id}.html"


def preview_file(chart_id: str) -> str:
    return f"{PREVIEW_DIR}/{chart_id}.png"


def fallback_heights(box: dict) -> dict[str, int]:
    """Width class -> the embed page's height in px when the iframe is at least that class's width wide."""
    return {cls: v["height"] + EMBED_FOOT for cls, v in box["variants"].items()}


def resize_script() -> str:
    """The host page's script (minified by hand in assets/embed-resize.js): at most 2 KB."""
    return asset("embed-resize.js").strip()


def embed_code(chart_id: str, base_url: str, title: str, height: int) -> str:
    """What a newsroom pastes: the iframe (at ``height`` until its page reports) and the resize script."""
    src = base_url + embed_file(chart_id)
    iframe = (
        f'<iframe src="{markup_attr(src)}" title="{markup_attr(title)}" data-psp-embed="{chart_id}" '
        f'style="width:100%;border:0;display:block" height="{height}" loading="lazy"></iframe>'
    )
    return f"{iframe}\n<script>{resize_script()}</script>"


def markup_attr(text: str) -> str:
    return str(Markup.escape(text))


def share_box(chart_id: str, base_url: str, heights: dict[str, int]) -> dict:
    """The "Share and embed" box under a chart: the embed code and the fixed heights for script-less CMSes."""
    title = say("site.embed-iframe-title", chart=chart_name(chart_id))
    return {
        "title": say("site.share-title"),
        "code": embed_code(chart_id, base_url, title, heights[CLASSES[-1]]),
        "label": say("site.share-code-label"),
        "copy_label": say("site.share-copy"),
        "copied": say("site.share-copied"),
        "link": base_url + embed_file(chart_id),
        "link_label": say("site.share-embed-page"),
        "id": f"share-{chart_id}",
    }


def app_share(chart_id: str, site_url: str | None = None, height: int = 700) -> dict | None:
    """The app's "Share and embed" box for a chart (the same words and code as the static site's), or None until
    the published site's address is known: ``site_url``, else the ``PSP_SITE_URL`` environment variable. The
    iframe starts at ``height`` px and takes its content's height once its page reports."""
    base = normal_base((site_url if site_url is not None else env_site_url()).strip())
    if not base:
        return None
    return share_box(chart_id, base, dict.fromkeys(CLASSES, height))


# ---- link previews ----------------------------------------------------------------------------------------------


def description(page: spec.Page, meta: Meta | None = None) -> str:
    """The page's ``<meta name="description">`` and preview text (``[site.description]`` in words.toml); with
    several articles in the data (``meta.several``), the words for the reports where a page's speak of the article
    (``[site.description-several]``)."""
    words = section("site.description")
    if meta is not None and meta.several:
        several = section("site.description-several")
        return several.get(page.slug) or (words[page.slug] if page.slug in words else several["default"])
    return words.get(page.slug, words["default"])


def chart_name(chart_id: str) -> str:
    return say(f"site.chart-names.{chart_id}")


def lead_chart(page: spec.Page) -> str:
    """The chart a page's preview shows: its first; pages without one show the overview's."""
    for p in (page, next(q for q in spec.PAGES if q.default)):
        for b in spec.walk(p.blocks):
            if b.kind == "chart" and spec.SITE in b.on:
                return b.ref
    return spec.chart_ids()[0]


def social_tags(title: str, text: str, path: str, chart_id: str, alt: str, base_url: str) -> list[tuple[str, str, str]]:
    """(attribute, name, content) of the Open Graph and Twitter tags; none of the URL ones without a base. ``alt``:
    the preview image's (its chart's) alt text."""
    tags = [
        ("property", "og:type", "website"),
        ("property", "og:title", title),
        ("property", "og:description", text),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", text),
    ]
    if base_url:
        image = base_url + preview_file(chart_id)
        tags += [
            ("property", "og:url", base_url + path),
            ("property", "og:image", image),
            ("property", "og:image:width", str(PREVIEW_SIZE[0])),
            ("property", "og:image:height", str(PREVIEW_SIZE[1])),
            ("property", "og:image:alt", alt),
            ("name", "twitter:image", image),
            ("name", "twitter:image:alt", alt),
        ]
    return tags


def normal_base(url: str) -> str:
    return url if not url or url.endswith("/") else url + "/"


def embed_page(chart_id: str, figs: Figures, out: Output, base_url: str = "") -> str:
    """``embed/<chart>.html``: the chart (its figure carries title, subtitle and credit), its alt text, a link
    back to its page; no navigation. Laid out for the iframe's own width."""
    view: dict = {}
    box = chart_box(chart_id, view, figs, out, embed_box, prefix="../")
    page = home_page(chart_id)
    title = say("site.page-title", page=chart_name(chart_id))
    text = gloss.each(figures.CHARTS[chart_id].alt(figs.load))  # read alone: terms spelled out
    return markup.render(
        "embed.html",
        title=title,
        description=text,
        box=box,
        back=("../" + page.site_file, say("site.embed-back", page=page.title)),
        tags=social_tags(title, text, embed_file(chart_id), chart_id, text, base_url),
        favicon="../" + FAVICON,
        plotly="../" + "plotly-basic.min.js",
        message=MESSAGE,
        scripts=scripts(),
    )


def previews(figs: Figures, out: Output) -> None:
    """Each chart's preview image, 1200x630 at 1x: its default view laid out for that size."""
    for chart_id in spec.chart_ids():
        fig = figs.get(chart_id, PREVIEW_SIZE)
        out.images[preview_file(chart_id)] = (fig, "png", *PREVIEW_SIZE)


def chart_manifest(base_url: str, figs: Figures, out: Output) -> dict:
    """Per chart: its embed page, embed code and preview image (what manifest.json lists)."""
    doc = {}
    for chart_id in spec.chart_ids():
        box = chart_box(chart_id, {}, figs, Output(), embed_box, prefix="../")
        title = say("site.embed-iframe-title", chart=chart_name(chart_id))
        heights = fallback_heights(box)
        doc[chart_id] = {
            "embed": {
                "page": "site/" + embed_file(chart_id),
                "code": embed_code(chart_id, base_url or "", title, heights[CLASSES[-1]]),
                "fallback_heights": [  # the height to give an iframe from its smallest width on
                    {"class": cls, "min_width": theme.SITE_WIDTHS[cls] if i else 0, "height": h}
                    for i, (cls, h) in enumerate(heights.items())
                ],
            },
            "preview": {"image": "site/" + preview_file(chart_id), "width": PREVIEW_SIZE[0], "height": PREVIEW_SIZE[1]},
        }
    return doc
