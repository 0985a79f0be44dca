"""The pages' sentences and numbers, written from the tables with the words of ``words.toml`` (nothing from the
article is typed here). Shared by the app and the static site."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard import fmt, tables
from dashboard.words import say


@dataclass(frozen=True)
class Metric:
    label: str
    value: str
    help: str  # where the number comes from


def byline(articles: pd.DataFrame) -> str:
    """What is known of the article's origin, and what is not."""
    a = articles.iloc[0]
    publisher = a["publisher"] if isinstance(a["publisher"], str) and a["publisher"] else None
    return say("story.byline", as_of=fmt.day(a["as_of"]), publisher=publisher or say("story.publisher-unknown"))


def story(events: pd.DataFrame, n: int = 3) -> list[str]:
    """The story in ``n`` sentences: the article's own events, newest first, one sentence per day, each in the
    words of its cited reference title."""
    told = events[events["in_article"] & (events["status"] == "happened")].sort_values("date_start", ascending=False)
    out = []
    for date, group in told.groupby("date_start", sort=False):
        titles = "; ".join(group["title"])
        when = fmt.long(date) if (group["date_precision"] == "day").all() else fmt.month(date)
        out.append(f"{when}: {titles}.")
        if len(out) == n:
            break
    return out


def metrics(cities: pd.DataFrame, events: pd.DataFrame, votes: pd.DataFrame) -> list[Metric]:
    excluded = cities[cities["status"] == "excluded"]
    participants = cities[cities["status"] == "participant"]
    vote = tables.article_vote(votes)
    surname = vote["nominee_name"].split()[-1]
    lane = say("metrics.announcement-lane")
    told = events[events["in_article"] & (events["category"] == lane)].sort_values("date_start").iloc[-1]
    return [
        Metric(
            say("metrics.excluded"),
            str(len(excluded)),
            say("metrics.excluded-help", sentence=excluded["sentence_id"].iloc[0]),
        ),
        Metric(
            say("metrics.participants"),
            str(len(participants)),
            say("metrics.participants-help", source=participants["source"].iloc[0]),
        ),
        Metric(
            say("metrics.vote", nominee=surname),
            f"{vote['yea']}–{vote['nay']}",
            say("metrics.vote-help", not_voting=vote["not_voting"], tally=vote["article_tally"], source=vote["source"]),
        ),
        Metric(
            say("metrics.announcement"),
            fmt.day(told["date"]),
            say("metrics.announcement-help", surface=told["surface"], source=told["source"]),
        ),
        Metric(
            say("metrics.confirmed", nominee=surname),
            fmt.day(vote["date"]),
            say("metrics.confirmed-help", source=vote["source"]),
        ),
    ]


def derived_note(load: Callable[[str], pd.DataFrame]) -> str:
    """When the per-senator positions are derived: the vote's own caveat (its ``note`` column, which cites the
    sources), or a plain line when it has none. Empty when they are the official record."""
    if not tables.article_positions(load)["derived"].all():
        return ""
    note = tables.article_vote(load("votes"))["note"]
    return note if isinstance(note, str) and note else say("blocks.derived-note")


def later_outcomes(votes: pd.DataFrame) -> list[str]:
    """A sentence per vote after the article's."""
    later = votes[votes["vote_id"] != tables.article_vote(votes)["vote_id"]]
    return [
        say(
            "blocks.later-outcome",
            nominee=r.nominee_name,
            date=fmt.day(r.date),
            yea=r.yea,
            nay=r.nay,
            not_voting=r.not_voting,
            note=r.note or "",
        ).strip()
        for r in later.itertuples()
    ]


def quality_counts(dq: pd.DataFrame) -> str:
    counts = dq["severity"].value_counts()
    listed = " · ".join(f"{counts.get(s, 0)} {s}" for s in tables.SEVERITY_ORDER)
    return say("blocks.quality-caption", counts=listed)
