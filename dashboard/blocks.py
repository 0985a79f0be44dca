"""What each block of ``dashboard.spec`` holds, worked out once for every renderer.

One content function per block kind (``CONTENT``): it reads the tables and the words and returns plain data
(headings, lines, links with their targets, a table's title and frame, a chart's id and view). The renderers
(``dashboard.streamlit_page`` for the app, ``dashboard.site`` for the static copy) only draw what it returns:
state filtering, headings, link labels and table titles are decided here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from contract.tables import TABLES
from dashboard import figures, fmt, markup, spec, story, tables
from dashboard.meta import Meta
from dashboard.words import say, section

Loader = Callable[[str], pd.DataFrame]


@dataclass
class Context:
    """What a page's blocks share: the loader, the article they are about, the state the app's slots set (empty on
    the static site), and whether the page shows every article at once (the static site has no picker)."""

    page: spec.Page
    load: Loader
    meta: Meta | None = None
    state: dict = field(default_factory=dict)
    static: bool = False  # the static site: no picker, every article on the article page, the data stamp in the byline
    fresh: Callable[[], dict] | None = None  # the app's data freshness (reader.freshness of the pinned snapshot)
    refresh: Callable[[], dict | None] | None = None  # the app's last recorded refresh

    @property
    def article(self) -> str:
        """The article a block is about: the one picked, or the newest."""
        return self.state.get("article") or str(tables.article(self.load("articles"))["article_id"])

    @property
    def facts(self) -> dict:
        return tables.facts(self.load, self.state.get("article"))


# ---- what the content functions return ------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """A link to a page of the spec (``page``, optionally an ``anchor`` on it) or to an outside ``url``."""

    label: str
    page: spec.Page | None = None
    anchor: str = ""
    url: str = ""
    icon: str = ""


Piece = str | Link  # a line of text is plain text and links, in reading order


def followed_by(text: str, links: tuple[Link, ...]) -> list[Piece]:
    """A line of text with its links after it, each after a space."""
    return [text, *(x for link in links for x in (" ", link))]


@dataclass(frozen=True)
class Text:
    """One line of plain text (a heading, a byline, a caption, a note); ``kind`` says which. ``links`` follow it
    (the sources of what it says, one tap away)."""

    kind: str
    text: str
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Lines:
    """Lines of plain text; ``links`` follow the last one (where what it refers to is explained)."""

    lines: list[str]
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Section:
    """A titled part of a page with an anchor to link to: paragraphs, then a list of items, then its own parts."""

    title: str
    anchor: str
    paragraphs: list[list[Piece]] = field(default_factory=list)
    items: list[list[Piece]] = field(default_factory=list)
    parts: list[Section] = field(default_factory=list)


@dataclass(frozen=True)
class Links:
    title: str
    links: list[Link]


@dataclass(frozen=True)
class Metrics:
    metrics: list[story.Metric]


@dataclass(frozen=True)
class Picker:
    """Which article the page is about: the app's select box (``param`` in the URL); None with one article."""

    param: str
    options: dict[str, str]
    default: str


@dataclass(frozen=True)
class ArticleText:
    """The highlight legend, then each article shown: (its label, or '' when it is the only one; its HTML)."""

    legend: str
    parts: list[tuple[str, str]]


@dataclass(frozen=True)
class Downloads:
    title: str
    tables: list[str]
    csv_label: str
    zip_label: str
    zip_name: str
    datapackage_label: str


@dataclass(frozen=True)
class Prose:
    title: str
    markdown: str  # from words.toml: an editor's markdown, no data in it
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Freshness:
    title: str
    written: str
    stamp: str
    hashes: dict[str, str]
    command: str  # how to refresh by hand (developer-facing)


@dataclass(frozen=True)
class Changes:
    title: str
    caption: str
    frame: pd.DataFrame | None


@dataclass(frozen=True)
class Chart:
    chart_id: str
    view: dict  # the view arguments, each State replaced by the slot's choice (left out when unset)
    alt: str


@dataclass(frozen=True)
class Table:
    view_id: str
    frame: pd.DataFrame
    title: str  # '' when the table has none
    folded: bool  # the app folds it into an expander titled ``title``
    label: str  # the accessible name of its scrolling box
    csv_name: str  # the download's file name without '.csv' ('' when none is offered)


@dataclass(frozen=True)
class Columns:
    widths: tuple[int, ...]
    parts: tuple[tuple[spec.Block, ...], ...]


# ---- one content function per block kind -----------------------------------------------------------------------


def resolve(view: dict, state: dict) -> dict:
    """View arguments with each ``State`` replaced by the slot's choice, or its default; left out when neither."""
    out = {}
    for k, v in view.items():
        if isinstance(v, spec.State):
            if (chosen := state.get(v.name, v.default)) is not None:
                out[k] = chosen
        else:
            out[k] = v
    return out


def heading(b: spec.Block, ctx: Context) -> Text:
    return Text("heading", say(f"pages.{ctx.page.slug}.heading", **ctx.facts))


def article_picker(b: spec.Block, ctx: Context) -> Picker | None:
    labels = tables.article_labels(ctx.load("articles"))
    return Picker("article", labels, next(iter(labels))) if len(labels) > 1 else None


def sources_link(anchor: str, label: str = "") -> Link:
    """A link to a part of the Sources and method page (``spec.SOURCES``)."""
    return Link(label or say("sources.see"), page=spec.page(spec.SOURCES), anchor=anchor)


def byline(b: spec.Block, ctx: Context) -> Text:
    """The article's byline; an inferred as-of date says so, with how it was inferred one tap away."""
    text = story.byline(ctx.load("articles"), ctx.article)
    if ctx.static and ctx.meta is not None:
        text += " " + say("blocks.static-copy", stamp=ctx.meta.stamp)
    inferred = bool(tables.article(ctx.load("articles"), ctx.article)["as_of_inferred"])
    return Text("byline", text, (sources_link(spec.AS_OF, say("story.as-of-how")),) if inferred else ())


def story_(b: spec.Block, ctx: Context) -> Lines:
    return Lines(story.story(ctx.load("events"), ctx.load("claims"), ctx.article))


def metrics(b: spec.Block, ctx: Context) -> Metrics:
    return Metrics(story.metrics(ctx.load, ctx.article))


def links(b: spec.Block, ctx: Context) -> Links:
    """Every other page but the default one, labelled with the page's facts."""
    facts = ctx.facts
    shown = [p for p in spec.PAGES if p is not ctx.page and not p.default]
    return Links(say("blocks.go-deeper"), [Link(say(f"links.{p.slug}", **facts), page=p, icon=p.icon) for p in shown])


def freshness(b: spec.Block, ctx: Context) -> Freshness:
    fresh = ctx.fresh()
    command = say("blocks.freshness-command")
    return Freshness(say("blocks.freshness"), fresh["written"], fresh["stamp"], fresh["article_sha256"], command)


def changes(b: spec.Block, ctx: Context) -> Changes:
    refresh = ctx.refresh()
    if refresh is None:
        return Changes(say("blocks.changes"), say("blocks.changes-none"), None)
    when = f"{refresh['finished_at']:%Y-%m-%d %H:%M UTC}"
    return Changes(say("blocks.changes"), say("blocks.changes-when", when=when), tables.changes(refresh["changes"]))


def derived_note(b: spec.Block, ctx: Context) -> Text | None:
    note = story.derived_note(ctx.load)
    return Text("note", note, (sources_link(spec.DERIVED, say("sources.derived")),)) if note else None


def later_outcomes(b: spec.Block, ctx: Context) -> Lines:
    """Each later vote in a line; its note says what stays unconfirmed, which the Sources page's open questions
    list, one tap away."""
    lines = story.later_outcomes(ctx.load("votes"))
    return Lines(lines, (sources_link(spec.OPEN_QUESTIONS, say("sources.open-questions")),) if lines else ())


def article(b: spec.Block, ctx: Context) -> ArticleText:
    """The app shows the article picked, its chosen entity outlined; the static site every article, newest first,
    each under its as-of date and headline when there are several."""
    if not ctx.static:
        return ArticleText(markup.legend(), [("", markup.one_article(ctx.load, ctx.article, ctx.state.get("entity")))])
    labels = tables.article_labels(ctx.load("articles"))
    return ArticleText(
        markup.legend(),
        [(label if len(labels) > 1 else "", markup.one_article(ctx.load, a)) for a, label in labels.items()],
    )


def quality_counts(b: spec.Block, ctx: Context) -> Text:
    links = (
        sources_link(spec.CORRECTIONS, say("sources.corrections")),
        sources_link(spec.OPEN_QUESTIONS, say("sources.open-questions")),
    )
    return Text("caption", story.quality_counts(ctx.load), links)


def downloads(b: spec.Block, ctx: Context) -> Downloads:
    stamp = ctx.meta.stamp if ctx.meta is not None else ""
    return Downloads(
        say("blocks.downloads"),
        list(TABLES),
        say("blocks.downloads-csv"),
        say("blocks.downloads-zip"),
        f"data_{stamp}.zip",
        say("blocks.downloads-datapackage"),
    )


def method(b: spec.Block, ctx: Context) -> Prose:
    return Prose(say("blocks.method"), say("blocks.method-text"), (sources_link(""),))


def chart(b: spec.Block, ctx: Context) -> Chart:
    return Chart(b.ref, resolve(b.view, ctx.state), figures.CHARTS[b.ref].alt(ctx.load))


def table(b: spec.Block, ctx: Context) -> Table:
    frame = tables.VIEWS[b.ref](ctx.load, **resolve(b.view, ctx.state))
    key = b.opts.get("title") or b.opts.get("expander")
    title = say(key, n=len(frame)) if key else ""
    csv = b.opts.get("csv")
    return Table(
        b.ref,
        frame,
        title,
        folded=bool(b.opts.get("expander")),
        label=title or say(f"pages.{ctx.page.slug}.nav"),
        csv_name=csv.format(**(ctx.facts | {"show": "all"} | ctx.state)) if csv else "",
    )


def _source(url: str, sites: dict[str, str]) -> Piece:
    """'Source: <site>', linked to the page; a source that is no web page (the article itself) as plain text."""
    line = fmt.source_line(sites.get(url) or fmt.domain(url))
    return Link(line, url=url) if url.startswith(("https://", "http://")) else line


def _sites(load: Loader) -> dict[str, str]:
    return dict(zip(load("sources")["url"], load("sources")["site"], strict=False))


def sources_intro(b: spec.Block, ctx: Context) -> Lines:
    return Lines([say("sources.intro")])


def as_of_method(b: spec.Block, ctx: Context) -> Section:
    """Each article's as-of date: how it was inferred, or that the article prints it."""
    articles = tables.newest_first(ctx.load("articles"))
    lines = []
    for a in articles.itertuples():
        line = (
            say("sources.as-of-inferred", date=fmt.day(a.as_of), method=a.as_of_method)
            if a.as_of_inferred
            else say("sources.as-of-printed", date=fmt.day(a.as_of))
        )
        lines.append([say("sources.as-of-article", title=a.title) + line if len(articles) > 1 else line])
    return Section(say("sources.as-of"), spec.AS_OF, paragraphs=lines)


def derived_method(b: spec.Block, ctx: Context) -> Section:
    """What "derived" means for the per-senator positions, with the pages the data cites for them: the vote's own
    sources (its tally, the party-line record, the roster of senators) and the positions' sources."""
    sites = _sites(ctx.load)
    vote = tables.article_vote(ctx.load("votes"))
    sources = ctx.load("sources")
    cite_vote = sources[
        (sources["group"] == "votes")
        & sources["cited_by"].str.split(" | ", regex=False).map(lambda ids: vote["vote_id"] in ids)
    ]
    urls = [vote["source"], *cite_vote["url"], *tables.article_positions(ctx.load)["source"]]
    links = [_source(u, sites) for u in dict.fromkeys(urls) if isinstance(u, str) and u]
    return Section(
        say("sources.derived"),
        spec.DERIVED,
        paragraphs=[[say("sources.derived-text")], [say("sources.derived-cited")]],
        items=[[link] for link in links],
    )


def _cited(row) -> str:
    ids = [i for i in str(row.cited_by).split(" | ") if i]
    return say("sources.cited-by", ids=", ".join(ids)) if len(ids) <= 4 else say("sources.cited-by-many", n=row.n_rows)


def source_groups(b: spec.Block, ctx: Context) -> Section:
    """Every cited page, one part per reference file (in the order of ``words.toml``), each page a link with who
    publishes it, its kind, the confidence of the rows citing it and which rows they are."""
    frame = ctx.load("sources")
    named = section("sources.group")
    order = [g for g in named if g in set(frame["group"])] + sorted(set(frame["group"]) - set(named))
    parts = []
    for group in order:
        rows = frame[frame["group"] == group].sort_values("url")
        words = named.get(group, {"title": group, "about": ""})
        items = [
            [
                Link(r.url, url=r.url),
                " — "
                + say(
                    "sources.item",
                    site=r.site,
                    kind=say(f"sources.kinds.{r.kind}"),
                    confidence=say("sources.confidence", words=r.confidence) if r.confidence else "",
                    cited=_cited(r),
                ),
            ]
            for r in rows.itertuples()
        ]
        about = [[words["about"]]] if words["about"] else []
        parts.append(Section(words["title"], group, paragraphs=about, items=items))
    return Section(say("sources.groups"), "groups", parts=parts)


def _quality_log(ctx: Context, rows: pd.DataFrame, words: str, item: str, anchor: str) -> Section:
    """A list of data-quality rows, each in the words of ``sources.<item>`` (filled from the row) and its source."""
    sites = _sites(ctx.load)
    items = [[say(f"sources.{item}", **r._asdict()), " ", _source(r.source, sites)] for r in rows.itertuples()]
    return Section(say(f"sources.{words}"), anchor, [[say(f"sources.{words}-intro")]], items)


def corrections(b: spec.Block, ctx: Context) -> Section:
    return _quality_log(ctx, tables.corrections(ctx.load), "corrections", "correction", spec.CORRECTIONS)


def open_questions(b: spec.Block, ctx: Context) -> Section:
    return _quality_log(ctx, tables.open_questions(ctx.load), "open-questions", "open-question", spec.OPEN_QUESTIONS)


def columns(b: spec.Block, ctx: Context) -> Columns:
    return Columns(b.opts["widths"], b.parts)


CONTENT: dict[str, Callable[[spec.Block, Context], object]] = {
    "heading": heading,
    "article-picker": article_picker,
    "byline": byline,
    "story": story_,
    "metrics": metrics,
    "links": links,
    "freshness": freshness,
    "changes": changes,
    "derived-note": derived_note,
    "later-outcomes": later_outcomes,
    "article": article,
    "quality-counts": quality_counts,
    "downloads": downloads,
    "method": method,
    "chart": chart,
    "table": table,
    "columns": columns,
    "sources-intro": sources_intro,
    "as-of-method": as_of_method,
    "derived-method": derived_method,
    "source-groups": source_groups,
    "corrections": corrections,
    "open-questions": open_questions,
}


def content(b: spec.Block, ctx: Context):
    """What one block shows (None: nothing to show here)."""
    return CONTENT[b.kind](b, ctx)
