"""Stage 8, check: the articles against themselves, against each other and against the reference; every finding
is a row of ``data_quality``.

``CHECKS`` is the registry: one function per kind of check, each given one article as read and resolved
(``assemble.Article``). They resolve nothing again. Agreements are ``info``. What the reader could not settle (a
place the gazetteer does not list, a quotation with no speaker in its paragraph) is a ``warning``. A real
disagreement (with the reference, within the article, or with another article) is an ``error`` until a person has
reviewed it (a row in ``etl/reference/corrections.csv`` makes it a ``warning``); ``python -m etl --strict``
refuses errors. Messages are written for a reader: words, not ids.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

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

    def sentence_words(self, sid: str) -> str:
        """ "sentence 7" (a reader's words for a sentence id)."""
        return f"sentence {int(sid[1:])}"

    def add(
        self, kind: str, message: str, span=None, severity: str | None = None, resolution: str = "", source: str = ""
    ) -> None:
        """One finding. Without ``severity`` it is an anomaly: warning when reviewed, error when not."""
        art = self.rd.article.article_id
        surface = span.surface if span is not None else ""
        if (kind, surface, message) in self._seen:
            return  # the same finding again (a caption printed twice): one row is enough
        self._seen.add((kind, surface, message))
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
            message += f" The words run from {self.sentence_words(sid)} into {self.sentence_words(last)}."
        self.rows.append(
            {
                "check_id": check_id,
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


def _days(c: Context) -> list:
    """The article's dates at day precision that it states as facts (not the ones it says are wrong)."""
    return [d for d in c.rd.dates if d.precision == "day" and not d.negated]


def _event_words(c: Context, event_id: str) -> str:
    ev = c.ref.by_id("events", "event_id")[event_id]
    return f"“{ev.title}” ({day_words(ev.date)})"


def _vote_words(c: Context, v) -> str:
    """ "the Senate's vote on Marvin Kaplan of 2 Aug 2017" (a reader's words for a vote id)."""
    name = c.ref.by_id("entities", "entity_id")[v["nominee"]].name
    return f"the Senate's vote on {name} of {day_words(v['date'])}"


# ---- the text against itself ---------------------------------------------------------------------------------


def spelling(f: Findings, c: Context) -> None:
    """A city's name the gazetteer knows only by a close match ("San Bernadino")."""
    for p in c.rd.places:
        if p.mention.method == "fuzzy" and p.gazetteer is not None:
            f.add(
                "spelling",
                f"“{p.mention.surface}” is not a city's name in the gazetteer; read as {p.gazetteer.name} "
                f"(similarity {p.score:.2f}).",
                p.mention,
            )


def repeated_word(f: Findings, c: Context) -> None:
    """A word printed twice in a row ("the The")."""
    text = c.rd.article.text
    for m in re.finditer(r"\b(\w+)\s+(\1)\b", text, re.IGNORECASE):
        f.add(
            "repeated_word", f"“{m.group(0)}”: a word is printed twice in a row.", Span(m.start(), m.end(), m.group(0))
        )


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
                f.add(
                    "repeated_text",
                    "A passage is printed twice back to back (the second copy starts right after the first).",
                    Span(start, start + half, text[start : start + half]),
                )
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
                f"“{d.surface}” ({human(d.date_start)}) is later than the article's date, "
                f"{as_of_words(c.rd.article)}, yet the article does not state it as a plan or a deadline.",
                d,
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
            now = (
                f"; on that date the reference has them as {actual[0].title} "
                f"({day_words(actual[0].start)} to {day_words(actual[0].end)})"
                if actual
                else ""
            )
            words = text[m.title_start : m.end]
            f.add(
                "role_at_date",
                f"“{words}” on {d.surface}: the {role.title} term ran {day_words(role.start)} to "
                f"{day_words(role.end)}{now}.",
                Span(m.title_start, m.end, words),
                source=role.source,
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
            ran = f"ran {day_words(r.start)} to {day_words(r.end)}" if r.end else f"opened on {day_words(r.start)}"
            f.add(
                "occasion_date",
                f"The {name} of {year} {ran}; {d.surface} was not one of its days.",
                d,
                source=r.source,
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
                f"“{n.surface}” agrees with the {k} cities it lists.",
                f"“{n.surface}” says {n.value}, but it lists {k} cities.",
                n,
            )
        elif cr.role.status == "participant":
            f.agreement(
                "count_check",
                n.value == c.n_participants,
                f"“{n.surface}” agrees with the {c.n_participants} participants of 2017 in the reference.",
                f"“{n.surface}” says {n.value}, but the reference lists {c.n_participants} participants of 2017.",
                n,
            )
        else:  # this article's own readings, else our cited records: never what other articles say
            mine = len(claimed["excluded"])
            k, whose = (mine, "this article names") if mine else (len(c.recorded["excluded"]), "our cited records name")
            if not k:
                continue
            f.agreement(
                "count_check",
                n.value == k,
                f"“{n.surface}” agrees with the {k} cities {whose} as not considered.",
                f"“{n.surface}” says {n.value}, but {whose} {k} cities as not considered.",
                n,
            )


def status_conflict(f: Findings, c: Context) -> None:
    """A city an article says will not be considered that the reference has as a participant, or a city it calls
    a participant that the reference does not list."""
    participants = {(r.city, r.state) for r in c.ref.rows("psp_sites")}
    for claim in c.a.story.claims:
        p = claim.place.gazetteer
        taking_part = (p.name, p.state) in participants
        if claim.role.status == "excluded" and taking_part:
            f.add(
                "status_conflict",
                f"{p.name}, {p.state} is named among the cities not considered, but the reference has it as a "
                "participant of 2017.",
                claim.place.mention,
            )
        if claim.role.status == "participant" and not taking_part:
            f.add(
                "status_conflict",
                f"{p.name}, {p.state} is named as a participant, but the reference's participants of 2017 do not "
                "include it.",
                claim.place.mention,
            )


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
                f"Only this report names {p.name}, {p.state} among the cities not considered; the desk confirmed it, "
                "so it is on the map, citing this report.",
                claim.place.mention,
                "info",
                desk_words(c.desk.confirmed[(p.city_id, claim.role.status)]),
            )
        if held.on_map or claim.role.status != "excluded":
            continue
        f.add(
            "one_report_role",
            f"Only this report names {p.name}, {p.state} among the cities not considered, and our cited records do "
            "not; it is kept as this report's claim and left off the map.",
            claim.place.mention,
            "warning",
            "Left off the map until a second report or our cited records hold it.",
        )


def tally_check(f: Findings, c: Context) -> None:
    """A tally against the recorded vote it gives."""
    for link in c.a.tallies:
        t, v = link.tally, link.vote
        if v is None:
            why = (
                "a committee's or a procedural vote, which the reference does not record"
                if link.how == "not_floor"
                else "no recorded vote in the reference fits its sentence"
            )
            f.add(
                "tally_check",
                f"“{t.surface}”: {why}.",
                t,
                "info" if link.how == "not_floor" else "warning",
                "Kept in the figures table; not drawn.",
            )
            continue
        f.agreement(
            "tally_check",
            (int(v["yea"]), int(v["nay"])) == (t.yea, t.nay),
            f"“{t.surface}” matches {_vote_words(c, v)} ({tally_words(v['yea'], v['nay'])}, "
            f"{v['not_voting']} not voting).",
            f"The article says {tally_words(t.yea, t.nay)}; the reference records {_vote_words(c, v)} as "
            f"{tally_words(v['yea'], v['nay'])}.",
            t,
            v["source"],
        )


def expected_check(f: Findings, c: Context) -> None:
    """An expected event ("after the August recess") and what the reference says came of it."""
    for link in c.a.dates:
        if link.how != "expected":
            continue
        d = c.rd.dates[link.date_index]
        found = link.expected
        drawn = (
            f"Shown as expected on the timeline, not before {human(d.date_start)} (inferred from the words)."
            if found.category
            else "Not drawn: no timeline lane fits it."
        )
        if found.vote is None:
            f.add("expected_check", f"“{d.surface}”: an expected event with no recorded outcome.", d, "info", drawn)
        else:
            v = found.vote
            name = c.ref.by_id("entities", "entity_id")[v["nominee"]].name
            f.add(
                "expected_check",
                f"“{d.surface}” (expected): the Senate voted on {name} on {day_words(v['date'])}, "
                f"{tally_words(v['yea'], v['nay'])}.",
                d,
                "info",
                "Paired with its outcome on the timeline." if found.outcome_event_id else drawn,
                v["source"],
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
                    f"“{d.surface}” ({day_words(d.value)}) speaks of no event in the reference.",
                    d,
                    "info",
                    "Not drawn: the date stays in the figures table.",
                )
            continue
        ev = events[link.event_id]
        lo, hi = date_range(ev.date, ev.date_precision)
        agrees = lo <= (d.date_end or d.date_start) and d.date_start <= hi
        said = day_words(d.value)
        if agrees and a.as_of_inferred and link.event_id == a.as_of_event:
            f.add(
                "date_check",
                f"“{d.surface}” → {said} agrees with the reference's date of {_event_words(c, link.event_id)}; this "
                "holds by construction, because the article's date was inferred from this event.",
                d,
                "info",
                "Not evidence: the agreement follows from how the article's date was chosen.",
                ev.source,
            )
            continue
        f.agreement(
            "date_check",
            agrees,
            f"“{d.surface}” → {said} agrees with the reference's date of {_event_words(c, link.event_id)}.",
            f"“{d.surface}” gives {said} to {_event_words(c, link.event_id)}, which the reference dates "
            f"{day_words(ev.date)}.",
            d,
            ev.source,
        )


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
        wrong = []
        if m.party and m.party != p.party:
            wrong.append(f"party {m.party} (the roster: {p.party})")
        if m.state and m.state != p.state:
            wrong.append(f"state {m.state} (the roster: {p.state})")
        span = m.affiliation
        f.agreement(
            "senator_check",
            not wrong,
            f"“{span.surface}” agrees with the roster for {p.senator} ({p.party}, {p.state}).",
            f"“{span.surface}” gives {p.senator} the {' and '.join(wrong)}.",
            span,
            p.roster_url,
        )


def quote_speaker(f: Findings, c: Context) -> None:
    """A quotation whose paragraph names no speaker: kept, with no speaker, for a person to read."""
    for link in c.a.speakers:
        if link.entity_id is None:
            f.add(
                "quote_speaker",
                "A quotation whose paragraph names no speaker the reader can tie to it.",
                link.quote,
                "warning",
                "Kept in the quotes table with no speaker.",
            )


def unresolved_place(f: Findings, c: Context) -> None:
    """A "Town, State" the gazetteer does not list (a town under 15,000 people): a mention, never a stop."""
    for p in c.rd.places:
        if p.gazetteer is None:
            where = f"{p.mention.surface}, {p.state_span.surface}" if p.state_span is not None else p.mention.surface
            f.add(
                "unresolved_place",
                f"“{where}” is not in the gazetteer (GeoNames cities of 15,000 people or more).",
                p.mention,
                "warning",
                "Kept as a mention of an unresolved place; not on the map.",
            )


def language(f: Findings, c: Context) -> None:
    if not c.rd.english:
        f.add(
            "language",
            "The article does not read as English: almost none of its words are common English words.",
            None,
            "warning",
            "Nothing was taken from it but its sentences.",
            article_source(c.rd.article.article_id, c.rd.sentence_ids[0]),
        )


def unknown_publisher(f: Findings, c: Context) -> None:
    if not c.rd.article.publisher:
        f.add(
            "unknown_publisher",
            "The article's file does not name its publisher; it is left unknown, not guessed.",
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
# (label, how to count it in one article, required)
ELEMENTS: tuple[tuple[str, Callable[[Article], int], bool], ...] = (
    ("cities it says will not be considered", lambda a: len(a.story.claimed("excluded")), True),
    ("names of people or organisations the reference knows", lambda a: len(a.reading.mentions), False),
    ("places", lambda a: len(a.reading.places), False),
    ("counts (a number before a noun)", lambda a: len(a.reading.counts), False),
    ("vote tallies", lambda a: len(a.reading.tallies), False),
    ("dates", lambda a: len(a.reading.dates), False),
    ("quotations", lambda a: len(a.reading.quotes), False),
)


def missing_elements(articles: list[Article]) -> list[dict]:
    """A row for each expected element an article does not give. A required one that no article gives is an
    error (``--strict`` fails); otherwise the row is information."""
    rows = []
    for i, (label, count, required) in enumerate(ELEMENTS):
        found = [count(a) > 0 for a in articles]
        severity = "error" if required and not any(found) else "info"
        for a, ok in zip(articles, found, strict=True):
            if ok:
                continue
            rows.append(
                {
                    "check_id": f"not_found:{a.id}:{i}",
                    "article_id": a.id,
                    "severity": severity,
                    "kind": "not_found",
                    "message": f"The article gives no {label}.",
                    "sentence_id": None,
                    "surface": None,
                    "start": None,
                    "end": None,
                    "resolution": "No rows of this kind come from this article."
                    if not required
                    else "No city is marked as not considered; the map shows only the reference's participants.",
                    "source": article_source(a.id, a.reading.sentence_ids[0]),
                }
            )
    return rows


def _disagree(kind: str, a: str, b: str) -> bool:
    if kind == "event":  # dates at different precisions ("in June", "June 20") agree when their ranges meet
        (a0, a1), (b0, b1) = (date_range(v, "day" if len(v) == 10 else "month") for v in (a, b))
        return a1 < b0 or b1 < a0
    return a != b


def _where(row: pd.Series, titles: dict[str, str]) -> str:
    return f"the article “{titles[row['article_id']]}”, sentence {int(row['sentence_id'][1:])}"


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
            if kind == "city_count":
                about = f"how many cities “{events[ref_id].title}” concerns"
            elif kind == "vote":
                v = votes[ref_id]
                about = f"the Senate's vote on {_name(ref, v)} of {day_words(v.date)}"
            else:
                about = f"“{events[ref_id].title}”"
            said = day_words if kind == "event" else (lambda v: v.replace("-", "–"))
            f.add(
                "across_articles",
                f"About {about}: “{c['surface']}” ({_where(c, titles)}) says {said(c['value'])}; "
                f"“{first['surface']}” ({_where(first, titles)}) says {said(first['value'])}.",
                Span(int(c["start"]), int(c["end"]), c["surface"]),
            )
            rows += f.rows
    return rows


def _name(ref, vote) -> str:
    return ref.by_id("entities", "entity_id")[vote.nominee].name


def _slug(text: str) -> str:
    from etl.gazetteer import slug

    return slug(text)


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


def _listing(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def off_chart(events: pd.DataFrame, ref) -> list[dict]:
    """Each event kept off the charts (``events.charted`` false: no official page or news outlet it cites, and no
    article, states it), said where the Sources page lists what the sources leave open: which pages it rests on."""
    rows = []
    for e in events[~events["charted"]].itertuples():
        cited = ref.by_id("events", "event_id")[e.event_id]._asdict()
        sites = list(dict.fromkeys(site_of(u, ref).site for u in cited_urls(cited, FILES["events"])))
        only = "its only source is" if len(sites) == 1 else "its only sources are"
        rows.append(
            {
                "check_id": f"off-chart-{e.event_id}",
                "article_id": None,
                "severity": "info",
                "kind": "reference_events",
                "message": f"“{e.title}” ({day_words(e.date)}): {only} {_listing(sites)}, and no article states it.",
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
