"""The overview's words and numbers, written from the tables (nothing from the article is typed here)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard import fmt


@dataclass(frozen=True)
class Metric:
    label: str
    value: str
    help: str  # where the number comes from


def byline(articles: pd.DataFrame) -> str:
    """What is known of the article's origin, and what is not."""
    a = articles.iloc[0]
    publisher = a["publisher"] if isinstance(a["publisher"], str) and a["publisher"] else "publisher unknown"
    return f"A sourced reading of one news article (as of {fmt.day(a['as_of'])}; {publisher})."


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
    vote = votes[votes["in_article"]].sort_values("date").iloc[0]
    letters = events[events["in_article"] & (events["category"] == "psp")].sort_values("date_start").iloc[-1]
    return [
        Metric(
            "Cities excluded",
            str(len(excluded)),
            f"Listed in the article (sentence {excluded['sentence_id'].iloc[0]}); see Article & data.",
        ),
        Metric("PSP participants", str(len(participants)), f"Reference: {participants['source'].iloc[0]}"),
        Metric(
            f"Senate vote on {vote['nominee_name'].split()[-1]}",
            f"{vote['yea']}–{vote['nay']}",
            f"{vote['not_voting']} not voting. Article tally “{vote['article_tally']}”; record: {vote['source']}",
        ),
        Metric(
            "Announcement",
            fmt.day(letters["date"]),
            f"The article's “{letters['surface']}”, resolved against the as-of date; reference: {letters['source']}",
        ),
        Metric(f"{vote['nominee_name'].split()[-1]} confirmed", fmt.day(vote["date"]), f"Reference: {vote['source']}"),
    ]
