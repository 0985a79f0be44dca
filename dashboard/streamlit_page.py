"""The app's renderer: draws a page of ``dashboard.spec`` with Streamlit, block by block. ``pages/*.py`` call
:func:`render` with the page's slots (its pickers); everything else on screen is declared in the spec."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import singledispatch

import streamlit as st

from dashboard import (
    blocks,
    boot,
    data,
    embed,
    figcache,
    fmt,
    markup,
    md,
    params,
    reader,
    reports,
    shown,
    spec,
    tables,
    ui,
    widths,
)
from dashboard.words import say


@dataclass
class Context(blocks.Context):
    """What a page's blocks and slots share (see ``blocks.Context``), with the page's widget keys."""

    box: str = widths.MAIN  # the kind of box the next chart lands in (see ui.chart)
    measured: set[str] = field(default_factory=set)  # the kinds of box this run has put a width measure in
    slots: dict[str, Callable] = field(default_factory=dict)  # the page file's own widgets, by slot name
    at: tuple[int, ...] = ()  # where the block being drawn is on the page (its column's place, then its own)

    def key(self, name: str) -> str:
        """A widget key namespaced by page."""
        return widget_key(self.page.slug, name)


def widget_key(slug: str, name: str) -> str:
    return f"{slug}_{name}"


Slot = Callable[[Context], None]


def table(c: blocks.Table) -> None:
    """A table as the static site draws it (``markup.table``): real HTML text a reader can select, copy and
    screenshot, that scrolls sideways on a phone, with no widget bundle to load; its cells in readers' words
    (``dashboard.shown``), a sentence or a source a link."""
    st.markdown(TABLE_CSS + markup.table(c.shown, c.label, c.headers, href, c.fit), unsafe_allow_html=True)


# The table's box scrolls sideways rather than squeezing a column below a few words (a header's width is its
# column's); a column of short words is as wide as they are (``markup.column_width``); colours follow the theme.
TABLE_CSS = (
    "<style>.table-scroll{overflow-x:auto;max-width:100%}"
    ".table-scroll table{width:auto;margin:0;font-size:.875rem}"
    ".table-scroll th,.table-scroll td{vertical-align:top;text-align:left}"
    ".table-scroll th{min-width:7.5em}.table-scroll th.long{min-width:20em}"
    ".table-scroll th.short{min-width:0}.table-scroll .short{white-space:nowrap}"
    # a fitted table takes its column's width where there is room; on a phone it is drawn as any other, its box
    # scrolling sideways, rather than squeeze each column (a message) to a word a line
    "@media (min-width:641px){.table-scroll.fit table{width:100%}"
    ".table-scroll.fit th,.table-scroll.fit th.long{min-width:0}}</style>"
)


# A page's heading (the overview's is the article's headline, whole) set smaller on a phone, so the first screen
# holds the headline and the story's first number or chart (Streamlit's 2.75rem took seven lines at 390 px).
HEADING_CSS = (
    "<style>@media (max-width: 640px){h1{font-size:1.6rem !important;line-height:1.25 !important;"
    "padding-top:0.5rem !important}}</style>"
)


# A number's label wraps rather than end in "…" on a phone: the first keeps the article's whole condition ("until
# they agree to step up assistance to ICE").
METRIC_CSS = (  # on the numbers' keyed container (public: Streamlit names it st-key-<key>)
    "<style>.st-key-KEY *{white-space:normal !important;overflow:visible !important;"
    "text-overflow:clip !important}</style>"
)


def md_fill(key: str, **markdown: str) -> str:
    """A line of the words as markdown, filled with markdown (bold, code) that is not escaped again."""
    text = md.md_escape(say(key, **{k: f"\0{k}\0" for k in markdown}))
    for k, v in markdown.items():
        text = text.replace(f"\0{k}\0", v)
    return text


def picker(
    ctx: Context, param: str, options: dict[str, str], noun: str, container=st, default: str | None = None
) -> str | None:
    """A select box whose choice lives in the URL (``param``), labelled with ``pickers.<param>`` of the words."""
    return params.picker(
        param,
        options,
        say(f"pickers.{param}"),
        key=ctx.key(param),
        noun=noun,
        placeholder=say(f"pickers.{param}-placeholder"),
        container=container,
        default=default,
    )


def mentions(ctx: Context, ref_id: str) -> None:
    """Where the articles name a fact or entity, newest article first, with each sentence (the lookups)."""
    rows = tables.mentions_of(tables.coverage(ctx.load), ref_id)
    if rows.empty:
        return
    st.caption(say("coverage.lookup"))
    table(blocks.glossed(blocks.table_of("mentions", rows, ctx.load, say("coverage.lookup")), ctx))


def href(link: blocks.Link) -> str:
    """Where a link goes in the app: an outside page, or a page's address relative to the current one, with the
    view it opens (its URL parameters) and its anchor."""
    if link.page is None:
        return link.url
    query = "?" + "&".join(f"{k}={v}" for k, v in link.query) if link.query else ""
    return (link.page.url or ".") + query + (f"#{link.anchor}" if link.anchor else "")


def md_link(link: blocks.Link) -> str:
    """A link as markdown: a page of the app, or an outside page when its URL is a plain http(s) one (inert text
    otherwise, see ``md.source_link``)."""
    label = md.md_escape(link.label)
    if link.page is not None:
        return f"[{label}]({href(link)})"
    if md.source_link(link.url).endswith(f"]({link.url})"):
        return f"[{label}]({link.url})"
    return label


def source_md(source: str) -> str:
    """The one source line (``fmt.source_line``) as markdown: its source a link, to the page named by who publishes
    it, or to the sentence of the article it comes from (``shown.Reader.source``)."""
    where = shown.Reader(data.table).source(source)
    link = md_link(where) if isinstance(where, blocks.Link) else md.md_escape(where)
    return md.md_escape(fmt.source_line("\0")).replace("\0", link)


def md_pieces(pieces: list[blocks.Piece]) -> str:
    return "".join(md_link(p) if isinstance(p, blocks.Link) else md.md_escape(p) for p in pieces)


@singledispatch
def show(c, ctx: Context) -> None:
    """Draw one block's content (``blocks.content``), by its type: each type of content has one drawer here."""
    raise TypeError(f"the app has no drawer for {type(c).__name__}")


@show.register
def _text(c: blocks.Text, ctx: Context) -> None:
    text = md_pieces(blocks.followed_by(c.text, c.links))
    if c.kind == "heading":
        st.html(HEADING_CSS)  # style only: Streamlit puts it where it takes no room on the page
        st.title(text)
    elif c.kind == "note":
        st.info(text, icon="ℹ️")
    elif c.links:  # a caption fades its links below AA contrast: small text at full colour instead
        st.markdown(f":small[{text}]")
    else:
        st.caption(text)


@show.register
def _section(c: blocks.Section, ctx: Context, level: int = 2) -> None:
    (st.header if level == 2 else st.subheader)(md.md_escape(c.title), anchor=c.anchor)
    for paragraph in c.paragraphs:
        st.markdown(md_pieces(paragraph))
    if c.items:
        st.markdown("\n".join("- " + md_pieces(item) for item in c.items))
    for part in c.parts:
        _section(part, ctx, level + 1)


@show.register
def _article_picker(c: blocks.Picker, ctx: Context) -> None:
    ctx.state[c.param] = picker(ctx, c.param, c.options, noun=c.param, default=c.default or None)


@show.register
def _lines(c: blocks.Lines, ctx: Context) -> None:
    """The lines as paragraphs of one markdown element: every element is work for the browser on every visit."""
    last = len(c.lines)
    st.markdown(
        "\n\n".join(
            md_pieces(blocks.followed_by(line, c.links if i == last else ())) for i, line in enumerate(c.lines, 1)
        )
    )


@show.register
def _metrics(c: blocks.Metrics, ctx: Context) -> None:
    """The numbers in one row that wraps: as many to a line as fit (two on a phone), in one container rather than a
    column each, which a phone stacks one under another and the browser lays out as five more elements."""
    st.html(METRIC_CSS.replace("KEY", ctx.key("numbers")))  # style only, as the heading's
    row = st.container(horizontal=True, gap="medium", key=ctx.key("numbers"))
    for m in c.metrics:
        row.metric(md.md_escape(m.label), m.value, help=md.md_escape(m.help), width="content")


@show.register
def _links(c: blocks.Links, ctx: Context) -> None:
    """Markdown links to the pages' addresses: they wrap on a phone, where st.page_link cuts a label short."""
    st.subheader(md.md_escape(c.title))
    st.markdown("\n".join(f"- {link.icon} {md_link(link)}" if link.icon else f"- {md_link(link)}" for link in c.links))


@show.register
def _freshness(c: blocks.Freshness, ctx: Context) -> None:
    st.subheader(c.title)
    lines = [
        md_fill("blocks.freshness-written", written=f"**{md.md_escape(c.written)}**"),
        md_fill("blocks.freshness-stamp", date=f"**{md.md_escape(c.data_as_of)}**"),
        *(
            md_fill("blocks.freshness-sha-titled", article=md.md_escape(a), sha=f"`{s[:16]}…`")
            if a
            else md_fill("blocks.freshness-sha", sha=f"`{s[:16]}…`")
            for a, s in c.hashes.items()
        ),
    ]
    st.markdown("\n".join(f"- {line}" for line in lines))


@show.register
def _changes(c: blocks.Changes, ctx: Context) -> None:
    st.subheader(c.title)
    st.caption(c.caption)
    if c.table is not None:
        table(c.table)


@show.register
def _article(c: blocks.ArticleText, ctx: Context) -> None:
    st.markdown(c.legend, unsafe_allow_html=True)  # markup's own autoescaped templates
    for label, html in c.parts:
        if label:
            st.subheader(md.md_escape(label))
        st.markdown(html, unsafe_allow_html=True)


@show.register
def _downloads(c: blocks.Downloads, ctx: Context) -> None:
    st.subheader(c.title)
    files = {d.table: d for d in c.tables}
    name = st.selectbox(c.csv_label, list(files), format_func=lambda t: files[t].title, key=ctx.key("table"))
    ui.csv_download(ctx.load(name), files[name].file, key=ctx.key("csv"))
    c1, c2 = st.columns(2)
    descriptor = data.snapshot().descriptor
    c1.download_button(  # each file is made when the reader clicks: nothing is sent with the page, and no rerun
        c.zip_label,
        data.zip_maker(),
        file_name=c.zip_name,
        mime="application/zip",
        key=ctx.key("zip"),
        on_click="ignore",
    )
    c2.download_button(
        c.datapackage_label,
        lambda: descriptor,
        file_name="datapackage.json",
        mime="application/json",
        key=ctx.key("datapackage"),
        on_click="ignore",
    )


@show.register
def _prose(c: blocks.Prose, ctx: Context) -> None:
    st.subheader(c.title)
    st.markdown(c.markdown)
    if c.links:
        st.markdown(" · ".join(md_link(link) for link in c.links))


@show.register
def _chart(c: blocks.Chart, ctx: Context) -> None:
    measure = ctx.box not in ctx.measured  # one measure per kind of box: its charts share its width
    ctx.measured.add(ctx.box)
    ui.chart(c.chart_id, c.alt, key=ctx.key(c.chart_id), box=ctx.box, measure=measure, **c.view)
    _share(c.chart_id)


def _share(chart_id: str) -> None:
    """The static site's "Share and embed" box, once the published site's address is known (``PSP_SITE_URL``):
    the embed code, with Streamlit's copy button, and the embed page."""
    box = embed.app_share(chart_id)
    if box is None:
        return
    with st.expander(box["title"]):
        st.caption(box["label"])
        st.code(box["code"], language="html", wrap_lines=True)
        st.markdown(f"[{md.md_escape(box['link_label'])}]({box['link']})")


@show.register
def _table(c: blocks.Table, ctx: Context) -> None:
    """A table with its CSV download. A folded table is sent only when the reader opens its expander (which reruns
    the page), so a chart page's first paint carries no table. An open table stays open when its title changes
    with the reader's choice (the map's filter changes the number of cities)."""
    if c.folded:
        key = folded_key(ctx.page.slug, c.view_id)
        folded = st.expander(c.title, expanded=bool(st.session_state.get(key)), key=key, on_change="rerun")
        if folded.open:
            with folded:
                _table_with_csv(c, ctx)
        return
    if c.title:
        st.subheader(c.title)
    _table_with_csv(c, ctx)


def folded_key(slug: str, view_id: str) -> str:
    """The widget key of a folded table's expander on a page: True in session state while it is open."""
    return widget_key(slug, f"{view_id}_open")


def _table_with_csv(c: blocks.Table, ctx: Context) -> None:
    table(c)
    if c.csv_name:
        ui.csv_download(c.frame, c.csv_name, key=ctx.key(f"{c.view_id}_csv"))


@show.register
def _grid(c: blocks.Grid, ctx: Context) -> None:
    """Who reported what: the same HTML as the static page's (``reports.html``), its cells linking into the app."""
    st.markdown(reports.html(c.matrix, c.links, href), unsafe_allow_html=True)


@show.register
def _columns(c: blocks.Columns, ctx: Context) -> None:
    at = ctx.at
    for i, (col, part) in enumerate(zip(st.columns(list(c.widths)), c.parts, strict=True)):
        ctx.box = widths.column_box(c.widths, i)
        with col:
            draw(part, ctx, (*at, i))
    ctx.box = widths.MAIN


def _content_key(b: spec.Block, at: tuple[int, ...], ctx: Context) -> tuple:
    """What a block's content depends on besides the data package: the page, the block (its place on the page, its
    kind and what it refers to) and the choices made on the page so far."""
    return ("content", ctx.page.slug, at, b.kind, b.ref, figcache.view_key(ctx.state))


def draw(page_blocks: tuple[spec.Block, ...], ctx: Context, at: tuple[int, ...] = ()) -> None:
    """Each block of a part of the page in turn; ``at``: where the part is on the page (its column's place)."""
    for i, b in enumerate(page_blocks):
        if spec.APP not in b.on:
            continue
        if b.kind == "slot":
            ctx.slots[b.ref](ctx)
            continue
        shown = data.remembered(_content_key(b, (*at, i), ctx), lambda b=b: blocks.content(b, ctx))
        if shown is not None:
            ctx.at = (*at, i)
            show(blocks.glossed(shown, ctx), ctx)


def render(slug: str, **slots: Slot) -> Context:
    """Draw one page of the spec. ``slots``: the page's own widgets, by the names its spec gives them."""
    boot.through_app()
    snap = data.pin()
    ctx = Context(
        spec.page(slug),
        data.table,
        meta=snap.meta,
        fresh=lambda: reader.freshness(data.snapshot()),
        refresh=lambda: data.snapshot().refresh,
        slots=slots,
    )
    draw(ctx.page.blocks, ctx)
    if ctx.measured and widths.MAIN not in ctx.measured and widths.in_browser():
        # No chart in the main column this run: measure it too, so the next page's full-width charts draw at once.
        widths.box_width(ctx.key("main"), widths.MAIN)
    return ctx
