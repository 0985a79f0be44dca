"""Stage 3, read: the generic reader. Text in, typed spans out (``etl.read.model``), each with the method that
found it. No fact of the story is decided here; the story layer (``etl.story``) does that.

The reader is a spaCy pipeline on a blank English model (``spacy.blank("en")``: its tokenizer already knows
"Aug.", "N.M." and "Calif."), with rule-based components fed from data, never from an article:

- ``story_sentences`` (``sentences.py``): sentences, headlines, bullets, datelines, transcript turns; lexicon
  ``[sentences]``;
- ``story_names`` (``names.py``): people, organisations, programmes, laws, with titles, surnames and senators;
  ``entities.csv``, the roll call, lexicon ``[people]``;
- ``story_places`` (``places.py``): cities with any form of their state, datelines, bare names, states; the ``us``
  package, GeoNames (``etl/gazetteer.py``), ``psp_sites_2017.csv``, lexicon ``[places]``;
- ``story_dates`` (``dates.py``): dates, resolved against the as-of date; ``calendar``, python-dateutil, lexicon
  ``[dates]``;
- ``story_numbers`` (``numbers.py``): counts and vote tallies; ``number_words.csv``, lexicon ``[numbers]``;
- ``story_quotes`` (``quotes.py``): quotations.

The pipeline is built once per refresh (``Reader``) and reads each article in a few milliseconds.
"""

from __future__ import annotations

import bisect
import calendar

import spacy
import us
from spacy.lang.en.stop_words import STOP_WORDS

from etl.gazetteer import Gazetteer, slug
from etl.lexicon import Lexicon
from etl.read import dates as read_dates
from etl.read import names as _names  # noqa: F401 - registers the story_names component
from etl.read import numbers as _numbers  # noqa: F401 - registers the story_numbers component
from etl.read import places as _places  # noqa: F401 - registers the story_places component
from etl.read import quotes as _quotes  # noqa: F401 - registers the story_quotes component
from etl.read import sentences as _sentences  # noqa: F401 - registers the story_sentences component
from etl.read.model import Count, DateExpr, Mention, Place, Quote, Reading, Sentence, Span, Tally
from etl.seed import Article

ENGLISH_MIN_WORDS = 30  # below this many words, a text is too short to tell its language
ENGLISH_MIN_SHARE = 0.12  # English prose has 35-50 % of its words among spaCy's English stop words


def states() -> tuple[dict[str, str], list[str]]:
    """Every written form of a state and of the District of Columbia (postal, AP, full name) -> USPS code, and the
    full names; from the ``us`` package."""
    forms: dict[str, str] = {}
    names = []
    for s in [*us.STATES, us.states.DC]:
        forms[s.name] = s.abbr
        forms[s.abbr] = s.abbr
        if s.ap_abbr:
            forms[s.ap_abbr] = s.abbr
        names.append(s.name)
    forms["DC"] = "DC"
    return forms, names


def state_name(usps: str) -> str:
    return us.states.lookup(usps).name


def district(usps: str) -> bool:
    """The District of Columbia is a federal district, not a state (the ``us`` package: no statehood year)."""
    s = us.states.lookup(usps)
    return s is not None and s.statehood_year is None and not s.is_territory


class Reader:
    """The spaCy pipeline and its rule tables, built once per refresh from the reference, the gazetteer and the
    lexicon."""

    def __init__(self, ref, gazetteer: Gazetteer, lexicon: Lexicon):
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        state_forms, state_names = states()
        words = lexicon.sentences
        months = [m for m in calendar.month_name if m]
        weekdays = list(calendar.day_name)
        nlp = spacy.blank("en")
        pick = lambda section, *keys: {k: section[k] for k in keys}  # noqa: E731 - a table's named entries
        nlp.add_pipe(
            "story_sentences",
            config={
                "data": {
                    **pick(words, "never_final", "openers", "time_zones", "time_abbreviations", "bullets"),
                    **pick(words, "dateline_dashes", "dateline_agencies"),
                    "state_abbreviations": [f for f in state_forms if f.endswith(".")],
                }
            },
        )
        people = lexicon.people
        known = [
            [alias.strip(), r.entity_id, r.type]
            for r in ref.rows("entities")
            for alias in r.aliases.split("|")
            if alias.strip()
        ]
        senators = sorted(
            {(p.senator, p.state, p.party) for roll in ref["positions"].values() for p in roll.itertuples()}
        )
        nlp.add_pipe(
            "story_names",
            config={
                "data": {
                    **pick(people, "titles", "offices", "title_modifiers", "role_nouns", "speech_verbs"),
                    **pick(people, "parties", "nicknames"),
                    "known": known,
                    "senators": [list(s) for s in senators],
                    "states": state_forms,
                    "stop_names": [*people["not_names"], *words["openers"], *months, *weekdays, *state_names],
                }
            },
        )
        nlp.add_pipe(
            "story_places",
            config={
                "data": {
                    "states": state_forms,
                    "state_names": state_names,
                    "districts": sorted(code for code in set(state_forms.values()) if district(code)),
                    "openers": words["openers"],
                    "org_words": lexicon.places["org_words"],
                }
            },
        )
        reference_places = [gazetteer.resolve(r.city, r.state) for r in ref.rows("psp_sites")]
        for r in ref.rows("events"):
            for eid in r.match_entities.split("|"):
                if eid in gazetteer.city_ids:
                    reference_places.append(gazetteer.by_id(eid))
        nlp.get_pipe("story_places").bind(gazetteer, [p for p in reference_places if p is not None])
        dates = pick(lexicon.dates, "prepositions", "same_day", "relative_months", "relative_days", "day_offsets")
        dates |= pick(lexicon.dates, "after_month", "past_words", "future_words")
        nlp.add_pipe("story_dates", config={"data": dates})
        numbers = pick(lexicon.numbers, "city_nouns", "count_fillers", "dozen", "tally_cues")
        numbers["number_words"] = {r.word: int(r.value) for r in ref.rows("number_words")}
        nlp.add_pipe("story_numbers", config={"data": numbers})
        nlp.add_pipe("story_quotes")
        self.nlp = nlp

    def read(self, article: Article) -> Reading:
        """One article: its sentences and every typed span."""
        text = article.text
        doc = self.nlp(text)
        sentences = self._sentences(doc)
        width = max(3, len(str(len(sentences))))
        reading = Reading(article, sentences, [f"s{i + 1:0{width}d}" for i in range(len(sentences))])
        if not self._english(doc):
            reading.english = False
            return reading
        mentions, people = self._names(doc)
        places, place_mentions = self._places(doc)
        reading.mentions = sorted([*mentions, *place_mentions], key=lambda m: (m.start, m.end))
        reading.places = places
        reading.people = people
        reading.dates = self._dates(doc, article)
        reading.tallies = [
            Tally(s, e, text[s:e], yea, nay, f"{yea} in favour, {nay} against")
            for (s, e), (yea, nay) in sorted(doc.user_data["tallies"].items())
        ]
        reading.counts = [
            Count(s, e, text[s:e], v, unit, f"number “{text[s:e].split()[0]}” = {v}", definite, city)
            if text[s:e].split()[0].lower() != "a"
            else Count(s, e, text[s:e], v, unit, f"“{' '.join(text[s:e].split()[:2])}” = {v}", definite, city)
            for (s, e), (v, unit, definite, city) in sorted(doc.user_data["counts"].items())
        ]
        reading.quotes = [Quote(s, e, text[s:e]) for s, e in doc.user_data["quotes"]]
        return reading

    # ---- from spaCy's objects to the reader's plain spans --------------------------------------------------------

    def _sentences(self, doc) -> list[Sentence]:
        text = doc.text
        lines = sorted(doc.spans.get("lines", []), key=lambda line: line.start_char)
        line_starts = [line.start_char for line in lines]
        paragraph_starts = _nonblank_lines(text)
        out = []
        for sent in doc.sents:
            s, e = sent.start_char, sent.end_char
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s >= e:
                continue
            k = bisect.bisect_right(line_starts, s) - 1
            kind = lines[k].label_ if k >= 0 and s < lines[k].end_char else "text"
            out.append(Sentence(s, e, text[s:e], bisect.bisect_right(paragraph_starts, s), kind))
        return out

    def _english(self, doc) -> bool:
        words = [t.lower_ for t in doc if t.is_alpha]
        if len(words) < ENGLISH_MIN_WORDS:
            return True
        return sum(1 for w in words if w in STOP_WORDS) / len(words) >= ENGLISH_MIN_SHARE

    def _names(self, doc) -> tuple[list[Mention], dict[str, str]]:
        info = doc.user_data["names"]
        people: dict[str, str] = {}
        out = []
        for ent in doc.ents:
            record = info[(ent.start_char, ent.end_char)]
            entity_id = ent.kb_id_
            resolved = record.resolved
            if entity_id.startswith("?"):
                name = entity_id[1:]
                entity_id = slug(name)
                if len(name) > len(people.get(entity_id, "")):
                    people[entity_id] = name
            affiliation = None
            if record.affiliation is not None:
                a, b = record.affiliation
                affiliation = Span(a, b, doc.text[a:b])
            out.append(
                Mention(
                    ent.start_char,
                    ent.end_char,
                    ent.text,
                    entity_id,
                    ent.label_,
                    record.method,
                    resolved,
                    record.title,
                    record.title_start,
                    record.party,
                    record.state,
                    affiliation,
                )
            )
        # a surname alone that names an unresolved person: the fullest form of the name wins
        return out, people

    def _places(self, doc) -> tuple[list[Place], list[Mention]]:
        info = doc.user_data["places"]
        text = doc.text
        places, mentions = [], []
        for sp in doc.spans["places"]:
            record = info[(sp.start_char, sp.end_char)]
            resolved = record.method != "unresolved"
            m = Mention(sp.start_char, sp.end_char, sp.text, sp.kb_id_, sp.label_, record.method, resolved)
            mentions.append(m)
            if sp.label_ == "city":
                state_span = None
                if record.state_span is not None:
                    a, b = record.state_span
                    state_span = Span(a, b, text[a:b])
                places.append(Place(m, record.state, state_span, record.gazetteer, record.score))
        return places, mentions

    def _dates(self, doc, article: Article) -> list[DateExpr]:
        as_of = article.as_of
        words = f"the article's date, {read_dates.human(as_of)}" + (" (inferred)" if article.as_of_inferred else "")
        resolver = read_dates.Resolver(self.lexicon.dates, as_of, words)
        out: list[DateExpr] = []
        turns = {line.start for line in doc.spans.get("lines", []) if line.label_ == "turn"}
        first_turn = min(turns, default=None)
        narrative: DateExpr | None = None  # the last day the narrative gives before a transcript starts
        for sp in doc.spans["dates"]:
            kind, parts = doc.user_data["dates"][(sp.start_char, sp.end_char)]
            in_turn = first_turn is not None and sp.start > first_turn and _line_of(doc, sp.start) in turns
            previous = _counted_from(doc, sp, out, article.as_of) if kind in ("same_day", "day_offset") else None
            d = resolver.resolve(doc, sp, kind, parts, previous, narrative if in_turn else None)
            if d is None:
                continue
            out.append(d)
            if d.precision == "day" and not d.negated and not in_turn and (first_turn is None or sp.start < first_turn):
                narrative = d
        return out


def _line_of(doc, i: int) -> int:
    """The index of the first token of the line that holds token ``i``."""
    k = i
    while k > 0 and not ("\n" in doc[k - 1].text or (doc[k - 1].is_space and "\n" in doc[k - 1].text)):
        k -= 1
    while k < i and doc[k].is_space:
        k += 1
    return k


CONTENT = 3  # words longer than this many letters carry a clause's meaning
NEWS_WINDOW = 14  # days around the article's date that its "the same day" and "a day earlier" live in


def _counted_from(doc, span, earlier: list[DateExpr], as_of) -> DateExpr | None:
    """The date "the same day" or "a day earlier" counts from: when a clause follows ("the same day Kaplan was
    confirmed"), the earlier day whose own clause shares its words; else the last day the text stated in the news
    of the moment (within NEWS_WINDOW days of the article's date: "a day earlier" after a paragraph of background
    counts from the story's day, not from the background's), else the last day it stated at all. Deadlines, plans
    and dates the text calls wrong are never counted from."""
    days = [d for d in earlier if d.precision == "day" and not d.negated and not d.ahead]
    if not days:
        return None
    current = [d for d in days if abs((d.date_start - as_of).days) <= NEWS_WINDOW]
    after = []
    k = span.end
    while k < len(doc) and k - span.end < 6 and doc[k].text not in (",", ".", ";", "—") and not doc[k].is_space:
        after.append(doc[k].lower_)
        k += 1
    words = {w for w in after if len(w) > CONTENT}
    if words:
        text = doc.text.lower()

        def overlap(d: DateExpr) -> int:
            clause = text[max(0, d.start - 60) : d.start]
            return sum(1 for w in words if w in clause)

        best = max(days, key=lambda d: (overlap(d), d.start))
        if overlap(best):
            return best
    return (current or days)[-1]


def _nonblank_lines(text: str) -> list[int]:
    starts, k = [], 0
    for line in text.split("\n"):
        if line.strip():
            starts.append(k + len(line) - len(line.lstrip()))
        k += len(line) + 1
    return starts


def as_of_words(article: Article) -> str:
    """The as-of date as every message writes it: "3 Aug 2017 (inferred)" when the article does not print it."""
    day = article.as_of
    return f"{day.day} {day:%b %Y}" + (" (inferred)" if article.as_of_inferred else "")


__all__ = ["Reader", "Reading", "as_of_words", "district", "state_name", "states"]
