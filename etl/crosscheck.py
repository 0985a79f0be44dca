"""Stage 4, cross-check: the article against itself and against the reference; every finding is a row.

Agreements are ``info``. An anomaly is ``warning`` once a person has reviewed it (a row in
``etl/reference/corrections.csv``), and ``error`` until then; ``python -m etl --strict`` refuses errors.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pandas as pd

from etl import textsteps as ts
from etl.extract import Extract, article_ref, speaker_of
from etl.link import EventLink, date_range, expected_outcome

UNREVIEWED = "Unreviewed: check it, then record the decision in etl/reference/corrections.csv."


class Findings:
    def __init__(self, ex: Extract, corrections: pd.DataFrame):
        self.ex = ex
        self.corrections = corrections
        self.rows: list[dict] = []
        self._seen: set[tuple[str, str, str]] = set()

    def _correction(self, kind: str, surface: str):
        for row in self.corrections.itertuples():
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
                "source": source or (article_ref(art, sid) if sid else ""),
            }
        )


def _sentence_of(ex: Extract, offset: int) -> ts.Span:
    return ex.sentences[ex.sentence_ids.index(ex.sentence_at(offset))]


def check_article(ex: Extract, links: list[EventLink], ref: dict, n_participants: int) -> list[dict]:
    f = Findings(ex, ref["corrections"])
    text = ex.article.text
    as_of = ex.article.as_of

    for mention, canonical, score in ex.fuzzy:
        f.add(
            "spelling",
            f"“{mention.surface}” is not a place name in the gazetteer; read as {canonical} (similarity {score:.2f}).",
            ts.Span(mention.start, mention.end, mention.surface),
        )
    for span in ts.repeated_words(text):
        f.add("repeated_word", f"“{span.surface}”: a word is printed twice in a row.", span)
    for span in ts.doubled_paragraphs(text):
        f.add(
            "repeated_text",
            "A passage is printed twice back to back (the second copy starts right after the first).",
            span,
        )

    # Titles and occasions that a dated sentence gets wrong.
    entity_aliases = {r.entity_id: r.aliases.split("|") for r in ref["entities"].itertuples()}
    absolute = [d for d in ex.dates if d.kind == "absolute"]
    for d in absolute:
        sentence = _sentence_of(ex, d.start)
        if d.date_start > as_of:
            f.add(
                "after_as_of",
                f"“{d.surface}” is later than the article's as-of date ({as_of.isoformat()}).",
                ts.Span(d.start, d.end, d.surface),
            )
        for role in ref["roles"].itertuples():
            alias_re = "|".join(re.escape(a) for a in sorted(entity_aliases[role.entity_id], key=len, reverse=True))
            pattern = re.compile(rf"(?:[Tt]hen-|[Ff]ormer\s+)?{re.escape(role.title)}\s+(?:{alias_re})\b")
            for m in pattern.finditer(text, sentence.start, sentence.end):
                lo, hi = dt.date.fromisoformat(role.start), dt.date.fromisoformat(role.end)
                if lo <= d.date_start <= hi:
                    continue
                actual = [
                    r
                    for r in ref["roles"].itertuples()
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
        for name, group in ref["occasions"].groupby("name"):
            if name not in sentence.surface:
                continue
            same_year = group[group["start"].str[:4] == str(d.date_start.year)]
            inside = [
                r
                for r in same_year.itertuples()
                if dt.date.fromisoformat(r.start) <= d.date_start <= dt.date.fromisoformat(r.end)
            ]
            if same_year.empty or inside:
                continue
            r = same_year.iloc[0]
            f.add(
                "occasion_date",
                f"The {name} of {d.date_start.year} ran {r['start']} to {r['end']}; "
                f"{d.surface} was not one of its days.",
                ts.Span(d.start, d.end, d.surface),
                source=r["source"],
            )

    # Counts of cities against the list the article gives and the reference participants.
    list_counts = {sid: sum(1 for p in ex.places if p.sentence_id == sid) for sid in ex.list_sentence_ids}
    for c in ex.counts:
        if c.unit != "city":
            continue
        sid = ex.sentence_at(c.start)
        span = ts.Span(c.start, c.end, c.surface)
        listed = sum(list_counts.values())
        if sid in list_counts:
            expected = {list_counts[sid]: "the cities listed in the same sentence"}
        else:
            expected = {
                listed: "the cities the article lists",
                n_participants: "the 2017 PSP participants in the reference",
            }
        if c.value in expected:
            f.add("count_check", f"“{c.surface}” agrees with {expected[c.value]} ({c.value}).", span, "info", "Agrees.")
        else:
            said = "; ".join(f"{what}: {n}" for n, what in expected.items())
            f.add("count_check", f"“{c.surface}” says {c.value}, but {said}.", span)
    participants = {(r.city, r.state) for r in ref["psp_sites"].itertuples()}
    for p in ex.places:
        if p.sentence_id in ex.list_sentence_ids and (p.place.name, p.place.state) in participants:
            f.add(
                "status_conflict",
                f"{p.place.name}, {p.place.state} is listed among the excluded cities but the "
                "reference has it as a 2017 participant.",
                p.city,
            )

    # Tallies against the recorded votes of the nominee the sentence names.
    votes = ref["votes"]
    for t in ex.tallies:
        sid = ex.sentence_at(t.start)
        named = votes[votes["nominee"].isin(ex.entities_in(sid))]
        span = ts.Span(t.start, t.end, t.surface)
        if named.empty:
            f.add(
                "tally_check",
                f"“{t.surface}”: no recorded vote in the reference names a nominee of this sentence.",
                span,
            )
            continue
        near = [v for v in named.itertuples() if dt.date.fromisoformat(v.date) <= as_of] or list(named.itertuples())
        v = near[-1]
        if (int(v.yea), int(v.nay)) == (t.yea, t.nay):
            f.add(
                "tally_check",
                f"“{t.surface}” matches the recorded vote {v.vote_id} ({v.yea}-{v.nay}, {v.not_voting} not voting).",
                span,
                "info",
                "Agrees.",
                v.source,
            )
        else:
            f.add(
                "tally_check",
                f"The article says {t.yea}-{t.nay}; the reference ({v.vote_id}) records {v.yea}-{v.nay}.",
                span,
                source=v.source,
            )

    # Dates against the reference events they were matched to.
    events = ref["events"].set_index("event_id")
    for link in links:
        d = ex.dates[link.date_index]
        span = ts.Span(d.start, d.end, d.surface)
        if link.how == "expected":
            found = expected_outcome(ex, link.date_index, ref)
            if found is None:
                f.add(
                    "expected_check",
                    f"“{d.surface}”: an expected event with no recorded outcome in the reference.",
                    span,
                    "info",
                    "Shown as expected.",
                )
            else:
                vote, _ = found
                f.add(
                    "expected_check",
                    f"“{d.surface}” (expected): the vote came on {vote['date']}, "
                    f"{vote['yea']}-{vote['nay']} ({vote['vote_id']}).",
                    span,
                    "info",
                    "Paired with its outcome on the timeline.",
                    vote["source"],
                )
            continue
        if link.event_id is None:
            if d.date_start <= as_of:
                f.add(
                    "date_check",
                    f"“{d.surface}” ({d.value}) matches no reference event.",
                    span,
                    "info",
                    "Shown as an article-only event.",
                )
            continue
        ev = events.loc[link.event_id]
        lo, hi = date_range(ev["date"], ev["date_precision"])
        if lo <= (d.date_end or d.date_start) and d.date_start <= hi:
            f.add(
                "date_check",
                f"“{d.surface}” → {d.value} agrees with the reference date {ev['date']} of {link.event_id}.",
                span,
                "info",
                "Agrees.",
                ev["source"],
            )
        else:
            f.add(
                "date_check",
                f"“{d.surface}” resolves to {d.value}, but the reference dates {link.event_id} to {ev['date']}.",
                span,
                source=ev["source"],
            )

    # Quotes must have a speaker.
    types = dict(zip(ref["entities"]["entity_id"], ref["entities"]["type"], strict=True))
    for q in ex.quotes:
        if speaker_of(ex, q, types) is None:
            f.add("quote_speaker", "A quotation with no named speaker in its sentence.", q)

    if not ex.article.publisher:
        f.add(
            "unknown_publisher",
            "The seed does not name its publisher; it is left unknown, not guessed.",
            None,
            "info",
            "publisher left empty in articles.",
            article_ref(ex.article.article_id, ex.sentence_ids[0]),
        )
    return f.rows


# What a reader expects an article of this story to give, and whether the data package is useless without it.
# (label, how to count it in one article, required)
ELEMENTS: tuple[tuple[str, Callable[[Extract], int], bool], ...] = (
    ("excluded cities (a sentence that lists “City, St.” places)", lambda ex: len(ex.list_sentence_ids), True),
    ("known entities (names or aliases from etl/reference/entities.csv)", lambda ex: len(ex.mentions), False),
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
                    "source": article_ref(art, ex.sentence_ids[0]),
                }
            )
    return rows


def open_questions(ref: dict) -> list[dict]:
    """What FACTS.md leaves UNCONFIRMED or disputed: left out of the tables, and said here."""
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
