"""Stage 4, resolve: tie the reader's spans to the reference, once. Dates to events, tallies to votes, quotations
to speakers. ``build`` runs it once per article; ``story``, ``assemble`` and ``check`` read its answers and never
resolve a span again.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import pandas as pd

from etl.lexicon import Lexicon, words_in
from etl.read.clauses import part_from, phrase_around, relative_clauses
from etl.read.model import (
    AFTER,
    ASIDE,
    BEFORE,
    COLON,
    LABEL,
    OWN,
    PRONOUN,
    VERB,
    Attribution,
    Cue,
    DateExpr,
    Quote,
    Reading,
    Tally,
)
from etl.read.phrases import OTHER_MATTER, WITHDRAWN

MIN_EVIDENCE = 2  # a date that falls outside every event it could mean needs this much evidence (entities, cues)
WRITTEN = ("absolute", "month")  # dates the text writes out; one the reader counted ("Monday") needs one more piece
SPEAKER_TYPES = ("person", "organization")
SPEECH_REACH = 40  # characters between a speech verb and its speaker


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


# ---- dates to events --------------------------------------------------------------------------------------------


@dataclass
class Expected:
    """An expected event ("after the August recess"): the recorded vote that answered it, and its timeline lane."""

    vote: pd.Series | None
    outcome_event_id: str | None
    category: str | None  # None when no reference event shares the sentence's entities or cues


@dataclass
class EventLink:
    """An article date tied to a reference event (or to none), and why."""

    date_index: int
    event_id: str | None
    how: str  # window | evidence | paragraph | expected | negated | none
    expected: Expected | None = None


def _event_cues(row, tenses: tuple = ()) -> list[str]:
    """An event's cue words, each past tense with its present and its noun ("announced", "announces",
    "announcement"): ``tenses`` are the lexicon's ``[dates]`` cue_forms endings (none: the cues as written)."""
    return list(_cue_forms(row.cues, tenses))


@functools.cache
def _cue_forms(cues: str, tenses: tuple) -> tuple[str, ...]:
    out = []
    for c in (c for c in cues.split("|") if c):
        out.append(c)
        out += [c[: -len(past)] + now for past, now in tenses if " " not in c and c.endswith(past)]
    return tuple(dict.fromkeys(out))


def _tenses(lexicon: Lexicon) -> tuple:
    """The lexicon's ``[dates]`` cue_forms as pairs (hashable, for ``_cue_forms``'s cache); built once per article
    by ``link_dates``, which hands them on."""
    return tuple(tuple(pair) for pair in lexicon.dates["cue_forms"])


def _evidence(rd: Reading, row, sentence_id: str, paragraph: bool = False, tenses: tuple = ()) -> int:
    """How strongly a sentence (or its whole paragraph) speaks of an event: its entities and its cue words."""
    if paragraph:
        number = rd.sentence(sentence_id).paragraph
        ids = [i for i, s in zip(rd.sentence_ids, rd.sentences, strict=True) if s.paragraph == number]
    else:
        ids = [sentence_id]
    entities = set().union(*(rd.entities_in(i) for i in ids))
    text = " ".join(rd.sentence(i).surface for i in ids)
    wanted = {e for e in row.match_entities.split("|") if e}
    return len(wanted & entities) + len(words_in(text, _event_cues(row, tenses)))


def _inside(d: DateExpr, row) -> bool:
    lo, hi = date_range(row.date, row.date_precision)
    return lo <= (d.date_end or d.date_start) and d.date_start <= hi


def _distance(d: DateExpr, row) -> int:
    lo, _ = date_range(row.date, row.date_precision)
    return abs((lo - d.date_start).days)


def link_dates(rd: Reading, ref, lexicon: Lexicon) -> list[EventLink]:
    """Each article date and the reference event it speaks of.

    First the events inside the date's window (the same day, or the month of "in June") that the sentence speaks
    of (their entities or cue words); then, when none is, an event close by (within NEAR_MISS days) that the
    date's own clause speaks of strongly, so a wrong date given to an event is caught as a disagreement on that
    event, never taken for another event of that day, unless the date is a day someone spoke of it after it
    ("officials said Friday they were blindsided by the letter"; a day before it, "said on Tuesday that he
    wouldn't consider", is a claim on it), in a sentence that opens on another matter ("Separately from
    the letters, …"), or another date of the sentence already gives that event its
    day ("on Monday on a letter …: the department's Aug. 3 message": Monday is the council's); then an event
    inside the window that the paragraph speaks of, unless the date is one the reader counted and another date of
    the paragraph already gives an event of its window by its own sentence's cues ("The Senate confirmed Kaplan on
    Wednesday. Moved Wednesday at 5:50 p.m.": the second repeats the day, it is no second date of the vote; a date
    written out, "Its press release, dated 20 June 2017", still is). A month that two events of its window fit equally
    ("came back to the floor in September") is neither's. A date ahead of the article near an event that another
    date of the text gives its own day is a plan of its own ("answers by Aug. 18 … we send ours by Aug. 16"), no
    claim on that event. A phrase about a committee's or a procedural vote, or
    the only date of a sentence about a cloture and no confirmation, never dates a confirmation vote. A date the
    text says is wrong, an open-ended one ("after the August recess"), and the report's own day in its headline or
    dateline are no event's date.
    """
    events, confirmations = ref.rows("events"), _confirmations(ref["votes"])
    tenses = _tenses(lexicon)
    firsts: list[EventLink | tuple[str, list, tuple[str, str]]] = []
    for i, d in enumerate(rd.dates):
        if d.negated:
            firsts.append(EventLink(i, None, "negated"))
        elif d.precision == "after":
            firsts.append(EventLink(i, None, "expected", expected_outcome(rd, d, ref)))
        elif _own_day(rd, d):
            firsts.append(EventLink(i, None, "none"))
        else:
            sid = rd.sentence_at(d.start)
            candidates = _candidates(rd, d, sid, events, confirmations, lexicon)
            cut = tuple(x.surface for x in relative_clauses(lexicon).at(rd.sentence(sid), d.start))
            firsts.append(_in_window(rd, i, d, sid, candidates, cut, tenses) or (sid, candidates, cut))
    dated: dict[str, set[str]] = {}  # sentence -> the events a date of it gives inside their window
    for i, first in enumerate(firsts):
        if isinstance(first, EventLink) and first.how == "window" and first.event_id:
            dated.setdefault(rd.sentence_at(rd.dates[i].start), set()).add(first.event_id)
    in_paragraph: dict[int, set[str]] = {}  # paragraph -> the events its sentences' own cues date
    for sid, ids in dated.items():
        in_paragraph.setdefault(rd.sentence(sid).paragraph, set()).update(ids)
    links, saying = [], relative_clauses(lexicon).dates_a_saying
    for i, first in enumerate(firsts):
        if isinstance(first, EventLink):
            links.append(first)
            continue
        sid, candidates, cut = first
        others = [r for r in candidates if r.event_id not in dated.get(sid, set())]
        d = rd.dates[i]
        said = saying(rd.sentence(sid), d.start)  # a reaction comes after what it speaks of
        others = [r for r in others if not _answer_to(rd, sid, d, r, said) and not _announced(rd, sid, d, r, lexicon)]
        near = None if _on_another_matter(rd, d) else _near_miss(rd, i, d, others, cut, tenses)
        near = None if near is None or _plan_of_its_own(d, near, dated) or _ahead_of_a_past(rd, d, near, ref) else near
        links.append(near or _in_paragraph(rd, i, d, sid, candidates, tenses, in_paragraph))
    return links


def _answer_to(rd: Reading, sid: str, d: DateExpr, row, said: bool) -> bool:
    """A date after an event that is a reaction to it: one a saying dates, or one in a sentence whose first person,
    before the date, is none of the event's actors ("San Bernardino Mayor Carey Davis wrote to Sessions on
    Friday" is the mayor's answer, not the letters' day)."""
    if date_range(row.date, row.date_precision)[1] >= d.date_start:
        return False
    people = [m for m in rd.mentions_in(sid) if m.type == "person" and m.end <= d.start]
    return said or (bool(people) and people[0].entity_id not in str(row.match_entities).split("|"))


def _announced(rd: Reading, sid: str, d: DateExpr, row, lexicon: Lexicon) -> bool:
    """A past day that a speech verb after it in its sentence dates, near an event still ahead of the article: the
    day someone spoke of what is to come ("Aug. 4: Albuquerque's mayor says the city will respond" is no wrong day
    of the answers' deadline, Aug. 18)."""
    if (
        date_range(row.date, row.date_precision)[0] <= rd.article.as_of
        or (d.date_end or d.date_start) > rd.article.as_of
    ):
        return False
    s = rd.sentence(sid)
    return bool(words_in(s.surface[d.end - s.start :], lexicon.people["speech_verbs"]))


def _on_another_matter(rd: Reading, d: DateExpr) -> bool:
    """The date's sentence opens on another matter ("Separately from the letters, …"): the reader's phrase starts
    the sentence."""
    k = rd.index_at(d.start)
    return any(p.kind == OTHER_MATTER and p.start == rd.sentences[k].start for p in rd.phrases[k])


def _plan_of_its_own(d: DateExpr, near: EventLink, dated: dict[str, set[str]]) -> bool:
    """A date ahead of the article near an event that another date of the text gives its own day: "The department
    wants answers by Aug. 18. … send the reply by Aug. 16" is the city's plan, no wrong date of the deadline."""
    return d.ahead and any(near.event_id in ids for ids in dated.values())


def _ahead_of_a_past(rd: Reading, d: DateExpr, near: EventLink, ref) -> bool:
    """A date the text looks ahead to ("is expected to send more letters in September"), or one after the article's
    own day ("Aug. 7: council to discuss the letter" in a week-ahead list of Aug. 4), near an event the reference
    has over by the article's date: a plan of its own, no wrong date of what already happened."""
    row = ref.by_id("events", "event_id")[near.event_id]
    over = date_range(row.date, row.date_precision)[1] <= rd.article.as_of
    return (d.ahead or d.date_start > rd.article.as_of) and over


OWN_DAY_LINES = ("headline", "dateline")  # the lines where a report prints its own day


def _own_day(rd: Reading, d: DateExpr) -> bool:
    """The report's own day in its headline or dateline ("Valley Today rundown, Friday, August 4: …" on 4 August):
    the day it is published, never an event's."""
    line = rd.sentence(rd.sentence_at(d.start))
    return line.kind in OWN_DAY_LINES and d.precision == "day" and d.date_start == rd.article.as_of


def _candidates(rd: Reading, d: DateExpr, sid: str, events, confirmations: set[str], lexicon: Lexicon) -> list:
    """The events a date may give: a phrase about a committee's or a procedural vote, or the only date of a
    sentence about a cloture, never dates a confirmation vote."""
    procedural = _procedural(rd.sentence(sid), d, lexicon)
    alone = sum(rd.sentence_at(x.start) == sid for x in rd.dates) == 1  # the sentence's only date
    if procedural or (alone and _motion(rd.sentence(sid).surface, lexicon) == CLOTURE):
        return [r for r in events if r.vote_id not in confirmations]
    return events


def _in_window(
    rd: Reading, i: int, d: DateExpr, sid: str, candidates, cut: tuple[str, str], tenses: tuple
) -> EventLink | None:
    """The event inside the date's window that the date's own clause speaks of most (a list's item between
    semicolons: "the June 20 announcement of the partnership; …; the vote on Marvin Kaplan"), then its sentence;
    none for a month two events fit equally. ``cut``: the date's clause and the words it hangs on
    (``etl.read.clauses.RelativeClauses.at``), cut once for this and ``_near_miss``."""
    clause, antecedent = cut
    scored = [
        (_evidence_in(rd, r, clause, antecedent, tenses), _evidence(rd, r, sid, tenses=tenses), -_distance(d, r), r)
        for r in candidates
        if _inside(d, r)
    ]
    window = sorted(((*s[:3], s[3].event_id) for s in scored if s[1] > 0), reverse=True)
    if not window:
        return None
    tied = len(window) > 1 and window[1][:2] == window[0][:2]
    return EventLink(i, None, "none") if tied and d.precision == "month" else EventLink(i, window[0][3], "window")


def _near_miss(rd: Reading, i: int, d: DateExpr, candidates, cut: tuple[str, str], tenses: tuple) -> EventLink | None:
    """An event close by that the date's own clause (``cut``) speaks of strongly: a claim about it, right or wrong."""
    clause, antecedent = cut
    strong = sorted(
        (
            (_evidence_in(rd, r, clause, antecedent, tenses), -_distance(d, r), r.event_id)
            for r in candidates
            if _distance(d, r) <= NEAR_MISS and words_in(clause, _event_cues(r, tenses))
        ),
        reverse=True,
    )
    if strong and strong[0][0] >= MIN_EVIDENCE + (d.kind not in WRITTEN):
        return EventLink(i, strong[0][2], "evidence")
    return None


def _in_paragraph(
    rd: Reading, i: int, d: DateExpr, sid: str, candidates, tenses: tuple, dated: dict[int, set[str]]
) -> EventLink:
    """An event inside the date's window that its paragraph speaks of, else none; none too for a date the reader
    counted ("Moved Wednesday") when a date of the paragraph already gives that event by its own sentence's cues
    (``dated``: paragraph -> events)."""
    nearby = sorted(
        (
            (_evidence(rd, row, sid, paragraph=True, tenses=tenses), -_distance(d, row), row.event_id)
            for row in candidates
            if _inside(d, row)
        ),
        reverse=True,
    )
    if not nearby or nearby[0][0] <= 0:
        return EventLink(i, None, "none")
    if d.kind not in WRITTEN and nearby[0][2] in dated.get(rd.sentence(sid).paragraph, set()):
        return EventLink(i, None, "none")  # it repeats the day its paragraph already gave the event
    return EventLink(i, nearby[0][2], "paragraph")


NEAR_MISS = 92  # days: a date this close to an event the clause speaks of is a claim about it, right or wrong


def _procedural(sentence, d: DateExpr, lexicon: Lexicon) -> bool:
    """A date in a phrase about a committee's or a procedural vote ("won a cloture vote on the nomination Wednesday
    morning"): the phrase around it (``etl.read.clauses.phrase_around``), not the committee an appositive names."""
    around = phrase_around(sentence, d.start, d.end).surface
    return bool(words_in(around, [*lexicon.numbers["committee_votes"], *lexicon.numbers["cloture_votes"]]))


def _evidence_in(rd: Reading, row, clause: str, antecedent: str, tenses: tuple = ()) -> int:
    """Evidence for an event: its cue words in the date's clause, and its entities named in the clause or in the
    words the clause hangs on ("the Public Safety Partnership, which was launched last month")."""
    wanted = {e for e in row.match_entities.split("|") if e}
    written = {m.entity_id for m in rd.mentions if m.surface in clause or m.surface in antecedent}
    return len(wanted & written) + len(words_in(clause, _event_cues(row, tenses)))


CONFIRMATION, CLOTURE, COMMITTEE = "confirmation", "cloture", "committee"  # VOTE_MOTIONS, and a committee's vote
MIXED = "mixed"  # words that name both a cloture and a confirmation: which vote a tally is stays unsure
VOTE_KINDS = (CLOTURE, CONFIRMATION)


def _confirmations(votes: pd.DataFrame) -> set[str]:
    """The recorded votes that confirm a nomination (not the cloture votes before them)."""
    return set(votes.loc[votes["motion"] == CONFIRMATION, "vote_id"])


def expected_outcome(rd: Reading, d: DateExpr, ref) -> Expected:
    """What came of an open-ended date ("after the August recess"): the first confirmation vote on a nominee the
    sentence names, on or after the date, and its timeline event."""
    entities = rd.entities_in(rd.sentence_at(d.start))
    votes, events = ref["votes"], ref["events"]
    votes = votes[votes["motion"] == CONFIRMATION]
    later = votes[votes["nominee"].isin(entities) & (votes["date"] >= d.date_start.isoformat())]
    vote = None
    if len(later):
        vote = later.sort_values("date").iloc[0]
        ev = events[events["vote_id"] == vote["vote_id"]]
        if len(ev):
            return Expected(vote, ev["event_id"].iloc[0], ev["category"].iloc[0])
    sid = rd.sentence_at(d.start)
    best = max(((_evidence(rd, row, sid), row.category) for row in ref.rows("events")), default=(0, None))
    return Expected(vote, None, best[1] if best[0] > 0 else None)


# ---- tallies to votes -------------------------------------------------------------------------------------------


@dataclass
class TallyLink:
    """An article tally ("50-48") and the recorded vote it gives (None: a vote the reference does not record)."""

    tally: Tally
    vote: pd.Series | None
    how: str  # nominee | date | previous | not_floor | unsure | none


def _tally_words(rd: Reading, t: Tally, lexicon: Lexicon) -> str:
    """The words that say what kind of vote a tally is: its sentence, or, when the sentence gives two tallies, the
    words from the tally before it to its own end (the reader's ``Tally.words``). Where those name no kind, the
    phrase right after it ("votes 50-48 to end debate on Kaplan, then confirms him, 50-48"; ``Tally.after``), which
    the next tally's words then leave out."""
    sid = rd.sentence_at(t.start)
    own = [x for x in rd.tallies if rd.sentence_at(x.start) == sid]
    words = t.words
    if len(own) < 2:
        return words.surface
    before = [x for x in own if x.end <= t.start]
    if before and _needs_after(before[-1], lexicon):
        words = part_from(words, before[-1].after.end)
    if _motion(words.surface, lexicon) is None:
        return words.surface + t.after.surface
    return words.surface


def _needs_after(t: Tally, lexicon: Lexicon) -> bool:
    """The tally's words before it name no kind of vote and the phrase after it does."""
    if _motion(t.words.surface, lexicon) is not None:
        return False
    return _motion(t.after.surface, lexicon) is not None


def _motion(text: str, lexicon: Lexicon) -> str | None:
    """The kind of vote words name: a committee's, a cloture, a confirmation, both (``MIXED``), or none."""
    numbers = lexicon.numbers
    if words_in(text, numbers["committee_votes"]):
        return COMMITTEE
    cloture, confirmation = words_in(text, numbers["cloture_votes"]), words_in(text, numbers["confirmation_votes"])
    if cloture and confirmation:
        return MIXED
    return CLOTURE if cloture else CONFIRMATION if confirmation else None


def _motions(rd: Reading, lexicon: Lexicon) -> list[str | None]:
    """Which vote each tally is: the kind its own words name ("cloture ... 50-48", "confirmed ... 50-48"); else, in a
    paragraph that speaks of no cloture, the confirmation (what a nomination's tally has always given); else the
    other of the paragraph's tallies when another names its own kind ("The 50-48 vote came after Republicans cut
    off debate ... by another 50-48 vote"); else unsure (None), as words naming both are."""
    own = [_motion(_tally_words(rd, t, lexicon), lexicon) for t in rd.tallies]
    paragraphs = [rd.sentence(rd.sentence_at(t.start)).paragraph for t in rd.tallies]
    out: list[str | None] = []
    for i, kind in enumerate(own):
        if kind is not None:
            out.append(None if kind == MIXED else kind)
            continue
        text = " ".join(s.surface for s in rd.sentences if s.paragraph == paragraphs[i])
        if not words_in(text, lexicon.numbers["cloture_votes"]):
            out.append(CONFIRMATION)
            continue
        kinds = {k for j, k in enumerate(own) if j != i and paragraphs[j] == paragraphs[i] and k in VOTE_KINDS}
        out.append((set(VOTE_KINDS) - kinds).pop() if len(kinds) == 1 else None)
    return out


def link_tallies(rd: Reading, ref, lexicon: Lexicon) -> list[TallyLink]:
    """Each tally's recorded vote: of the kind its words name (``_motions``: a cloture or a confirmation), of the
    nominee ``_whose`` it is, held on a day its sentence gives, else the latest by the article's date. A committee's
    tally, and a cloture no recorded vote fits, are no recorded floor vote; a tally whose kind is unsure is tied to
    no vote, since a wrong tie is worse than none; so is a tally whose sentence dates it months away from the vote
    ("Neil Gorsuch was confirmed 54-45 in April")."""
    votes = ref["votes"]
    links = []
    for t, motion in zip(rd.tallies, _motions(rd, lexicon), strict=True):
        if motion in (None, COMMITTEE):
            links.append(TallyLink(t, None, "unsure" if motion is None else "not_floor"))
            continue
        sid = rd.sentence_at(t.start)
        if _not_the_nominees(rd, t, sid, set(votes["nominee"]), lexicon):
            links.append(TallyLink(t, None, "none"))
            continue
        days = {d.value for d in rd.dates if rd.sentence_at(d.start) == sid and d.precision == "day"}
        nominee, how = _whose(rd, t, sid, set(votes["nominee"]), bool(days))
        candidates = votes[votes["nominee"] == nominee] if nominee else votes[votes["date"].isin(days)]
        candidates = candidates[candidates["motion"] == motion]
        on_day = candidates[candidates["date"].isin(days)]
        before = candidates[candidates["date"] <= rd.article.as_of.isoformat()]
        chosen = (on_day if len(on_day) else before if len(before) else candidates).sort_values("date")
        if len(chosen) and not _dated_elsewhere(rd, sid, chosen.iloc[-1]["date"]):
            links.append(TallyLink(t, chosen.iloc[-1], how))
        else:
            links.append(TallyLink(t, None, "not_floor" if motion == CLOTURE else "none"))
    return links


def _not_the_nominees(rd: Reading, t: Tally, sid: str, nominees: set[str], lexicon: Lexicon) -> bool:
    """A tally no recorded vote may claim: in a sentence that reports what the text withdraws ("An earlier version
    misstated the tally as 50-47"), or whose words name another vote and no recorded nominee ("A later vote on
    another nominee went 51-47"; "it voted 94-0 on a judicial nominee")."""
    if any(p.kind == WITHDRAWN for p in rd.phrases[rd.sentence_ids.index(sid)]):
        return True
    if any(m.entity_id in nominees for m in rd.mentions_in(sid)):
        return False
    return words_in(_tally_words(rd, t, lexicon) + t.after.surface, lexicon.numbers["other_votes"])


def _dated_elsewhere(rd: Reading, sid: str, day: str) -> bool:
    """The sentence gives dates and none lies within NEAR_MISS days of the vote's ``day``."""
    vote = dt.date.fromisoformat(day)
    own = [d for d in rd.dates if rd.sentence_at(d.start) == sid and not d.negated and d.precision != "after"]
    far = [d for d in own if d.date_start - NEAR > vote or vote > (d.date_end or d.date_start) + NEAR]
    return bool(own) and len(far) == len(own)


NEAR = dt.timedelta(days=NEAR_MISS)


def _whose(rd: Reading, t: Tally, sid: str, nominees: set[str], dated: bool) -> tuple[str | None, str]:
    """The nominee a tally is about: the one named in its own words (from the tally before it, or its sentence's
    start, to its end), else the one named nearest to it in its sentence (fewest clause breaks between them, then
    fewest characters), else in its paragraph; else, for an undated tally on a line of its own ("• The
    cloture vote went 50-48 as well"), the nominee named last before it. None (with ``date``): the votes of a day
    its sentence gives decide. The nominee named before reaches back no further than the paragraph before the
    tally's: a tally paragraphs after the last nominee ("Last week, the Senate voted 51-50 on a health care
    measure") is another vote; so is a tally in a sentence that opens with another person and names no nominee
    ("Neil Gorsuch was confirmed 54-45 in April")."""
    named = _nominees_near(rd, sid, nominees)
    words = t.words  # from the tally before it to its own end
    within = {m.entity_id for m in named if words.start <= m.start and m.end <= words.end}
    if len(within) == 1:  # "confirmed Emanuel …, 49-47, weeks after it confirmed Kaplan by a vote of 50-48"
        return within.pop(), "nominee"
    own = rd.mentions_in(sid)
    if not any(m.entity_id in nominees for m in own) and any(m.type == "person" and rd.opens(m) for m in own):
        return None, "date"  # "Neil Gorsuch was confirmed 54-45 in April": the person the sentence opens with
    if named:
        if not any(m.entity_id in nominees for m in own):  # "… confirmed him … 50-48. Emanuel's came later": "him"
            named = [m for m in named if m.end <= t.start] or named  # is a nominee named before, not after
        return min(named, key=lambda m: (*rd.apart(m, t), m.start)).entity_id, "nominee"
    first = _reach(rd, sid)
    earlier = [
        m
        for m in rd.mentions
        if m.entity_id in nominees and m.start < t.start and rd.sentence(rd.sentence_at(m.start)).paragraph >= first
    ]
    if dated or not earlier:
        return None, "date"
    return max(earlier, key=lambda m: m.start).entity_id, "previous"


def _reach(rd: Reading, sid: str) -> int:
    """The first paragraph a sentence's tally may take its nominee from: the one before its own, or, for a bullet,
    the first of the run of bullets it ends (a list's items are paragraphs of their own)."""
    k = rd.sentence_ids.index(sid)
    first = rd.sentences[k].paragraph - 1
    if rd.sentences[k].kind != "bullet":
        return first
    while k > 0 and rd.sentences[k - 1].kind == "bullet":
        k -= 1
    return min(first, rd.sentences[k].paragraph)


def _nominees_near(rd: Reading, sid: str, nominees: set[str]) -> list:
    """The nominees a sentence names, else those its paragraph names."""
    named = [m for m in rd.mentions_in(sid) if m.entity_id in nominees]
    if named:
        return named
    paragraph = rd.sentence(sid).paragraph
    return [
        m
        for i, s in zip(rd.sentence_ids, rd.sentences, strict=True)
        if s.paragraph == paragraph
        for m in rd.mentions_in(i)
        if m.entity_id in nominees
    ]


# ---- quotations to speakers -------------------------------------------------------------------------------------


@dataclass
class SpeakerLink:
    quote: Quote
    entity_id: str | None
    how: str  # label | verb | only | previous | next | pronoun | none


AFTER_VERB_WORDS = 1  # words that may stand between a speech verb and a speaker after it ("said the department")


def _gap(m, verb: Cue, asides: set[tuple[int, int]], text: str = "") -> int:
    """Characters between a name and a speech verb, not counting an aside between them (the reader's ``aside``
    cues: "Renata Solis, who coordinates federal grants for the city, said"; "Sen. Patty Murray (D-Wash.) said").
    A name after the verb speaks only with at most a word between ("said the department"): after more, it is what
    the verb is about ("told reporters the Justice Department “has the facts wrong”")."""
    if verb.start >= m.end:
        return 1 if (m.end, verb.start) in asides else verb.start - m.end
    begin = m.start if m.title_start is None else m.title_start
    if text and len(text[verb.end : begin].split()) > AFTER_VERB_WORDS:
        return SPEECH_REACH + 1
    return max(0, m.start - verb.end)


def _last_person(rd: Reading, before: int, paragraph: int) -> str | None:
    """What "he" or "she" stands for: the last person named before a position, in its paragraph or the one before;
    in the quotation's own paragraph, the person a sentence opens with wins over one named later in it
    ("Archuleta-Moss said she had not spoken with Pruett ... “…,” she said"), unless the name is the turn's label."""
    best = subject = None
    for m in rd.mentions:
        if m.start >= before:
            break
        if m.type != "person":
            continue
        s = rd.sentence(rd.sentence_at(m.start))
        if s.paragraph >= paragraph - 1:
            best = m.entity_id
        if s.paragraph == paragraph and rd.opens(m) and not _a_label(rd, m):
            subject = m.entity_id
    return subject or best


LABEL_MARK = ":"  # what closes a transcript's label ("Abernathy: …")


def _a_label(rd: Reading, m) -> bool:
    """The mention labels its line's turn ("Abernathy: Attorney General Jeff Sessions put out …"): the speaker of the
    turn, not the subject of its first sentence."""
    return rd.article.text[m.end : m.end + 1] == LABEL_MARK


def speakers(rd: Reading) -> list[SpeakerLink]:
    """Who says each quotation, from the reader's cues (``Reading.attributions``) and the mentions: the person or
    organisation a speech verb ties to it in its sentences; else the one person those sentences name; else the
    speaker named in the sentence before or after it in the same paragraph. A pronoun ("he said") stands for the
    last person named."""
    return [_speaker(rd, at) for at in rd.attributions]


def _speaker(rd: Reading, at: Attribution) -> SpeakerLink:
    q = at.quote
    first, last = rd.index_at(q.start), rd.index_at(max(q.start, q.end - 1))
    start, end = rd.sentences[first].start, rd.sentences[last].end
    paragraph = rd.sentences[first].paragraph
    found = _tied(rd, at, OWN, start, end, paragraph) or _labelled(rd, at)  # "Abernathy: … “…,” he said."
    if found is not None:
        return SpeakerLink(q, *found)
    outside = [m for m in rd.mentions if start <= m.start < end and not q.start <= m.start < q.end]
    people = {m.entity_id for m in outside if m.type == "person"}
    if len(people) == 1:
        return SpeakerLink(q, people.pop(), "only")
    for k, side, how in ((first - 1, BEFORE, "previous"), (last + 1, AFTER, "next")):
        if 0 <= k < len(rd.sentences) and rd.sentences[k].paragraph == paragraph:
            s = rd.sentences[k]
            hit = _tied(rd, at, side, s.start, s.end, paragraph)
            if hit is None and at.of(COLON, side):
                names = [m for m in rd.mentions_in(rd.sentence_ids[k]) if m.type in SPEAKER_TYPES]
                hit = (names[-1].entity_id, how) if names else None
            if hit is not None:
                return SpeakerLink(q, hit[0], how)
    return SpeakerLink(q, None, "none")


def _labelled(rd: Reading, at: Attribution) -> tuple[str, str] | None:
    """A quotation after a label and a colon, as scripts and transcripts write them (the reader's ``label`` cue):
    the person or organisation the label names first, its subject ("ACT (CASTELLANOS): “…”"; "Sessions, in the
    department's release: “…”"; "The Justice Department, on Pugh's reply: “…”"), or, for a bare "Quote:", the one
    person the sentence before it names ("Sessions laid out his reasoning in a written statement. Quote: “…”")."""
    labels = at.of(LABEL, OWN)
    if not labels:
        return None
    begin, q = labels[0].start, at.quote
    named = [m for m in rd.mentions if begin <= m.start < q.start and m.type in SPEAKER_TYPES]
    if named:  # the label's subject, first: "Sessions, in the department's release: “…”"
        return named[0].entity_id, "label"
    k = rd.index_at(begin) - 1
    if k >= 0 and rd.sentences[k].paragraph == rd.sentences[k + 1].paragraph:
        people = {m.entity_id for m in rd.mentions_in(rd.sentence_ids[k]) if m.type == "person"}
        if len(people) == 1:
            return people.pop(), "label"
    return None


def _tied(rd: Reading, at: Attribution, side: int, start: int, end: int, paragraph: int):
    """A speaker a speech verb ties to the quotation in the sentences ``start:end`` (``side``: the quotation's own,
    the one before or the one after): the nearest person or organisation (or pronoun) within a few words of the
    verb."""
    verbs = at.of(VERB, side)
    if not verbs:
        return None
    q = at.quote
    asides = {(c.start, c.end) for c in at.of(ASIDE, side)}
    candidates: list[tuple[int, str, str]] = []
    for m in rd.mentions:
        if m.type in SPEAKER_TYPES and start <= m.start < end and not q.start - 1 <= m.start <= q.end:
            gap = min(_gap(m, v, asides, rd.article.text) for v in verbs)
            if gap <= SPEECH_REACH:
                candidates.append((gap, m.entity_id, "verb"))
    for pronoun in at.of(PRONOUN, side):
        who = _last_person(rd, q.start, paragraph)
        if who is not None:
            candidates.append((abs(pronoun.start - pronoun.verb), who, "pronoun"))
    if not candidates:
        return None
    gap, who, how = min(candidates)
    return who, how
