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
    facts: dict
    state: dict = field(default_factory=dict)

    @staticmethod
    def load(name: str):
        return data.table(name)

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


def picker(ctx: Context, param: str, options: dict[str, str], noun: str, container=st) -> str | None:
    """A select box whose choice lives in the URL (``param``), labelled with ``pickers.<param>`` of the words."""
    return params.picker(
        param,
        options,
        say(f"pickers.{param}"),
        key=ctx.key(param),
        noun=noun,
        placeholder=say(f"pickers.{param}-placeholder"),
        container=container,
    )


def dataframe(frame, view_id: str = "") -> None:
    st.dataframe(frame, hide_index=True, width="stretch", column_config=COLUMN_CONFIG.get(view_id))


def _heading(b: spec.Block, ctx: Context) -> None:
    st.title(ui.md_escape(say(f"pages.{ctx.page.slug}.heading", **ctx.facts)))


def _byline(b: spec.Block, ctx: Context) -> None:
    st.caption(ui.md_escape(story.byline(ctx.load("articles"))))


def _story(b: spec.Block, ctx: Context) -> None:
    for sentence in story.story(ctx.load("events")):
        st.markdown(ui.md_escape(sentence))


def _metrics(b: spec.Block, ctx: Context) -> None:
    shown = story.metrics(ctx.load("cities"), ctx.load("events"), ctx.load("votes"))
    for col, m in zip(st.columns(len(shown)), shown, strict=True):
        col.metric(ui.md_escape(m.label), m.value, help=ui.md_escape(m.help))


def _links(b: spec.Block, ctx: Context) -> None:
    st.subheader(say("blocks.go-deeper"))
    for p in spec.PAGES:
        if p is not ctx.page and not p.default:
            st.page_link(p.file, label=say(f"links.{p.slug}", **ctx.facts), icon=p.icon)


def _freshness(b: spec.Block, ctx: Context) -> None:
    fresh = data.freshness(data.data_dir())
    st.subheader(say("blocks.freshness"))
    st.markdown(
        f"- Data refreshed: **{fresh['written']}**\n"
        f"- Data stamp (on every chart): `{fresh['stamp']}`\n"
        f"- Article SHA-256: `{fresh['article_sha256'][:16]}…`\n"
        f"- Refresh by hand: `make etl`"
    )


def _derived_note(b: spec.Block, ctx: Context) -> None:
    note = story.derived_note(ctx.load)
    if note:
        st.info(ui.md_escape(note), icon="ℹ️")


def _later_outcomes(b: spec.Block, ctx: Context) -> None:
    for line in story.later_outcomes(ctx.load("votes")):
        st.markdown(ui.md_escape(line))


def _article(b: spec.Block, ctx: Context) -> None:
    text = ctx.load("articles")["text"].iloc[0]
    st.markdown(markup.legend(), unsafe_allow_html=True)
    html = markup.article_html(text, ctx.load("mentions"), ctx.load("entities"), ctx.state.get("entity"))
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
        (data.data_dir() / "datapackage.json").read_bytes(),
        file_name="datapackage.json",
        mime="application/json",
        key=ctx.key("datapackage"),
    )


def _method(b: spec.Block, ctx: Context) -> None:
    st.subheader(say("blocks.method"))
    st.markdown(say("blocks.method-text"))


def _chart(b: spec.Block, ctx: Context) -> None:
    ui.chart(b.ref, key=ctx.key(b.ref), size=b.opts.get("size"), **resolve(b.view, ctx.state))


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
    "byline": _byline,
    "story": _story,
    "metrics": _metrics,
    "links": _links,
    "freshness": _freshness,
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
    page = spec.page(slug)
    ctx = Context(page, tables.facts(data.table))
    draw(page.blocks, ctx, slots)
    return ctx
