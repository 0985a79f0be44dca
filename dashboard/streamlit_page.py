"""The app's renderer: draws a page of ``dashboard.spec`` with Streamlit, block by block. ``pages/*.py`` call
:func:`render` with the page's slots (its pickers); everything else on screen is declared in the spec."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st

from dashboard import boot, data, markup, params, spec, story, tables, ui
from dashboard.words import say
from etl.schema import TABLES


@dataclass
class Context:
    """What a page's blocks and slots share: the loader, the facts its words are filled with, and the state its
    slots set (a picker's choice) for the charts and tables below them."""

    page: spec.Page
    state: dict = field(default_factory=dict)

    @staticmethod
    def load(name: str):
        return data.table(name)

    @property
    def article(self) -> str:
        """The article a block is about: the one picked, or the newest."""
        return self.state.get("article") or str(tables.article(self.load("articles"))["article_id"])

    @property
    def facts(self) -> dict:
        return tables.facts(self.load, self.state.get("article"))

    def key(self, name: str) -> str:
        """A widget key namespaced by page."""
        return f"{self.page.slug}_{name}"


Slot = Callable[[Context], None]

COLUMN_CONFIG = {  # how a table view's columns read on screen
    "cities": {
        "population": st.column_config.NumberColumn("population (GeoNames)", format="localized"),
        "article_sentence": st.column_config.TextColumn("the article's words", width="large"),
    },
    "events": {"surface": st.column_config.TextColumn("as written in the article")},
    "figures": {"text": st.column_config.TextColumn("sentence", width="large")},
    "mentions": {
        "title": st.column_config.TextColumn("article"),
        "surface": st.column_config.TextColumn("as written"),
        "sentence": st.column_config.TextColumn("sentence", width="large"),
    },
}


def resolve(view: dict, state: dict) -> dict:
    """View arguments with each ``State`` replaced by the slot's choice; an unset one is left out."""
    out = {}
    for k, v in view.items():
        if isinstance(v, spec.State):
            if state.get(v.name) is not None:
                out[k] = state[v.name]
        else:
            out[k] = v
    return out


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


def dataframe(frame, view_id: str = "") -> None:
    st.dataframe(frame, hide_index=True, width="stretch", column_config=COLUMN_CONFIG.get(view_id))


def mentions(ctx: Context, ref_id: str) -> None:
    """Where the articles name a fact or entity, newest article first, with each sentence (the lookups)."""
    rows = tables.mentions_of(tables.coverage(ctx.load), ref_id)
    if rows.empty:
        return
    text = tables.sentence_text(ctx.load("sentences"))
    shown = rows.assign(sentence=[text.get(k) for k in zip(rows["article_id"], rows["sentence_id"], strict=True)])
    st.caption(say("coverage.lookup"))
    dataframe(shown[["as_of", "surface", "sentence", "title", "article_id", "sentence_id"]], "mentions")


def _heading(b: spec.Block, ctx: Context) -> None:
    st.title(ui.md_escape(say(f"pages.{ctx.page.slug}.heading", **ctx.facts)))


def _article_picker(b: spec.Block, ctx: Context) -> None:
    """Which article the page is about (in the URL as ``article``); with one article there is nothing to pick."""
    labels = tables.article_labels(ctx.load("articles"))
    if len(labels) > 1:
        ctx.state["article"] = picker(ctx, "article", labels, noun="article", default=next(iter(labels)))


def _byline(b: spec.Block, ctx: Context) -> None:
    st.caption(ui.md_escape(story.byline(ctx.load("articles"), ctx.article)))


def _story(b: spec.Block, ctx: Context) -> None:
    for sentence in story.story(ctx.load("events"), ctx.load("claims"), ctx.article):
        st.markdown(ui.md_escape(sentence))


def _metrics(b: spec.Block, ctx: Context) -> None:
    shown = story.metrics(ctx.load, ctx.article)
    for col, m in zip(st.columns(len(shown)), shown, strict=True):
        col.metric(ui.md_escape(m.label), m.value, help=ui.md_escape(m.help))


def _links(b: spec.Block, ctx: Context) -> None:
    st.subheader(say("blocks.go-deeper"))
    for p in spec.PAGES:
        if p is not ctx.page and not p.default:
            st.page_link(p.file, label=say(f"links.{p.slug}", **ctx.facts), icon=p.icon)


def _freshness(b: spec.Block, ctx: Context) -> None:
    fresh = data.freshness(data.snapshot())
    st.subheader(say("blocks.freshness"))
    hashes = "".join(f"- SHA-256 of {ui.md_escape(a)}: `{sha[:16]}…`\n" for a, sha in fresh["article_sha256"].items())
    st.markdown(
        f"- Data refreshed: **{fresh['written']}**\n"
        f"- Data stamp (on every chart): `{fresh['stamp']}`\n"
        f"{hashes}"
        f"- Refresh by hand: `make etl`"
    )


def _changes(b: spec.Block, ctx: Context) -> None:
    st.subheader(say("blocks.changes"))
    refresh = data.snapshot().refresh
    if refresh is None:
        st.caption(say("blocks.changes-none"))
        return
    st.caption(say("blocks.changes-when", when=f"{refresh['finished_at']:%Y-%m-%d %H:%M UTC}"))
    dataframe(tables.changes(refresh["changes"]))


def _derived_note(b: spec.Block, ctx: Context) -> None:
    note = story.derived_note(ctx.load)
    if note:
        st.info(ui.md_escape(note), icon="ℹ️")


def _later_outcomes(b: spec.Block, ctx: Context) -> None:
    for line in story.later_outcomes(ctx.load("votes")):
        st.markdown(ui.md_escape(line))


def _article(b: spec.Block, ctx: Context) -> None:
    st.markdown(markup.legend(), unsafe_allow_html=True)
    html = markup.one_article(ctx.load, ctx.article, ctx.state.get("entity"))
    st.markdown(html, unsafe_allow_html=True)


def _quality_counts(b: spec.Block, ctx: Context) -> None:
    st.caption(story.quality_counts(ctx.load("data_quality")))


def _downloads(b: spec.Block, ctx: Context) -> None:
    st.subheader(say("blocks.downloads"))
    name = st.selectbox("Table as CSV", list(TABLES), key=ctx.key("table"))
    ui.csv_download(ctx.load(name), name, key=ctx.key("csv"))
    c1, c2 = st.columns(2)
    stamp = data.meta().stamp
    c1.download_button(
        "All Parquet files (zip)",
        data.download_zip(),
        file_name=f"data_{stamp}.zip",
        mime="application/zip",
        key=ctx.key("zip"),
    )
    c2.download_button(
        "datapackage.json",
        data.snapshot().descriptor,
        file_name="datapackage.json",
        mime="application/json",
        key=ctx.key("datapackage"),
    )


def _method(b: spec.Block, ctx: Context) -> None:
    st.subheader(say("blocks.method"))
    st.markdown(say("blocks.method-text"))


def _chart(b: spec.Block, ctx: Context) -> None:
    ui.chart(b.ref, key=ctx.key(b.ref), **resolve(b.view, ctx.state))


def _table(b: spec.Block, ctx: Context) -> None:
    frame = tables.VIEWS[b.ref](ctx.load, **resolve(b.view, ctx.state))
    if b.opts.get("expander"):
        with st.expander(say(b.opts["expander"], n=len(frame)), expanded=False):
            dataframe(frame, b.ref)
    else:
        if b.opts.get("title"):
            st.subheader(say(b.opts["title"]))
        dataframe(frame, b.ref)
    if b.opts.get("csv"):
        name = b.opts["csv"].format(**(ctx.facts | {"show": "all"} | ctx.state))
        ui.csv_download(frame, name, key=ctx.key(f"{b.ref}_csv"))


DRAW: dict[str, Callable[[spec.Block, Context], None]] = {
    "heading": _heading,
    "article-picker": _article_picker,
    "byline": _byline,
    "story": _story,
    "metrics": _metrics,
    "links": _links,
    "freshness": _freshness,
    "changes": _changes,
    "derived-note": _derived_note,
    "later-outcomes": _later_outcomes,
    "article": _article,
    "quality-counts": _quality_counts,
    "downloads": _downloads,
    "method": _method,
    "chart": _chart,
    "table": _table,
}


def draw(blocks: tuple[spec.Block, ...], ctx: Context, slots: dict[str, Slot]) -> None:
    for b in blocks:
        if spec.APP not in b.on:
            continue
        if b.kind == "columns":
            for col, part in zip(st.columns(list(b.opts["widths"])), b.parts, strict=True):
                with col:
                    draw(part, ctx, slots)
        elif b.kind == "slot":
            slots[b.ref](ctx)
        else:
            DRAW[b.kind](b, ctx)


def render(slug: str, **slots: Slot) -> Context:
    """Draw one page of the spec. ``slots``: the page's own widgets, by the names its spec gives them."""
    boot.through_app()
    data.pin()
    page = spec.page(slug)
    ctx = Context(page)
    draw(page.blocks, ctx, slots)
    return ctx
