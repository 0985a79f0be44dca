"""Every page of the dashboard, declared once: its address, its name, its icon and the blocks it shows, in order.

What each block holds is worked out once, by its kind's content function in ``dashboard.blocks``; the renderers
only draw it: ``dashboard.streamlit_page`` (the app; ``pages/*.py`` call it) and ``dashboard.site`` (the static
copy). The chart counts in the tests and benchmarks, and the export's chart list, come from here
too. Words are keys into ``words.toml``; numbers, names and dates come from the tables when a page is drawn.

Block kinds: ``chart`` (a chart id from ``dashboard.figures``), ``table`` (a view id from
``dashboard.tables``), ``heading``, ``article-picker`` (which article a page is about; the static site shows the
newest, or every article), ``byline``, ``story``, ``metrics``, ``links``, ``freshness``, ``changes``,
``derived-note``, ``later-outcomes``, ``article``, ``quality-counts``, ``downloads``, ``method``, ``columns``,
the Sources page's ``sources-intro``, ``as-of-method``, ``derived-method``, ``source-groups``, ``corrections``,
``open-questions``, ``glossary`` (each acronym and legal or Senate term, spelled out), ``reports-intro`` and
``reports`` (who reported what: ``dashboard.reports``),
and ``slot``: an interactive widget only the app draws, supplied by the page file (a picker and what it shows).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dashboard.words import say

APP = "app"
SITE = "site"
BOTH = (APP, SITE)


@dataclass(frozen=True)
class State:
    """A view argument taken from the page's state (a choice made in a slot); the static site leaves it out.
    ``default``: what the app's page opens on before any choice (``None``: the argument is left out)."""

    name: str
    default: object = None


@dataclass(frozen=True)
class Block:
    kind: str
    ref: str = ""  # chart id, table view id, words key or slot name
    view: dict = field(default_factory=dict)  # arguments for the chart or table view; values may be State(...)
    opts: dict = field(default_factory=dict)  # how it is shown: title, expander, csv name
    on: tuple[str, ...] = BOTH  # which renderers draw it
    parts: tuple[tuple[Block, ...], ...] = ()  # for columns


def chart(chart_id: str, **view) -> Block:
    """A chart from ``dashboard.figures``; each renderer builds it for the width of the box it lands in."""
    return Block("chart", chart_id, view)


def table(view_id: str, *, title: str = "", expander: str = "", csv: str = "", fit: bool = False, **view) -> Block:
    """A table view. ``title``/``expander``: words keys (the app folds it into an expander); ``csv``: the key of the
    download's file name in ``[csv]`` of the words, filled with the page's facts and state (the app offers it);
    ``fit``: drawn to the width of its column (its text wraps) rather than scrolling sideways."""
    return Block("table", view_id, view, {"title": title, "expander": expander, "csv": csv, "fit": fit})


def block(kind: str, ref: str = "", *, on: tuple[str, ...] = BOTH) -> Block:
    return Block(kind, ref, on=on)


def slot(name: str) -> Block:
    return Block("slot", name, on=(APP,))


def columns(widths: tuple[int, ...], *parts: tuple[Block, ...]) -> Block:
    return Block("columns", opts={"widths": widths}, parts=parts)


@dataclass(frozen=True)
class Page:
    slug: str  # the app's url path; the static site's file name (the default page is index.html)
    icon: str
    blocks: tuple[Block, ...]
    default: bool = False

    @property
    def title(self) -> str:
        return say(f"pages.{self.slug}.nav")

    @property
    def file(self) -> str:
        return f"pages/{self.slug}.py"  # named by its address: see dashboard/boot.py

    @property
    def url(self) -> str:
        """The path a browser opens in the app ('' for the default page)."""
        return "" if self.default else self.slug

    @property
    def site_file(self) -> str:
        return "index.html" if self.default else f"{self.slug}.html"


PAGES: tuple[Page, ...] = (
    Page(
        "overview",
        ":material/dashboard:",
        (
            block("article-picker", on=(APP,)),
            block("heading"),
            block("byline"),
            block("story"),
            block("metrics"),
            columns(
                (3, 2),
                (chart("map", compact=True),),
                (block("links"), block("changes", on=(APP,))),
            ),
        ),
        default=True,
    ),
    Page(
        "map",
        ":material/map:",
        (
            block("heading"),
            slot("show"),
            chart("map", show=State("show", "all")),
            table("cities", expander="blocks.cities-table", csv="cities", show=State("show", "all")),
            slot("city"),
        ),
    ),
    Page(
        "senate-vote",
        ":material/how_to_vote:",
        (
            block("heading"),
            block("derived-note"),
            slot("find"),
            chart("senate-seats", senators=State("senators", frozenset())),
            chart("senate-tally"),
            block("later-outcomes"),
            chart("senate-states", state=State("state")),
            table("positions", expander="blocks.positions-table", csv="positions"),
        ),
    ),
    Page(
        "timeline",
        ":material/timeline:",
        (
            block("heading"),
            slot("event"),
            chart("timeline", event=State("event")),
            table("events", expander="blocks.events-table", csv="events"),
        ),
    ),
    Page(
        "article",
        ":material/article:",
        (
            block("heading"),
            block("article-picker", on=(APP,)),
            block("byline"),
            slot("entity"),
            columns(
                (1, 1),  # the figures' table beside the article fits its half at 1400 px
                (block("article"),),
                (slot("detail"), table("figures", title="blocks.figures-table", fit=True, article=State("article"))),
            ),
            block("quality-counts"),
            table("quality", title="blocks.quality-table", fit=True),  # its messages wrap within the page at 1400 px
            block("downloads"),
            block("freshness", on=(APP,)),  # each article's fingerprint (SHA-256), also in the data package
            block("method", on=(APP,)),
        ),
    ),
    Page(
        "reports",
        ":material/fact_check:",
        (
            block("heading"),
            block("reports-intro"),
            slot("only"),
            Block("reports", view={"only": State("only", False)}),
            chart("reports"),  # the grid as a picture: the share box and the PNG card
        ),
    ),
    Page(
        "sources",
        ":material/menu_book:",
        (
            block("heading"),
            block("sources-intro"),
            block("confidence-words"),
            block("glossary"),
            block("as-of-method"),
            block("derived-method"),
            block("source-groups"),
            block("unresolved-people"),
            block("corrections"),
            block("open-questions"),
        ),
    ),
)

# The Sources and method page, and the anchors other pages link to (each reference group is an anchor too).
SOURCES, AS_OF, DERIVED, CORRECTIONS, OPEN_QUESTIONS = "sources", "as-of", "derived", "corrections", "open-questions"
CONFIDENCE, UNRESOLVED, GLOSSARY = "confidence", "named-not-in-reference", "glossary"


def page(slug: str) -> Page:
    return next(p for p in PAGES if p.slug == slug)


def walk(blocks: tuple[Block, ...]):
    """Every block, columns opened, in reading order."""
    for b in blocks:
        if b.kind == "columns":
            for part in b.parts:
                yield from walk(part)
        else:
            yield b


def chart_count(slug: str, renderer: str = APP) -> int:
    """How many charts a page draws (what the browser tests and benchmarks wait for)."""
    return sum(1 for b in walk(page(slug).blocks) if b.kind == "chart" and renderer in b.on)


def chart_ids() -> list[str]:
    """Every chart the pages show, in page order, once each (what the export renders)."""
    return list(dict.fromkeys(b.ref for p in PAGES for b in walk(p.blocks) if b.kind == "chart"))
