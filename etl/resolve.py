"""Stage 5, resolve: tie the article's spans to reference ids (events, votes, speakers).

``extract`` found the spans; this stage decides what each one refers to. ``assemble`` and ``check`` both use these
answers, so a span is never resolved twice in two different ways.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from etl import textsteps as ts
from etl.extract import Extract

MIN_FALLBACK_SCORE = 2  # an article date that matches no reference date needs this much other evidence
SPEAKER_TYPES = ("person", "organization")


def date_range(date: str, precision: str) -> tuple[dt.date, dt.date]:
    """The first and last day a reference date at its precision can mean."""
    if precision == "day":
        d = dt.date.fromisoformat(date)
        return d, d
    if precision == "month":
        start = dt.date.fromisoformat(date + "-01")
        nxt = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return start, nxt - dt.timedelta(days=1)
    return dt.date(int(date), 1, 1), dt.date(int(date), 12, 31)


@dataclass
class EventLink:
    """An article date tied to a reference event (or to none)."""

    date_index: int
    event_id: str | None
    how: str  # window | fallback | none | expected
    expected: Expected | None = None  # for an expected event: its recorded outcome and lane, resolved once


def _score(row, entities: set[str], sentence: str) -> int:
    wanted = {e for e in row.match_entities.split("|") if e}
    lower = sentence.lower()
    cues = sum(1 for c in row.cues.split("|") if c and c.lower() in lower)
    return len(wanted & entities) + cues


def _scored_events(ex: Extract, d: ts.DateExpr, events: list) -> list[tuple]:
    sid = ex.sentence_at(d.start)
    sentence = ex.sentence(sid).surface
    entities = ex.entities_in(sid)
    scored = []
    for row in events:
        lo, hi = date_range(row.date, row.date_precision)
        inside = lo <= (d.date_end or d.date_start) and d.date_start <= hi
        distance = abs((lo - d.date_start).days)
        scored.append((inside, _score(row, entities, sentence), -distance, row.event_id, row.phase))
    return scored


def link_dates(ex: Extract, ref: dict) -> list[EventLink]:
    """Match each article date to the reference event it speaks of.

    First the events inside the date's window (same day, or same month for "in June"), best entity and cue
    score first; when none is there, the best-scoring event of the story period, if the evidence is strong enough.
    Dates after the as-of date (a photo caption) are no events.
    """
    links = []
    for i, d in enumerate(ex.dates):
        if d.precision == "after":
            links.append(EventLink(i, None, "expected", expected_outcome(ex, i, ref)))
            continue
        if d.date_start > ex.article.as_of:
            links.append(EventLink(i, None, "none"))
            continue
        scored = _scored_events(ex, d, ref.rows("events"))
        window = sorted((s for s in scored if s[0]), key=lambda s: (s[1], s[2]), reverse=True)
        if window and (window[0][1] > 0 or len(window) == 1):
            links.append(EventLink(i, window[0][3], "window"))
            continue
        fallback = sorted((s for s in scored if s[4] != "later"), key=lambda s: (s[1], s[2]), reverse=True)
        if fallback and fallback[0][1] >= MIN_FALLBACK_SCORE:
            links.append(EventLink(i, fallback[0][3], "fallback"))
        else:
            links.append(EventLink(i, None, "none"))
    return links


@dataclass
class Expected:
    """An expected event ("after the August recess"): the recorded vote that answered it, and its timeline lane."""

    vote: pd.Series | None
    outcome_event_id: str | None
    category: str | None  # None when no reference event shares the sentence's entities or cues


def expected_outcome(ex: Extract, date_index: int, ref: dict) -> Expected:
    d = ex.dates[date_index]
    entities = ex.entities_in(ex.sentence_at(d.start))
    votes, events = ref["votes"], ref["events"]
    later = votes[votes["nominee"].isin(entities) & (votes["date"] >= d.date_start.isoformat())]
    if len(later):
        vote = later.sort_values("date").iloc[0]
        ev = events[events["vote_id"] == vote["vote_id"]]
        if len(ev):
            return Expected(vote, ev["event_id"].iloc[0], ev["category"].iloc[0])
    else:
        vote = None
    best = max(_scored_events(ex, d, ref.rows("events")), key=lambda s: (s[1], s[2]), default=None)
    category = ref.by_id("events", "event_id")[best[3]].category if best and best[1] > 0 else None
    return Expected(vote, None, category)


@dataclass
class TallyLink:
    """An article tally ("50-48") and the recorded vote of the nominee its sentence names (None: no such vote)."""

    tally: ts.Tally
    vote: pd.Series | None


_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]")


def _distance(text: str, a, b) -> tuple[int, int]:
    """How far apart two spans of one sentence are: clause breaks (commas, dashes...) between them, then characters."""
    between = text[min(a.end, b.end) : max(a.start, b.start)]
    return len(_CLAUSE_BREAK.findall(between)), len(between)


def link_tallies(ex: Extract, ref: dict) -> list[TallyLink]:
    """Each tally's recorded vote: that of the nominee named nearest to it in its sentence (fewest clause breaks
    between them, then fewest characters), or, with no nominee named, the vote held on a day the sentence's own
    dates resolve to. Among several votes on one nominee, the one on a date the sentence gives, else the latest on
    or before the as-of date. Never merely the first vote."""
    votes = ref["votes"]
    nominees = set(votes["nominee"])
    links = []
    for t in ex.tallies:
        sid = ex.sentence_at(t.start)
        days = {d.value for d in ex.dates if ex.sentence_at(d.start) == sid and d.precision == "day"}
        named = [m for m in ex.mentions_in(sid) if m.entity_id in nominees]
        if named:
            nearest = min(named, key=lambda m: (*_distance(ex.article.text, m, t), m.start))
            candidates = votes[votes["nominee"] == nearest.entity_id]
        else:
            candidates = votes[votes["date"].isin(days)]
        on_day = candidates[candidates["date"].isin(days)]
        before = candidates[candidates["date"] <= ex.article.as_of.isoformat()]
        chosen = (on_day if len(on_day) else before if len(before) else candidates).sort_values("date")
        links.append(TallyLink(t, chosen.iloc[-1] if len(chosen) else None))
    return links


def speaker_of(ex: Extract, quote: ts.Span, entity_types: dict[str, str]) -> str | None:
    """Who said it: the first person or organisation named after the quote in its sentence, else the last before."""
    sid = ex.sentence_at(quote.start)
    in_sentence = [m for m in ex.mentions_in(sid) if entity_types.get(m.entity_id) in SPEAKER_TYPES]
    after = [m for m in in_sentence if m.start >= quote.end]
    if after:
        return after[0].entity_id
    before = [m for m in in_sentence if m.end <= quote.start]
    return before[-1].entity_id if before else None


def counted_cities(ex: Extract, n: ts.Count, n_listed: int, n_participants: int) -> str | None:
    """Which cities a count of cities counts, as a ``cities.status``: ``excluded`` when its sentence lists them or
    it equals the number listed (in this article, or in all of them when it lists none), ``participant`` when it
    equals the reference's participants; None when it matches neither (``check.count_check`` reports it)."""
    if n.unit != "city":
        return None
    if ex.sentence_at(n.start) in ex.list_sentence_ids:
        return "excluded"
    listed = sum(1 for p in ex.places if p.sentence_id in ex.list_sentence_ids) or n_listed
    if n.value == listed:
        return "excluded"
    return "participant" if n.value == n_participants else None
