"""What each block of ``dashboard.spec`` holds, worked out once for every renderer.

One content function per block kind (``CONTENT``): it reads the tables and the words and returns plain data
(headings, lines, links with their targets, a table's title and frame, a chart's id and view). The renderers
(``dashboard.streamlit_page`` for the app, ``dashboard.site`` for the static copy) only draw what it returns:
state filtering, headings, link labels and table titles are decided here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from dataclasses import replace as dataclasses_replace

import pandas as pd

from contract.tables import TABLES
from dashboard import figures, fmt, gloss, markup, reports, shown, spec, story, tables
from dashboard.meta import Meta
from dashboard.shown import Link
from dashboard.words import UnknownCode, say, section, term

Loader = Callable[[str], pd.DataFrame]


@dataclass
class Context:
    """What a page's blocks share: the loader, the article they are about, the state the app's slots set (empty on
    the static site), and whether the page shows every article at once (the static site has no picker)."""

    page: spec.Page
    load: Loader
    meta: Meta | None = None
    state: dict = field(default_factory=dict)
    static: bool = False  # the static site: no picker, every article on the article page, the data's date in the byline
    fresh: Callable[[], dict] | None = None  # the app's data freshness (reader.freshness of the pinned snapshot)
    refresh: Callable[[], dict | None] | None = None  # the app's last recorded refresh
    gloss: gloss.Gloss = field(default_factory=gloss.Gloss)  # the terms this page has spelled out so far

    @property
    def article(self) -> str:
        """The article a block is about: the one picked, or the newest."""
        return self.state.get("article") or str(tables.article(self.load("articles"))["article_id"])

    @property
    def facts(self) -> dict:
        return tables.facts(self.load, self.state.get("article"))


# ---- what the content functions return ------------------------------------------------------------------------


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
class Download:
    """One table of the package as CSV: its name in the data (the file the static site holds), its title for a
    reader and the name its download is saved under."""

    table: str
    title: str
    file: str


@dataclass(frozen=True)
class Downloads:
    title: str
    tables: list[Download]
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
    data_as_of: str  # the data's date in words (its hash stays in the data package)
    hashes: dict[str, str]  # the article's headline ('' when it is the only one) -> its SHA-256


@dataclass(frozen=True)
class Changes:
    title: str
    caption: str
    table: Table | None


@dataclass(frozen=True)
class Chart:
    chart_id: str
    view: dict  # the view arguments, each State replaced by the slot's choice (left out when unset)
    alt: str


@dataclass(frozen=True)
class Table:
    view_id: str
    frame: pd.DataFrame  # the view's rows with the data's codes: what its CSV download holds
    shown: pd.DataFrame  # the same rows as a reader reads them: words, and cells that are links (shown.Link)
    title: str  # '' when the table has none
    folded: bool  # the app folds it into an expander titled ``title``
    label: str  # the accessible name of its scrolling box
    csv_name: str  # the download's file name without '.csv' ('' when none is offered)
    fit: bool = False  # drawn to its column's width, its text wrapping (a table in a narrow column)

    @property
    def headers(self) -> dict[str, str]:
        return shown.headers(self.view_id, self.shown)


def table_of(view_id: str, frame: pd.DataFrame, load: Loader, label: str, title: str = "", csv: str = "") -> Table:
    """A view's rows as a table on screen (``dashboard.shown``), not folded."""
    return Table(view_id, frame, shown.shown(view_id, frame, load), title, False, label, csv)


@dataclass(frozen=True)
class Grid:
    """Who reported what (``dashboard.reports``): the facts against the reports, each cell's link to its sentence
    on the Article page, and whether only the disagreements are shown (the app's toggle)."""

    matrix: reports.Matrix
    links: dict  # (fact key, report id) -> Link
    only: bool = False


@dataclass(frozen=True)
class Columns:
    widths: tuple[int, ...]
    parts: tuple[tuple[spec.Block, ...], ...]


# ---- one content function per block kind -----------------------------------------------------------------------

ContentFn = Callable[[spec.Block, Context], object]
CONTENT: dict[str, ContentFn] = {}  # block kind -> its content function (each registers itself with @kind)


def kind(name: str) -> Callable[[ContentFn], ContentFn]:
    """Register a content function for a block kind of the spec. The renderers draw what it returns by its type
    (``streamlit_page.show``, ``site.template_blocks``), so a new kind needs nothing more unless its content is a
    new type, which every renderer then needs a drawer for (``tests/test_contract.py`` checks both)."""

    def register(fn: ContentFn) -> ContentFn:
        if name in CONTENT:
            raise ValueError(f"block kind {name!r} has two content functions")
        CONTENT[name] = fn
        return fn

    return register


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


def every_report(ctx: Context) -> bool:
    """The default page (the overview) tells every report's story until a reader picks one article; with one
    article in the data, that article's story is every report's, and the page is its reading."""
    return ctx.page.default and not ctx.state.get("article") and tables.several(ctx.load)


@kind("heading")
def heading(b: spec.Block, ctx: Context) -> Text:
    key = f"pages.{ctx.page.slug}.heading" + ("-all" if every_report(ctx) else "")
    return Text("heading", say(key, **ctx.facts))


@kind("article-picker")
def article_picker(b: spec.Block, ctx: Context) -> Picker | None:
    """Which article; the overview opens on none (every report's story, ``every_report``)."""
    labels = tables.article_labels(ctx.load("articles"))
    if len(labels) < 2:
        return None
    return Picker("article", labels, "" if ctx.page.default else next(iter(labels)))


def sources_link(anchor: str, label: str = "") -> Link:
    """A link to a part of the Sources and method page (``spec.SOURCES``)."""
    return Link(label or say("sources.see"), page=spec.page(spec.SOURCES), anchor=anchor)


@kind("byline")
def byline(b: spec.Block, ctx: Context) -> Text:
    """The article's byline; an inferred as-of date says so, with how it was inferred one tap away. The overview's,
    before an article is picked: whose story it tells, and the newest report, a link to its Article page."""
    if every_report(ctx):
        return _byline_all(ctx)
    text = story.byline(ctx.load("articles"), ctx.article)
    if ctx.static and ctx.meta is not None:
        text += " " + say("blocks.static-copy", data_as_of=ctx.meta.data_as_of_human)
    inferred = bool(tables.article(ctx.load("articles"), ctx.article)["as_of_inferred"])
    return Text("byline", text, (sources_link(spec.AS_OF, say("story.as-of-how")),) if inferred else ())


def _byline_all(ctx: Context) -> Text:
    articles = ctx.load("articles")
    text = story.byline_all(articles)
    if ctx.static and ctx.meta is not None:
        text += " " + say("blocks.static-copy", data_as_of=ctx.meta.data_as_of_human)
    newest, label = story.latest(articles)
    sentences = ctx.load("sentences")
    first = sentences.loc[sentences["article_id"] == newest, "sentence_id"].min()
    link = shown.Reader(ctx.load).sentence(newest, first, label)
    return Text("byline", text, (dataclasses_replace(link, query=(("article", newest),)),))


@kind("story")
def story_(b: spec.Block, ctx: Context) -> Lines:
    article = None if every_report(ctx) else ctx.article
    return Lines(story.story(ctx.load("events"), ctx.load("claims"), article))


@kind("metrics")
def metrics(b: spec.Block, ctx: Context) -> Metrics:
    article = None if every_report(ctx) else ctx.article
    return Metrics(story.metrics(ctx.load, article, shown.Reader(ctx.load).source_words))


@kind("links")
def links(b: spec.Block, ctx: Context) -> Links:
    """Every other page but the default one, labelled with the page's facts."""
    facts = ctx.facts
    shown = [p for p in spec.PAGES if p is not ctx.page and not p.default]
    return Links(say("blocks.go-deeper"), [Link(say(f"links.{p.slug}", **facts), page=p, icon=p.icon) for p in shown])


@kind("freshness")
def freshness(b: spec.Block, ctx: Context) -> Freshness:
    fresh = ctx.fresh()
    titles = dict(zip(ctx.load("articles")["article_id"], ctx.load("articles")["title"], strict=True))
    hashes = {(titles[a] if len(titles) > 1 else ""): sha for a, sha in fresh["article_sha256"].items()}
    return Freshness(say("blocks.freshness"), fresh["written"], ctx.meta.data_as_of_human if ctx.meta else "", hashes)


@kind("changes")
def changes(b: spec.Block, ctx: Context) -> Changes:
    refresh = ctx.refresh()
    if refresh is None:
        return Changes(say("blocks.changes"), say("blocks.changes-none"), None)
    when = f"{refresh['finished_at']:%Y-%m-%d %H:%M UTC}"
    frame = tables.changes(refresh["changes"])
    return Changes(
        say("blocks.changes"),
        say("blocks.changes-when", when=when),
        table_of("changes", frame, ctx.load, say("blocks.changes")),
    )


@kind("derived-note")
def derived_note(b: spec.Block, ctx: Context) -> Text | None:
    note = story.derived_note(ctx.load)
    return Text("note", note, (sources_link(spec.DERIVED, say("sources.derived")),)) if note else None


@kind("later-outcomes")
def later_outcomes(b: spec.Block, ctx: Context) -> Lines:
    """Each later vote in a line; its note says what stays unconfirmed, which the Sources page's open questions
    list, one tap away."""
    lines = story.later_outcomes(ctx.load("votes"))
    return Lines(lines, (sources_link(spec.OPEN_QUESTIONS, say("sources.open-questions")),) if lines else ())


@kind("article")
def article(b: spec.Block, ctx: Context) -> ArticleText:
    """The app shows the article picked, its chosen entity outlined and the sentence a link opened it at marked; the
    static site every article, newest first, each under its as-of date and headline when there are several. Each
    sentence is a span a "sentence 7" link points at (``shown.sentence_anchor``)."""
    if not ctx.static:
        article_id = ctx.article
        html = markup.one_article(
            ctx.load,
            article_id,
            ctx.state.get("entity"),
            ctx.state.get("sentence"),
            _anchors(article_id),
        )
        return ArticleText(markup.legend(ctx.load("entities")), [("", html)])
    labels = tables.article_labels(ctx.load("articles"))
    return ArticleText(
        markup.legend(ctx.load("entities")),
        [
            (
                label if len(labels) > 1 else "",
                markup.one_article(ctx.load, a, anchor=lambda s, a=a: shown.sentence_anchor(a, s)),
            )
            for a, label in labels.items()
        ],
    )


def _anchors(article_id: str) -> Callable[[str], str]:
    return lambda sentence_id: shown.sentence_anchor(article_id, sentence_id)


@kind("quality-counts")
def quality_counts(b: spec.Block, ctx: Context) -> Text:
    links = (
        sources_link(spec.CORRECTIONS, say("sources.corrections")),
        sources_link(spec.OPEN_QUESTIONS, say("sources.open-questions")),
    )
    return Text("caption", story.quality_counts(ctx.load), links)


@kind("downloads")
def downloads(b: spec.Block, ctx: Context) -> Downloads:
    data_as_of = ctx.meta.data_as_of if ctx.meta is not None else ""
    return Downloads(
        say("blocks.downloads"),
        [Download(t, term(f"tables.{t}", "title"), term(f"tables.{t}", "file")) for t in TABLES],
        say("blocks.downloads-csv"),
        say("blocks.downloads-zip"),
        say("blocks.downloads-zip-file", data_as_of=data_as_of),
        say("blocks.downloads-datapackage"),
    )


@kind("method")
def method(b: spec.Block, ctx: Context) -> Prose:
    return Prose(say("blocks.method"), say("blocks.method-text"), (sources_link(""),))


@kind("chart")
def chart(b: spec.Block, ctx: Context) -> Chart:
    return Chart(b.ref, resolve(b.view, ctx.state), figures.CHARTS[b.ref].alt(ctx.load))


@kind("table")
def table(b: spec.Block, ctx: Context) -> Table:
    frame = tables.VIEWS[b.ref](ctx.load, **resolve(b.view, ctx.state))
    key = b.opts.get("title") or b.opts.get("expander")
    title = _count_title(key, frame, several=_several(ctx)) if key else ""
    csv = b.opts.get("csv")
    return Table(
        b.ref,
        frame,
        shown.shown(b.ref, frame, ctx.load),
        title,
        folded=bool(b.opts.get("expander")),
        label=title or say(f"pages.{ctx.page.slug}.nav"),
        csv_name=shown.csv_name(csv, ctx.facts, ctx.state) if csv else "",
        fit=bool(b.opts.get("fit")),
    )


def _count_title(key: str, frame: pd.DataFrame, several: bool = False) -> str:
    """A table's title with its count; an expected event is counted apart from the events (``<key>-expected``),
    with several reports as the reports' (``<key>-expected-several``)."""
    expected = int((frame["status"] == "expected").sum()) if "status" in frame else 0
    parent, _, name = key.rpartition(".")
    if expected and f"{name}-expected" in section(parent):
        if several and f"{name}-expected-several" in section(parent):
            return say(f"{key}-expected-several", n=len(frame) - expected, n_expected=expected)
        return say(f"{key}-expected", n=len(frame) - expected, n_expected=expected)
    return say(key, n=len(frame))


def _source(source: str, r: shown.Reader) -> Piece:
    """'Source: <who publishes it>', linked to the page; a sentence of an article linked to that sentence."""
    where = r.source(source)
    if isinstance(where, Link):
        return Link(fmt.source_line(where.label), where.page, where.anchor, where.url, query=where.query)
    return fmt.source_line(where)


@kind("sources-intro")
def sources_intro(b: spec.Block, ctx: Context) -> Lines:
    """Where the facts come from: the article, or, with several, the reports, and the cited sources."""
    return Lines([say("sources.intro-several" if _several(ctx) else "sources.intro")])


def _several(ctx: Context) -> bool:
    """The data holds several articles (the pages' reports): a list of all of them speaks of the reports."""
    return tables.several(ctx.load)


@kind("confidence-words")
def confidence_words(b: spec.Block, ctx: Context) -> Section:
    """Each confidence word a fact may carry, with what it means."""
    items = [
        [say("sources.confidence-word", word=term("terms.confidence", c), meaning=term("terms.confidence-meaning", c))]
        for c in section("terms.confidence")
    ]
    return Section(say("sources.confidence-title"), spec.CONFIDENCE, items=items)


@kind("glossary")
def glossary(b: spec.Block, ctx: Context) -> Section:
    """Each acronym and legal or Senate term the pages spell out at its first use (``dashboard.gloss``), together."""
    items = [[t.first(t.written)] for t in gloss.terms()]
    return Section(say("glossary-list.title"), spec.GLOSSARY, paragraphs=[[say("glossary-list.intro")]], items=items)


@kind("as-of-method")
def as_of_method(b: spec.Block, ctx: Context) -> Section:
    """Each article's as-of date: how it was inferred, or that the article prints it."""
    articles = tables.newest_first(ctx.load("articles"))
    lines = []
    for a in articles.itertuples():
        line = (
            say("sources.as-of-inferred", date=fmt.as_of(a.as_of, True), method=a.as_of_method)
            if a.as_of_inferred
            else say("sources.as-of-printed", date=fmt.day(a.as_of))
        )
        lines.append([say("sources.as-of-article", title=a.title) + line if len(articles) > 1 else line])
    return Section(say("sources.as-of"), spec.AS_OF, paragraphs=lines)


@kind("derived-method")
def derived_method(b: spec.Block, ctx: Context) -> Section:
    """What "derived" means for the per-senator positions, with the pages the data cites for them: the vote's own
    sources (its tally, the party-line record, the roster of senators) and the positions' sources (the roster's
    page among them, where the data gives it)."""
    r = shown.Reader(ctx.load)
    vote = tables.article_vote(ctx.load("votes"))
    sources = ctx.load("sources")
    cite_vote = sources[
        (sources["group"] == "votes")
        & sources["cited_by"].str.split(" | ", regex=False).map(lambda ids: vote["vote_id"] in ids)
    ]
    positions = tables.article_positions(ctx.load)
    roster = list(positions["roster_source"]) if "roster_source" in positions else []
    urls = [vote["source"], *cite_vote["url"], *positions["source"], *roster]
    links = [_source(u, r) for u in dict.fromkeys(urls) if isinstance(u, str) and u]
    return Section(
        say("sources.derived"),
        spec.DERIVED,
        paragraphs=[[say("sources.derived-text")], [say("sources.derived-cited")]],
        items=[[link] for link in links],
    )


def _named(group: str, ids: list[str], load: Loader) -> list[str] | None:
    """The rows of a reference file that cite a page, in readers' words: an event by its title, a vote by what it
    decided (its motion: a cloture or a confirmation), its nominee and date, a person or organisation by name, a site
    by its city, an open question by its topic. None where the data has no words for them (the page then says how
    many rows cite it)."""
    if group == "events":
        titles = dict(zip(load("events")["event_id"], load("events")["title"], strict=True))
        return [titles[i] for i in ids] if all(i in titles for i in ids) else None
    if group == "votes":
        votes = load("votes").set_index("vote_id")
        if not all(i in votes.index for i in ids):
            return None
        return [
            say(
                "sources.a-vote",
                motion=term("sources.motions", votes.loc[i, "motion"]),
                nominee=votes.loc[i, "nominee_name"],
                date=fmt.day(votes.loc[i, "date"]),
            )
            for i in ids
        ]
    if group == "open_questions":  # an open question by its topic (its words are under Open questions)
        kinds = dict(zip(load("data_quality")["check_id"], load("data_quality")["kind"], strict=True))
        return [shown.quality_kind(kinds[i]) for i in ids] if all(i in kinds for i in ids) else None
    if group in ("entities", "roles"):
        names = dict(zip(load("entities")["entity_id"], load("entities")["name"], strict=True))
        keys = [i.split("/", 1) for i in ids]
        if not all(k[0] in names for k in keys):
            return None
        return [", ".join([names[k[0]], *k[1:]]) for k in keys]
    if group == "psp_sites_2017":
        return [i.replace("/", ", ") for i in ids]
    if group == "corrections":  # article/kind/surface: what was checked, and the words concerned
        keys = [i.split("/", 2) for i in ids]
        return [f"{shown.quality_kind(k[1])}: {shown.quoted(k[2])}" for k in keys]
    return None


def _cited(row, load: Loader) -> str:
    ids = [i for i in str(row.cited_by).split(" | ") if i]
    names = _named(row.group, ids, load) if len(ids) <= 4 else None
    if names is None:
        return say("sources.cited-for-many", n=row.n_rows) if row.n_rows > 1 else say("sources.cited-for-one")
    return say("sources.cited-for", names="; ".join(names))


def _confidence(words) -> str:
    """The confidence of the rows citing a page ("confirmed, derived" in the data), in words; '' when none."""
    if not isinstance(words, str) or not words:
        return ""
    return say("sources.confidence", words=", ".join(term("terms.confidence", w.strip()) for w in words.split(",")))


@kind("source-groups")
def source_groups(b: spec.Block, ctx: Context) -> Section:
    """Every cited page, one part per reference file or data set (in the order of ``words.toml``; a group without
    words there fails rather than show its file name), each page a link with who publishes it, its kind, the
    confidence of the rows citing it and which rows they are."""
    frame = ctx.load("sources")
    named = section("sources.group")
    unknown = sorted(set(frame["group"]) - set(named))
    if unknown:
        raise UnknownCode(f"words.toml has no [sources.group.*] for {unknown}")
    parts = []
    for group in [g for g in named if g in set(frame["group"])]:
        rows = frame[frame["group"] == group].sort_values("url")
        words = named[group]
        items = [
            [
                Link(r.url, url=r.url),
                " — "
                + say(
                    "sources.item",
                    site=r.site,
                    kind=term("terms.source-kind", r.kind),
                    confidence=_confidence(r.confidence),
                    cited=_cited(r, ctx.load),
                ),
            ]
            for r in rows.itertuples()
        ]
        about = [[words["about"]]] if words["about"] else []
        parts.append(Section(words["title"], group, paragraphs=about, items=items))
    return Section(say("sources.groups"), "groups", parts=parts)


@kind("unresolved-people")
def unresolved_people(b: spec.Block, ctx: Context) -> Section | None:
    """People an article names whom the reference does not hold (``entities.resolved`` false): listed, never
    dropped and never matched to someone else, each with where the article names them."""
    entities = ctx.load("entities")
    if "resolved" not in entities:  # data written before the reference could leave a person unresolved
        return None
    people = entities[~entities["resolved"].astype(bool)].sort_values("name")
    if people.empty:
        return None
    r = shown.Reader(ctx.load)
    mentions = ctx.load("mentions")
    items = []
    for p in people.itertuples():
        where = mentions[mentions["entity_id"] == p.entity_id].sort_values(["article_id", "start"])
        links = [r.sentence(m.article_id, m.sentence_id, r.source_words(m.source)) for m in where.itertuples()]
        items.append([say("sources.unresolved-person", name=p.name), *(x for link in links for x in (" ", link))])
    heading = say("sources.unresolved-several" if _several(ctx) else "sources.unresolved")
    return Section(heading, spec.UNRESOLVED, [[say("sources.unresolved-intro")]], items)


def _quality_log(ctx: Context, rows: pd.DataFrame, words: str, item: str, anchor: str) -> Section:
    """A list of data-quality rows, each in the words of ``sources.<item>`` (filled from the row) and its source;
    its intro, with several reports, in the words of ``sources.<words>-intro-several`` where there are some."""
    r = shown.Reader(ctx.load)
    items = [[say(f"sources.{item}", **row._asdict()), " ", _source(row.source, r)] for row in rows.itertuples()]
    intro = f"{words}-intro-several" if _several(ctx) and f"{words}-intro-several" in section("sources") else None
    return Section(say(f"sources.{words}"), anchor, [[say(f"sources.{intro or words + '-intro'}")]], items)


@kind("corrections")
def corrections(b: spec.Block, ctx: Context) -> Section:
    return _quality_log(ctx, tables.corrections(ctx.load), "corrections", "correction", spec.CORRECTIONS)


@kind("open-questions")
def open_questions(b: spec.Block, ctx: Context) -> Section:
    return _quality_log(ctx, tables.open_questions(ctx.load), "open-questions", "open-question", spec.OPEN_QUESTIONS)


@kind("reports-intro")
def reports_intro(b: spec.Block, ctx: Context) -> Lines:
    return Lines([say("reports.intro")])


@kind("reports")
def reports_grid(b: spec.Block, ctx: Context) -> Grid:
    """Every fact against every report; the app's toggle keeps the facts and reports with a disagreement."""
    m = reports.matrix(ctx.load)
    r = shown.Reader(ctx.load)
    links = {k: r.sentence(c.article_id, c.sentence_id) for k, c in m.cells.items()}
    only = bool(resolve(b.view, ctx.state).get("only"))
    return Grid(m.only_disagreements() if only else m, links, only)


@kind("columns")
def columns(b: spec.Block, ctx: Context) -> Columns:
    return Columns(b.opts["widths"], b.parts)


def content(b: spec.Block, ctx: Context):
    """What one block shows (None: nothing to show here)."""
    return CONTENT[b.kind](b, ctx)


def glossed(shown, ctx: Context):
    """A block's content as the page shows it: each term spelled out at its first use on the page
    (``dashboard.gloss``). Applied as the page is drawn, in reading order, after any cache of the content."""
    if ctx.gloss.articles is None:
        ctx.gloss.articles = tuple(ctx.load("articles")["text"])
    return gloss.content(shown, ctx.gloss)
