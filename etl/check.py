"""Stage 8, check: the articles against themselves, against each other and against the reference; every finding
is a row of ``data_quality``.

``CHECKS`` is the registry: one function per kind of check, each given one article as read and resolved
(``assemble.Article``). They resolve nothing again. Agreements are ``info``. What the reader could not settle (a
place the gazetteer does not list, a quotation with no speaker in its paragraph) is a ``warning``. A real
disagreement (with the reference, within the article, or with another article) is an ``error`` until a person has
reviewed it (a row in ``etl/reference/corrections.csv`` makes it a ``warning``); ``python -m etl --strict``
refuses errors. A row holds its kind, a variant and its fields as data; its message, written for a reader (words,
not ids), is the variant's template in ``contract/checks.toml`` with the fields put in (``contract.checks``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from contract.checks import OPEN_QUESTION, OPEN_QUESTION_PREFIX, fields_json, phrase, written
from etl.assemble import Article
from etl.read.model import Reading, Span, as_of_words, human
from etl.reference import FILES, cited_urls, site_of
from etl.resolve import date_range
from etl.review import Applied, desk_words
from etl.schema import article_source

UNREVIEWED = "Unreviewed: nobody has checked this yet; it is shown as found."  # the CLI says where to record it


def tally_words(yea, nay) -> str:
    """A tally as this project writes it: "50–48" (an en dash; the article's own words are quoted as written)."""
    return f"{int(yea)}–{int(nay)}"


def day_words(iso: str) -> str:
    """ "2017-08-02" -> "2 Aug 2017"; "2017-06" -> "June 2017"; "2018" -> "2018"."""
    if len(iso) == 10:
        d = dt.date.fromisoformat(iso)
        return f"{d.day} {d:%b %Y}"
    if len(iso) == 7:
        return f"{dt.date.fromisoformat(iso + '-01'):%B %Y}"
    return iso


@dataclass
class Context:
    """What every check may look at: one article as read and resolved, the reference, and what all the articles
    together say."""

    a: Article
    ref: dict
    n_participants: int
    recorded: dict[str, set[str]]  # status -> the cities our cited records hold in it (etl.corroborate)
    standing: dict  # (city_id, status) -> what every report together says of it (etl.corroborate.Standing)
    desk: Applied | None = None  # the desk's decisions, applied (etl.review)

    @property
    def rd(self) -> Reading:
        return self.a.reading


class Findings:
    def __init__(self, rd: Reading, corrections: list, desk: Applied | None = None):
        self.rd = rd
        self.corrections = corrections
        self.accepted = desk.accepted if desk is not None else {}  # check_id -> the desk's decision
        self.rows: list[dict] = []
        self._seen: set[tuple[str, str, str]] = set()

    def _correction(self, kind: str, surface: str):
        art = self.rd.article.article_id
        for row in self.corrections:
            if row.article_id == art and row.kind == kind and row.surface in surface:
                return row
        return None

    def add(
        self,
        kind: str,
        variant: str,
        span=None,
        severity: str | None = None,
        resolution: str = "",
        source: str = "",
        **fields,
    ) -> None:
        """One finding, its words the variant's template filled with ``fields``. Without ``severity`` it is an
        anomaly: warning when reviewed, error when not."""
        art = self.rd.article.article_id
        surface = span.surface if span is not None else ""
        said = written(kind, variant, fields)[0]
        if (kind, surface, said) in self._seen:
            return  # the same finding again (a caption printed twice): one row is enough
        self._seen.add((kind, surface, said))
        check_id = f"{kind}:{art}:{span.start if span is not None else 0}"
        desk = self.accepted.get(check_id)
        if severity is None:
            fix = self._correction(kind, surface)
            severity = "warning" if fix is not None or desk is not None else "error"
            resolution = fix.resolution if fix is not None else desk_words(desk) if desk is not None else UNREVIEWED
            source = source or (fix.source if fix is not None else "")
        elif severity == "warning" and desk is not None:  # a warning the desk has read: it says so
            resolution = desk_words(desk)
        sid = self.rd.sentence_at(span.start) if span is not None else None
        last = self.rd.sentence_at(span.end - 1) if span is not None else None
        if last != sid:  # the row is tagged with the sentence it starts in; say where it ends
            fields.update(first_sentence=int(sid[1:]), last_sentence=int(last[1:]))
        message, stored = written(kind, variant, fields)
        self.rows.append(
            {
                "check_id": check_id,
                "article_id": art,
                "severity": severity,
                "kind": kind,
                "variant": variant,
                "fields": stored,
                "message": message,
                "sentence_id": sid,
                "surface": surface or None,
                "start": span.start if span is not None else None,
                "end": span.end if span is not None else None,
                "resolution": resolution,
                "source": source or (article_source(art, sid) if sid else ""),
            }
        )

    def agreement(self, kind: str, agrees: bool, yes: str, no: str, span, source: str = "", **fields) -> None:
        """A comparison: ``info`` (variant ``yes``) when the article agrees with what it is checked against, an
        anomaly (variant ``no``) when not."""
        if agrees:
            self.add(kind, yes, span, "info", "Agrees.", source, **fields)
        else:
            self.add(kind, no, span, source=source, **fields)


def _days(c: Context) -> list:
    """The article's dates at day precision that it states as facts (not the ones it says are wrong)."""
    return [d for d in c.rd.dates if d.precision == "day" and not d.negated]


def _event_fields(c: Context, event_id: str) -> dict[str, str]:
    """A reference event as a finding's fields: its title and its day in words."""
    ev = c.ref.by_id("events", "event_id")[event_id]
    return {"event": ev.title, "event_date": day_words(ev.date)}


def _vote_fields(c: Context, v) -> dict[str, str]:
    """A recorded vote as a finding's fields: the nominee's name and the day in words (not the vote's id)."""
    return {"nominee": c.ref.by_id("entities", "entity_id")[v["nominee"]].name, "vote_date": day_words(v["date"])}


# ---- the text against itself ---------------------------------------------------------------------------------


def spelling(f: Findings, c: Context) -> None:
    """A city's name the gazetteer knows only by a close match ("San Bernadino")."""
    for p in c.rd.places:
        if p.mention.method == "fuzzy" and p.gazetteer is not None:
            f.add(
                "spelling",
                "close_match",
                p.mention,
                surface=p.mention.surface,
                city=p.gazetteer.name,
                similarity=p.score,
            )


def repeated_word(f: Findings, c: Context) -> None:
    """A word printed twice in a row ("the The") within one line: a headline's last word that opens the paragraph
    after it ("Hope in Houston" over "Houston, a participant, …") is two lines' words, not one printed twice."""
    text = c.rd.article.text
    for m in re.finditer(r"\b(\w+)[^\S\n]+(\1)\b", text, re.IGNORECASE):
        f.add("repeated_word", "twice", Span(m.start(), m.end(), m.group(0)), surface=m.group(0))


def repeated_text(f: Findings, c: Context) -> None:
    """A paragraph that is one passage printed twice back to back; the span is the first copy."""
    text = c.rd.article.text
    for line in re.finditer(r"[^\n]+", text):
        body = line.group(0).strip()
        start = line.start() + line.group(0).index(body) if body else line.start()
        for sep in ("", " "):
            half, rest = divmod(len(body) - len(sep), 2)
            if (
                rest == 0
                and half > 10
                and body[:half] == body[half + len(sep) :]
                and body[half : half + len(sep)] == sep
            ):
                f.add("repeated_text", "twice", Span(start, start + half, text[start : start + half]))
                break


def after_as_of(f: Findings, c: Context) -> None:
    """A full date (with its year) later than the day the article's relative dates are read against, that the
    article does not state as a deadline or a plan. A day without its year ("Aug. 18") is the one nearest the
    article's date, so one later than it is one the text looks ahead to; "answer by Aug. 18" and "will vote
    Monday" lie ahead by design. Neither is a finding."""
    as_of = c.rd.article.as_of
    for d in _days(c):
        if d.date_start > as_of and not d.ahead and d.year_written:
            f.add(
                "after_as_of",
                "later",
                d,
                surface=d.surface,
                date=human(d.date_start),
                as_of=as_of_words(c.rd.article),
            )


# ---- the text against the reference ------------------------------------------------------------------------


def role_at_date(f: Findings, c: Context) -> None:
    """A title ("Then-Senator Jeff Sessions") that the person did not hold on a date of its sentence."""
    roles = c.ref.rows("roles")
    text = c.rd.article.text
    for m in c.rd.mentions:
        if m.type != "person" or not m.title or m.title_start is None:
            continue
        held = [r for r in roles if r.entity_id == m.entity_id and r.title == m.title]
        if not held:
            continue
        sid = c.rd.sentence_at(m.start)
        for d in (d for d in _days(c) if c.rd.sentence_at(d.start) == sid):
            if any(dt.date.fromisoformat(r.start) <= d.date_start <= dt.date.fromisoformat(r.end) for r in held):
                continue
            role = held[0]
            actual = [
                r
                for r in roles
                if r.entity_id == m.entity_id
                and dt.date.fromisoformat(r.start) <= d.date_start <= dt.date.fromisoformat(r.end)
            ]
            other = actual[0] if actual else None
            now = (
                {"other_title": other.title, "other_start": day_words(other.start), "other_end": day_words(other.end)}
                if other is not None
                else {}
            )
            words = text[m.title_start : m.end]
            f.add(
                "role_at_date",
                "held_other" if actual else "held_none",
                Span(m.title_start, m.end, words),
                source=role.source,
                words=words,
                on=d.surface,
                title=role.title,
                start=day_words(role.start),
                end=day_words(role.end),
                **now,
            )


def occasion_date(f: Findings, c: Context) -> None:
    """A named occasion ("the Values Voter Summit") dated to a day it did not take place that year. Where no source
    confirms when an occasion ended, only a day before it began is a finding."""
    occasions = c.ref.rows("occasions")
    for d in _days(c):
        sentence = c.rd.sentence(c.rd.sentence_at(d.start))
        for name in dict.fromkeys(r.name for r in occasions):
            if name not in sentence.surface:
                continue
            year = str(d.date_start.year)
            same_year = [r for r in occasions if r.name == name and r.start[:4] == year]
            inside = [
                r
                for r in same_year
                if dt.date.fromisoformat(r.start) <= d.date_start
                and (not r.end or d.date_start <= dt.date.fromisoformat(r.end))
            ]
            if not same_year or inside:
                continue
            r = same_year[0]
            ran = {"end": day_words(r.end)} if r.end else {}
            f.add(
                "occasion_date",
                "ran" if r.end else "opened",
                d,
                source=r.source,
                occasion=name,
                year=year,
                start=day_words(r.start),
                on=d.surface,
                **ran,
            )


def count_check(f: Findings, c: Context) -> None:
    """A count of cities against the list it introduces, or, when it introduces none, against the cities the
    article (or every article) ties to the same role, or the reference's participants."""
    claimed = {
        role: {x.place.gazetteer.city_id for x in c.a.story.claims if x.role.status == role} for role in ("excluded",)
    }
    for cr in c.a.story.counts:
        if cr.role is None:
            continue
        n = cr.count
        if cr.listed is not None:
            k = len(cr.listed.places)
            f.agreement(
                "count_check",
                n.value == k,
                "lists_agrees",
                "lists_differs",
                n,
                surface=n.surface,
                said=n.value,
                listed=k,
            )
        elif cr.role.status == "participant":
            f.agreement(
                "count_check",
                n.value == c.n_participants,
                "participants_agrees",
                "participants_differs",
                n,
                surface=n.surface,
                said=n.value,
                participants=c.n_participants,
            )
        else:  # this article's own readings where they name more, else our cited records: never other articles
            k, whose = _excluded_against(n.value, len(claimed["excluded"]), len(c.recorded["excluded"]))
            if not k:
                continue
            f.agreement(
                "count_check",
                n.value == k,
                f"{whose}_agrees",
                f"{whose}_differs",
                n,
                surface=n.surface,
                said=n.value,
                named=k,
            )


def _excluded_against(said: int, mine: int, recorded: int) -> tuple[int, str]:
    """What a count of the not-considered cities that introduces no list is checked against: the cities the article
    ties to that role when they are as many as it says or more (a fifth city named); else our cited records, since
    cities the article names apart (a gallery's captions, one city each) may be fewer without disagreeing."""
    if mine >= said or (mine and not recorded):
        return mine, "article"
    return recorded, "records"


def status_conflict(f: Findings, c: Context) -> None:
    """A city an article says will not be considered that the reference has as a participant, or a city it calls
    a participant that the reference does not list."""
    participants = {(r.city, r.state) for r in c.ref.rows("psp_sites")}
    for claim in c.a.story.claims:
        p = claim.place.gazetteer
        taking_part = (p.name, p.state) in participants
        if claim.role.status == "excluded" and taking_part:
            f.add("status_conflict", "excluded_participant", claim.place.mention, city=p.name, state=p.state)
        if claim.role.status == "participant" and not taking_part:
            f.add("status_conflict", "participant_unlisted", claim.place.mention, city=p.name, state=p.state)


def one_report_role(f: Findings, c: Context) -> None:
    """A role for a city that only this report claims and our cited records do not hold: kept as its claim, off
    the map, for the desk to review (``etl.corroborate``)."""
    seen = set()
    for claim in c.a.story.claims:
        p = claim.place.gazetteer
        if p is None or (p.city_id, claim.role.status) in seen:
            continue
        seen.add((p.city_id, claim.role.status))
        held = c.standing[(p.city_id, claim.role.status)]
        if held.desk and not held.recorded:
            f.add(
                "one_report_role",
                "desk_confirmed",
                claim.place.mention,
                "info",
                desk_words(c.desk.confirmed[(p.city_id, claim.role.status)]),
                city=p.name,
                state=p.state,
            )
        if held.on_map or claim.role.status != "excluded":
            continue
        f.add(
            "one_report_role",
            "left_off",
            claim.place.mention,
            "warning",
            "Left off the map until a second report or our cited records hold it.",
            city=p.name,
            state=p.state,
            basis=claim.how.basis,
        )


def tally_check(f: Findings, c: Context) -> None:
    """A tally against the recorded vote it gives."""
    for link in c.a.tallies:
        t, v = link.tally, link.vote
        if v is None:
            f.add(
                "tally_check",
                "not_floor" if link.how == "not_floor" else "no_vote",
                t,
                "info" if link.how == "not_floor" else "warning",
                "Kept in the figures table; not drawn.",
                surface=t.surface,
            )
            continue
        cloture = v["motion"] == "cloture"  # who did not vote on it is unconfirmed: its row has no count
        f.agreement(
            "tally_check",
            (int(v["yea"]), int(v["nay"])) == (t.yea, t.nay),
            "cloture_agrees" if cloture else "vote_agrees",
            "cloture_differs" if cloture else "vote_differs",
            t,
            v["source"],
            surface=t.surface,
            said=tally_words(t.yea, t.nay),
            recorded=tally_words(v["yea"], v["nay"]),
            **({} if cloture else {"not_voting": v["not_voting"]}),
            **_vote_fields(c, v),
        )


def expected_check(f: Findings, c: Context) -> None:
    """An expected event ("after the August recess") and what the reference says came of it."""
    for link in c.a.dates:
        if link.how != "expected":
            continue
        d = c.rd.dates[link.date_index]
        found = link.expected
        drawn = (
            phrase("shown_as_expected", {"date": human(d.date_start)})
            if found.category
            else "Not drawn: no timeline lane fits it."
        )
        if found.vote is None:
            f.add("expected_check", "no_outcome", d, "info", drawn, surface=d.surface)
        else:
            v = found.vote
            f.add(
                "expected_check",
                "voted",
                d,
                "info",
                "Paired with its outcome on the timeline." if found.outcome_event_id else drawn,
                v["source"],
                surface=d.surface,
                recorded=tally_words(v["yea"], v["nay"]),
                **_vote_fields(c, v),
            )


def date_check(f: Findings, c: Context) -> None:
    """A resolved date against the reference event it speaks of."""
    events = c.ref.by_id("events", "event_id")
    a = c.rd.article
    for link in c.a.dates:
        if link.how in ("expected", "negated"):
            continue
        d = c.rd.dates[link.date_index]
        if link.event_id is None:
            if d.date_start <= a.as_of:
                f.add(
                    "date_check",
                    "no_event",
                    d,
                    "info",
                    "Not drawn: the date stays in the figures table.",
                    surface=d.surface,
                    said=day_words(d.value),
                )
            continue
        ev = events[link.event_id]
        lo, hi = date_range(ev.date, ev.date_precision)
        agrees = lo <= (d.date_end or d.date_start) and d.date_start <= hi
        fields = {"surface": d.surface, "said": day_words(d.value), **_event_fields(c, link.event_id)}
        if agrees and a.as_of_inferred and link.event_id == a.as_of_event:
            f.add(
                "date_check",
                "by_construction",
                d,
                "info",
                "Not evidence: the agreement follows from how the article's date was chosen.",
                ev.source,
                **fields,
            )
            continue
        f.agreement("date_check", agrees, "event_agrees", "event_differs", d, ev.source, **fields)


def senator_check(f: Findings, c: Context) -> None:
    """A senator's party and state as written ("Sen. Patty Murray (D-Wash.)") against the roster."""
    roster = {}
    for roll in c.ref["positions"].values():
        for p in roll.itertuples():
            roster.setdefault(_slug(p.senator), p)
    for m in c.rd.mentions:
        p = roster.get(m.entity_id)
        if p is None or not (m.party or m.state) or m.affiliation is None:
            continue
        wrong = [
            w
            for w, said, roster in (("party", m.party, p.party), ("state", m.state, p.state))
            if said and said != roster
        ]
        span = m.affiliation
        f.agreement(
            "senator_check",
            not wrong,
            "roster_agrees",
            "_".join(wrong) + "_differs",
            span,
            p.roster_url,
            surface=span.surface,
            senator=p.senator,
            party=m.party,
            state=m.state,
            roster_party=p.party,
            roster_state=p.state,
        )


def quote_speaker(f: Findings, c: Context) -> None:
    """A quotation whose paragraph names no speaker: kept, with no speaker, for a person to read."""
    for link in c.a.speakers:
        if link.entity_id is None:
            f.add(
                "quote_speaker",
                "no_speaker",
                link.quote,
                "warning",
                "Kept in the quotes table with no speaker.",
            )


def unresolved_place(f: Findings, c: Context) -> None:
    """A "Town, State" the gazetteer does not list (a town under 15,000 people): a mention, never a stop."""
    for p in c.rd.places:
        if p.gazetteer is None:
            state = {"state": p.state_span.surface} if p.state_span is not None else {}
            f.add(
                "unresolved_place",
                "with_state" if state else "bare",
                p.mention,
                "warning",
                "Kept as a mention of an unresolved place; not on the map.",
                surface=p.mention.surface,
                **state,
            )


def language(f: Findings, c: Context) -> None:
    if not c.rd.english:
        f.add(
            "language",
            "not_english",
            None,
            "warning",
            "Nothing was taken from it but its sentences.",
            article_source(c.rd.article.article_id, c.rd.sentence_ids[0]),
        )


def unknown_publisher(f: Findings, c: Context) -> None:
    if not c.rd.article.publisher:
        f.add(
            "unknown_publisher",
            "no_publisher",
            None,
            "info",
            "The publisher is left empty.",
            article_source(c.rd.article.article_id, c.rd.sentence_ids[0]),
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
    one_report_role,
    tally_check,
    expected_check,
    date_check,
    senator_check,
    quote_speaker,
    unresolved_place,
    language,
    unknown_publisher,
)


def check_article(c: Context) -> list[dict]:
    """Every registered check over one article."""
    f = Findings(c.rd, c.ref.rows("corrections"), c.desk)
    for run in CHECKS:
        run(f, c)
    return f.rows


# What a reader expects an article of this story to give, and whether the data package is useless without it.
# (the not_found variant that words it in contract/checks.toml, how to count it in one article, required)
ELEMENTS: tuple[tuple[str, Callable[[Article], int], bool], ...] = (
    ("excluded_cities", lambda a: len(a.story.claimed("excluded")), True),
    ("reference_names", lambda a: len(a.reading.mentions), False),
    ("places", lambda a: len(a.reading.places), False),
    ("counts", lambda a: len(a.reading.counts), False),
    ("tallies", lambda a: len(a.reading.tallies), False),
    ("dates", lambda a: len(a.reading.dates), False),
    ("quotations", lambda a: len(a.reading.quotes), False),
)


def missing_elements(articles: list[Article]) -> list[dict]:
    """A row for each expected element an article does not give. A required one that no article gives is an
    error (``--strict`` fails); otherwise the row is information."""
    rows = []
    for i, (variant, count, required) in enumerate(ELEMENTS):
        found = [count(a) > 0 for a in articles]
        severity = "error" if required and not any(found) else "info"
        for a, ok in zip(articles, found, strict=True):
            if ok:
                continue
            message, fields = written("not_found", variant, {})
            rows.append(
                {
                    "check_id": f"not_found:{a.id}:{i}",
                    "article_id": a.id,
                    "severity": severity,
                    "kind": "not_found",
                    "variant": variant,
                    "fields": fields,
                    "message": message,
                    "sentence_id": None,
                    "surface": None,
                    "start": None,
                    "end": None,
                    "resolution": "No rows of this kind come from this article."
                    if not required
                    else "No city is marked as not considered; the map shows only our cited records' participants.",
                    "source": article_source(a.id, a.reading.sentence_ids[0]),
                }
            )
    return rows


def _disagree(kind: str, a: str, b: str) -> bool:
    if kind == "event":  # dates at different precisions ("in June", "June 20") agree when their ranges meet
        (a0, a1), (b0, b1) = (date_range(v, "day" if len(v) == 10 else "month") for v in (a, b))
        return a1 < b0 or b1 < a0
    return a != b


def _said(row: pd.Series, titles: dict[str, str], kind: str, prefix: str = "") -> dict:
    """What one article says of a fact, as a finding's fields: its words, the article's title, the sentence and the
    value (a day in words, or a tally with its en dash)."""
    value = day_words(row["value"]) if kind == "event" else row["value"].replace("-", "–")
    return {
        prefix + "surface": row["surface"],
        prefix + "title": titles[row["article_id"]],
        prefix + "sentence": int(row["sentence_id"][1:]),
        prefix + "said": value,
    }


def across_articles(
    claims: pd.DataFrame, articles: list[Article], ref, corrections: list, desk: Applied | None = None
) -> list[dict]:
    """Two articles that say different things about one fact (a date, a tally, how many cities have a role):
    an anomaly on the later article's span, naming both."""
    by_id = {a.id: a for a in articles}
    titles = {a.id: a.reading.sentences[0].surface for a in articles}
    events = ref.by_id("events", "event_id")
    votes = ref.by_id("votes", "vote_id")
    rows = []
    comparable = claims[claims["kind"].isin(["event", "vote", "city_count"])]
    for (kind, ref_id), group in comparable.groupby(["kind", "ref_id"], sort=True):
        seen: dict[str, pd.Series] = {}  # the first claim of each article
        for _, c in group.sort_values(["article_id", "start"]).iterrows():
            seen.setdefault(c["article_id"], c)
        first, *others = seen.values()
        for c in others:
            if not _disagree(kind, first["value"], c["value"]):
                continue
            f = Findings(by_id[c["article_id"]].reading, corrections, desk)
            variant = kind
            if kind == "vote":  # worded by what the vote decided: a cloture or a confirmation (votes.motion)
                about = {"nominee": _name(ref, votes[ref_id]), "vote_date": day_words(votes[ref_id].date)}
                variant = "cloture" if votes[ref_id].motion == "cloture" else "vote"
            else:
                about = {"event": events[ref_id].title}
            f.add(
                "across_articles",
                variant,
                Span(int(c["start"]), int(c["end"]), c["surface"]),
                **about,
                **_said(c, titles, kind),
                **_said(first, titles, kind, "first_"),
            )
            rows += f.rows
    return rows


def _name(ref, vote) -> str:
    return ref.by_id("entities", "entity_id")[vote.nominee].name


def _slug(text: str) -> str:
    from etl.gazetteer import slug

    return slug(text)


def open_questions(ref: dict) -> list[dict]:
    """What the reference research leaves UNCONFIRMED or disputed (``open_questions.csv``): left out, and said here
    in the research's own words (data already: no template, no fields)."""
    return [
        {
            "check_id": r.check_id,
            "article_id": None,
            "severity": r.severity,
            "kind": OPEN_QUESTION_PREFIX + r.topic,
            "variant": OPEN_QUESTION,
            "fields": fields_json({}),
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


def _listing(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def off_chart(events: pd.DataFrame, ref) -> list[dict]:
    """Each event kept off the charts (``events.charted`` false: no official page or news outlet it cites, and no
    article, states it), said where the Sources page lists what the sources leave open: which pages it rests on."""
    rows = []
    for e in events[~events["charted"]].itertuples():
        cited = ref.by_id("events", "event_id")[e.event_id]._asdict()
        sites = list(dict.fromkeys(site_of(u, ref).site for u in cited_urls(cited, FILES["events"])))
        variant = "one_source" if len(sites) == 1 else "sources"
        fields = {"event": e.title, "event_date": day_words(e.date), "sites": _listing(sites)}
        message, stored = written("reference_events", variant, fields)
        rows.append(
            {
                "check_id": f"off-chart-{e.event_id}",
                "article_id": None,
                "severity": "info",
                "kind": "reference_events",
                "variant": variant,
                "fields": stored,
                "message": message,
                "sentence_id": None,
                "surface": None,
                "start": None,
                "end": None,
                "resolution": "Kept off the charts: a charted fact needs an official page, a news outlet or an "
                "article that states it.",
                "source": e.source,
            }
        )
    return rows
