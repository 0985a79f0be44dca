"""Stage 5, the story: what an article says about this story's facts, from the reader's spans and the lexicon.

The generic reader (``etl.read``) found the cities, counts and sentences; this layer decides each city's role
from its context, never from its position:

- a city is claimed as not considered (the lexicon's role ``excluded``) or as a participant only when the text
  ties it to that role: its own sentence has one of the role's cue phrases, or a count phrase of cities
  introduces the list it stands in ("The four cities are: A, B, C and D"), or it stands in a list (or bullet
  block) after a sentence or heading that does;
- a count of cities ("four cities", "a dozen sites") takes its role from its own sentence's cue; a definite one
  ("the four cities") from the count or cue just before it; a bare one from a cue sentence right after it that
  refers back to it ("... wouldn't consider the municipalities"); and a count with no role of its own from
  another count of the same number that has one (a headline's "Four Cities");
- any other city is a mention without a claim (a dateline, a commissioner's city, "had been interested").

A count and the list it introduces are kept together, so the checks can compare them ("four cities" → 4 names).

This layer reads the reader's spans only, by their offsets: the cue phrases it marked (``etl.read.phrases``), the
clauses, the counts and the enumerations of places with their joins, lead-ins and the words before each place
(``etl.read.lists``). It never reads the text itself.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from etl.lexicon import Lexicon, Role
from etl.read.lists import ENUMERATES, SEMICOLON, SOME_OF
from etl.read.model import Count, Item, Phrase, Place, Reading, Sentence
from etl.read.phrases import (
    ANAPHORS,
    CONTRAST,
    CUES,
    LAUNCH_WORDS,
    NEGATED,
    NOT_A_ROLE,
    PARTITIVE,
    PICKS_SOME,
    PROGRAM_WORDS,
    SAME,
    WHOLE,
    WITHDRAWN,
)

NEAR_BACK = 2  # sentences a definite count or a list may look back for its role's cue
NEAR_AHEAD = 2  # sentences a bare count may look ahead for a cue sentence that refers back to it
SEMICOLON_MARK = ";"  # a clause piece that ends a statement (``_segment``)
CANCEL_REACH = 15  # characters after a "not a role" phrase ("interested in") in which a role cue is cancelled


@dataclass
class CityList:
    """Cities the text names together: a list in one sentence, a bullet block, or a single city."""

    items: list[Item]  # the reader's items, a place each (``etl.read.lists``)
    sentence: int  # index of the (first) sentence
    bullets: bool = False  # a block of bullet lines, a city on each (not a list inside one bullet line)
    parts: int = 1  # the clauses the list is split over ("In California they are A and B; outside it, C and D")
    lead: Sentence | None = None  # the line or sentence before that leads into it

    @property
    def places(self) -> list[Place]:
        return [i.place for i in self.items]


@dataclass(frozen=True)
class DatedEvent:
    """An article date the reference ties to an event (``etl.resolve.link_dates``): where it starts, as written."""

    start: int
    surface: str
    event_id: str


@dataclass(frozen=True)
class How:
    """How the story tied a city or a count to a role, as codes: which rule (a key of the lexicon's ``[methods]``, or
    ``desk``) and the words it rests on (a cue phrase as the lexicon writes it, a count's words, a name); ``text``
    is the lexicon's sentence for a reader (``etl preview``)."""

    code: str
    basis: str = ""
    text: str = ""

    def __str__(self) -> str:
        return self.text


NO_HOW = How("")
# The field of a method's sentence that names the words it rests on.
_BASIS = ("cue", "count", "person", "referent", "word", "date")


def _how(methods: dict, code: str, **fields) -> How:
    """A rule's How: its code, the words of its sentence's fields it rests on, and the lexicon's sentence filled."""
    basis = next((str(fields[k]) for k in _BASIS if k in fields), "")
    return How(code, basis, methods[code].format(**fields))


@dataclass
class CountRole:
    count: Count
    role: Role | None
    how: How
    listed: CityList | None = None  # the list this count introduces
    # "the two California cities", "three other cities": some of a role's cities, never a count of them
    part: bool = False


@dataclass
class CityClaim:
    place: Place
    role: Role
    how: How


@dataclass
class Story:
    counts: list[CountRole] = field(default_factory=list)
    lists: list[CityList] = field(default_factory=list)
    claims: list[CityClaim] = field(default_factory=list)

    def claimed(self, status: str) -> list[CityClaim]:
        return [c for c in self.claims if c.role.status == status]


@dataclass
class Cues:
    """One sentence's role cues: role name -> the first cue found, in the sentence and per clause, and whether a
    "not a role" phrase hedges it ("had been interested in taking part")."""

    found: dict[str, str]
    clauses: list[tuple[int, int, dict[str, str]]]  # (start, end, cues) of each clause, in characters
    hedges: list[int]  # where each "not a role" phrase begins, in characters
    withdrawn: bool = False  # the sentence reports a claim the text withdraws: none of its counts or lists counts
    asked: bool = False  # the sentence is a question: its own cities take no role from it (its counts still do)

    def hedged(self, at: int) -> bool:
        """A "not a role" phrase stands in the clause of position ``at`` ("The others are A, B and C, all of which
        had shown interest in the program"), not only elsewhere in the sentence."""
        return any(s <= h < e for s, e, _ in self.clauses if s <= at < e for h in self.hedges)


def _longest(found: list[Phrase]) -> list[Phrase]:
    """A role's cue phrases as one reading of the sentence takes them, from the left: at each place the longest,
    and none inside one already taken ("would not consider", not also "not consider")."""
    out: list[Phrase] = []
    for c in sorted(found, key=lambda c: (c.start, c.start - c.end)):
        if not out or c.start >= out[-1].end:
            out.append(c)
    return out


def _role_cues(found: list[Phrase], role: Role, start: int, end: int) -> list[Phrase]:
    """A role's cues that stand within ``start:end`` (a sentence or a clause), as ``_longest`` takes them."""
    return _longest([c for c in found if c.kind == CUES and c.group == role.name and start <= c.start and c.end <= end])


def _cues_in(found: list[Phrase], roles, cancels: list[tuple[int, int]], start: int, end: int) -> dict[str, str]:
    out: dict[str, str] = {}
    for role in roles:
        for c in _role_cues(found, role, start, end):
            if not any(a <= c.start <= b + CANCEL_REACH for a, b in cancels):
                out[role.name] = c.phrase.lower()
                break
    return out


def sentence_roles(rd: Reading, lexicon: Lexicon) -> list[Cues]:
    """Per sentence: the roles whose cue phrases it holds, without the cues a "not a role" phrase just before them
    cancels; the same per clause (a lone city takes only its own clause's cue). A sentence that reports a claim the
    text withdraws ("An earlier version of this story said …") or one that opens with a denial ("Neither A nor B …")
    holds none; a question is marked as one."""
    out = []
    for s, pieces, found in zip(rd.sentences, rd.clauses, rd.phrases, strict=True):
        withdrawn = any(c.kind == WITHDRAWN for c in found)
        found = [] if withdrawn else found
        if any(c.kind == NEGATED and c.start == s.start for c in found):  # "Neither A nor B got …"
            found = [c for c in found if c.kind != CUES]
        cancels = [(c.start, c.end) for c in found if c.kind == NOT_A_ROLE]
        clauses = [(c.start, c.end, _cues_in(found, lexicon.roles, cancels, c.start, c.end)) for c in pieces]
        found_in = _cues_in(found, lexicon.roles, cancels, s.start, s.end)
        out.append(Cues(found_in, clauses, [a for a, _ in cancels], withdrawn, s.question))
    return out


def _has(rd: Reading, k: int, kind: str, role: Role, start: int = 0, end: int | None = None) -> list[str]:
    """The phrases of one of a role's lists that sentence ``k`` holds (within ``start:end``, when given)."""
    return [
        c.phrase
        for c in rd.phrases[k]
        if c.kind == kind and c.group == role.name and start <= c.start and (end is None or c.end <= end)
    ]


def _one(found) -> str | None:
    found = found.found if isinstance(found, Cues) else found
    return next(iter(found)) if len(found) == 1 else None


def _cue(found, name: str) -> str:
    return (found.found if isinstance(found, Cues) else found)[name]


def city_lists(rd: Reading) -> list[CityList]:
    """Cities named together: the reader's enumerations (joined by commas, semicolons and "and" in one sentence,
    their states between them; consecutive bullet lines; a city alone on each line), or a city alone. Two cities
    with no joining word between them, outside a headline, are no list: "east of Los Angeles, San Bernardino was
    told" (a headline's "Baltimore, Albuquerque" is one)."""
    out: list[CityList] = []
    for e in rd.enumerations:
        if e.comma_pair:
            out += [CityList([i], e.sentence, lead=e.lead) for i in e.items]
        else:
            out.append(CityList(list(e.items), e.sentence, e.block, lead=e.lead))
    return out


def tell(
    rd: Reading,
    lexicon: Lexicon,
    sites: int,
    programs: set[str],
    role_entities: dict[str, set[str]],
    dated: tuple[DatedEvent, ...] = (),
) -> Story:
    """The roles of one article's counts and cities. ``sites`` is how many sites the reference lists, ``programs``
    the ids of the programme entities (the partnership), ``role_entities`` the entities of each role's event
    (``events.csv``'s match_entities: Sessions and the Justice Department for the letters), ``dated`` the article's
    dates that the reference ties to an event."""
    roles = {r.name: r for r in lexicon.roles}
    cues = sentence_roles(rd, lexicon)
    methods = lexicon.methods
    story = Story(lists=city_lists(rd))
    _count_roles(rd, story, cues, roles, lambda: _program_counts(rd, story, lexicon, sites, programs, dated), methods)
    story.lists = _join_split_lists(rd, story)
    for group in story.lists:
        if cues[group.sentence].withdrawn or cues[group.sentence].asked:
            continue  # a correction box's "An earlier version of this story said …", or a question ("Is Denver next?")
        if group.items[0].locator is not None:
            continue  # "60 miles east of Los Angeles", "a pastor in San Bernardino": a city that only places
        if _set_against(rd, group):
            continue  # "Unlike Houston and Memphis, Baltimore … were told": the cities the sentence's claim is not of
        if len(group.places) == 1 and group.items[0].describes:
            continue  # "A Stockton official on the letter": the city describes a person, who is the sentence's topic
        if any(q.start <= group.places[0].mention.start < q.end for q in rd.quotes):
            continue  # a city in a quotation is the speaker's example ("a man released in Portland"), no role
        role, how = _list_role(rd, story, cues, roles, group, role_entities, methods)
        if role is not None:
            story.claims += [CityClaim(p, role, how) for p in group.places if p.mention.resolved]
    # 6: a count still without a role, of as many cities as the article ties to one role
    for cr in story.counts:
        if cr.role is None and not cr.part:
            sizes = {}
            for c in story.claims:
                sizes.setdefault(c.role.name, set()).add(c.place.gazetteer.city_id)
            same = [name for name, ids in sizes.items() if len(ids) == cr.count.value]
            if len(same) == 1:
                cr.role = roles[same[0]]
                cr.how = _how(methods, "as_many_as", n=cr.count.value, status=roles[same[0]].status)
    return story


def _program_counts(rd: Reading, story: Story, lexicon: Lexicon, sites: int, programs, dated) -> None:
    """7: a count of the programme's sites ("It still counts twelve sites"): a role whose lexicon names the
    programme's words gets a count with no role yet when the programme is named in its paragraph or the one before
    and the count is as many as the reference's sites, even one of "other" cities (the sites beside the four); a
    count set against another as its whole ("None of the four cities is among the 12 sites") in any sentence before."""
    for role in lexicon.roles:
        if not role.program_words:
            continue
        for cr in story.counts:
            k = rd.index_at(cr.count.start)
            whole = _whole(rd, cr.count) or _after_whole(rd, cr.count, k)
            paragraph = rd.sentences[k].paragraph  # its paragraph or the one before ("Press release announcing the
            # partnership, June 20, 2017." over "Note: … The department lists twelve sites for the first year: …")
            near = range(k) if whole else [i for i in range(k) if rd.sentences[i].paragraph >= paragraph - 1]
            named = any(
                rd.entities_in(rd.sentence_ids[i]) & programs or _has(rd, i, PROGRAM_WORDS, role)
                for i in (*near, k)
                if i >= 0
            )
            if cr.role is None and named and cr.count.value == sites:  # "Twelve other cities … the partnership"
                cr.role, cr.how, cr.part = role, _how(lexicon.methods, "program_sites", n=sites), False
    _launch_counts(rd, story, lexicon, programs)
    _dated_counts(rd, story, lexicon, sites, dated)


def _dated_counts(rd: Reading, story: Story, lexicon: Lexicon, sites: int, dated) -> None:
    """7c: a count with no role yet, as many as the reference's sites, whose own clause holds the date of the event a
    programme's role counts ("the 12 sites the department named on June 20, 2017"): a count of that role's sites."""
    for role in (r for r in lexicon.roles if r.program_words):
        for cr in story.counts:
            if cr.role is not None or cr.part or cr.count.value != sites:
                continue
            k = rd.index_at(cr.count.start)
            clause = next((c for c in rd.clauses[k] if c.start <= cr.count.start < c.end), None)
            inside = [d for d in dated if d.event_id == role.event and clause and clause.start <= d.start < clause.end]
            if inside:
                cr.role, cr.how = role, _how(lexicon.methods, "dated_count", date=inside[0].surface)


def _launch_counts(rd: Reading, story: Story, lexicon: Lexicon, programs) -> None:
    """7b: a count of the cities the programme began with, whatever its number ("The partnership began in June with
    10 cities"): a count with no role yet, in one clause with one of its role's launch words, in a sentence that
    names the programme. Its number is then checked against the reference's sites."""
    for role in (r for r in lexicon.roles if r.launch_words):
        for cr in story.counts:
            if cr.role is not None or cr.part:
                continue
            k = rd.index_at(cr.count.start)
            named = rd.entities_in(rd.sentence_ids[k]) & programs or _has(rd, k, PROGRAM_WORDS, role)
            clause = next((c for c in rd.clauses[k] if c.start <= cr.count.start < c.end), None)
            written = _has(rd, k, LAUNCH_WORDS, role, clause.start, clause.end) if clause is not None else []
            word = next((w for w in role.launch_words if w in written), None)
            if named and word is not None:
                cr.role, cr.how = role, _how(lexicon.methods, "launch_count", word=word)


def _join_split_lists(rd: Reading, story: Story) -> list[CityList]:
    """A list split over clauses of one sentence, after a count with a role in the sentence before: "… will not
    consider four cities …. In California they are Stockton and San Bernardino; outside the state, Baltimore and
    Albuquerque." The sentence's lists are one list when a semicolon parts them, no other city stands in the
    sentence, and together they name as many cities as the count (``_counted_just_before`` then gives the role)."""
    by_sentence: dict[int, list[CityList]] = {}
    for group in story.lists:
        by_sentence.setdefault(group.sentence, []).append(group)
    joined: dict[int, CityList] = {}
    for k, groups in by_sentence.items():
        if len(groups) < 2 or k == 0 or any(g.bullets for g in groups):
            continue
        gaps = [a.items[-1].join for a, _ in itertools.pairwise(groups)]
        if not all(gap is not None and gap.how == SEMICOLON for gap in gaps):
            continue
        total = sum(len(g.places) for g in groups)
        counted = [
            x
            for x in story.counts
            if rd.index_at(x.count.start) == k - 1 and x.role is not None and not x.part and x.count.value == total
        ]
        if counted:
            items = [i for g in groups for i in g.items]
            joined[k] = CityList(items, k, parts=len(groups), lead=groups[0].lead)
    if not joined:
        return story.lists
    out, done = [], set()
    for group in story.lists:
        if group.sentence not in joined:
            out.append(group)
        elif group.sentence not in done:
            out.append(joined[group.sentence])
            done.add(group.sentence)
    return out


def _count_roles(
    rd: Reading,
    story: Story,
    cues: list[Cues],
    roles: dict[str, Role],
    program_counts,
    methods: dict,
) -> None:
    parts = set(rd.parts)
    for c in (c for c in rd.counts if c.city):
        k = rd.index_at(c.start)
        if cues[k].withdrawn:
            continue  # "An earlier version of this story said … began with 10 cities": no count the text states
        cr = CountRole(c, None, NO_HOW, part=c in parts or _of_a_state(rd, c))
        # a count in a hedged clause ("each of which had asked to join a program that serves twelve cities") takes
        # only its own clause's cue, never another clause's
        own = _clause_cue(cues[k], c.start) if cues[k].hedged(c.start) else _nearest(rd, cues[k], roles, c)
        if _partitive(rd, c, k):
            own = None  # "Of the 16 cities that applied, 12 were chosen": the cue is the twelve's
        if cr.part:
            pass  # some of the cities a role has: it takes no role, so it is no count of them to check
        elif own:  # 1: a cue in the count's own sentence (the nearest, when the sentence holds two roles' cues)
            cr.role, cr.how = roles[own[0]], _how(methods, "in_sentence", cue=own[1])
        elif c.definite:  # 2: "the four cities" refers back to a count of the same number
            before = [x for x in story.counts if x.count.value == c.value and x.role is not None]
            if before:
                cr.role, cr.how = before[-1].role, _how(methods, "same_as", count=before[-1].count.surface)
        story.counts.append(cr)
    program_counts()  # 7, before the looser rules: a count of the programme's sites, or of the cities it began with
    for cr in story.counts:  # 2, still without a role: "the four cities" refers back to a cue just before
        if cr.role is None and not cr.part and cr.count.definite and not _whole(rd, cr.count):
            found = _cue_before(rd, cues, rd.index_at(cr.count.start), same_paragraph=True)
            if found:
                cr.role, cr.how = roles[found[0]], _how(methods, "just_before", cue=found[1])
    # 3: a cue sentence just after a bare count that refers back to it
    for cr in story.counts:
        if cr.role is not None or cr.part or _whole(rd, cr.count):
            continue
        k = rd.index_at(cr.count.start)
        for ahead in range(1, NEAR_AHEAD + 1):
            if k + ahead >= len(rd.sentences):
                break
            if any(rd.index_at(x.start) == k + ahead for x in rd.counts if x.city):
                break  # "None of them is among the four cities … would not consider": the cue is that count's
            name = _one(cues[k + ahead])
            if name and _refers_back(rd, k + ahead, roles[name], cr.count):
                cr.role = roles[name]
                cr.how = _how(methods, "refers_back_after", cue=_cue(cues[k + ahead], name))
                break
    _same_number(rd, story, methods)  # 5


STATE_AFTER = 4  # characters between a count and the state right after it that bounds it (" in ")


def _of_a_state(rd: Reading, c: Count) -> bool:
    """A count bounded by the state named right after it ("two cities in California, Stockton and San Bernardino"):
    some of a role's cities, as "the two California cities" are, never a count of them all."""
    return any(m.type == "state" and 0 < m.start - c.end <= STATE_AFTER for m in rd.mentions)


def _set_against(rd: Reading, group: CityList) -> bool:
    """The list right after a word that sets it against the rest of its sentence ("Unlike Houston and Memphis, …";
    "Except for Toledo, …"): the reader's phrase ends a space before the list's first city."""
    first = group.places[0].mention.start
    return any(p.kind == CONTRAST and 0 <= first - p.end <= 1 for p in rd.phrases[group.sentence])


def _refers_back(rd: Reading, k: int, role: Role, count: Count) -> bool:
    """Sentence ``k`` holds one of the role's anaphors that may stand for ``count`` whole: not one with another
    number ("Is it one of the 12 participants?" after "the four cities"), nor one that picks some of them ("Four of
    them got letters" after "Sixteen cities applied")."""
    picks = [q.end for q in rd.phrases[k] if q.kind == PICKS_SOME]
    for p in rd.phrases[k]:
        if p.kind != ANAPHORS or p.group != role.name:
            continue
        if any(0 <= p.start - end <= 1 for end in picks):
            continue
        if any(x.start < p.end and p.start < x.end and x.value != count.value for x in rd.counts):
            continue
        return True
    return False


def _same_number(rd: Reading, story: Story, methods: dict) -> None:
    """5: a count with no role of its own takes the role of the counts of its number that have one from the rules
    before (all of one role); a count that names its own cities (all or some) only from such a count before it
    ("Four cities have sued: San Francisco, … None of them is among the four cities …"; "Another network worked
    with a dozen cities, among them Camden … The partnership has twelve sites": the cities named are others)."""
    enumerating = {id(e.items[0].count) for e in rd.enumerations if e.items[0].introduced}
    ruled = [x for x in story.counts if x.role is not None]
    for cr in story.counts:
        if cr.role is None and not cr.part:
            before = id(cr.count) in enumerating
            same = [
                x for x in ruled if x.count.value == cr.count.value and (not before or x.count.end <= cr.count.start)
            ]
            if len({x.role.name for x in same}) == 1:
                cr.role, cr.how = same[0].role, _how(methods, "same_number", count=same[0].count.surface)


def _whole(rd: Reading, c: Count) -> bool:
    """The count is the whole another count of its sentence is set against ("None of the four cities is among the 12
    sites"): the words between the two are one of the lexicon's count wholes. The first refers back to the cue
    before; the whole is another group of cities."""
    k = rd.index_at(c.start)
    before = [x.end for x in rd.counts if x.city and x.end <= c.start and rd.index_at(x.start) == k]
    if not before:
        return False
    return any(p.kind == WHOLE and before[-1] <= p.start and p.end <= c.start for p in rd.phrases[k])


WHOLE_GAP = 5  # characters between a count-whole phrase and the count it opens: " the ", " its "


def _after_whole(rd: Reading, c: Count, k: int) -> bool:
    """The count follows one of the lexicon's count wholes with no count before it ("it is not one of the 12 sites"):
    the whole its subject is set against, which counts the programme's sites when as many as the reference's."""
    return any(p.kind == WHOLE and 0 <= c.start - p.end <= WHOLE_GAP for p in rd.phrases[k])


def _partitive(rd: Reading, c: Count, k: int) -> bool:
    """The count opens its sentence after a partitive opening ("Of the 16 cities …, 12 were chosen"): the opening's
    phrase starts the sentence and the count is its next word."""
    s = rd.sentences[k]
    return any(p.kind == PARTITIVE and p.start == s.start and 0 <= c.start - p.end <= 1 for p in rd.phrases[k])


NEAR_CUE = 30  # characters: a cue this close to a count, and twice as close as any other role's, decides its role


def _segment(rd: Reading, cues: Cues, at: int) -> tuple[int, int, dict[str, str]]:
    """The part of a sentence between the semicolons around ``at``, and its roles' cues: a semicolon ends a statement
    as a full stop does ("X was not among the four cities named in the letters; it is one of the 12 participants")."""
    k = rd.index_at(at)
    pieces = rd.clauses[k]
    cuts = [p.start for p in pieces if p.surface == SEMICOLON_MARK]
    if not cuts:
        return rd.sentences[k].start, rd.sentences[k].end, cues.found
    start = max([x + 1 for x in cuts if x < at], default=rd.sentences[k].start)
    end = min([x for x in cuts if x > at], default=rd.sentences[k].end)
    found: dict[str, str] = {}
    for a, b, clause in cues.clauses:
        if start <= a and b <= end:
            found |= {n: cue for n, cue in clause.items() if n not in found}
    return start, end, found


def _nearest(rd: Reading, cues: Cues, roles: dict[str, Role], c: Count) -> tuple[str, str] | None:
    """The role of a count's sentence (of its part between semicolons, ``_segment``): its only role, or, when it
    holds cues of two roles ("None of the four cities that received letters is among the original 12 locations"),
    the role whose cue stands right by the count."""
    start, end, found = _segment(rd, cues, c.start)
    k = rd.index_at(c.start)
    name = _one(found)
    if name:
        return None if _cues_are_others(rd, roles[name], c, k, start, end) else (name, _cue(found, name))
    if len(found) < 2:
        return None
    best = []
    for role_name in found:
        hits = [
            (min(abs(m.start - c.end), abs(c.start - m.end)), m.phrase.lower())
            for m in _role_cues(rd.phrases[k], roles[role_name], start, end)
        ]
        if hits:
            best.append((*min(hits), role_name))
    best.sort()
    if len(best) >= 2 and best[0][0] <= NEAR_CUE and best[0][0] * 2 < best[1][0]:
        return best[0][2], best[0][1]
    return None


def _cues_are_others(rd: Reading, role: Role, c: Count, k: int, start: int, end: int) -> bool:
    """Another number stands between the count and each of the role's cues: "The two cities in the suit are apart
    from the four shut out": the cue is the four's."""
    numbers = [x for x in rd.counts if x is not c and rd.index_at(x.start) == k]
    return all(
        any(min(c.end, m.start) <= x.start < max(c.start, m.end) for x in numbers)
        for m in _role_cues(rd.phrases[k], role, start, end)
    )


def _clause_cue(cues: Cues, at: int) -> tuple[str, str] | None:
    """The only role of the clause that holds ``at``, and its cue."""
    clause = next((c for s, e, c in cues.clauses if s <= at < e), {})
    name = _one(clause)
    return (name, clause[name]) if name else None


def _cue_before(rd: Reading, cues: list[Cues], k: int, same_paragraph: bool) -> tuple[str, str] | None:
    """The nearest sentence before sentence ``k`` (up to NEAR_BACK back) with one role's cue: (role, cue)."""
    for back in range(1, NEAR_BACK + 1):
        if k - back < 0:
            break
        if same_paragraph and rd.sentences[k - back].paragraph != rd.sentences[k].paragraph:
            break
        name = _one(cues[k - back])
        if name:
            return name, _cue(cues[k - back], name)
    return None


def _list_role(
    rd: Reading,
    story: Story,
    cues: list[Cues],
    roles,
    group: CityList,
    role_entities: dict[str, set[str]],
    methods: dict,
) -> tuple[Role | None, str]:
    """A list's role: the count that enumerates it, the cue of its sentence (of its clause, for a lone city; none
    in a hedged clause), or the sentence or heading that leads into it."""
    k = group.sentence
    intro, full = _introducer(story, group)
    if intro is not None:
        if full:
            intro.listed = group
        if intro.role is not None:
            return intro.role, _how(methods, "list_introduced", count=intro.count.surface)
    counted = _counted_just_before(rd, story, group, k)
    if counted is not None:
        code = "split_list" if group.parts > 1 else "list_counted_before"
        return counted.role, _how(methods, code, n=group.parts, count=counted.count.surface)
    own = cues[k]
    if not group.bullets and not own.hedged(group.places[0].mention.start):
        if len(group.places) == 1:
            at = group.places[0].mention.start
            clause = next((c for s, e, c in own.clauses if s <= at < e), {})
            name = _one(clause)
            if name:
                return roles[name], _how(methods, "in_clause", cue=clause[name])
        elif _one(own):
            name = _one(own)
            return roles[name], _how(methods, "in_sentence", cue=_cue(own, name))
    same = _same_as_before(rd, cues, group)
    if same is not None:
        return roles[same[0]], _how(methods, "list_follows", cue=same[1])
    if group.items[0].pronoun:  # "They were A; B; …", "Among them are A; B; …"
        return _pronoun_role(rd, story, cues, roles, group, methods)
    if group.items[0].anaphoric:
        found = _anaphoric_role(rd, story, cues, roles, group, role_entities, methods)
        if found is not None:
            return found
    if group.lead is not None:
        lead = k - 1
        name = _one(cues[lead])
        counted = [x for x in story.counts if rd.index_at(x.count.start) == lead and x.role is not None]
        if counted:
            counted[-1].listed = group
            return counted[-1].role, _how(methods, "list_introduced", count=counted[-1].count.surface)
        if name:
            return roles[name], _how(methods, "list_follows", cue=_cue(cues[lead], name))
    return None, NO_HOW


def _same_as_before(rd: Reading, cues: list[Cues], group: CityList) -> tuple[str, str] | None:
    """A list after words that repeat the sentence before ("Sessions sent the same message to A, B and C"), in a
    sentence with no cue of its own: the only role of the sentence just before, in its paragraph, and its cue."""
    k, first = group.sentence, group.places[0].mention.start
    if k == 0 or cues[k].found or rd.sentences[k - 1].paragraph != rd.sentences[k].paragraph:
        return None
    if not any(p.kind == SAME and p.end <= first for p in rd.phrases[k]):
        return None
    name = _one(cues[k - 1])
    return (name, _cue(cues[k - 1], name)) if name else None


def _anaphoric_role(
    rd: Reading, story: Story, cues: list[Cues], roles, group: CityList, role_entities: dict, methods: dict
) -> tuple[Role, How] | None:
    """A list that refers back ("The cities are Baltimore, ...", "The other cities Sessions named — ..."): the role
    whose event names who its opening names, else of the cities the text has counted or named with a role before,
    else the cue of the sentences just before."""
    k, first = group.sentence, group.places[0].mention.start
    named = [m for m in rd.mentions_in(rd.sentence_ids[k]) if m.end <= first and m.type != "city"]
    by_entity = [n for n in roles if {m.entity_id for m in named} & role_entities.get(n, set())]
    if len(by_entity) == 1:  # "The other cities Sessions named — ...": the role whose event names Sessions
        who = next(m.surface for m in named if m.entity_id in role_entities[by_entity[0]])
        return roles[by_entity[0]], _how(methods, "list_refers_to_named", person=who)
    earlier = [(x.count.start, x.role, x.count.surface) for x in story.counts if x.role and x.count.end <= first]
    earlier += [(c.place.mention.start, c.role, c.place.mention.surface) for c in story.claims]
    if earlier:
        _, role, surface = max(earlier, key=lambda e: e[0])
        return role, _how(methods, "list_refers_back", referent=surface)
    found = _cue_before(rd, cues, k, same_paragraph=False)
    return (roles[found[0]], _how(methods, "list_follows", cue=found[1])) if found else None


def _pronoun_role(
    rd: Reading, story: Story, cues: list[Cues], roles, group: CityList, methods: dict
) -> tuple[Role | None, How]:
    """A list whose opening is only a pronoun and its verb names cities counted just before it, and only then: "They
    were A; B; …" a count of as many cities in the sentences just before (its role, else the cue of the sentence
    just before it); "Among them are A; B; …" a count of more cities in the sentence just before (its role). With
    no such count "they" may be anyone ("Critics live elsewhere. They include Chicago"), so the list takes no role;
    nor does a role named further back ("a dozen cities … four other cities … They were …")."""
    k, first, n = group.sentence, group.places[0].mention.start, len(group.places)
    some = group.items[0].pronoun == SOME_OF
    back = 1 if some else NEAR_BACK
    if some and any(g.sentence == k - 1 and g.items[0].pronoun == SOME_OF for g in story.lists):
        back = 2  # "Stockton is one of them. San Bernardino is another": the count before the first names both
    near = [
        x
        for x in story.counts
        if x.count.end <= first
        and k - back <= rd.index_at(x.count.start) < k
        and (x.count.value > n if some else x.count.value == n)
    ]
    if not near:
        return None, NO_HOW
    latest = near[-1]
    if latest.role is not None:
        if not some and not latest.part and latest.listed is None:
            latest.listed = group
        return latest.role, _how(methods, "list_counted_before", count=latest.count.surface)
    found = None if some else _cue_before(rd, cues, k, same_paragraph=False)
    return (roles[found[0]], _how(methods, "list_follows", cue=found[1])) if found else (None, NO_HOW)


def _counted_just_before(rd: Reading, story: Story, group: CityList, k: int) -> CountRole | None:
    """A count with a role in the sentence just before the list, of exactly as many cities as the list names, with
    no city between the two ("… sent letters to four cities." then "Baltimore; Albuquerque; and Stockton and San
    Bernardino in California had asked to join"): the list names the cities it counts, and the count lists it."""
    if k == 0 or group.bullets or len(group.places) < 2:
        return None
    found = [
        x
        for x in story.counts
        if rd.index_at(x.count.start) == k - 1 and x.role is not None and not x.part and x.listed is None
    ]
    if not found or found[-1].count.value != len(group.places):
        return None
    between = [p for p in rd.places if found[-1].count.end <= p.mention.start < group.places[0].mention.start]
    if between:
        return None
    found[-1].listed = group
    return found[-1]


# A count enumerates the list after it ("The four cities are: A, B, C and D"; "four cities — A, B, ...") or names
# some of them ("twelve sites, among them A and B"; "the 12 cities run from A to B"): the first is checked
# against the list's length, the second only gives the list its role (``etl.read.lists``: ``Item.introduced``).


def _introducer(story: Story, group: CityList) -> tuple[CountRole | None, bool]:
    """The count of cities in the list's own sentence that introduces it (the last before it, when the words
    between enumerate the list or name some of it), and whether it enumerates the whole list (so the two can be
    checked against each other)."""
    first = group.items[0]
    if first.count is None or group.bullets or not first.introduced:
        return None, False
    count = next((x for x in story.counts if x.count is first.count), None)  # None: a withdrawn sentence's count
    return count, first.introduced == ENUMERATES
