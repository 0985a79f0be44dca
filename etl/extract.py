"""Stage 3, extract: text to spans. Sentences, entity mentions, places, figures, dates and quotes.

Everything the article says is found by reading it: the canonical entities, their aliases and the state
abbreviations come from ``etl/reference``; the patterns are generic (see ``etl.textsteps``).
"""

from __future__ import annotations

import bisect
import difflib
from dataclasses import dataclass, field

import pandas as pd

from etl import textsteps as ts
from etl.errors import EtlError, line_of
from etl.gazetteer import FUZZY_CUTOFF, Gazetteer, Place
from etl.seed import Article


@dataclass
class Mention:
    entity_id: str
    start: int
    end: int
    surface: str
    how: str = "alias"  # alias | place | fuzzy


@dataclass
class ArticlePlace:
    place: Place
    city: ts.Span
    state: ts.Span
    sentence_id: str


@dataclass
class Extract:
    article: Article
    sentences: list[ts.Span]
    sentence_ids: list[str]
    mentions: list[Mention] = field(default_factory=list)
    places: list[ArticlePlace] = field(default_factory=list)
    list_sentence_ids: set[str] = field(default_factory=set)  # sentences that list cities with their states
    counts: list[ts.Count] = field(default_factory=list)
    tallies: list[ts.Tally] = field(default_factory=list)
    dates: list[ts.DateExpr] = field(default_factory=list)
    quotes: list[ts.Span] = field(default_factory=list)
    fuzzy: list[tuple[Mention, str, float]] = field(default_factory=list)  # (mention, canonical name, score)
    _ends: list[int] | None = field(default=None, repr=False)
    _by_sentence: dict[str, list[Mention]] | None = field(default=None, repr=False)
    _indexed: int = field(default=-1, repr=False)

    def sentence_at(self, offset: int) -> str:
        """The sentence holding a character offset; whitespace between sentences belongs to the next one."""
        if self._ends is None:
            self._ends = [s.end for s in self.sentences]
        i = bisect.bisect_right(self._ends, offset)
        return self.sentence_ids[min(i, len(self.sentence_ids) - 1)]

    def sentence(self, sentence_id: str) -> ts.Span:
        """The sentence with this id."""
        return self.sentences[self.sentence_ids.index(sentence_id)]

    def mentions_in(self, sentence_id: str) -> list[Mention]:
        """Mentions of one sentence, in reading order (indexed once the mentions are final)."""
        if self._by_sentence is None or self._indexed != len(self.mentions):
            self._by_sentence = {}
            for m in sorted(self.mentions, key=lambda m: m.start):
                self._by_sentence.setdefault(self.sentence_at(m.start), []).append(m)
            self._indexed = len(self.mentions)
        return self._by_sentence.get(sentence_id, [])

    def entities_in(self, sentence_id: str) -> set[str]:
        return {m.entity_id for m in self.mentions_in(sentence_id)}


def _state_alternatives(ap_states: pd.DataFrame) -> dict[str, str]:
    """Written abbreviation -> USPS code: AP style ("Calif.", "N.M.", "D.C.|DC") and the USPS code itself."""
    out = {}
    for row in ap_states.itertuples():
        for ap in row.ap.split("|"):
            out[ap] = row.usps
    return out


class SpanSet:
    """Non-overlapping spans with an O(log n) overlap test (the article may be long)."""

    def __init__(self, spans=()):
        self._starts: list[int] = []
        self._ends: list[int] = []
        for s in spans:
            self.add(s.start, s.end)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._starts, end)  # spans starting before `end`
        return i > 0 and self._ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)


def _alias_mentions(ex: Extract, ref: dict) -> None:
    """Entities from the reference gazetteer of canonical names and aliases."""
    alias_to_entity = {}
    for row in ref.rows("entities"):
        for alias in row.aliases.split("|"):
            alias_to_entity.setdefault(alias.strip(), row.entity_id)
    for m in ts.alias_pattern(alias_to_entity).finditer(ex.article.text):
        ex.mentions.append(Mention(alias_to_entity[m.group(0)], m.start(), m.end(), m.group(0)))


def _resolve_place(ex: Extract, city: ts.Span, state: ts.Span, usps: str, gazetteer: Gazetteer) -> ArticlePlace:
    """One "City, St." pair, resolved in the gazetteer; an unknown place stops the run."""
    text = ex.article.text
    place = gazetteer.resolve(city.surface, usps)
    if place is None:
        raise EtlError(
            f"cannot resolve the place “{city.surface}, {state.surface}” in the gazetteer ({gazetteer.source})",
            ex.article.path,
            line_of(text, city.start),
        )
    if place.matched == "exact" and place.name != city.surface:
        # Leading capitalised words were not part of the name ("Then Baltimore"): keep the name's span.
        offset = city.surface.rindex(place.name)
        city = ts.Span(city.start + offset, city.end, place.name)
    return ArticlePlace(place, city, state, ex.sentence_at(city.start))


def _places(ex: Extract, ref: dict, gazetteer: Gazetteer) -> SpanSet:
    """Places written "City, St.": the state is the one the text gives. They replace alias mentions they overlap.
    Returns the spans now taken by a mention."""
    states = _state_alternatives(ref["ap_states"])
    place_mentions: list[Mention] = []
    for city, state in ts.city_state_pairs(ex.article.text, states):
        usps = states[state.surface]
        p = _resolve_place(ex, city, state, usps, gazetteer)
        ex.places.append(p)
        place_mentions.append(Mention(p.place.city_id, p.city.start, p.city.end, p.city.surface, "place"))
        place_mentions.append(Mention(f"state-{usps.lower()}", state.start, state.end, state.surface, "place"))
        if p.place.matched == "fuzzy":
            ex.fuzzy.append((place_mentions[-2], p.place.name, p.place.score))
    occupied = SpanSet(sorted(place_mentions, key=lambda m: m.start))
    ex.mentions = [m for m in ex.mentions if not occupied.overlaps(m.start, m.end)] + place_mentions
    for m in ex.mentions:
        if m.how == "alias":
            occupied.add(m.start, m.end)
    per_sentence: dict[str, int] = {}
    for p in ex.places:
        per_sentence[p.sentence_id] = per_sentence.get(p.sentence_id, 0) + 1
    ex.list_sentence_ids = {sid for sid, n in per_sentence.items() if n >= 2}
    return occupied


def _bare_place_mentions(ex: Extract, occupied: SpanSet) -> None:
    """Bare mentions of the places found above ("Baltimore, Albuquerque, ... and Stockton")."""
    names = {}
    for p in ex.places:
        names.setdefault(p.place.name, p.place.city_id)
        names.setdefault(p.city.surface, p.place.city_id)
    for m in ts.alias_pattern(names).finditer(ex.article.text):
        if not occupied.overlaps(m.start(), m.end()):
            ex.mentions.append(Mention(names[m.group(0)], m.start(), m.end(), m.group(0)))
            occupied.add(m.start(), m.end())


def _misspelt_places(ex: Extract, occupied: SpanSet) -> None:
    """Misspelt place names: capitalised runs close to, but not equal to, a place named in the article."""
    canonical = {p.place.name: p.place.city_id for p in ex.places}
    by_words: dict[int, list[str]] = {}
    for name in canonical:
        by_words.setdefault(len(name.split()), []).append(name)
    for run in ts.capitalized_runs(ex.article.text):
        if run.surface in canonical or occupied.overlaps(run.start, run.end):
            continue
        candidates = by_words.get(len(run.surface.split()), [])
        close = difflib.get_close_matches(run.surface, candidates, n=1, cutoff=FUZZY_CUTOFF) if candidates else []
        if close:
            score = round(difflib.SequenceMatcher(None, run.surface, close[0]).ratio(), 3)
            mention = Mention(canonical[close[0]], run.start, run.end, run.surface, "fuzzy")
            ex.mentions.append(mention)
            ex.fuzzy.append((mention, close[0], score))
            occupied.add(run.start, run.end)


def _figures(ex: Extract, ref: dict) -> None:
    """Dates and tallies first, so their digits are not read again as counts; then quotations."""
    text = ex.article.text
    ex.dates = ts.dates(text, ex.article.as_of)
    ex.tallies = ts.tallies(text)
    numbers = {row.word: int(row.value) for row in ref.rows("number_words")}
    skip = [(d.start, d.end) for d in ex.dates] + [(t.start, t.end) for t in ex.tallies]
    ex.counts = ts.counts(text, numbers, skip)
    ex.quotes = ts.quotes(text)


def extract(article: Article, ref: dict, gazetteer: Gazetteer) -> Extract:
    """Read one article: sentences, entity mentions, places (with their misspellings), figures and quotes."""
    sents = ts.sentences(article.text)
    width = max(3, len(str(len(sents))))
    ex = Extract(article, sents, [f"s{i + 1:0{width}d}" for i in range(len(sents))])
    _alias_mentions(ex, ref)
    occupied = _places(ex, ref, gazetteer)
    _bare_place_mentions(ex, occupied)
    _misspelt_places(ex, occupied)
    ex.mentions.sort(key=lambda m: (m.start, m.end))
    _figures(ex, ref)
    return ex
