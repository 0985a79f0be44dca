"""Who reported what: the story's facts against every report, worked out once from the tables (:func:`matrix`).

Rows are the story's facts, each from the data: every city the map shows apart from the participants (its
standing), the participants (the cities named as taking part and the counts checked against them), the count of
cities not considered, each event the reports date within the story's days, and each Senate vote recorded in those
days (its tally). Columns are the reports by date: articles that share a ``report_id`` (one wire story run by
several papers) are one column naming each outlet. A cell holds the report's own words for the fact and whether
they agree with our cited records; the alarm the refresh raised on those words, and the desk's decision, go with it.
Both renderers and the PNG chart draw this one value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard import fmt
from dashboard.words import say

Loader = Callable[[str], pd.DataFrame]

AGREES, DISAGREES, SILENT = "agrees", "disagrees", "silent"
PARTICIPANT = "participant"  # cities.status of the partnership's participants (one row for them all)
DAYS_BEFORE, DAYS_AFTER = 7, 31  # the story's days: a week before the first report to a month after it
QUOTE_WORDS = 4  # words of the sentence kept on each side of the report's own words


@dataclass(frozen=True)
class Fact:
    key: str
    label: str  # the fact in words
    record: str  # what our cited records say, in words


@dataclass(frozen=True)
class Report:
    report_id: str
    as_of: str
    outlets: tuple[str, ...]  # each paper or site that ran it, in date order
    title: str

    @property
    def label(self) -> str:
        return say("reports.column", outlets=fmt.listing(list(self.outlets)), date=fmt.day(self.as_of))


@dataclass(frozen=True)
class Cell:
    status: str  # AGREES, DISAGREES or SILENT
    quote: str = ""  # a few of the report's words around what it says
    surface: str = ""  # the words themselves
    article_id: str = ""
    sentence_id: str = ""
    alarm: str = ""  # what the refresh found wrong with these words ('' for none)
    resolution: str = ""  # what was done about it: the desk's decision and note, or that nobody reviewed it yet
    reviewed: bool = False  # the alarm was reviewed (by the desk, or a correction)


@dataclass(frozen=True)
class Matrix:
    facts: list[Fact]
    reports: list[Report]
    cells: dict[tuple[str, str], Cell]  # (fact key, report id) -> cell; silent cells are left out
    n_articles: int

    def cell(self, fact: str, report: str) -> Cell:
        return self.cells.get((fact, report), Cell(SILENT))

    def disagreeing(self) -> tuple[list[Fact], list[Report]]:
        """The facts and the reports with at least one disagreement."""
        bad = {k for k, c in self.cells.items() if c.status == DISAGREES}
        return [f for f in self.facts if any(k[0] == f.key for k in bad)], [
            r for r in self.reports if any(k[1] == r.report_id for k in bad)
        ]

    def only_disagreements(self) -> Matrix:
        facts, reports = self.disagreeing()
        return Matrix(facts, reports, self.cells, self.n_articles)

    def summary(self) -> str:
        """'32 reports, 32 stories; 4 disagree with the records on 3 facts' (the words in ``[reports]``)."""
        facts, reports = self.disagreeing()
        n, stories = self.n_articles, len(self.reports)
        counts = {
            "reports": say("reports.n-reports-one" if n == 1 else "reports.n-reports", n=n),
            "stories": say("reports.n-stories-one" if stories == 1 else "reports.n-stories", n=stories),
            "bad": len(reports),
            "facts": len(facts),
        }
        if not reports:
            return say("reports.summary-none", **counts)
        return say("reports.summary-one" if len(reports) == 1 else "reports.summary", **counts) + say(
            "reports.summary-fact" if len(facts) == 1 else "reports.summary-facts", **counts
        )


# ---- the rows ------------------------------------------------------------------------------------------------


def _numbers(value) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", str(value)))


def _dated(record: str, said: str) -> bool:
    """A report's date agrees with the record's at the coarser of their precisions ('2017-08' with '2017-08-02')."""
    return record.startswith(said) or said.startswith(record)


@dataclass(frozen=True)
class _Row:
    fact: Fact
    claims: pd.DataFrame  # the claims about it, of every report
    agrees: Callable[[str], bool]  # does a claim's value agree with the record


def _city_rows(cities: pd.DataFrame, claims: pd.DataFrame, counts: pd.DataFrame) -> list[_Row]:
    rows = []
    status = dict(zip(cities["city_id"], cities["status"], strict=True))
    on_map = cities[cities["status"] != PARTICIPANT].sort_values("name")
    for c in on_map.itertuples():
        said = claims[(claims["kind"] == "city") & (claims["ref_id"] == c.city_id)]
        label = say("reports.row-city", city=c.name, state=c.state)
        record = say(f"reports.status.{c.status}")
        rows.append(_Row(Fact(f"city:{c.city_id}", label, record), said, lambda v, s=c.status: v == s))
    n_out = len(on_map)
    if n_out:
        said = counts[~counts["participants"]]
        label = say("reports.row-count", status=say(f"reports.status.{on_map['status'].iloc[0]}"))
        rows.append(_Row(Fact("count:not-participants", label, str(n_out)), said, lambda v: _numbers(v) == (n_out,)))
    ids = {c for c, s in status.items() if s == PARTICIPANT}
    n_in = len(ids)
    said = pd.concat(
        [claims[(claims["kind"] == "city") & claims["ref_id"].isin(ids)], counts[counts["participants"]]],
        ignore_index=True,
    )
    participants = Fact("participants", say("reports.row-participants"), say("reports.record-participants", n=n_in))
    agrees = lambda v: v == PARTICIPANT or _numbers(v) == (n_in,)  # noqa: E731
    return [*rows, _Row(participants, said, agrees)]


def _window(articles: pd.DataFrame) -> tuple[str, str]:
    first = dt.date.fromisoformat(str(articles["as_of"].min()))
    return str(first - dt.timedelta(days=DAYS_BEFORE)), str(first + dt.timedelta(days=DAYS_AFTER))


def _event_rows(events: pd.DataFrame, votes: pd.DataFrame, claims: pd.DataFrame, window) -> list[tuple[str, _Row]]:
    """Each event the reports date, and each recorded vote, within the story's days: (date, row)."""
    lo, hi = window
    out = []
    dated = claims[claims["kind"] == "event"]
    happened = events[(events["status"] == "happened") & events["event_id"].isin(dated["ref_id"])]
    for e in happened.itertuples():
        if not lo <= str(e.date_start) <= hi:
            continue
        said = dated[dated["ref_id"] == e.event_id]
        fact = Fact(f"event:{e.event_id}", say("reports.row-event", title=e.title), fmt.when(e._asdict()))
        out.append((str(e.date_start), _Row(fact, said, lambda v, d=str(e.date): _dated(d, str(v)))))
    tallies = claims[claims["kind"] == "vote"]
    for v in votes.itertuples():
        if not lo <= str(v.date) <= hi:
            continue
        said = tallies[tallies["ref_id"] == v.vote_id]
        label = say("reports.row-vote", nominee=v.nominee_name, question=v.question, date=fmt.day(str(v.date)))
        fact = Fact(f"vote:{v.vote_id}", label, say("reports.record-vote", yea=v.yea, nay=v.nay))
        out.append((str(v.date) + "~", _Row(fact, said, lambda s, t=(v.yea, v.nay): _numbers(s)[:2] == t)))
    return sorted(out, key=lambda x: x[0])


def _counts(claims: pd.DataFrame, dq: pd.DataFrame) -> pd.DataFrame:
    """The reports' counts of cities, each marked whether it counts the participants: what it counts (its
    ``ref_id``) is what a count the refresh checked against the participants counts."""
    counts = claims[claims["kind"] == "city_count"].copy()
    checked = dq[(dq["kind"] == "count_check") & dq["variant"].astype(str).str.startswith(PARTICIPANT)]
    spans = set(zip(checked["article_id"], checked["start"], strict=True))
    keys = zip(counts["ref_id"], counts["article_id"], counts["start"], strict=True)
    of_participants = {r for r, a, s in keys if (a, s) in spans}
    counts["participants"] = counts["ref_id"].isin(of_participants)
    return counts


# ---- the columns and the cells -------------------------------------------------------------------------------


def _reports(articles: pd.DataFrame) -> list[Report]:
    a = articles.assign(report_id=articles["report_id"].fillna(articles["article_id"]))
    a = a.sort_values(["as_of", "article_id"])
    out = []
    for rid, group in a.groupby("report_id", sort=False):
        outlets = [p if isinstance(p, str) and p else say("story.publisher-unknown") for p in group["publisher"]]
        out.append(Report(str(rid), str(group["as_of"].iloc[0]), tuple(dict.fromkeys(outlets)), group["title"].iloc[0]))
    return sorted(out, key=lambda r: (r.as_of, r.title))


def _quote(sentence: str, start: int, end: int) -> str:
    """The report's words with a few of the sentence's words on each side, as printed (its line breaks made
    spaces), '…' where the sentence goes on."""
    before = list(re.finditer(r"\S+", sentence[:start]))
    after = list(re.finditer(r"\S+", sentence[end:]))
    a = before[-QUOTE_WORDS].start() if len(before) >= QUOTE_WORDS else 0
    b = end + after[QUOTE_WORDS - 1].end() if len(after) >= QUOTE_WORDS else len(sentence)
    text = " ".join(sentence[a:b].split())
    return ("… " if len(before) > QUOTE_WORDS else "") + text + (" …" if len(after) > QUOTE_WORDS else "")


def _alarms(dq: pd.DataFrame) -> dict[tuple[str, int], pd.Series]:
    """(article, start of the words) -> the alarm on them: errors before warnings, checks of a value first."""
    found = dq[dq["severity"].isin(["error", "warning"]) & dq["start"].notna()].copy()
    found["order"] = (found["severity"] != "error").astype(int) * 2 + (found["kind"] == "across_articles").astype(int)
    found = found.sort_values(["order", "check_id"], ascending=False)  # the first of each span written last
    return {(r["article_id"], int(r["start"])): r for _, r in found.iterrows()}


def _cell(row: _Row, said: pd.DataFrame, sentences: dict, alarms: dict) -> Cell:
    said = said.assign(ok=said["value"].map(row.agrees)).sort_values(["ok", "article_id", "start"])
    c = said.iloc[0]  # a disagreement first
    text, offset = sentences[(c["article_id"], c["sentence_id"])]
    quote = _quote(text, int(c["start"]) - offset, int(c["end"]) - offset)
    alarm = alarms.get((c["article_id"], int(c["start"])))
    return Cell(
        AGREES if c["ok"] else DISAGREES,
        quote,
        str(c["surface"]),
        str(c["article_id"]),
        str(c["sentence_id"]),
        alarm=str(alarm["message"]) if alarm is not None else "",
        resolution=str(alarm["resolution"]) if alarm is not None else "",
        reviewed=alarm is not None and alarm["severity"] == "warning",
    )


def matrix(load: Loader) -> Matrix:
    """Every fact against every report (see the module's docstring)."""
    articles, claims, dq = load("articles"), load("claims"), load("data_quality")
    report_of = dict(zip(articles["article_id"], articles["report_id"].fillna(articles["article_id"]), strict=True))
    rows = _city_rows(load("cities"), claims, _counts(claims, dq))
    rows += [r for _, r in _event_rows(load("events"), load("votes"), claims, _window(articles))]
    s = load("sentences")
    sentences = {
        (a, i): (t, int(o)) for a, i, t, o in zip(s["article_id"], s["sentence_id"], s["text"], s["start"], strict=True)
    }
    alarms = _alarms(dq)
    cells = {}
    for row in rows:
        for rid, said in row.claims.groupby(row.claims["article_id"].map(report_of)):
            cells[(row.fact.key, rid)] = _cell(row, said, sentences, alarms)
    reports = _reports(articles)
    return Matrix([r.fact for r in rows], reports, cells, len(articles))


# ---- as HTML (both renderers) ----------------------------------------------------------------------------------

SIGN = {AGREES: "✓", DISAGREES: "✗", SILENT: "–"}


def html(m: Matrix, links: dict, href: Callable, toggle: str = "") -> str:
    """The summary and the grid as ``templates/reports.html`` draws them. ``links``: (fact, report) -> the link to
    the cell's sentence; ``href``: a link's address in this renderer; ``toggle``: the static page's checkbox label
    ('' for none: the app filters with its own toggle)."""
    from dashboard import markup  # the renderers' module; the derivation above needs none of it

    def cell(f: Fact, r: Report) -> dict:
        c = m.cell(f.key, r.report_id)
        link = links.get((f.key, r.report_id))
        word = say(f"reports.{c.status}")
        return {
            "status": c.status,
            "sign": SIGN[c.status],
            "word": word,
            "report": r.label,
            "quote": say("blocks.quoted", text=c.quote) if c.quote else "",
            "href": href(link) if link is not None else "",
            "alarm": say("reports.found", alarm=c.alarm) if c.alarm else "",
            "resolution": c.resolution,
        }

    facts = []
    for f in m.facts:
        cells = [cell(f, r) for r in m.reports]
        silent = [r.label for r in m.reports if m.cell(f.key, r.report_id).status == SILENT]
        facts.append(
            {
                "label": f.label,
                "record": f.record,
                "cells": cells,
                "bad": any(c["status"] == DISAGREES for c in cells),
                "agreeing": [c for c in cells if c["status"] == AGREES and not c["alarm"]],  # a card lists them short
                "silent": say("reports.silent-list", reports="; ".join(silent)) if silent else "",
                "silent_n": say(
                    "reports.silent-count-one" if len(silent) == 1 else "reports.silent-count", n=len(silent)
                ),
            }
        )
    return markup.render(
        "reports.html",
        summary=m.summary(),
        toggle=toggle,
        label=say("reports.table-label"),
        fact_word=say("reports.fact"),
        records_word=say("reports.records"),
        reports=[r.label for r in m.reports],
        facts=facts,
    )
