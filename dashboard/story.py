"""The pages' sentences and numbers, written from the tables with the words of ``words.toml`` (nothing from the
article is typed here). Shared by the app and the static site."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard import fmt, tables
from dashboard.words import say, term

CONFIRMED = "confirmed"  # the confidence of a fact its cited source states directly


@dataclass(frozen=True)
class Metric:
    label: str
    value: str
    help: str  # where the number comes from


def byline_all(articles: pd.DataFrame) -> str:
    """Whose story the overview tells when no article is picked: every report's, as our cited records confirm it."""
    stories = articles["report_id"].fillna(articles["article_id"]).nunique()
    return say("story.byline-all", n=len(articles), stories=stories)


def latest(articles: pd.DataFrame) -> tuple[str, str]:
    """The newest report: (its article, 'latest: <outlet>, <date>')."""
    a = tables.article(articles)
    report = tables.report_words(articles, a["article_id"])
    return str(a["article_id"]), say("story.latest", outlet=report["outlet"], date=report["as_of"])


def byline(articles: pd.DataFrame, article_id: str | None = None) -> str:
    """Which article the story and numbers below come from, and what is known of its origin."""
    a = tables.article(articles, article_id)
    publisher = a["publisher"] if isinstance(a["publisher"], str) and a["publisher"] else None
    as_of = fmt.as_of(a["as_of"], bool(a["as_of_inferred"]))  # '3 Aug 2017 (inferred)' when not printed
    words = dict(as_of=as_of, publisher=publisher or say("story.publisher-unknown"))
    if len(articles) == 1:
        return say("story.byline", **words)
    return say("story.byline-several", title=a["title"], n=len(articles), **words)


def told_by(events: pd.DataFrame, claims: pd.DataFrame, article_id: str | None) -> pd.DataFrame:
    """The events an article names: those it dates (``claims``) and its own article-only events; every report's
    when ``article_id`` is None."""
    if article_id is None:
        named = set(claims.loc[claims["kind"] == "event", "ref_id"])
        return events[events["event_id"].isin(named) | events["article_id"].notna()]
    named = set(claims.loc[(claims["kind"] == "event") & (claims["article_id"] == article_id), "ref_id"])
    return events[events["event_id"].isin(named) | (events["article_id"] == article_id)]


def story(events: pd.DataFrame, claims: pd.DataFrame, article_id: str | None, n: int = 3) -> list[str]:
    """The story of one article in ``n`` sentences: the events it names, newest first, one sentence per day, each
    in the words of its cited reference title. Of every report (``article_id`` None): the ``n`` days the most
    reports name, newest first. Only ``confirmed`` events tell it: a sentence states its event as fact, so an event
    that is only derived (or rests on weaker sources) stays on the timeline, where its confidence is shown."""
    told = told_by(events, claims, article_id)
    told = told[(told["status"] == "happened") & (told["confidence"] == CONFIRMED)]
    days = list(told.groupby("date_start"))
    if article_id is None:
        dated = claims[claims["kind"] == "event"]
        reach = {d: dated.loc[dated["ref_id"].isin(g["event_id"]), "article_id"].nunique() for d, g in days}
        days = sorted(days, key=lambda dg: (-reach[dg[0]], dg[0]))[:n]
    out = []
    for date, group in sorted(days, key=lambda dg: dg[0], reverse=True)[:n]:
        titles = "; ".join(group["title"])
        when = fmt.long(date) if (group["date_precision"] == "day").all() else fmt.month(date)
        out.append(say("blocks.story-sentence", when=when, titles=titles))
    return out


def metrics(load: Callable[[str], pd.DataFrame], article_id: str | None, source: Callable[[str], str]) -> list[Metric]:
    """The key numbers, each saying where it comes from: the chosen article's sentence when it gives the number,
    the article that does when it does not, our cited records otherwise; with no article (``None``), every report's
    story, its numbers those of the map and our cited records. ``source``: a row's source in a reader's
    words (``shown.Reader.source_words``)."""
    cities, events, votes, claims = load("cities"), load("events"), load("votes"), load("claims")
    article = tables.article(load("articles"), article_id)
    every = article_id is None  # the story of every report: what our cited records and the reports agree on
    mine = claims if every else claims[claims["article_id"] == article_id]
    participants = cities[cities["status"] == "participant"]
    vote = tables.article_vote(votes)
    surname = vote["nominee_name"].split()[-1]
    lane = say("metrics.announcement-lane")
    in_lane = told_by(events, claims, article_id).query("category == @lane and status == 'happened'")
    if in_lane.empty:  # the article names nothing in that lane: the latest any article names
        in_lane = events[events["in_article"] & (events["category"] == lane)]
    told = in_lane.sort_values("date_start").iloc[-1]
    dated = mine[mine["kind"].isin(["event", "expected"])]  # a count's claim may tie to an event too (issue 32)
    said = dict(zip(dated["ref_id"], dated["surface"], strict=True))  # the chosen article's own words for a date
    listed = mine[(mine["kind"] == "city") & (mine["value"] == "excluded")]  # the article's own list of the four
    tally = mine[(mine["kind"] == "vote") & (mine["ref_id"] == vote["vote_id"])]
    tally_source = source(tally["source"].iloc[0]) if len(tally) else say("metrics.not-in-this-article")
    if every:
        tally_source = say("metrics.reports-giving", n=tally["article_id"].nunique())
    as_of = "" if every else fmt.as_of(article["as_of"], bool(article["as_of_inferred"]))
    return [
        _excluded(cities, listed, load("articles"), source, every),
        Metric(
            say("metrics.participants"),
            str(len(participants)),
            say("metrics.participants-help", source=source(participants["source"].iloc[0])),
        ),
        Metric(
            say("metrics.vote", nominee=surname),
            f"{vote['yea']}–{vote['nay']}",
            say(
                "metrics.vote-help-all" if every else "metrics.vote-help",
                not_voting=vote["not_voting"],
                tally=tally["surface"].iloc[0] if len(tally) else vote["article_tally"],
                tally_source=tally_source,
                source=source(vote["source"]),
            ),
        ),
        _announcement(told, said.get(told["event_id"], told["surface"]), as_of, source(told["source"])),
        Metric(
            say("metrics.confirmed", nominee=surname),
            fmt.day(vote["date"]),
            say("metrics.confirmed-help", source=source(vote["source"])),
        ),
    ]


def _announcement(told: pd.Series, surface: str, as_of: str, source: str) -> Metric:
    """The latest on the partnership, as the chosen article words it (read against its date, ``as_of``), or as
    the reports do (``as_of`` empty: each read against its own date)."""
    key = "metrics.announcement-help" if as_of else "metrics.announcement-help-all"
    words = say(key, title=told["title"], surface=surface, as_of=as_of, source=source)
    return Metric(say("metrics.announcement"), fmt.day(told["date"]), words)


def _excluded(cities: pd.DataFrame, listed: pd.DataFrame, articles: pd.DataFrame, source, every: bool) -> Metric:
    """The cities not considered: the map's count, which our cited records and the reports agree on (one article's
    reading never changes it by itself), with the chosen article's own list in its help when it gives one; with
    every report (``every``), how many reports list them."""
    if every:
        help_ = say("metrics.excluded-help-all", n=listed["article_id"].nunique())
    elif len(listed):
        help_ = say("metrics.excluded-help", listed=listed["ref_id"].nunique(), source=source(listed["source"].iloc[0]))
    else:
        titles = dict(zip(articles["article_id"], articles["title"], strict=True))
        named = fmt.listing([f"“{titles[a]}”" for a in sorted(set(cities["article_id"].dropna()))])
        help_ = say("metrics.excluded-elsewhere", articles=named)
    return Metric(say("metrics.excluded"), str(int((cities["status"] == "excluded").sum())), help_)


def derived_note(load: Callable[[str], pd.DataFrame]) -> str:
    """When the per-senator positions are derived: the vote's own caveat (its ``note`` column, which cites the
    sources), or a plain line when it has none. Empty when they are the official record."""
    if not tables.article_positions(load)["derived"].all():
        return ""
    note = tables.article_vote(load("votes"))["note"]
    return note if isinstance(note, str) and note else say("blocks.derived-note")


def later_outcomes(votes: pd.DataFrame) -> list[str]:
    """A sentence per confirmation held after the day of the article's: a vote of that day (its cloture) or of an
    earlier one is no later outcome."""
    day = tables.article_vote(votes)["date"]
    later = votes[(votes["motion"] == tables.CONFIRMATION) & (votes["date"] > day)]
    return [
        say(
            "blocks.later-outcome",
            nominee=r.nominee_name,
            date=fmt.day(r.date),
            yea=r.yea,
            nay=r.nay,
            not_voting=tables.count(r.not_voting),
            note=r.note or "",
        ).strip()
        for r in tables.in_order(later).itertuples()
    ]


def quality_counts(load: Callable[[str], pd.DataFrame]) -> str:
    """How many data-quality rows of each severity, and how many are corrections and open questions (with several
    reports, the rows of all of them: the caption speaks of the reports)."""
    counts = load("data_quality")["severity"].value_counts()

    def counted(severity: str) -> str:
        n = int(counts.get(severity, 0))
        if n == 0:
            return say("blocks.quality-none", severity=term("terms.severity-many", severity))
        words = term("terms.severity-one" if n == 1 else "terms.severity-many", severity)
        return say("blocks.quality-count", n=n, severity=words)

    listed = " · ".join(counted(s) for s in tables.SEVERITY_ORDER)
    listed = listed[:1].upper() + listed[1:]  # it opens the sentence
    several = "-several" if tables.several(load) else ""  # the rows of every report, not of the article shown
    errors = "-errors" if counts.get("error", 0) else ""  # an error is no check passed
    return say(
        f"blocks.quality-caption{several}",
        counts=listed,
        rest=say(f"blocks.quality-rest{errors}{several}"),
        corrections=len(tables.corrections(load)),
        questions=len(tables.open_questions(load)),
    )
