"""What a reader sees of the data: every code in words (``words.term``), a sentence as a link to it on the Article
page ("sentence 7"), a source as a link named by who publishes it, an article by its headline, yes or no for a
true or false; and each table view of ``dashboard.tables`` as the rows a reader reads (:data:`SHOWN`).

Shared by every renderer: a cell is text or a :class:`Link`, which each renderer turns into its own address. The
data package and the downloads keep the codes (the README's data dictionary explains them).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard import fmt, spec, tables
from dashboard.words import say, section, term

Loader = Callable[[str], pd.DataFrame]


@dataclass(frozen=True)
class Link:
    """A link to a page of the spec (``page``, optionally an ``anchor`` on it) or to an outside ``url``. ``query``:
    the view of the page it opens in the app (its URL parameters, in readers' words); the static site, whose pages
    have no views, goes to the ``anchor``."""

    label: str
    page: spec.Page | None = None
    anchor: str = ""
    url: str = ""
    icon: str = ""
    query: tuple[tuple[str, str], ...] = ()


def sentence_number(sentence_id: str) -> int:
    return int(re.sub(r"\D", "", str(sentence_id)))


def sentence_anchor(article_id: str, sentence_id: str) -> str:
    """The id of a sentence on the Article page (unique when the static page holds every article)."""
    return f"sentence-{article_id}-{sentence_number(sentence_id)}"


class Reader(tables.Words):
    """A page's data in a reader's words (``tables.Words``), with links: a sentence to its place on the Article
    page, a cited page to itself."""

    def sentence(self, article_id: str, sentence_id: str, label: str = "") -> Link:
        """A link to one sentence on the Article page: in the app, the page opened at that sentence (the article
        named too when there are several); on the static site, the sentence's place on the page."""
        n = sentence_number(sentence_id)
        query = (("sentence", str(n)),) + ((("article", article_id),) if self.several else ())
        return Link(
            label or fmt.sentence(sentence_id),
            page=spec.page("article"),
            anchor=sentence_anchor(article_id, sentence_id),
            query=query,
        )

    def source(self, source) -> Link | str:
        """Where a row comes from, as a link: a sentence of an article ("the article, paragraph 4, sentence 7"), or
        a web page named by who publishes it. Empty for no source."""
        words = super().source(source)
        if not words:
            return ""
        if source in self.spans:
            article_id, sentence_id, _ = self.spans[source]
            return self.sentence(article_id, sentence_id, words)
        return Link(words, url=source)

    def source_words(self, source) -> str:
        """The same, as plain text (a hover, a metric's help)."""
        return tables.Words.source(self, source)


def quoted(text) -> str:
    """The article's words as written, in quotation marks; '' for none."""
    return say("blocks.quoted", text=text) if isinstance(text, str) and text else ""


def yes_no(value) -> str:
    return term("terms.yes-no", bool(value))


def _sentence_cells(frame: pd.DataFrame, r: Reader) -> list[Link | str]:
    return [
        r.sentence(a, s) if isinstance(a, str) and isinstance(s, str) else ""
        for a, s in zip(frame["article_id"], frame["sentence_id"], strict=True)
    ]


def _titles(frame: pd.DataFrame, r: Reader) -> list[str]:
    return [r.title(a) if isinstance(a, str) else "" for a in frame["article_id"]]


def _count(v) -> str:
    return "" if pd.isna(v) else f"{int(v):,}"


# ---- each table view of dashboard.tables, as a reader reads it --------------------------------------------------


def cities(frame: pd.DataFrame, r: Reader) -> pd.DataFrame:
    load = r.load
    return pd.DataFrame(
        {
            "name": frame["name"],
            "state": frame["state"],
            "status": [tables.status_words(row, load) for _, row in frame.iterrows()],
            "site": [tables.site_words(row, load) for _, row in frame.iterrows()],
            "population": frame["population"].map(_count),  # its source, in full, once: on the Sources page
            "lat": frame["lat"],
            "lon": frame["lon"],
            "source": frame["source"].map(r.source),
            "articles": frame["articles"],
            "article_sentence": frame["article_sentence"].map(quoted),
        }
    )


def events(frame: pd.DataFrame, r: Reader) -> pd.DataFrame:
    """The events; with several articles, a phase is counted from the newest report's as-of date, and says so."""
    phases = "terms.phase-several" if r.several else "terms.phase"
    return pd.DataFrame(
        {
            "when": frame["when"],
            "title": frame["title"],
            "category": frame["category"].map(lambda c: term("lanes", c)),
            "in_article": frame["in_article"].map(yes_no),
            "articles": frame["articles"],
            "surface": frame["surface"].map(quoted),
            "sentence": _sentence_cells(frame, r),
            "status": frame["status"].map(lambda s: term("terms.event-status", s)),
            "phase": frame["phase"].map(lambda s: term(phases, s)),
            "source": frame["source"].map(r.source),
            "confidence": frame["confidence"].map(lambda c: term("terms.confidence", c)),
        }
    )


def _reads(row, inferred: bool = False) -> str:
    """What a figure was read as: a count of its unit, a tally, a date at its precision. A date the article does not
    print whole ("Thursday", "June"), read against an as-of date that is itself inferred (``inferred``), says so."""
    kind, value, unit = row["kind"], row["value"], row["unit"]
    if kind == "count":
        n = int(float(value))
        return say("blocks.reads-count", n=n, unit=counted(unit, n))
    if kind == "vote_tally":
        yea, nay = str(value).split("-")
        return say("blocks.reads-tally", yea=yea, nay=nay)
    if kind == "date_expected" or not isinstance(value, str):
        return say("blocks.reads-expected")
    shown = fmt.day(value) if unit == "day" else fmt.month(value)
    relative = value[:4] not in str(row["surface"])  # its year is not written: read against the as-of date
    return say("charts.credit.inferred", date=shown) if inferred and relative else shown


def counted(unit: str, n: int = 2) -> str:
    """A count's noun, in the plural unless the count is one ("1 set", "2 seats"). The unit is the article's own noun,
    singular and lower case ("seat", "republican"), so any noun may come: ``terms.unit`` and ``terms.unit-one`` give
    the words where the plain form is wrong or a capital is due, and any other noun is written as it stands."""
    if n == 1:
        return section("terms.unit-one").get(unit, unit)
    words = section("terms.unit")
    if unit in words:
        return words[unit]
    return unit[:-1] + "ies" if unit.endswith("y") and unit[-2:-1] not in "aeiou" else unit + "s"


def figures(frame: pd.DataFrame, r: Reader) -> pd.DataFrame:
    """Each figure beside the sentence it comes from, in a column beside the article: what it is is plain from what
    it was read as, and the sentence's text is the article's, beside it (its link marks it there), so both stay in
    the CSV only and the table fits its column."""
    inferred = _inferred(r)
    shown = pd.DataFrame(
        {
            "surface": frame["surface"].map(quoted),
            "reads": [_reads(row, row["article_id"] in inferred) for _, row in frame.iterrows()],
            "method": frame["method"],
            "article": _titles(frame, r),
            "sentence": _sentence_cells(frame, r),
        }
    )
    return shown if frame["article_id"].nunique() > 1 else shown.drop(columns="article")


def _inferred(r: Reader) -> set[str]:
    """The articles whose as-of date is inferred (not printed in the article)."""
    articles = r.load("articles")
    return set(articles.loc[articles["as_of_inferred"].astype(bool), "article_id"])


def quality_kind(kind: str) -> str:
    """What a data-quality row checked, in words: an open question copied from the reference names its topic
    (a reference file) in words."""
    if kind.startswith(tables.OPEN_QUESTION):
        topic = kind.removeprefix(tables.OPEN_QUESTION)
        return term("terms.quality-kind", "reference").format(topic=term("terms.reference-topic", topic))
    return term("terms.quality-kind", kind)


def quality(frame: pd.DataFrame, r: Reader) -> pd.DataFrame:
    shown = pd.DataFrame(
        {
            "severity": frame["severity"].map(lambda s: term("terms.severity", s)),
            "kind": frame["kind"].map(quality_kind),
            "surface": frame["surface"].map(quoted),
            "message": frame["message"],
            "resolution": frame["resolution"],
            "article": _titles(frame, r),
            "sentence": _sentence_cells(frame, r),
            "source": frame["source"].map(r.source),
        }
    )
    return shown if frame["article_id"].dropna().nunique() > 1 else shown.drop(columns="article")


def positions(frame: pd.DataFrame, r: Reader) -> pd.DataFrame:
    shown = pd.DataFrame(
        {
            "senator": frame["senator"],
            "party": frame["party"].map(lambda p: term("parties", p)),
            "state": frame["state"],
            "position": frame["position"].map(lambda p: term("charts.positions", p)),
            "derived": frame["derived"].map(lambda d: term("terms.derived", bool(d))),
            "source": frame["source"].map(r.source),
        }
    )
    if "roster_source" in frame:
        shown["roster"] = frame["roster_source"].map(lambda url: Link(say("blocks.roster"), url=url))
    return shown


def changes(frame: pd.DataFrame, r: Reader) -> pd.DataFrame:
    return frame.assign(table=frame["table"].map(lambda t: term(f"tables.{t}", "title")))


def mentions(frame: pd.DataFrame, r: Reader) -> pd.DataFrame:
    """Where the articles name a fact or an entity (``tables.mentions_of``), newest article first."""
    text = tables.sentence_text(r.load("sentences"))
    return pd.DataFrame(
        {
            "as_of": [r.as_of(a) for a in frame["article_id"]],
            "title": _titles(frame, r),
            "sentence": _sentence_cells(frame, r),
            "surface": frame["surface"].map(quoted),
            "text": [text.get(k) for k in zip(frame["article_id"], frame["sentence_id"], strict=True)],
        }
    )


def votes(frame: pd.DataFrame, r: Reader) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": frame["date"].map(fmt.day),
            "nominee": frame["nominee_name"],
            "tally": [say("blocks.tally", yea=y, nay=n) for y, n in zip(frame["yea"], frame["nay"], strict=True)],
            "not_voting": [
                say("blocks.not-voting-unconfirmed") if pd.isna(n) else str(int(n)) for n in frame["not_voting"]
            ],
            "result": frame["result"],
            "source": frame["source"].map(r.source),
        }
    )


def quotes(frame: pd.DataFrame, r: Reader) -> pd.DataFrame:
    names = dict(zip(r.load("entities")["entity_id"], r.load("entities")["name"], strict=True))
    return pd.DataFrame(
        {
            "text": frame["text"].map(quoted),
            "speaker": [names[s] if isinstance(s, str) else "" for s in frame["speaker_entity_id"]],
            "sentence": _sentence_cells(frame, r),
        }
    )


SHOWN: dict[str, Callable[[pd.DataFrame, Reader], pd.DataFrame]] = {  # view id -> its rows in readers' words
    "cities": cities,
    "events": events,
    "figures": figures,
    "quality": quality,
    "positions": positions,
    "changes": changes,
    "mentions": mentions,
    "votes": votes,
    "quotes": quotes,
}


def shown(view_id: str, frame: pd.DataFrame, load: Loader) -> pd.DataFrame:
    """A view's rows as a reader reads them; every column named in ``[columns.<view>]`` of the words. With several
    articles in the data, the rows say so (``attrs["several"]``), for their headers."""
    r = Reader(load)
    out = SHOWN[view_id](frame, r)
    out.attrs["several"] = r.several
    for column in out.columns:
        term(f"columns.{view_id}", column)  # a header with no words fails here, not on screen
    return out


def headers(view_id: str, frame: pd.DataFrame) -> dict[str, str]:
    """A view's column headers. With several articles (rows from ``shown``), a header that speaks of the article
    takes the words for the reports (``[columns.<view>-several]``): what the column holds then."""
    several = section("columns").get(f"{view_id}-several", {}) if frame.attrs.get("several") else {}
    return {c: several.get(c) or term(f"columns.{view_id}", c) for c in frame.columns}


def csv_name(view_id: str, facts: dict, state: dict) -> str:
    """The name of a view's CSV download, in readers' words (``[csv]`` of the words), filled from the page."""
    fields = dict(facts)
    fields["show"] = next(k for k, v in tables.SHOW.items() if v == state.get("show", "all"))
    fields["nominee"] = slug(str(facts["nominee"]))
    return say(f"csv.{view_id}", **fields)


def slug(text: str) -> str:
    """'Marvin Kaplan' -> 'marvin-kaplan', for a file name."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
