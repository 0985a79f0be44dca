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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.lexicon import Lexicon, Role
from etl.read.model import Count, Place, Reading

LIST_TEXT = re.compile(r"^[\s,;:]*(?:(?:and|or|&)\s*)?[\s,;:]*$", re.IGNORECASE)
NEAR_BACK = 2  # sentences a definite count or a list may look back for its role's cue
NEAR_AHEAD = 2  # sentences a bare count may look ahead for a cue sentence that refers back to it
CANCEL_REACH = 40  # characters after a "not a role" phrase ("interested in") in which a role cue is cancelled


@dataclass
class CityList:
    """Cities the text names together: a list in one sentence, a bullet block, or a single city."""

    places: list[Place]
    sentence: int  # index of the (first) sentence
    bullets: bool = False


@dataclass
class CountRole:
    count: Count
    role: Role | None
    how: str
    listed: CityList | None = None  # the list this count introduces


@dataclass
class CityClaim:
    place: Place
    role: Role
    how: str


@dataclass
class Story:
    counts: list[CountRole] = field(default_factory=list)
    lists: list[CityList] = field(default_factory=list)
    claims: list[CityClaim] = field(default_factory=list)

    def claimed(self, status: str) -> list[CityClaim]:
        return [c for c in self.claims if c.role.status == status]


def _find(text: str, phrase: str) -> list[int]:
    return [
        m.start() for m in re.finditer(rf"(?<![\w’']){re.escape(phrase.lower())}(?![\w’'])", text.lower())
    ]


def sentence_roles(rd: Reading, lexicon: Lexicon) -> list[dict[str, str]]:
    """Per sentence: the roles whose cue phrases it holds (role name -> the first cue found), without the cues
    a "not a role" phrase just before them cancels ("had been interested in taking part")."""
    out = []
    for s in rd.sentences:
        cancels = [p + len(c) for c in lexicon.not_a_role for p in _find(s.surface, c)]
        found: dict[str, str] = {}
        for role in lexicon.roles:
            for cue in role.cues:
                hits = [p for p in _find(s.surface, cue) if not any(0 <= p - c <= CANCEL_REACH for c in cancels)]
                if hits:
                    found.setdefault(role.name, cue)
                    break
        out.append(found)
    return out


def _one(found: dict[str, str]) -> str | None:
    return next(iter(found)) if len(found) == 1 else None


def city_lists(rd: Reading) -> list[CityList]:
    """Cities named together: joined by commas, semicolons and "and" in one sentence (their states between
    them), consecutive bullet lines, or alone."""
    text = rd.article.text
    states = [p.state_span for p in rd.places if p.state_span is not None]
    out: list[CityList] = []
    previous: Place | None = None
    for place in sorted(rd.places, key=lambda p: p.mention.start):
        k = rd.index_at(place.mention.start)
        joined = False
        if previous is not None and out:
            pk = out[-1].sentence if not out[-1].bullets else rd.index_at(previous.mention.start)
            between = text[previous.mention.end : place.mention.start]
            for st in states:  # the state of the city before is part of the list's punctuation
                if previous.mention.end <= st.start and st.end <= place.mention.start:
                    between = between.replace(st.surface, "", 1)
            same = pk == k and LIST_TEXT.match(between) is not None
            bullets = (
                rd.sentences[k].kind == "bullet"
                and rd.sentences[pk].kind == "bullet"
                and k == pk + 1
                and rd.sentences[k].start <= place.mention.start
            )
            joined = same or bullets
            if bullets and not same:
                out[-1].bullets = True
        if joined:
            out[-1].places.append(place)
        else:
            out.append(CityList([place], k, rd.sentences[k].kind == "bullet"))
        previous = place
    return out


def tell(rd: Reading, lexicon: Lexicon) -> Story:
    """The roles of one article's counts and cities."""
    roles = {r.name: r for r in lexicon.roles}
    cues = sentence_roles(rd, lexicon)
    story = Story(lists=city_lists(rd))
    counts = [c for c in rd.counts if c.city]
    # 1-2: a cue in the count's own sentence; a definite count takes the role just before it
    for c in counts:
        k = rd.index_at(c.start)
        cr = CountRole(c, None, "")
        own = _one(cues[k])
        if own:
            cr.role, cr.how = roles[own], f"“{cues[k][own]}” in its sentence"
        elif c.definite:
            before = [x for x in story.counts if x.count.value == c.value and x.role is not None]
            if before:
                cr.role, cr.how = before[-1].role, f"the same as “{before[-1].count.surface}”"
            else:
                for back in range(1, NEAR_BACK + 1):
                    name = _one(cues[k - back]) if k - back >= 0 else None
                    if name:
                        cr.role, cr.how = roles[name], f"“{cues[k - back][name]}” just before"
                        break
        story.counts.append(cr)
    # 3: a cue sentence just after a bare count that refers back to it
    for cr in story.counts:
        if cr.role is not None:
            continue
        k = rd.index_at(cr.count.start)
        for ahead in range(1, NEAR_AHEAD + 1):
            if k + ahead >= len(rd.sentences):
                break
            name = _one(cues[k + ahead])
            if name and any(_find(rd.sentences[k + ahead].surface, a) for a in roles[name].anaphors):
                cr.role, cr.how = roles[name], f"“{cues[k + ahead][name]}” in the sentence after, which refers back"
                break
    # 5: a count with no role of its own, of the same number as one that has a role
    for cr in story.counts:
        if cr.role is None:
            same = [x for x in story.counts if x.role is not None and x.count.value == cr.count.value]
            if len({x.role.name for x in same}) == 1:
                cr.role, cr.how = same[0].role, f"the same number as “{same[0].count.surface}”"
    # lists: the cue of their sentence, the count that introduces them, or the sentence that introduces them
    for group in story.lists:
        k = group.sentence
        intro = _introducer(rd, story, group, k)
        role = None
        how = ""
        own = _one(cues[k])
        if own and not group.bullets:
            role, how = roles[own], f"“{cues[k][own]}” in its sentence"
        if intro is not None:
            if intro.role is not None and (role is None or role.name == intro.role.name):
                role, how = intro.role, f"the list “{intro.count.surface}” introduces"
            intro.listed = group
        elif role is None and _leads_in(rd, k, group):
            lead = k - 1
            name = _one(cues[lead])
            if name:
                role, how = roles[name], f"the list follows “{cues[lead][name]}”"
            else:
                counted = [x for x in story.counts if rd.index_at(x.count.start) == lead and x.role is not None]
                if counted:
                    role, how = counted[-1].role, f"the list “{counted[-1].count.surface}” introduces"
                    counted[-1].listed = group
        if role is not None:
            story.claims += [CityClaim(p, role, how) for p in group.places if p.mention.resolved]
    return story


def _introducer(rd: Reading, story: Story, group: CityList, k: int) -> CountRole | None:
    """The count of cities in the list's own sentence, before the list ("The four cities are: ...")."""
    first = group.places[0].mention.start
    same = [x for x in story.counts if rd.index_at(x.count.start) == k and x.count.end <= first]
    return same[-1] if same and not group.bullets else None


def _leads_in(rd: Reading, k: int, group: CityList) -> bool:
    """The sentence before the list introduces it: it ends with a colon, or it is a heading above bullets."""
    if k == 0:
        return False
    before = rd.sentences[k - 1]
    return before.surface.rstrip().endswith((":", "—")) or (group.bullets and before.kind in ("headline", "text"))
