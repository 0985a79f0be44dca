"""What the generic reader returns: typed spans of one article, each with the method that found it.

Plain Python values (no spaCy objects), so the story layer, the tables and the checks never depend on the NLP
library. Every span satisfies ``text[start:end] == surface`` (the schema checks it again before writing).
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from etl.seed import Article


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class Sentence(Span):
    paragraph: int  # 1-based, one per non-blank line
    kind: str  # headline | dateline | bullet | turn | text
    question: bool = False  # it ends with a question mark, before any closing quotation marks or brackets


@dataclass(frozen=True)
class Mention(Span):
    """A name in the text, tied to an entity: a reference id, a city id, a state id, or an unresolved person."""

    entity_id: str
    type: str  # person | organization | program | legislation | policy | publication | city | state | district
    method: str  # alias | title | surname | senator | name | place | dateline | bare | list | fuzzy | unresolved
    resolved: bool = True  # False: the reference (or the gazetteer) does not hold it
    title: str = ""  # the title written before a person's name ("Senator", "Mayor"), as the office it names
    title_start: int | None = None  # where the title (and any "Then-", "former") begins
    party: str = ""  # a senator's party as written ("(D-Wash.)", "Democratic Sen."): R, D or I
    state: str = ""  # a senator's state as written ("(D-Wash.)", "of Arizona", "(AZ)"): a USPS code
    affiliation: Span | None = None  # the words that give the party and state


@dataclass(frozen=True)
class Place:
    """A city in the text: its mention, the state the text gives it (if any) and the gazetteer entry."""

    mention: Mention
    state: str | None  # USPS code
    state_span: Span | None
    gazetteer: object | None  # etl.gazetteer.Place, or None when the gazetteer does not list it
    score: float = 1.0  # 1.0, or the similarity of a misspelt name


@dataclass(frozen=True)
class Count(Span):
    value: int
    unit: str  # the counted noun, singular and lower case ("city", "nomination", "republican")
    method: str
    definite: bool  # "the four cities": refers back to cities already counted
    city: bool  # the unit is one of the lexicon's city nouns


@dataclass(frozen=True)
class Tally(Span):
    yea: int
    nay: int
    method: str
    words: Span | None = None  # its own words: from the tally before it in its sentence (or the sentence's start)
    after: Span | None = None  # the phrase right after it, up to a break or the next tally (empty when none parts them)


@dataclass(frozen=True)
class DateExpr(Span):
    kind: str  # absolute | weekday | day_alone | month | relative | same_day | after
    value: str  # ISO date at its precision ("2017-08-03", "2017-06"); "" when open-ended
    precision: str  # day | month | after
    date_start: dt.date
    date_end: dt.date | None  # None when open-ended
    method: str  # how the words were resolved, for a reader
    ahead: bool  # the text states it as a deadline, a plan or an expectation (not as past)
    negated: bool  # the text says this date is wrong ("not 3 August", "misstated ... as 3 August")
    year_written: bool = False  # the text gives the year ("Oct. 11, 2017"); otherwise the reader chose it


@dataclass(frozen=True)
class Quote(Span):
    """The words inside one pair of quotation marks (four words or more)."""


VERB, PRONOUN, ASIDE, LABEL, COLON = "verb", "pronoun", "aside", "label", "colon"  # Cue.method
OWN, BEFORE, AFTER = 0, -1, 1  # Cue.sentence: the quotation's own sentences, the one before them, the one after


@dataclass(frozen=True)
class Cue(Span):
    """Words by a quotation that tie it to its speaker (``etl.read.quotes.Attributions``), with the method that
    found them: a speech ``verb`` ("said", "according to"); a ``pronoun`` a few characters from one ("he said");
    an ``aside`` between a name and the verb after it (", who coordinates federal grants for the city," or
    "(D-Wash.)"); a script's or a transcript's ``label`` before the quotation ("ACT (CASTELLANOS): “", "Quote:
    “"); the ``colon`` that ends the sentence before it ("… said in a statement:")."""

    method: str  # verb | pronoun | aside | label | colon
    sentence: int  # 0: the quotation's own sentences; -1: the sentence before them in its paragraph; 1: the one after
    verb: int | None = None  # a pronoun's or an aside's speech verb: where it starts


@dataclass(frozen=True)
class Attribution:
    """One quotation and every cue to its speaker in its sentences and the sentences around them in its paragraph
    (who the cues name is the resolve stage's question: ``etl.resolve.speakers``)."""

    quote: Quote
    cues: tuple[Cue, ...]

    def of(self, method: str, sentence: int) -> list[Cue]:
        """The cues one method found in one of the sentences (0: the quotation's own, -1 before, 1 after)."""
        return [c for c in self.cues if c.method == method and c.sentence == sentence]


@dataclass(frozen=True)
class Phrase(Span):
    """A phrase of one of the lists the reader is given (``etl.read.phrases``), where the text has it."""

    kind: str  # what the list is ("cues", "anaphors", "not_a_role", ...), as the caller named it
    group: str  # whose list it is (a role's name), "" for none
    phrase: str  # the phrase as the list writes it


@dataclass(frozen=True)
class Join(Span):
    """The words between two places in a row (``etl.read.lists``): how they are joined, their states left out."""

    how: str  # semicolon | comma | word | bullet (two bullet lines) | line (one place a line) | "" (spaces, a colon)
    word: str  # the joining word written ("and", "or", "&"), lower case; "" when none


@dataclass(frozen=True)
class Item:
    """One place of an enumeration, with what its sentence says just before it."""

    place: Place
    opening: Span  # its sentence's words before it
    locator: Span | None  # words right before it that only place something by it ("60 miles east of", ", a pastor in")
    anaphoric: bool  # the opening refers back to cities named before ("The other cities Sessions named —")
    # the whole opening is a pronoun and its verb, enumerates ("They were ") or some_of ("Among them are "); also
    # some_of on a list's first place when the list closes so ("A, B and C are among them")
    pronoun: str
    describes: bool  # the place is a word of a person's description, before a role noun ("a Stockton official")
    count: Count | None  # the last count of cities in its sentence before it
    introduced: str  # how the words from that count to it introduce it: enumerates | some_of | ""
    join: Join | None  # the gap to the next place of its sentence or its block of lines; None when none follows


@dataclass(frozen=True)
class Enumeration(Span):
    """Places named together (``etl.read.lists``): in one sentence with only what joins a list between them, their
    states anywhere in it; or a block of lines, one place a line. A place named alone is an enumeration of one."""

    items: tuple[Item, ...]
    sentence: int  # the index of its (first) sentence
    block: bool  # a block of lines, a place on each (bullets, or one place a line)
    lead: (
        Sentence | None
    )  # the line or sentence before that leads into it (a colon or dash ends it, or it heads a block)
    comma_pair: bool  # two places with no joining word, outside a headline ("east of Los Angeles, San Bernardino")
    states: tuple[Span, ...]  # the states it gives, wherever they stand

    @property
    def joins(self) -> list[Join]:
        """How each item is joined to the next."""
        return [i.join for i in self.items[:-1] if i.join is not None]

    @property
    def opening(self) -> Span:
        """The words of its sentence before its first item ("The four cities are: ")."""
        return self.items[0].opening


@dataclass
class Reading:
    """One article, read: its sentences and every typed span found in it."""

    article: Article
    sentences: list[Sentence]
    sentence_ids: list[str]
    mentions: list[Mention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    tallies: list[Tally] = field(default_factory=list)
    dates: list[DateExpr] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)  # each quotation's cues, in the quotes' order
    people: dict[str, str] = field(default_factory=dict)  # unresolved person id -> the fullest name written
    clauses: list[list[Span]] = field(default_factory=list)  # each sentence's clauses (``etl.read.clauses``)
    phrases: list[list[Phrase]] = field(default_factory=list)  # each sentence's phrases (``etl.read.phrases``)
    enumerations: list[Enumeration] = field(default_factory=list)  # places named together (``etl.read.lists``)
    parts: list[Count] = field(default_factory=list)  # counts of some of the cities only (``etl.read.lists``)
    breaks: list[int] = field(default_factory=list)  # where the text has a phrase break or a bracket (``apart``)
    english: bool = True  # False when the text does not read as English (almost none of its words are)
    _ends: list[int] = field(default_factory=list, repr=False)
    _by_sentence: dict[str, list[Mention]] | None = field(default=None, repr=False)
    _entities: dict[str, set[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._ends = [s.end for s in self.sentences]

    def sentence_at(self, offset: int) -> str:
        """The id of the sentence holding a character offset (whitespace between sentences: the next one)."""
        i = bisect.bisect_right(self._ends, offset)
        return self.sentence_ids[min(i, len(self.sentence_ids) - 1)]

    def index_at(self, offset: int) -> int:
        return self.sentence_ids.index(self.sentence_at(offset))

    def apart(self, a: Span, b: Span) -> tuple[int, int]:
        """How far apart two spans are: the phrase breaks between them (commas, dashes, brackets; ``breaks``), then
        characters. A name and a tally in one clause are closer than a name two commas away."""
        lo, hi = min(a.end, b.end), max(a.start, b.start)
        return bisect.bisect_left(self.breaks, hi) - bisect.bisect_left(self.breaks, lo), max(0, hi - lo)

    def sentence(self, sentence_id: str) -> Sentence:
        return self.sentences[self.sentence_ids.index(sentence_id)]

    def mentions_in(self, sentence_id: str) -> list[Mention]:
        """Mentions of one sentence, in reading order (indexed once; call after the mentions are final)."""
        if self._by_sentence is None:
            self._by_sentence = {}
            for m in self.mentions:
                self._by_sentence.setdefault(self.sentence_at(m.start), []).append(m)
        return self._by_sentence.get(sentence_id, [])

    def opens(self, m: Mention) -> bool:
        """Whether a name (with its title) opens its sentence: the reader's sentences begin at their first word, so
        it does when it begins where its sentence does."""
        i = min(bisect.bisect_right(self._ends, m.start), len(self.sentences) - 1)
        return (m.start if m.title_start is None else m.title_start) <= self.sentences[i].start

    def entities_in(self, sentence_id: str) -> set[str]:
        if sentence_id not in self._entities:
            self._entities[sentence_id] = {m.entity_id for m in self.mentions_in(sentence_id)}
        return self._entities[sentence_id]


def text_of(doc) -> str:
    """The text of a spaCy ``Doc``, joined once: ``Doc.text`` builds it from every token on each call, and the
    components read it often (a third of the reader's time went there)."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


class Tokens:
    """A ``Doc``'s tokens as plain lists, made once per Doc (``tokens_of``): spaCy makes a new ``Token`` on each
    ``doc[i]`` and a new string on each ``.text``, and the components look at every token many times."""

    def __init__(self, doc):
        tokens = list(doc)
        self.text = [t.text for t in tokens]
        self.lower = [t.lower_ for t in tokens]
        self.idx = [t.idx for t in tokens]  # each token's first character
        self.spaced = [bool(t.whitespace_) for t in tokens]  # a space follows the token
        self.is_space = [t.is_space for t in tokens]
        self.chars = text_of(doc)

    def __len__(self) -> int:
        return len(self.text)

    def end(self, e: int) -> int:
        """The character just after token ``e - 1``: where ``doc[s:e]`` ends (its ``end_char``)."""
        return self.idx[e - 1] + len(self.text[e - 1])

    def span(self, s: int, e: int) -> str:
        """The text of tokens ``s..e``, as ``doc[s:e].text`` gives it (the end is clipped to the Doc's)."""
        e = min(e, len(self.text))
        return self.chars[self.idx[s] : self.end(e)] if s < e else ""


def tokens_of(doc) -> Tokens:
    """The ``Tokens`` of a Doc, made on first use (the reader never changes a Doc's tokens once made)."""
    tokens = doc.user_data.get("tokens")
    if tokens is None:
        tokens = doc.user_data["tokens"] = Tokens(doc)
    return tokens


def as_of_words(article: Article) -> str:
    """The as-of date as every message writes it: "3 Aug 2017 (inferred)" when the article does not print it."""
    day = article.as_of
    return f"{day.day} {day:%b %Y}" + (" (inferred)" if article.as_of_inferred else "")


def human(day: dt.date) -> str:
    """ "Thu 3 Aug 2017": unambiguous for readers on both sides of the Atlantic."""
    return f"{day:%a} {day.day} {day:%b %Y}"
