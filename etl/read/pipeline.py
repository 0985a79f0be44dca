"""The reader's spaCy pipeline (``Reader``): built once per refresh, it reads each article into typed spans."""

from __future__ import annotations

import bisect
import calendar
from typing import ClassVar

from spacy.lang.en import English
from spacy.lang.en.stop_words import STOP_WORDS

from etl.gazetteer import Gazetteer, slug
from etl.lexicon import Lexicon
from etl.read import clauses, states
from etl.read import dates as read_dates
from etl.read import names as _names  # noqa: F401 - registers the story_names component
from etl.read import numbers as _numbers  # noqa: F401 - registers the story_numbers component
from etl.read import places as _places  # noqa: F401 - registers the story_places component
from etl.read import quotes as _quotes  # noqa: F401 - registers the story_quotes component
from etl.read import sentences as _sentences  # noqa: F401 - registers the story_sentences component
from etl.read.clauses import Clauses
from etl.read.known import Known
from etl.read.lists import Lists
from etl.read.model import (
    Count,
    DateExpr,
    Mention,
    Place,
    Quote,
    Reading,
    Sentence,
    Span,
    Tally,
    human,
    text_of,
    tokens_of,
)
from etl.read.phrases import (
    CONTRAST,
    NEGATED,
    NOT_A_ROLE,
    OTHER_MATTER,
    PARTITIVE,
    PICKS_SOME,
    ROLE_LISTS,
    SAME,
    WHOLE,
    WITHDRAWN,
    Phrases,
)
from etl.read.quotes import Attributions
from etl.seed import Article

ENGLISH_MIN_WORDS = 30  # below this many words, a text is too short to tell its language
ENGLISH_MIN_SHARE = 0.12  # English prose has 35-50 % of its words among spaCy's English stop words


FOOTNOTE = r"\[\d{1,3}\]"


class StoryDefaults(English.Defaults):
    # A closing bracket glued to the next word starts a token ("(Photo: Gage Skidmore)Then-Senator"): a caption run
    # into the text, as pasted copy often has it. Declared here, not set on a built tokenizer, so the tokenizer and
    # its special cases are built once (setting them afterwards rebuilds both: a tenth of a second per refresh).
    infixes: ClassVar[list[str]] = [*English.Defaults.infixes, r"(?<=[\w.])[)\]](?=[A-Z])"]
    # A footnote's marker glued to the word or the full stop before it ("on 20 June 2017.[1][2]", an encyclopedia's
    # style) is a token of its own, so the year and the sentence's end are read as without it.
    suffixes: ClassVar[list[str]] = [FOOTNOTE, *English.Defaults.suffixes]


class StoryEnglish(English):
    """``spacy.blank("en")`` with the story's one extra infix: the blank English pipeline, no trained model."""

    lang = "en"
    Defaults = StoryDefaults


def _names_data(known: Known, lexicon: Lexicon, state_forms: dict, stop_names: list[str]) -> dict:
    """What the names component is built from: the lexicon's words, the reference's aliases and senators."""
    return {
        "words": lexicon.people,
        "known": [list(a) for a in known.aliases],
        "senators": [list(s) for s in known.senators],
        "states": state_forms,
        "stop_names": stop_names,
        "joins": lexicon.places["list_joins"],
        "vote_words": lexicon.numbers["tally_cues"],
    }


class Reader:
    """The spaCy pipeline and its rule tables, built once per refresh from the reference, the gazetteer and the
    lexicon."""

    def __init__(self, known: Known, gazetteer: Gazetteer, lexicon: Lexicon, prior: bool = True):
        """``prior``: the story's prior, an input the generic reader may do without. With it, a bare city name the
        gazetteer holds in several states ("Springfield", "Jackson") is read as the story's city: a participant's or
        one the timeline's events name. Without it, only the text's own clues (a state, a dateline) decide."""
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        state_forms, state_names = states.forms()
        words = lexicon.sentences
        months = [m for m in calendar.month_name if m]
        weekdays = list(calendar.day_name)
        nlp = StoryEnglish()
        # Each component reads its lexicon section by the key names etl/lexicon.py declares.
        abbreviations = [f for f in state_forms if f.endswith(".")]
        nlp.add_pipe(
            "story_sentences",
            config={"data": {"words": words, "dates": lexicon.dates, "state_abbreviations": abbreviations}},
        )
        people = lexicon.people
        stop_names = [*people["not_names"], *people["inner_words"], *words["openers"], *months, *weekdays, *state_names]
        nlp.add_pipe("story_names", config={"data": _names_data(known, lexicon, state_forms, stop_names)})
        nlp.add_pipe(
            "story_places",
            config={
                "data": {
                    "words": lexicon.places,
                    "people": people,
                    "states": state_forms,
                    "state_names": state_names,
                    "districts": sorted(code for code in set(state_forms.values()) if states.district(code)),
                    "opening_words": words["openers"],
                }
            },
        )
        reference_places = [gazetteer.resolve(city, state) for city, state in known.sites] if prior else []
        if prior:
            reference_places += [gazetteer.by_id(e) for e in known.event_entities if e in gazetteer.city_ids]
        nlp.get_pipe("story_places").bind(gazetteer, [p for p in reference_places if p is not None])
        nlp.get_pipe("story_names").bind(gazetteer.names)
        nlp.add_pipe("story_dates", config={"data": {"words": lexicon.dates}})
        nlp.add_pipe("story_numbers", config={"data": {"words": lexicon.numbers, "number_words": known.number_words}})
        nlp.add_pipe("story_quotes")
        self.nlp = nlp
        self.clauses = Clauses(lexicon.story)
        self.times = frozenset(lexicon.sentences["time_abbreviations"])  # a schedule's entry opens with "2 p.m."
        self._closing = "".join(lexicon.story["closing_marks"])  # a question's mark stands before these
        self._question = tuple(lexicon.story["question_marks"])
        self.attributions = Attributions(lexicon.people)
        self.phrases = Phrases(_phrase_lists(lexicon))
        self.lists = Lists(lexicon.story, lexicon.places, people, lexicon.numbers, state_names)

    def read(self, article: Article) -> Reading:
        """One article: its sentences and every typed span."""
        text = article.text
        doc = self.nlp.make_doc(text)
        doc.user_data["text"] = text  # what ``text_of`` would join again from the tokens
        doc = self.nlp(doc)
        sentences = self._sentences(doc)
        width = max(3, len(str(len(sentences))))
        reading = Reading(article, sentences, [f"s{i + 1:0{width}d}" for i in range(len(sentences))])
        reading.clauses = self.clauses.of(text, sentences)
        doc.user_data["clause_starts"] = sorted(c.start for clauses in reading.clauses for c in clauses)
        reading.phrases = self.phrases.of(sentences)
        if not self._english(doc):
            reading.english = False
            return reading
        mentions, people = self._names(doc)
        places, place_mentions = self._places(doc)
        reading.mentions = sorted([*mentions, *place_mentions], key=lambda m: (m.start, m.end))
        reading.places = places
        reading.people = people
        reading.dates = self._dates(doc, article)
        methods = self.lexicon.methods
        tallies = [
            Tally(s, e, text[s:e], yea, nay, methods["tally_sides"].format(yea=yea, nay=nay))
            for (s, e), (yea, nay) in sorted(doc.user_data["tallies"].items())
        ]
        reading.tallies = clauses.with_words(reading, tallies)
        reading.breaks = clauses.breaks(text)
        reading.counts = [
            Count(
                s,
                e,
                text[s:e],
                v,
                unit,
                methods["count_number"].format(word=text[s:e].split()[0], value=v),
                definite,
                city,
            )
            if text[s:e].split()[0].lower() not in self.lexicon.numbers["dozen_articles"]
            else Count(s, e, text[s:e], v, unit, f"“{' '.join(text[s:e].split()[:2])}” = {v}", definite, city)
            for (s, e), (v, unit, definite, city) in sorted(doc.user_data["counts"].items())
        ]
        reading.quotes = [Quote(s, e, text[s:e]) for s, e in doc.user_data["quotes"]]
        reading.attributions = self.attributions.of(reading)
        reading.enumerations = self.lists.of(reading)
        reading.parts = self.lists.parts(reading.counts)
        return reading

    # ---- from spaCy's objects to the reader's plain spans --------------------------------------------------------

    def _sentences(self, doc) -> list[Sentence]:
        text = text_of(doc)
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
            surface = text[s:e]
            question = surface.rstrip(self._closing).endswith(self._question)
            out.append(Sentence(s, e, surface, bisect.bisect_right(paragraph_starts, s), kind, question))
        return out

    def _english(self, doc) -> bool:
        tokens = tokens_of(doc)
        words = [lower for lower, text in zip(tokens.lower, tokens.text, strict=True) if text.isalpha()]
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
                affiliation = Span(a, b, text_of(doc)[a:b])
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
        text = text_of(doc)
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

    def _entry_day(self, doc, span, earlier: list[DateExpr], as_of) -> DateExpr | None:
        """In an entry stamped with a time of day ("2 p.m. … a day earlier"), a day is counted from the day the
        schedule or the blog records, the article's own, when the text states it."""
        if not _opens_with_a_time(doc, span, self.times):
            return None
        line = _line_of(doc, span.start)
        if any(d.precision == "day" and not d.negated and d.start >= doc[line].idx for d in earlier):
            return None  # the entry names its own day before ("… on Wednesday; the cloture vote that morning …")
        own = [d for d in earlier if d.precision == "day" and d.date_start == as_of and not d.negated]
        return own[-1] if own else None

    def _dates(self, doc, article: Article) -> list[DateExpr]:
        as_of = article.as_of
        methods = self.lexicon.methods
        words = methods["article_date"].format(day=human(as_of)) + (
            methods["article_date_inferred"] if article.as_of_inferred else ""
        )
        resolver = read_dates.Resolver(self.lexicon.dates, methods, as_of, words)
        out: list[DateExpr] = []
        turns = {line.start for line in doc.spans.get("lines", []) if line.label_ == "turn"}
        first_turn = min(turns, default=None)
        narrative: DateExpr | None = None  # the last day the narrative gives before a transcript starts
        for sp in doc.spans["dates"]:
            kind, parts = doc.user_data["dates"][(sp.start_char, sp.end_char)]
            in_turn = first_turn is not None and sp.start > first_turn and _line_of(doc, sp.start) in turns
            previous = None
            if kind in ("same_day", "day_offset"):
                previous = self._entry_day(doc, sp, out, as_of) or _counted_from(doc, sp, out, as_of)
            d = resolver.resolve(doc, sp, kind, parts, previous, narrative if in_turn else None)
            if d is None:
                continue
            out.append(d)
            if _states_the_day(d, as_of) and not in_turn and (first_turn is None or sp.start < first_turn):
                narrative = d
        return out


def _phrase_lists(lexicon: Lexicon) -> list[tuple[str, str, list[str]]]:
    """The named lists of phrases the reader marks (``etl.read.phrases``): each role's cues, anaphors and programme
    words, and the story's lists of words that change what a sentence or a list says."""
    story = lexicon.story
    return [
        *((r.name, kind, getattr(r, kind)) for r in lexicon.roles for kind in ROLE_LISTS),
        ("", NOT_A_ROLE, lexicon.not_a_role),
        ("", WITHDRAWN, story["withdrawn"]),
        ("", WHOLE, story["count_wholes"]),
        ("", SAME, story["same_as_before"]),
        ("", PARTITIVE, story["partitive_openings"]),
        ("", NEGATED, story["negated_openings"]),
        ("", CONTRAST, story["contrast_openings"]),
        ("", PICKS_SOME, story["partitive_before"]),
        ("", OTHER_MATTER, lexicon.dates["other_matter"]),
    ]


def _opens_with_a_time(doc, span, times: frozenset[str]) -> bool:
    """The paragraph of ``span`` opens with a time of day ("2 p.m. …", "[12:03 p.m.] …"): a schedule's or a live
    blog's entry."""
    start = _line_of(doc, span.start)
    head = [t for t in doc[start : min(len(doc), start + 4)] if t.text not in ("[", "(")]
    return len(head) >= 2 and head[0].text[:1].isdigit() and head[1].text in times


def _states_the_day(d: DateExpr, as_of) -> bool:
    """A date that can be the day a transcript records: a day written out or named ("Thursday, Aug. 10, 2017"), or
    the article's own day ("today"); not a day counted back from it ("a week ago today")."""
    if d.precision != "day" or d.negated:
        return False
    return d.kind in ("absolute", "weekday") or d.date_start == as_of


def _line_of(doc, i: int) -> int:
    """The index of the first token of the line that holds token ``i``."""
    k = i
    while k > 0 and not ("\n" in doc[k - 1].text or (doc[k - 1].is_space and "\n" in doc[k - 1].text)):
        k -= 1
    while k < i and doc[k].is_space:
        k += 1
    return k


CONTENT = 3  # words longer than this many letters carry a clause's meaning
NEWS_WINDOW = 10  # days around the article's date that its "the same day" and "a day earlier" live in
SHARED = 2  # words a following clause shares with an earlier day's clause to count from it (one is chance)


def _counted_from(doc, span, earlier: list[DateExpr], as_of) -> DateExpr | None:
    """The date "the same day" or "a day earlier" counts from: when a clause follows ("the same day Kaplan was
    confirmed"), the earlier day whose own clause shares SHARED of its words (one word, "president", is chance);
    else the last day the text stated in the news of the moment (within NEWS_WINDOW days of the article's date: "a
    day earlier" after a paragraph of background counts from the story's day, not from the background's; "The vote
    came the same day" after a committee's vote of two weeks before, from the day's vote), unless its own paragraph
    stated a day before it (a timeline's "Feb. 8 — … He is sworn in the next day."), else the last day it stated at
    all. Deadlines, plans and dates the text calls wrong are never counted from."""
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
        text = text_of(doc).lower()

        def overlap(d: DateExpr) -> int:
            clause = text[max(0, d.start - 60) : d.start]
            return sum(1 for w in words if w in clause)

        best = max(days, key=lambda d: (overlap(d), d.start))
        if overlap(best) >= min(SHARED, len(words)):
            return best
    line = text_of(doc).rfind("\n", 0, span.start_char)
    same_line = [d for d in days if text_of(doc).rfind("\n", 0, d.start) == line]
    return (same_line or current or days)[-1]


def _nonblank_lines(text: str) -> list[int]:
    starts, k = [], 0
    for line in text.split("\n"):
        if line.strip():
            starts.append(k + len(line) - len(line.lstrip()))
        k += len(line) + 1
    return starts
