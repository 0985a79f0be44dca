"""Stage 8, check: the articles against themselves and against the reference; every finding is a row.

``CHECKS`` is the registry: one function per kind of check, each given the article's extract and resolutions.
Agreements are ``info``. An anomaly is ``warning`` once a person has reviewed it (a row in
``etl/reference/corrections.csv``), and ``error`` until then; ``python -m etl --strict`` refuses errors.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from etl import textsteps as ts
from etl.extract import Extract
from etl.resolve import EventLink, TallyLink, date_range, speaker_of
from etl.schema import article_source

UNREVIEWED = "Unreviewed: nobody has checked this yet; it is shown as found."  # the CLI says where to record it


@dataclass
class Context:
    """What every check may look at: one article's extract, how its spans were resolved, and the reference."""

    ex: Extract
    date_links: list[EventLink]
    tally_links: list[TallyLink]
    ref: dict
    n_participants: int
    n_listed: int  # the distinct cities every article together lists as excluded


class Findings:
    def __init__(self, ex: Extract, corrections: list):
        self.ex = ex
        self.corrections = corrections
        self.rows: list[dict] = []
        self._seen: set[tuple[str, str, str]] = set()

    def _correction(self, kind: str, surface: str):
        for row in self.corrections:
            if row.kind == kind and row.surface in surface:
                return row
        return None

    def add(
        self, kind: str, message: str, span=None, severity: str | None = None, resolution: str = "", source: str = ""
    ) -> None:
        """One finding. Without ``severity`` it is an anomaly: warning when reviewed, error when not."""
        art = self.ex.article.article_id
        surface = span.surface if span is not None else ""
        if (kind, surface, message) in self._seen:
            return  # the same finding again (a caption printed twice): one row is enough
        self._seen.add((kind, surface, message))
        if severity is None:
            fix = self._correction(kind, surface)
            severity = "warning" if fix is not None else "error"
            resolution = fix.resolution if fix is not None else UNREVIEWED
            source = source or (fix.source if fix is not None else "")
        sid = self.ex.sentence_at(span.start) if span is not None else None
        last = self.ex.sentence_at(span.end - 1) if span is not None else None
        if last != sid:  # the row is tagged with the sentence it starts in; say where it ends
            message += f" The words run from {sid} into {last}."
        self.rows.append(
            {
                "check_id": f"{kind}:{art}:{span.start if span is not None else 0}",
                "article_id": art,
                "severity": severity,
                "kind": kind,
                "message": message,
                "sentence_id": sid,
                "surface": surface or None,
                "start": span.start if span is not None else None,
                "end": span.end if span is not None else None,
                "resolution": resolution,
                "source": source or (article_source(art, sid) if sid else ""),
            }
        )

    def agreement(self, kind: str, agrees: bool, yes: str, no: str, span, source: str = "") -> None:
        """A comparison: ``info`` when the article agrees with what it is checked against, an anomaly when not."""
        if agrees:
            self.add(kind, yes, span, "info", "Agrees.", source)
        else:
            self.add(kind, no, span, source=source)


def _absolute_dates(c: Context) -> list[ts.DateExpr]:
    return [d for d in c.ex.dates if d.kind == "absolute"]


def _span(x) -> ts.Span:
    return ts.Span(x.start, x.end, x.surface)


# ---- the text against itself ---------------------------------------------------------------------------------


def spelling(f: Findings, c: Context) -> None:
    """A place name the gazetteer knows only by a close match."""
    for mention, canonical, score in c.ex.fuzzy:
        f.add(
            "spelling",
            f"“{mention.surface}” is not a place name in the gazetteer; read as {canonical} (similarity {score:.2f}).",
            _span(mention),
        )


def repeated_word(f: Findings, c: Context) -> None:
    for span in ts.repeated_words(c.ex.article.text):
        f.add("repeated_word", f"“{span.surface}”: a word is printed twice in a row.", span)


def repeated_text(f: Findings, c: Context) -> None:
    for span in ts.doubled_paragraphs(c.ex.article.text):
        f.add(
            "repeated_text",
            "A passage is printed twice back to back (the second copy starts right after the first).",
            span,
        )


def after_as_of(f: Findings, c: Context) -> None:
    """A written date later than the day the article's relative dates are read against."""
    as_of = c.ex.article.as_of
    for d in _absolute_dates(c):
        if d.date_start > as_of:
            f.add(
                "after_as_of", f"“{d.surface}” is later than the article's as-of date ({as_of.isoformat()}).", _span(d)
            )


# ---- the text against the reference ------------------------------------------------------------------------


def role_at_date(f: Findings, c: Context) -> None:
    """A title ("Then-Senator Jeff Sessions") that the person did not hold on the date of its sentence."""
    roles = c.ref.rows("roles")
    aliases = {r.entity_id: r.aliases.split("|") for r in c.ref.rows("entities")}
    text = c.ex.article.text
    for d in _absolute_dates(c):
        sentence = c.ex.sentence(c.ex.sentence_at(d.start))
        for role in roles:
            alias_re = "|".join(re.escape(a) for a in sorted(aliases[role.entity_id], key=len, reverse=True))
            pattern = re.compile(rf"(?:[Tt]hen-|[Ff]ormer\s+)?{re.escape(role.title)}\s+(?:{alias_re})\b")
            for m in pattern.finditer(text, sentence.start, sentence.end):
                if dt.date.fromisoformat(role.start) <= d.date_start <= dt.date.fromisoformat(role.end):
                    continue
                actual = [
                    r
                    for r in roles
                    if r.entity_id == role.entity_id
                    and dt.date.fromisoformat(r.start) <= d.date_start <= dt.date.fromisoformat(r.end)
                ]
                now = (
                    f"; on that date the reference has him as {actual[0].title} ({actual[0].start} to {actual[0].end})"
                    if actual
                    else ""
                )
                f.add(
                    "role_at_date",
                    f"“{m.group(0)}” on {d.surface}: the {role.title} term ran {role.start} to {role.end}{now}.",
                    ts.Span(m.start(), m.end(), m.group(0)),
                    source=role.source,
                )


def occasion_date(f: Findings, c: Context) -> None:
    """A named occasion ("the Values Voter Summit") dated to a day it did not take place that year."""
    for d in _absolute_dates(c):
        sentence = c.ex.sentence(c.ex.sentence_at(d.start))
        for name in dict.fromkeys(r.name for r in c.ref.rows("occasions")):
            if name not in sentence.surface:
                continue
            year = str(d.date_start.year)
            same_year = [r for r in c.ref.rows("occasions") if r.name == name and r.start[:4] == year]
            inside = [
                r for r in same_year if dt.date.fromisoformat(r.start) <= d.date_start <= dt.date.fromisoformat(r.end)
            ]
            if not same_year or inside:
                continue
            r = same_year[0]
            f.add(
                "occasion_date",
                f"The {name} of {year} ran {r.start} to {r.end}; {d.surface} was not one of its days.",
                _span(d),
                source=r.source,
            )


def count_check(f: Findings, c: Context) -> None:
    """A count of cities against the list the article gives and the reference participants."""
    ex = c.ex
    list_counts = {sid: sum(1 for p in ex.places if p.sentence_id == sid) for sid in ex.list_sentence_ids}
    listed = sum(list_counts.values())
    for n in ex.counts:
        if n.unit != "city":
            continue
        sid = ex.sentence_at(n.start)
        participants = (c.n_participants, "the 2017 PSP participants in the reference")
        if sid in list_counts:
            expected = {list_counts[sid]: "the cities listed in the same sentence"}
        elif listed:
            expected = dict([(listed, "the cities the article lists"), participants])
        else:  # a follow-up that lists no city: compare with what the other articles list
            expected = dict([(c.n_listed, "the cities the articles list as excluded"), participants])
        said = "; ".join(f"{what}: {k}" for k, what in expected.items())
        f.agreement(
            "count_check",
            n.value in expected,
            f"“{n.surface}” agrees with {expected.get(n.value)} ({n.value}).",
            f"“{n.surface}” says {n.value}, but {said}.",
            _span(n),
        )


def status_conflict(f: Findings, c: Context) -> None:
    """A city the article lists as excluded that the reference has as a participant."""
    participants = {(r.city, r.state) for r in c.ref.rows("psp_sites")}
    for p in c.ex.places:
        if p.sentence_id in c.ex.list_sentence_ids and (p.place.name, p.place.state) in participants:
            f.add(
                "status_conflict",
                f"{p.place.name}, {p.place.state} is listed among the excluded cities but the "
                "reference has it as a 2017 participant.",
                p.city,
            )


def tally_check(f: Findings, c: Context) -> None:
    """A tally against the recorded vote it was resolved to."""
    for link in c.tally_links:
        t, v = link.tally, link.vote
        if v is None:
            f.add(
                "tally_check",
                f"“{t.surface}”: no recorded vote in the reference names a nominee of this sentence.",
                _span(t),
            )
        else:
            f.agreement(
                "tally_check",
                (int(v["yea"]), int(v["nay"])) == (t.yea, t.nay),
                f"“{t.surface}” matches the recorded vote {v['vote_id']} ({v['yea']}-{v['nay']}, "
                f"{v['not_voting']} not voting).",
                f"The article says {t.yea}-{t.nay}; the reference ({v['vote_id']}) records {v['yea']}-{v['nay']}.",
                _span(t),
                v["source"],
            )


def expected_check(f: Findings, c: Context) -> None:
    """An expected event ("after the August recess") and what the reference says came of it."""
    for link in c.date_links:
        if link.how != "expected":
            continue
        d = c.ex.dates[link.date_index]
        found = link.expected
        drawn = "Shown as expected on the timeline." if found.category else "Not drawn: no timeline lane fits it."
        if found.vote is None:
            f.add(
                "expected_check",
                f"“{d.surface}”: an expected event with no recorded outcome in the reference.",
                _span(d),
                "info",
                drawn,
            )
        else:
            v = found.vote
            f.add(
                "expected_check",
                f"“{d.surface}” (expected): the vote came on {v['date']}, {v['yea']}-{v['nay']} ({v['vote_id']}).",
                _span(d),
                "info",
                "Paired with its outcome on the timeline." if found.outcome_event_id else drawn,
                v["source"],
            )


def date_check(f: Findings, c: Context) -> None:
    """A resolved date against the reference event it was matched to."""
    events = c.ref.by_id("events", "event_id")
    for link in c.date_links:
        if link.how == "expected":
            continue
        d = c.ex.dates[link.date_index]
        if link.event_id is None:
            if d.date_start <= c.ex.article.as_of:
                f.add(
                    "date_check",
                    f"“{d.surface}” ({d.value}) matches no reference event.",
                    _span(d),
                    "info",
                    "Not drawn: the date stays in the figures table.",
                )
            continue
        ev = events[link.event_id]
        lo, hi = date_range(ev.date, ev.date_precision)
        agrees = lo <= (d.date_end or d.date_start) and d.date_start <= hi
        a = c.ex.article
        if agrees and a.as_of_inferred and link.event_id == a.as_of_event:
            f.add(
                "date_check",
                f"“{d.surface}” → {d.value} agrees with the reference date {ev.date} of {link.event_id}; this holds "
                "by construction, because the as-of date was inferred from this event.",
                _span(d),
                "info",
                "Not evidence: the agreement follows from how the as-of date was chosen.",
                ev.source,
            )
            continue
        f.agreement(
            "date_check",
            agrees,
            f"“{d.surface}” → {d.value} agrees with the reference date {ev.date} of {link.event_id}.",
            f"“{d.surface}” resolves to {d.value}, but the reference dates {link.event_id} to {ev.date}.",
            _span(d),
            ev.source,
        )


def quote_speaker(f: Findings, c: Context) -> None:
    types = {r.entity_id: r.type for r in c.ref.rows("entities")}
    for q in c.ex.quotes:
        if speaker_of(c.ex, q, types) is None:
            f.add("quote_speaker", "A quotation with no named speaker in its sentence.", q)


def unknown_publisher(f: Findings, c: Context) -> None:
    if not c.ex.article.publisher:
        f.add(
            "unknown_publisher",
            "The seed does not name its publisher; it is left unknown, not guessed.",
            None,
            "info",
            "publisher left empty in articles.",
            article_source(c.ex.article.article_id, c.ex.sentence_ids[0]),
        )


CHECKS: tuple[Callable[[Findings, Context], None], ...] = (
    spelling,
    repeated_word,
    repeated_text,
    after_as_of,
    role_at_date,
    occasion_date,
    count_check,
    status_conflict,
    tally_check,
    expected_check,
    date_check,
    quote_speaker,
    unknown_publisher,
)


def check_article(c: Context) -> list[dict]:
    """Every registered check over one article."""
    f = Findings(c.ex, c.ref.rows("corrections"))
    for run in CHECKS:
        run(f, c)
    return f.rows


# What a reader expects an article of this story to give, and whether the data package is useless without it.
# (label, how to count it in one article, required)
ELEMENTS: tuple[tuple[str, Callable[[Extract], int], bool], ...] = (
    ("excluded cities (a sentence that lists “City, St.” places)", lambda ex: len(ex.list_sentence_ids), True),
    ("known entities (names or aliases of the reference entities)", lambda ex: len(ex.mentions), False),
    ("places (“City, St.”)", lambda ex: len(ex.places), False),
    ("counts (a number word before a noun)", lambda ex: len(ex.counts), False),
    ("vote tallies (“50-48”)", lambda ex: len(ex.tallies), False),
    ("dates", lambda ex: len(ex.dates), False),
    ("quotations", lambda ex: len(ex.quotes), False),
)


def missing_elements(extracts: list[Extract]) -> list[dict]:
    """A row for each expected element an article does not give. A required one that no article gives is an
    error (``--strict`` fails); otherwise the row is information."""
    rows = []
    for i, (label, count, required) in enumerate(ELEMENTS):
        found = [count(ex) > 0 for ex in extracts]
        severity = "error" if required and not any(found) else "info"
        for ex, ok in zip(extracts, found, strict=True):
            if ok:
                continue
            art = ex.article.article_id
            rows.append(
                {
                    "check_id": f"not_found:{art}:{i}",
                    "article_id": art,
                    "severity": severity,
                    "kind": "not_found",
                    "message": f"The article gives no {label}.",
                    "sentence_id": None,
                    "surface": None,
                    "start": None,
                    "end": None,
                    "resolution": "No rows of this kind come from this article."
                    if not required
                    else "No city is marked excluded; the map shows only the reference participants.",
                    "source": article_source(art, ex.sentence_ids[0]),
                }
            )
    return rows


def _disagree(kind: str, a: str, b: str) -> bool:
    if kind == "event":  # dates at different precisions ("in June", "June 20") agree when their ranges meet
        (a0, a1), (b0, b1) = (date_range(v, "day" if len(v) == 10 else "month") for v in (a, b))
        return a1 < b0 or b1 < a0
    return a != b


def across_articles(claims: pd.DataFrame, extracts: list[Extract], corrections: list) -> list[dict]:
    """Two articles that say different things about one fact (a date, a tally, how many cities are excluded):
    an anomaly on the later article's span, naming both spans."""
    by_id = {ex.article.article_id: ex for ex in extracts}
    rows = []
    for (kind, ref_id), group in claims[claims["kind"] != "city"].groupby(["kind", "ref_id"], sort=True):
        seen: dict[str, pd.Series] = {}  # the first claim of each article
        for _, c in group.sort_values(["article_id", "start"]).iterrows():
            seen.setdefault(c["article_id"], c)
        first, *others = seen.values()
        for c in others:
            if not _disagree(kind, first["value"], c["value"]):
                continue
            f = Findings(by_id[c["article_id"]], corrections)
            about = f"the number of {ref_id} cities" if kind == "city_count" else ref_id
            f.add(
                "across_articles",
                f"About {about}: “{c['surface']}” ({c['source']}) says {c['value']}; "
                f"“{first['surface']}” ({first['source']}) says {first['value']}.",
                ts.Span(int(c["start"]), int(c["end"]), c["surface"]),
            )
            rows += f.rows
    return rows


def open_questions(ref: dict) -> list[dict]:
    """What the reference research leaves UNCONFIRMED or disputed (``open_questions.csv``): left out, and said here."""
    return [
        {
            "check_id": r.check_id,
            "article_id": None,
            "severity": r.severity,
            "kind": "reference_" + r.topic,
            "message": r.message,
            "sentence_id": None,
            "surface": None,
            "start": None,
            "end": None,
            "resolution": r.resolution,
            "source": r.source,
        }
        for r in ref["open_questions"].itertuples()
    ]
