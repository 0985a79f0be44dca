"""Enumerations: the places an article names together, as ``Enumeration`` spans, and what stands around them.

Read after the places and the counts, from the lexicon's ``[story]``, ``[places]`` and ``[people]`` words:

- places in one sentence with only what joins a list between them (commas, semicolons, a joining word: "A, B and
  C"; their states, given after any of them, are part of the list: "Baltimore; Albuquerque, New Mexico; and Stockton
  and San Bernardino in California") are one enumeration; so are places on consecutive bullet lines, or each alone
  on its line under a line that leads into them. A place named alone is an enumeration of one;
- each gap between two places of a sentence is a ``Join``: a semicolon, a comma, a joining word ("and", "or", "&"),
  a bullet line or one place a line;
- the line or sentence before that leads into an enumeration (it ends with a colon or a dash, or heads a block of
  lines), and two places with no joining word between them outside a headline ("east of Los Angeles, San Bernardino
  was told"), which may be no list at all;
- the counts of some of the cities only ("the two California cities", "three other cities": ``parts``);
- for each place, its sentence's words before it (the opening, and whether it refers back to cities named before:
  "The other cities Sessions named — …"), a locator that ends right before it ("60 miles east of", ", a pastor in"),
  and the last count of cities before it in its sentence with how the words between introduce it ("The four cities
  are: …" enumerates them; "twelve sites, among them …" names some of them).

The reader does not say what a list means; the story layer (``etl.story``) gives it a role.
"""

from __future__ import annotations

import re
from dataclasses import replace

from etl.read.model import Count, Enumeration, Item, Join, Place, Reading, Sentence, Span
from etl.read.phrases import CUES

LOCATOR_REACH = 60  # characters before a city in which a locator ends
DASHES = ("—", "–", "-", ":")  # the words between a count and a list that are only a dash or a colon
LEADS = (":", "—")  # how a sentence that leads into the list after it ends
HEADINGS = ("headline", "text")  # the kinds of line that may head a block of lines
_ASIDE = re.compile(r"^\s*\([^()\n]{1,80}\)")  # an aside in brackets right after a place, within a list
CLOSING_REACH = 30  # characters after a list in which its closing words stand ("are among them")
ASIDE_REACH = 60  # characters after a list in which an aside about its cities ends (", both in Tennessee,")
HOME_REACH = 7  # characters between a person's name and the place after it: " of ", " from "
DESCRIBES_REACH = 30  # characters after a place in which the word it describes stands ("Stockton official")
LINE_MARKS = " \t-–—•*·"  # what may stand on a line beside its place (a bullet, a dash)
ENUMERATES, SOME_OF = "enumerates", "some_of"  # how the words after a count introduce a list: all of it, or some
SEMICOLON, COMMA, WORD, BULLET, LINE = "semicolon", "comma", "word", "bullet", "line"  # how two places are joined


def _alternatives(words) -> str:
    """Words or phrases as one alternation of literal text, in the lexicon's order (a space matches a space)."""
    return "|".join(re.escape(w) for w in words)


def _spaced(words) -> str:
    """Phrases as one alternation whose spaces match any run of white space ("the  others")."""
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in words)


def _mark(between: str) -> str:
    """The strongest mark between two places of a sentence: a semicolon, else a comma."""
    return SEMICOLON if ";" in between else COMMA if "," in between else ""


class Lists:
    """The patterns of the lexicon's list words, compiled once per reader."""

    def __init__(self, words: dict, places: dict, people: dict, numbers: dict, state_names: list[str]):
        """``words``: the lexicon's ``[story]``; ``places``, ``people``, ``numbers``: its ``[places]``, ``[people]``
        and ``[numbers]``; ``state_names``: the states' names."""
        self.part_words = frozenset(w.lower() for w in numbers["part_fillers"])
        self.state_names = frozenset(state_names)
        joins = [x for x in words["list_words"] if x.isalpha()]
        signs = [x for x in words["list_words"] if not x.isalpha()]
        verbs = "|".join(rf"\b{re.escape(v)}\b" for v in words["anaphoric_verbs"])
        # only what joins two names of a list lies between them: "A, B and C"
        self.list_text = re.compile(
            rf"^[\s,;:]*(?:(?:{_alternatives(words['list_words'])})\s*)?[\s,;:]*$", re.IGNORECASE
        )
        self.list_word = re.compile(rf"\b(?:{_alternatives(joins)})\b|{_alternatives(signs)}", re.IGNORECASE)
        self.enumerates = re.compile(
            rf"(?::|\b(?:{_alternatives(words['enumerate_words'])})\b)[\s:—–-]*$", re.IGNORECASE
        )
        self.some_of = re.compile(rf"\b(?:{_alternatives(words['some_of'])})\b", re.IGNORECASE)
        self.anaphoric = re.compile(
            rf"(?:\b(?:{_alternatives(words['anaphoric_determiners'])})\s+(?:\w+\s+){{0,2}}?"
            rf"(?:{_alternatives(words['anaphoric_nouns'])})\b"
            rf"|\b(?:{_spaced(words['anaphoric_rest'])}|(?:{_spaced(words['anaphoric_remaining'])})\s+\w+)\b)"
            rf"(?:\s+\S+){{0,4}}?\s*(?:{verbs}|:|—|–)\s*$",
            re.IGNORECASE,
        )
        self.locators = self._locators(places, people, words["description_heads"])
        self.aside = re.compile(rf"^\s*,\s*(?:{_spaced(words['aside_openings'])})\b[^,.;:]{{0,50}},", re.IGNORECASE)
        articles = _alternatives(places["description_articles"])
        self.count_closing = re.compile(
            rf"^\s*(?:{_spaced(words['count_closings'])})\s+(?:(?:{articles})\s+)?$", re.IGNORECASE
        )
        self.pronoun_openings = frozenset(w.lower() for w in words["pronoun_openings"])
        self.pronoun_tails = tuple(f" {w.lower()}" for w in words["pronoun_tails"])
        self.pronoun_closings = tuple(w.lower() for w in words["pronoun_closings"])
        self.role_nouns = frozenset(n.lower() for n in people["role_nouns"])
        self.homes = frozenset(places["description_prepositions"])  # "Marisol Trujillo of Rio Rancho"
        self.possessives = frozenset(people["possessives"])
        self.appositive = re.compile(
            rf"^(?:[A-Z][\w.’'-]*\s+){{1,3}}[A-Z][\w’'-]*\s*,\s+(?:{articles})\s+[^,;:()“”\"]*$", re.IGNORECASE
        )
        self.state_after_list = frozenset(w.lower() for w in places["state_after_list"])
        # ", and we hope …", or ", while Baltimore was told …": a clause of its own, with its own subject
        self.new_subject = re.compile(
            rf",\s+(?:{_alternatives(words['clause_conjunctions'])})\s+(?:{_alternatives(words['clause_subjects'])})\b"
            rf"|,\s+(?:{_alternatives(words['clause_words'])})\b",
            re.IGNORECASE,
        )

    @staticmethod
    def _locators(places: dict, people: dict, heads: list[str]) -> re.Pattern:
        """The words that, right before a city, only place something by it: the lexicon's locators, and a person's
        description (", a pastor in", ", an immigration lawyer from"; "The mayors of Buffalo and Lansing",
        "Reporters from Houston", "chief of police in", "a spokeswoman for the city of": the cities say who the
        people are, the sentence is about the people)."""
        words = "|".join(re.escape(w) for w in sorted(places["locators"], key=len, reverse=True))
        nouns = "|".join(re.escape(w) for w in people["role_nouns"])
        articles = _alternatives(places["description_articles"])
        prepositions = _alternatives(places["description_prepositions"])
        return re.compile(
            rf"(?:(?<![\w’'])(?:{words})|,\s+(?:{articles})\s+(?:[\w’'-]+\s+){{0,3}}(?:{nouns})\s+(?:{prepositions})"
            rf"|(?<![\w’'])(?:{nouns})s?\s+(?:(?:{_alternatives(heads)})\s+(?:[\w’'-]+\s+){{1,3}}?)?(?:{prepositions}))"
            r"\s+$",
            re.IGNORECASE,
        )

    def parts(self, counts: list[Count]) -> list[Count]:
        """The counts of some of the cities only: a state's name or a word such as "other" among the words before
        their noun ("the two California cities", "three more cities")."""
        return [
            c
            for c in counts
            if any(w.lower() in self.part_words or w in self.state_names for w in c.surface.split()[1:-1])
        ]

    def of(self, rd: Reading) -> list[Enumeration]:
        """The article's enumerations, in reading order: every place stands in one."""
        text = rd.article.text
        places = sorted(rd.places, key=lambda p: p.mention.start)
        states = [p.state_span for p in rd.places if p.state_span is not None]
        runs: list[list[tuple[Place, int]]] = []  # places with their sentence's index
        joins: list[Join | None] = []  # the gap after each place, in the order of ``places``
        block: dict[int, bool] = {}  # a run (by its index) joined over lines
        for i, place in enumerate(places):
            k = rd.index_at(place.mention.start)
            if i:
                previous, pk = runs[-1][-1]
                join, joined = self._join(rd, text, states, previous, pk, place, k)
                joins.append(join)
                if joined and not _closed(joins[-len(runs[-1]) : -1], join):
                    runs[-1].append((place, k))
                    block[len(runs) - 1] = block.get(len(runs) - 1, False) or join.how in (BULLET, LINE)
                    continue
            runs.append([(place, k)])
        joins.append(None)
        counts = [c for c in rd.counts if c.city]
        out, at = [], 0
        for r, run in enumerate(runs):
            items = [self._item(rd, text, counts, p, k, joins[at + n]) for n, (p, k) in enumerate(run)]
            at += len(run)
            out.append(self._enumeration(rd, text, items, run[0][1], block.get(r, False)))
        return out

    def _join(
        self, rd: Reading, text: str, states: list[Span], previous: Place, pk: int, place: Place, k: int
    ) -> tuple[Join | None, bool]:
        """The gap between two places in a row, and whether they are one list: in one sentence with only what joins a
        list between them (the state of the place before is part of the list's punctuation), or on two lines in a row
        (bullets, or each place alone on its line)."""
        a, b = previous.mention.end, place.mention.start
        between = text[a:b]
        for st in states:
            if a <= st.start and st.end <= b:
                between = between.replace(st.surface, "", 1)
        between = _ASIDE.sub("", between, count=1)  # "Stockton (which left bankruptcy in 2015), Baltimore and …"
        same = pk == k and self.list_text.match(between) is not None
        # two lines: a numbered point's sentences in one paragraph ("1. The letter. … Albuquerque … . … sent letters
        # to Baltimore …") are no bullets of a list
        lines = "\n" in between
        bullets = lines and k == pk + 1 and rd.sentences[k].kind == "bullet" and rd.sentences[pk].kind == "bullet"
        bullets = bullets and rd.sentences[k].start <= place.mention.start and _first_on_line(rd, previous, pk)
        line = (
            lines
            and k == pk + 1
            and not bullets
            and self._alone(rd.sentences[k], place)
            and self._alone(rd.sentences[pk], previous)
        )
        if pk != k and not (bullets or line):
            return None, False
        word = self.list_word.search(between)
        how = BULLET if bullets else LINE if line else _mark(between) or (WORD if word else "")
        return Join(a, b, text[a:b], how, word.group(0).lower() if word else ""), same or bullets or line

    def _alone(self, s: Sentence, place: Place) -> bool:
        """A sentence that is the place alone, with its state: one city a line, under a line that leads into them."""
        rest = s.surface.replace(place.mention.surface, "", 1)
        if place.state_span is not None:
            rest = rest.replace(place.state_span.surface, "", 1)
        return self.list_text.match(rest.strip(LINE_MARKS)) is not None

    def _item(self, rd: Reading, text: str, counts: list[Count], place: Place, k: int, join: Join | None) -> Item:
        """One place with what its sentence says before it."""
        first, s = place.mention.start, rd.sentences[k]
        base = max(0, first - LOCATOR_REACH)
        m = self.locators.search(text[base:first])
        locator = Span(base + m.start(), base + m.end(), m.group(0)) if m else None
        before = [c for c in counts if rd.index_at(c.start) == k and c.end <= first]
        count, introduced = (before[-1] if before else None), ""
        if count is not None and any(count.end <= c.start < first for c in rd.counts):
            count = None  # "three cities are not among the four excluded: A, B, C, D": the list is the four's
        if count is not None and self.new_subject.search(text[count.end : first]):
            count = None  # "Twelve cities joined, among them A, and we hope C will too" ("…, while C was told to
            # wait"): C is in a clause of its own
        if count is not None:
            between = text[count.end : first]
            if self.some_of.search(between):  # "Twelve cities take part; among them are …": some of the twelve
                introduced = SOME_OF
            elif self.enumerates.search(between) or between.strip() in DASHES:
                introduced = ENUMERATES
        opening = Span(s.start, first, text[s.start : first])
        anaphoric = self.anaphoric.search(opening.surface) is not None
        words = " ".join(opening.surface.strip(LINE_MARKS + ":").lower().split())
        pronoun = "" if words not in self.pronoun_openings else SOME_OF if self.some_of.search(words) else ENUMERATES
        if not pronoun and f" {words}".endswith(self.pronoun_tails):
            pronoun = SOME_OF  # "…, and so are Baltimore and Albuquerque": more of the cities counted before
        after = text[place.mention.end : place.mention.end + DESCRIBES_REACH].split(maxsplit=3)
        # "A Stockton official"; "Albuquerque's police chief": either of the two words after the ending
        after = after[1:3] if after and after[0] in self.possessives else after[:1]
        nouns = [w.strip(",.;:").lower() for w in after] if place.state_span is None else []
        describes = any(n in self.role_nouns or (n.endswith("s") and n[:-1] in self.role_nouns) for n in nouns)
        describes = describes or self._in_appositive(rd, opening) or self._home_of_a_person(rd, text, first)
        return Item(place, opening, locator, anaphoric, pronoun, describes, count, introduced, join)

    def _in_appositive(self, rd: Reading, opening: Span) -> bool:
        """The place stands in the aside that describes the person its sentence opens with ("Tom Roe, a retired
        Stockton police sergeant who moved to Memphis, said …"): it says who the person is."""
        body = opening.surface.lstrip(LINE_MARKS)
        if self.appositive.match(body) is None:
            return False
        first = opening.start + len(opening.surface) - len(body)
        comma = first + body.index(",")
        return any(m.type == "person" and m.start == first and m.end <= comma for m in rd.mentions)

    def _home_of_a_person(self, rd: Reading, text: str, first: int) -> bool:
        """The place right after a person's name and "of", "from" or "in" ("wrote Marisol Trujillo of Rio Rancho"):
        it says where the person lives, and the sentence is about the person."""
        return any(
            m.type == "person" and m.end < first and text[m.end : first].strip() in self.homes
            for m in rd.mentions
            if first - m.end <= HOME_REACH
        )

    def _state_after(self, rd: Reading, text: str, last: Place) -> Span | None:
        """A state written after the list's last place, for all of them: "Stockton and San Bernardino in
        California"."""
        end = rd.sentences[rd.index_at(last.mention.start)].end
        state = next((m for m in rd.mentions if m.type == "state" and last.mention.end <= m.start < end), None)
        if state is None or text[last.mention.end : state.start].strip().lower() not in self.state_after_list:
            return None
        return Span(state.start, state.end, state.surface)

    def _enumeration(self, rd: Reading, text: str, items: list[Item], k: int, block: bool) -> Enumeration:
        """The places of one run, with the line that leads into them and whether they are a pair with no joining
        word outside a headline."""
        lead = None
        if k > 0:
            before = rd.sentences[k - 1]
            if before.surface.rstrip().endswith(LEADS) or (block and before.kind in HEADINGS):
                lead = before
        states = []
        for i in items:
            if i.place.state_span is not None and i.place.state_span not in states:
                states.append(i.place.state_span)
        after = self._state_after(rd, text, items[-1].place)
        if after is not None and after not in states:
            states.append(after)
        gap = items[0].join if len(items) == 2 else None
        pair = gap is not None and gap.how not in (BULLET, LINE) and not gap.word
        pair = pair and rd.sentences[rd.index_at(items[1].place.mention.start)].kind != "headline"
        start = min([items[0].place.mention.start, *(s.start for s in states)])
        end = max([items[-1].place.mention.end, *(s.end for s in states)])
        if self._refers_back(rd, lead, items[0]):
            items = [replace(items[0], anaphoric=True), *items[1:]]  # "The cities are:", then a city a line
        if not items[0].pronoun and self._closes_as_some(text, end):
            if items[0].count is not None and not items[0].introduced:  # "twelve cities take part, A and B among them"
                items = [replace(items[0], introduced=SOME_OF), *items[1:]]
            else:
                items = [replace(items[0], pronoun=SOME_OF), *items[1:]]  # "A, B and C are among them"
        items = self._after_list(rd, text, items, end)
        return Enumeration(start, end, text[start:end], tuple(items), k, block, lead, pair, tuple(states))

    def _refers_back(self, rd: Reading, lead: Sentence | None, first: Item) -> bool:
        """A lead-in line of only words that refer back, and no count ("The cities are:"), over a city a line: the
        list names the cities of the sentences before it (a lead-in with a count, "The four cities:", lists that
        count's)."""
        if lead is None or first.opening.surface.strip(LINE_MARKS) or self.anaphoric.search(lead.surface) is None:
            return False
        return not any(c.city and lead.start <= c.start < lead.end for c in rd.counts)

    def _after_list(self, rd: Reading, text: str, items: list[Item], end: int) -> list[Item]:
        """What stands right after a list says what its cities are: an aside with a role's cue (", both partnership
        sites,") makes them the sentence's topic, even after a person's description ("Members in A and B, both
        partnership sites, have offered …"); "are among the dozen cities" (after any aside) names some of the cities
        that count counts, as a count before the list that introduces it does."""
        k = rd.index_at(items[-1].place.mention.start)
        rest = end
        aside = self.aside.match(text[end : end + ASIDE_REACH])
        if aside is not None:
            rest = end + aside.end()
            if any(p.kind == CUES and end <= p.start and p.end <= rest for p in rd.phrases[k]):
                items = [replace(i, locator=None) for i in items]
        after = [c for c in rd.counts if c.city and rest <= c.start < rd.sentences[k].end]
        if after and not items[0].introduced and self.count_closing.match(text[rest : after[0].start]):
            items = [replace(items[0], count=after[0], introduced=SOME_OF), *items[1:]]
        return items

    def _closes_as_some(self, text: str, end: int) -> bool:
        """The words right after a list say its places are some of those counted before ("…, Memphis and Jackson,
        Tenn., are among them")."""
        words = " ".join(text[end : end + CLOSING_REACH].lstrip(" ,").lower().split())
        return any(words.startswith(c) for c in self.pronoun_closings)


def _closed(before: list[Join | None], join: Join) -> bool:
    """A bare comma after a list closed by a joining word begins another list: "Unlike Houston and Memphis,
    Baltimore and Albuquerque were told …" (a semicolon list, "A and B; C and D", is still one)."""
    last = before[-1] if before else None
    return join.how == COMMA and not join.word and last is not None and last.how == WORD


def _first_on_line(rd: Reading, place: Place, k: int) -> bool:
    """The place is the first of its line: one city a bullet ("• Baltimore, Md.: …"), not the last of a list on a
    line ("• Sites: 12 (Birmingham, …, Springfield)"), which the next bullet's list does not go on."""
    return not any(rd.sentences[k].start <= p.mention.start < place.mention.start for p in rd.places)
