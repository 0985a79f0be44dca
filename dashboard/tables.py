"""Tables as readers see them, by id: which rows and columns of ``data/`` each page shows. Shared by the app
and the static site (one definition each); pure pandas, no Streamlit."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property

import pandas as pd

from dashboard import fmt
from dashboard.fmt import when
from dashboard.words import say, term

Loader = Callable[[str], pd.DataFrame]


CONFIRMATION = "confirmation"  # votes.motion of a nomination's confirmation (contract VOTE_MOTIONS)


def count(n: object) -> int | None:
    """A count a table may leave empty (how many senators did not vote, where that is unconfirmed): None, or an int
    (parquet gives a nullable column back as floats)."""
    return None if pd.isna(n) else int(n)  # type: ignore[call-overload]


def in_order(votes: pd.DataFrame) -> pd.DataFrame:
    """The votes by day, a day's cloture before its confirmation (cloture ends the debate the confirmation closes)."""
    last = votes["motion"] == CONFIRMATION
    return votes.assign(_last=last).sort_values(["date", "_last"], kind="mergesort").drop(columns="_last")


def article_vote(votes: pd.DataFrame) -> pd.Series:
    """The confirmation the article reports (the one with positions to draw), else the first on record. A cloture
    vote the article gives as well is not it: who missed that one is unconfirmed, so it has no positions."""
    confirmations = votes[votes["motion"] == CONFIRMATION]
    reported = confirmations[confirmations["in_article"]]
    vote = (reported if len(reported) else confirmations).sort_values("date", kind="mergesort").iloc[0].copy()
    vote["not_voting"] = count(vote["not_voting"])
    return vote


def article_positions(load: Loader) -> pd.DataFrame:
    """Every senator's position on the article's vote."""
    positions = load("vote_positions")
    return positions[positions["vote_id"] == article_vote(load("votes"))["vote_id"]]


def newest_first(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles, the newest (by as-of date) first; ties by id, so the order never depends on the file order."""
    return articles.sort_values(["as_of", "article_id"], ascending=[False, True])


def article(articles: pd.DataFrame, article_id: str | None = None) -> pd.Series:
    """One article's row: the one asked for, or the newest."""
    ordered = newest_first(articles)
    chosen = ordered[ordered["article_id"] == article_id]
    return (chosen if len(chosen) else ordered).iloc[0]


def article_labels(articles: pd.DataFrame) -> dict[str, str]:
    """Article id -> what a picker shows: the as-of date and the headline, newest first."""
    ordered = newest_first(articles)
    return {
        r.article_id: say("pickers.article-label", as_of=fmt.as_of(r.as_of, bool(r.as_of_inferred)), title=r.title)
        for r in ordered.itertuples()
    }


def facts(load: Loader, article_id: str | None = None) -> dict[str, object]:
    """The numbers and names the pages' words are filled with (``{nominee}``, ``{yea}``...), from the tables;
    ``{article_title}`` is the chosen article's headline (the newest when none is chosen)."""
    vote = article_vote(load("votes"))
    status = load("cities")["status"]
    return {
        "article_title": str(article(load("articles"), article_id)["title"]),
        "nominee": vote["nominee_name"],
        "yea": vote["yea"],
        "nay": vote["nay"],
        "tally": vote["article_tally"],
        "vote_id": vote["vote_id"],
        "vote_date": vote["date"],
        "n_excluded": int((status == "excluded").sum()),
        "n_participants": int((status == "participant").sum()),
    }


def several(load: Loader) -> bool:
    """The data holds more than one article: the pages then speak of the reports, where one article's words speak of
    the article."""
    return len(load("articles")) > 1


def reports_giving(load: Loader, kinds: str | tuple[str, ...], ref_ids, value: str | None = None) -> int:
    """How many reports (articles, as the pages count them) make a claim of ``kinds`` about any of ``ref_ids`` (with
    ``value``, when given): the reports a chart drawn from several articles names as its source."""
    claims = load("claims")
    kinds = (kinds,) if isinstance(kinds, str) else kinds
    said = claims[claims["kind"].isin(kinds) & claims["ref_id"].isin(set(ref_ids))]
    if value is not None:
        said = said[said["value"] == value]
    return int(said["article_id"].nunique())


SentenceKey = tuple[str, str]  # (article_id, sentence_id): sentence ids restart at s001 in every article


def as_of(articles: pd.DataFrame, article_id: str) -> str:
    """An article's as-of date as every screen writes it: '3 Aug 2017 (inferred)' when the article does not print
    it."""
    a = article(articles, article_id)
    return fmt.as_of(a["as_of"], bool(a["as_of_inferred"]))


class Words:
    """A page's data in a reader's words, for whatever needs plain text (hovers, a metric's help) and for
    ``shown.Reader``, which adds links: an article by its headline and as-of date, and where a row comes from."""

    def __init__(self, load: Loader):
        self.load = load

    @cached_property
    def articles(self) -> pd.DataFrame:
        return self.load("articles")

    @cached_property
    def several(self) -> bool:
        return several(self.load)

    @cached_property
    def sites(self) -> dict[str, str]:
        sources = self.load("sources")
        return dict(zip(sources["url"], sources["site"], strict=False))

    @cached_property
    def spans(self) -> dict[str, tuple[str, str, int]]:
        """An article span's source (``article:<id>#<sentence>``) -> (article, sentence, paragraph)."""
        s = self.load("sentences")
        return {
            r.source: (r.article_id, r.sentence_id, int(r.paragraph))
            for r in s[["source", "article_id", "sentence_id", "paragraph"]].itertuples()
        }

    def title(self, article_id: str) -> str:
        return str(article(self.articles, article_id)["title"])

    def as_of(self, article_id: str) -> str:
        return as_of(self.articles, article_id)

    def span(self, source: str) -> str | None:
        """A source that is a sentence of an article, in words: "the article, paragraph 4, sentence 7" (the
        article by its headline when there are several). None for any other source."""
        if source not in self.spans:
            return None
        article_id, sentence_id, paragraph = self.spans[source]
        words = dict(paragraph=paragraph, sentence=fmt.sentence(sentence_id))
        if self.several:
            return say("sources.article-span-titled", title=self.title(article_id), **words)
        return say("sources.article-span", **words)

    def site(self, url: str) -> str:
        """Who publishes a cited page (the sources table), or its domain."""
        return self.sites.get(url) or fmt.domain(url)

    def source(self, source) -> str:
        """Where a row comes from, in words: a sentence of an article, or who publishes the web page."""
        if not isinstance(source, str) or not source:
            return ""
        spoken = self.span(source)
        if spoken is not None:
            return spoken
        if source.startswith(("https://", "http://")):
            return self.site(source)
        raise ValueError(f"a source that is neither a sentence of an article nor a web page: {source!r}")


def sentence_text(sentences: pd.DataFrame) -> dict[SentenceKey, str]:
    return dict(
        zip(zip(sentences["article_id"], sentences["sentence_id"], strict=True), sentences["text"], strict=True)
    )


def coverage(load: Loader) -> pd.DataFrame:
    """Every mention of a reference fact (``claims``) and of an entity (``mentions``), one row each, with its
    article's headline and as-of date: ``ref_id`` is the event, vote, city or entity id. Newest article first,
    then in reading order."""
    claims = load("claims")
    claims = claims[claims["kind"] != "city_count"]  # a count of cities names no event: its ref_id is the role's
    claims = claims[["ref_id", "kind", "article_id", "sentence_id", "start", "surface"]]
    mentions = load("mentions").rename(columns={"entity_id": "ref_id"}).assign(kind="entity")[claims.columns]
    articles = load("articles")[["article_id", "title", "as_of", "as_of_inferred"]]
    rows = pd.concat([claims, mentions], ignore_index=True).merge(articles, on="article_id", how="left")
    return rows.sort_values(["as_of", "article_id", "start"], ascending=[False, True, True], ignore_index=True)


def mentions_of(cover: pd.DataFrame, ref_id: str) -> pd.DataFrame:
    """The mentions of one fact or entity, newest article first; a fact named as a claim and as an entity (a
    city) is listed once per span."""
    rows = cover[cover["ref_id"] == ref_id]
    return rows.drop_duplicates(["article_id", "start"])


def mention_lines(cover: pd.DataFrame, ref_id: str) -> list[str]:
    """One line per mention: the article's as-of date and headline, the sentence, the words as written (plain
    text)."""
    return [
        say(
            "blocks.mention-line",
            as_of=fmt.as_of(r.as_of, bool(r.as_of_inferred)),
            title=r.title,
            sentence=fmt.sentence(r.sentence_id),
            surface=r.surface,
        )
        for r in mentions_of(cover, ref_id).itertuples()
    ]


def n_articles(cover: pd.DataFrame, ids: pd.Series) -> list[int]:
    """How many articles mention each id."""
    counts = cover.groupby("ref_id")["article_id"].nunique()
    return [int(counts.get(i, 0)) for i in ids]


def status_label(status: str, named: int | None = None) -> str:
    """A city's status in the article's words (the code stays in the Parquet). ``named``: with several reports, how
    many of them give a city not considered its role (said where one article's words say "named in the article")."""
    if named is None or status != "excluded":
        return term("terms.city-status", status)
    counted = say("reports.n-reports-one" if named == 1 else "reports.n-reports", n=named)
    return say("terms.city-status-several.excluded", reports=counted)


def status_words(row, load: Loader) -> str:
    """A city's status in readers' words: with several reports, a city not considered names how many reports give
    it that role (the claims), where one article's words name the article."""
    if not several(load) or row["status"] != "excluded":
        return status_label(row["status"])
    city_id = row.get("city_id", row.name)  # or a row of the cities indexed by id (the map's city lookup)
    return status_label(row["status"], reports_giving(load, "city", [city_id], row["status"]))


def report_words(articles: pd.DataFrame, article_id: str | None) -> dict[str, str]:
    """Which report an article is, as the overview's 'Latest' line names it: its outlet (as the data names it) and
    its as-of date (``outlet``, ``as_of``)."""
    a = article(articles, article_id)
    outlet = a["publisher"] if isinstance(a["publisher"], str) and a["publisher"] else say("story.publisher-unknown")
    return dict(outlet=str(outlet), as_of=fmt.as_of(a["as_of"], bool(a["as_of_inferred"])))


# The map's filter in a link (``?show=``): readers' words -> the code the view filters on. The codes themselves, in
# links shared before the words, still open the same view (SHOW_ALIASES).
SHOW = {
    "all": "all",
    "not-considered": "excluded",
    "participants": "participant",
    "operations": "operations",
    "diagnostic": "diagnostic",
}
SHOW_ALIASES = {"excluded": "not-considered", "participant": "participants"}


def later_site(events: pd.DataFrame, city: str, as_of_iso: str) -> pd.DataFrame:
    """The partnership's later events that name a city (``Baltimore named a PSP site…``), after the as-of date."""
    later = events[(events["category"] == "psp") & (events["date_start"] > as_of_iso)]
    return later[later["title"].str.contains(rf"\b{re.escape(city)}\b", regex=True)].sort_values("date_start")


def site_words(row, load: Loader) -> str:
    """A city's partnership site type as of its article, and, for a city that was no site then, a partnership
    event that later names it (the timeline shows when): what was true when the article was written. With several
    reports, the article is the report the city's row quotes (the newest when it quotes none), named by its outlet."""
    if isinstance(row["psp_site_type"], str):
        return term("terms.site-type", row["psp_site_type"])
    articles = load("articles")
    article_id = row["article_id"] if isinstance(row["article_id"], str) else None
    chosen = article(articles, article_id)
    if len(articles) == 1:
        words = say("blocks.no-site", as_of=as_of(articles, chosen["article_id"]))
    else:
        quoted = article_id is not None and isinstance(row["sentence_id"], str)  # the row quotes its report
        key = "blocks.no-site-quoted" if quoted else "blocks.no-site-newest"
        words = say(key, **report_words(articles, article_id))
    for e in later_site(load("events"), row["name"], chosen["as_of"]).itertuples():
        words += say("blocks.later-site", title=e.title, when=fmt.when(e._asdict()))
    return words


def city_words(row, load: Loader, said: Words | None = None) -> dict:
    """What the map's hover says of a city in readers' words: its status, site type and source; with several
    reports, which report its quoted sentence is from (``report``: its outlet and as-of date)."""
    said = said or Words(load)
    words = {"status": status_words(row, load), "site": site_words(row, load), "source": said.source(row["source"])}
    if said.several and isinstance(row["article_id"], str):
        words["report"] = report_words(said.articles, row["article_id"])
    return words


def cities(load: Loader, show: str = "all") -> pd.DataFrame:
    """The cities, with the sentence that lists each and how many articles name it (codes as in the data)."""
    rows = load("cities")
    if show != "all":
        rows = rows[(rows["status"] == show) | (rows["psp_site_type"] == show)]
    text = sentence_text(load("sentences"))
    keys = zip(rows["article_id"], rows["sentence_id"], strict=True)
    return rows.assign(
        article_sentence=[text.get(k) for k in keys], articles=n_articles(coverage(load), rows["city_id"])
    ).sort_values(["status", "name"])[
        [
            "city_id",
            "name",
            "state",
            "status",
            "psp_site_type",
            "population",
            "population_source",
            "lat",
            "lon",
            "source",
            "articles",
            "article_id",
            "sentence_id",
            "article_sentence",
        ]
    ]


def charted_events(load: Loader) -> pd.DataFrame:
    """The events the timeline draws: those an official page, a news outlet or an article states (``charted``; the
    others are said on the Sources page)."""
    frame = load("events")
    return frame[frame["charted"]]


def events(load: Loader) -> pd.DataFrame:
    frame = charted_events(load)
    return frame.assign(
        when=[when(r) for _, r in frame.iterrows()], articles=n_articles(coverage(load), frame["event_id"])
    )[
        [
            "event_id",
            "when",
            "title",
            "category",
            "in_article",
            "articles",
            "surface",
            "article_id",
            "sentence_id",
            "status",
            "phase",
            "source",
            "confidence",
        ]
    ]


def figure_sentences(load: Loader, article: str | None = None) -> pd.DataFrame:
    """Every figure next to its sentence; only the chosen article's when one is chosen."""
    shown = load("figures").merge(
        load("sentences")[["article_id", "sentence_id", "text"]], on=["article_id", "sentence_id"]
    )
    if article is not None:
        shown = shown[shown["article_id"] == article]
    return shown[["figure_id", "surface", "kind", "value", "unit", "method", "article_id", "sentence_id", "text"]]


def changes(by_table: dict[str, dict[str, int]]) -> pd.DataFrame:
    """What the last refresh did, one row per table (``.last-refresh.json``), tables it touched first."""
    rows = pd.DataFrame(
        [{"table": t, **{k: c.get(k, 0) for k in ("added", "removed", "changed")}} for t, c in by_table.items()],
        columns=["table", "added", "removed", "changed"],
    )
    touched = rows[["added", "removed", "changed"]].sum(axis=1) > 0
    return pd.concat([rows[touched], rows[~touched]], ignore_index=True)


SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def quality(load: Loader) -> pd.DataFrame:
    """Errors first, then reviewed warnings, then agreements and open questions."""
    dq = load("data_quality")
    ordered = dq.assign(_o=dq["severity"].map(SEVERITY_ORDER)).sort_values(["_o", "kind", "check_id"])
    return ordered[
        ["check_id", "severity", "kind", "surface", "message", "resolution", "article_id", "sentence_id", "source"]
    ]


REVIEWED = "warning"  # a data-quality row a correction turned from an error into a warning
OPEN_QUESTION = "reference_"  # data-quality kinds copied from the reference's open questions start with this


def open_questions(load: Loader) -> pd.DataFrame:
    """What the reference leaves unconfirmed or disputed (``open_questions.csv``, copied to ``data_quality``)."""
    dq = load("data_quality")
    return dq[dq["kind"].str.startswith(OPEN_QUESTION)].sort_values("check_id")


def corrections(load: Loader) -> pd.DataFrame:
    """The article's reviewed anomalies (``corrections.csv``): warnings that are not open questions."""
    dq = load("data_quality")
    reviewed = dq[(dq["severity"] == REVIEWED) & ~dq["kind"].str.startswith(OPEN_QUESTION)]
    return reviewed.sort_values(["article_id", "start", "kind"])


def positions(load: Loader, found: pd.DataFrame | None = None) -> pd.DataFrame:
    rows = article_positions(load) if found is None else found
    roster = ["roster_source"] if "roster_source" in rows else []  # the roster's page, where the data gives it
    return rows[["vote_id", "senator", "party", "state", "position", "derived", "source", *roster]]


VIEWS: dict[str, Callable[..., pd.DataFrame]] = {
    "cities": cities,
    "events": events,
    "figures": figure_sentences,
    "quality": quality,
    "positions": positions,
}

ENTITY_COLUMNS = {"cities": "city_id", "votes": "nominee", "quotes": "speaker_entity_id"}


def entity_rows(entity_id: str, load: Loader) -> dict[str, pd.DataFrame]:
    """Rows of the other tables that name an entity (a city's row, a nominee's vote, a speaker's quote), as the
    views of those tables give them (``dashboard.shown`` puts them in words)."""
    views = {"cities": lambda: cities(load), "votes": lambda: load("votes"), "quotes": lambda: load("quotes")}
    out = {}
    for table, column in ENTITY_COLUMNS.items():
        frame = views[table]()
        rows = frame[frame[column] == entity_id]
        if len(rows):
            out[table] = rows
    return out
