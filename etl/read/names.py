"""People, organisations, programmes and laws named in the text.

``story_names`` is a spaCy component built from data: the reference entities and their aliases
(``etl/reference/entities.csv``), the senators of the roll call with the forms of their names, and the lexicon's
titles, speech verbs and role nouns. It writes ``doc.ents`` (label: the entity's type; ``kb_id_``: its id) and
records how each was found, a title written before a person, and a senator's party and state as written
("(D-Wash.)", "of Arizona", "Democratic Sen."), in ``doc.user_data["names"]``.

What it finds:
- a reference alias as written ("Justice Department", "RAISE Act", "Jeff Sessions");
- a title before a name ("Attorney General Jeff Sessions", "Mayor Richard Berry", "Sen. John McCain of Arizona"):
  the span is the name; a name the reference does not hold becomes an unresolved person;
- a senator of the roll call by full name, by a common first name ("Chuck Schumer"), or by surname after a
  title or once named;
- a name beside a speech verb or before a role ("said Dana Whitcomb", "Whitcomb, the city's police chief,");
- a surname alone, or before a possessive, once the article has named its person (the most recent one wins, so
  "Rahm Emanuel" and "William Emanuel" stay apart).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from etl.gazetteer import slug
from etl.read.model import text_of, tokens_of

GLUE = frozenset({",", ".", ")", "”", ";", ":", "?", "!", '"'})  # with a possessive, what may follow a name unspaced


@dataclass(frozen=True)
class Known:
    """A name pattern: the entity it names, its type and how such a match is found."""

    entity_id: str
    type: str
    method: str  # alias | senator


@dataclass
class NameInfo:
    """What the names component learnt about one mention (keyed by its character span)."""

    method: str
    resolved: bool = True
    title: str = ""
    title_start: int | None = None
    party: str = ""
    state: str = ""
    affiliation: tuple[int, int] | None = None  # the characters of "(D-Wash.)" / "of Arizona"


def _is_name_token(text: str, connectors: frozenset[str]) -> bool:
    """A token's text that can be a word of a name: capitalised, with a lower-case letter, a middle initial or a
    connector ("de", "van")."""
    if not text or text.isspace():
        return False
    if text in connectors:
        return True
    if len(text) == 2 and text[0].isupper() and text[1] == ".":  # a middle initial
        return True
    return (
        text[0].isupper()
        and any(c.islower() for c in text)
        and text.replace("-", "").replace("’", "").replace("'", "").isalpha()
    )


CLOSING_QUOTES = frozenset({"”", '"'})
SIGN_DASHES = frozenset({"—", "–"})  # before a name that signs a line: "— Lorraine Pacheco, Redlands"
SIGN_REACH = 6  # tokens after a signing name and its comma to the line's end: a town, a title ("essay")
SENTENCE_ENDS = frozenset({".", "!", "?", "”", '"'})  # a letter's last paragraph ends with one of these
OLDEST = 120  # a number between commas after a name is an age up to this: "María Hernández-Ruiz, 34, of Stockton"


def _signed(doc: Doc, i: int, e: int) -> bool:
    """A name after a dash at the end of its line, alone or before a comma and a few words: a reader's question
    signed "— Lorraine Pacheco, Redlands", an epigraph's "— Harriet Quill, essay"."""
    if i == 0 or doc[i - 1].text not in SIGN_DASHES:
        return False
    k = e
    if k < len(doc) and doc[k].text == ",":  # the line (or the text) ends within a few words after the comma
        stop = min(len(doc), k + SIGN_REACH + 1)
        return stop == len(doc) or any("\n" in doc[j].text_with_ws for j in range(k + 1, stop))
    return k == len(doc) or "\n" in doc[k - 1].text_with_ws or "\n" in doc[k].text


def _next_line(text: str, k: int) -> tuple[str, int]:
    """The next line with words in it after character ``k``, and where it ends (-1 at the text's end)."""
    rest = len(text) - len(text[k:].lstrip())
    end = text.find("\n", rest)
    return (text[rest:end] if end >= 0 else text[rest:]).strip(), end


def _aged(doc: Doc, e: int) -> bool:
    """A name before its age between commas: "María José Hernández-Ruiz, 34, of Stockton"."""
    return (
        e + 2 < len(doc)
        and doc[e].text == ","
        and doc[e + 1].text.isdigit()
        and int(doc[e + 1].text) <= OLDEST
        and doc[e + 2].text == ","
    )


def _matcher(nlp, phrases: list[str]) -> PhraseMatcher:
    """A matcher of these phrases, in any case."""
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("PHRASE", [nlp.make_doc(p) for p in phrases])
    return matcher


def _addressed(doc: Doc, i: int, e: int) -> bool:
    """A word that opens a sentence before a comma: a transcript's host turning to a guest ("Dmitri, start with the
    letters.")."""
    opens = doc[i].is_sent_start or (i > 0 and doc[i - 1].text == ":")  # "HOST: Dmitri, …"
    return opens and e < len(doc) and doc[e].text == ","


def _after_quote(doc: Doc, j: int) -> bool:
    """Token ``j`` stands right after a closing quotation mark, or after one and a comma: “…,” she said."""
    k = j - 1
    if k > 0 and doc[k].text == ",":
        k -= 1
    return k >= 0 and doc[k].text in CLOSING_QUOTES


@Language.factory("story_names", default_config={"data": {}})
def make_story_names(nlp: Language, name: str, data: dict) -> StoryNames:
    """The component, built from its ``data`` (lists and tables of words, never an article's)."""
    return StoryNames(nlp, **data)


class StoryNames:
    def __init__(self, nlp, words: dict, known, senators, states, stop_names, joins, vote_words):
        """``words``: the lexicon's ``[people]``; ``known``: [alias, entity_id, type]; ``senators``: [full name as in
        the roll call, state, party]; ``joins``: the words and marks that join the items of a list; ``vote_words``:
        the words of a vote ("voted", "roll call")."""
        self.connectors = frozenset(words["name_connectors"])
        self.possessives = frozenset(words["possessives"])
        self.glue_ok = self.possessives | GLUE
        self.senator_office = words["senator_office"]
        self.state_of = frozenset(words["state_of"])
        self.person_relatives = frozenset(words["person_relatives"])
        self.copulas = frozenset(words["person_copulas"])
        self.byline_words = frozenset(words["byline_words"])
        self.byline_date_words = frozenset(words["byline_date_words"])
        self.credit_verbs = frozenset(words["credit_verbs"])
        suffixes = frozenset(words["name_suffixes"])
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.patterns: dict[str, Known] = {}
        self.surname_of: dict[str, set[str]] = {}  # a surname -> the ids of the people who bear it
        self.last_names: dict[str, str] = {}  # entity id -> surname
        self.senator_state: dict[str, tuple[str, str]] = {}  # senator id -> (state, party)
        self.names: dict[str, str] = {}  # entity id -> canonical name
        self.full_names: dict[str, str] = {}  # a person's name of two words or more, as written -> the person
        for alias, entity_id, type_ in known:
            self._add(nlp, alias, Known(entity_id, type_, "alias"))
            self.names.setdefault(entity_id, alias)
            if type_ == "person" and len(alias.split()) >= 2:
                self._surname(alias.split()[-1], entity_id)
                self.full_names.setdefault(alias, entity_id)
        self._add_senators(nlp, senators, words["nicknames"], suffixes)
        self.senator_surnames = {
            s: ids for s, ids in self.surname_of.items() if any(i in self.senator_state for i in ids)
        }
        self.one_senators = frozenset(s for s, ids in self.senator_surnames.items() if len(ids) == 1)
        self.titles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.title_office = {}
        for title in words["titles"]:
            self.titles.add(title, [nlp.make_doc(title)])
            self.title_office[title.lower()] = words["offices"].get(title, title)
        self.plurals = frozenset(p.lower() for p in words["plural_titles"])
        for plural, one in words["plural_titles"].items():
            self.titles.add(plural, [nlp.make_doc(plural)])
            self.title_office[plural.lower()] = self.title_office.get(one.lower(), one)
        self.modifiers = frozenset(m.lower() for m in words["title_modifiers"])
        self.introductions = _matcher(nlp, words["introductions"])
        self.handoffs = _matcher(nlp, words["handoffs"])
        self.senate = frozenset(words["senate_entities"])
        self.inner = frozenset(words["inner_words"])
        self.joins = frozenset(joins)
        self.vote_words = _matcher(nlp, vote_words)
        self.role_nouns = frozenset(words["role_nouns"])
        self.speech = _matcher(nlp, words["speech_verbs"])
        self.parties = words["parties"]
        self.states = states  # any written form of a state (postal, AP, full name) -> USPS code
        self.stop_names = frozenset(stop_names)
        self.not_names = frozenset(words["not_names"])
        self.labels = frozenset(words["name_labels"])
        self.pronouns = frozenset(words["pronouns"])
        self.openers = self.pronouns | frozenset(words["possessive_pronouns"])
        self.places: frozenset[str] = frozenset()  # the gazetteer's city names, given by bind()

    def _add_senators(self, nlp, senators, nicknames: dict, suffixes: frozenset[str]) -> None:
        """Each senator of the roll call by every form of the name: as the roll call writes it, without suffixes or
        middle initials, first and last name, and a common first name ("Chuck Schumer")."""
        by_first = {}
        for nick, full_first in nicknames.items():
            by_first.setdefault(full_first, []).append(nick)
        for roster, state, party in senators:
            entity_id = slug(roster)
            self.senator_state[entity_id] = (state, party)
            self.names[entity_id] = roster
            parts = [w for w in roster.replace(",", " ").split() if w not in suffixes]
            plain = [w for w in parts if not (len(w) == 2 and w.endswith("."))]  # without middle initials
            first, last = plain[0], plain[-1]
            forms = {roster, " ".join(parts), " ".join(plain), f"{first} {last}"}
            forms |= {f"{nick} {last}" for nick in by_first.get(first, [])}
            for form in forms:
                self._add(nlp, form, Known(entity_id, "person", "senator"))
                self.full_names.setdefault(form, entity_id)
            self._surname(last, entity_id)

    def bind(self, city_names) -> None:
        """The names of the gazetteer's cities: a run of capitalised words that is one is a place, never a person
        ("Stockton and San Bernardino told to help", "San Bernardino, the other city")."""
        self.places = frozenset(city_names)

    def _add(self, nlp, alias: str, known: Known) -> None:
        key = f"{known.entity_id}|{known.method}"
        self.patterns[key] = known
        self.matcher.add(key, [nlp.make_doc(alias)])

    def _surname(self, surname: str, entity_id: str) -> None:
        self.surname_of.setdefault(surname, set()).add(entity_id)
        self.last_names[entity_id] = surname

    # ---- the pieces --------------------------------------------------------------------------------------------

    def _name_run(self, doc: Doc, i: int, limit: int = 4) -> int:
        """The end of a run of name words starting at token ``i`` (``i`` when there is none). A hyphenated name
        ("Whitfield-Ramos") is one word of three tokens; a word glued to something else ("Skidmore)Then") is none."""
        tokens = tokens_of(doc)
        text, spaced, n = tokens.text, tokens.spaced, len(tokens)
        j, words = i, 0
        while j < n and words < limit and _is_name_token(text[j], self.connectors):
            k = j + 1
            while (
                k + 1 < n
                and text[k] == "-"
                and not spaced[k - 1]
                and not spaced[k]
                and _is_name_token(text[k + 1], self.connectors)
            ):
                k += 2
            if not spaced[k - 1] and k < n and text[k] not in self.glue_ok and not tokens.is_space[k]:
                break
            j, words = k, words + 1
        while j > i and text[j - 1] in self.connectors:
            j -= 1
        return j

    def _words(self, doc: Doc, s: int, e: int) -> list[str]:
        """The name words of tokens ``s..e`` ("Whitfield-Ramos" is one word)."""
        return tokens_of(doc).span(s, e).replace(" - ", "-").split()

    def _title_before(self, doc: Doc, start: int, titles: dict[int, int]) -> tuple[str, int] | None:
        """A title that ends right before token ``start``, and the character where it begins with its modifiers
        ("Then-Senator", "former Sen.")."""
        if start not in titles:
            return None
        t0 = titles[start]
        office = self.title_office.get(doc[t0:start].text.lower(), doc[t0:start].text)
        begin = doc[t0].idx
        k = t0
        while k > 0 and (doc[k - 1].text == "-" or doc[k - 1].lower_ in self.modifiers):
            begin, k = doc[k - 1].idx, k - 1
        return office, begin

    def _affiliation(self, doc: Doc, end: int) -> tuple[str, str, tuple[int, int]] | None:
        """A party and state written after a name: "(D-Wash.)", "(AZ)", ", R-Ariz.," or "of Arizona"."""
        i = end
        if i < len(doc) and doc[i].text in ("(", ","):
            j = i + 1
            party = ""
            if j + 1 < len(doc) and doc[j].text in self.parties and doc[j + 1].text in ("-", "–"):
                party, j = self.parties[doc[j].text], j + 2
            for k in (3, 2, 1):
                form = doc[j : j + k].text if j + k <= len(doc) else ""
                if form in self.states or (form.endswith(".") is False and form + "." in self.states and k == 1):
                    state = self.states.get(form) or self.states[form + "."]
                    stop = j + k
                    if stop < len(doc) and doc[stop].text == "." and form + "." in self.states:
                        stop += 1
                    if doc[i].text == "(" and not (stop < len(doc) and doc[stop].text == ")"):
                        return None
                    if doc[i].text == "," and not party:
                        return None  # "Murray, Washington" is more likely a place than an affiliation
                    close = stop + 1 if doc[i].text == "(" else stop
                    return party, state, (doc[i].idx, doc[close - 1].idx + len(doc[close - 1].text))
            return None
        if i + 1 < len(doc) and doc[i].lower_ in self.state_of:
            for k in (3, 2, 1):
                form = doc[i + 1 : i + 1 + k].text if i + 1 + k <= len(doc) else ""
                if form in self.states and len(form) > 2 and not form.endswith("."):
                    stop = i + 1 + k
                    return "", self.states[form], (doc[i].idx, doc[stop - 1].idx + len(doc[stop - 1].text))
        return None

    def _place_like(self, words: list[str]) -> bool:
        """A run that is a city's or a state's name ("San Bernardino", "North Carolina"); a person may share its
        last word with a city ("Renata Hollis")."""
        run = " ".join(words)
        return run in self.places or run in self.stop_names

    def _speaks_next(self, doc: Doc, i: int, e: int, speech_at: set[int]) -> bool:
        """A name in a sentence whose next sentence opens with "He says" or "She said": "Ray Castellanos spent 24
        years with the Stockton Police Department. He says that ..." """
        k = e
        while k < len(doc) and k - e < 60 and doc[k].text not in (".", "!", "?") and "\n" not in doc[k].text:
            k += 1
        k += 1
        while k < len(doc) and doc[k].is_space and "\n" not in doc[k].text:
            k += 1
        return k + 1 < len(doc) and doc[k].text in self.pronouns and k + 1 in speech_at

    def _bylined(self, doc: Doc) -> set[int]:
        """Where each name of a byline of several begins: "By Hollis Gray and Tamsin Roe" at a line's end."""
        starts: set[int] = set()
        for k, token in enumerate(doc[:-1]):
            if token.lower_ in self.byline_words and _is_name_token(doc[k + 1].text, self.connectors):
                runs = self._listed(doc, k + 1)
                joined = len(runs) >= 2 and any(t.is_alpha or t.text == "&" for t in doc[runs[-2][1] : runs[-1][0]])
                if joined and self._ends_byline(doc, runs[-1][1]):  # not "By Ana Diaz, Staff Writer"
                    starts.update(s for s, _ in runs)
        return starts

    def _ends_byline(self, doc: Doc, e: int) -> bool:
        """A name after "by" is a byline's when the line ends after it, or a divider or its date follows ("By Evan
        T. Rosskopf on August 4, 2017", "Written by Priya Castellanos | …")."""
        if e >= len(doc) or "\n" in doc[e].text:
            return True
        return doc[e].text in ("|", "·", "•", ",", "—", "–") or (
            doc[e].lower_ in self.byline_date_words and e + 1 < len(doc)
        )

    def _senator_by(self, doc: Doc, surname: str, e: int) -> str | None:
        """The senator with this surname from the state written after it ("McCain (R-AZ)")."""
        _, state, _ = self._affiliation(doc, e)
        ids = [i for i in self.senator_surnames.get(surname, ()) if self.senator_state.get(i, ("",))[0] == state]
        return ids[0] if len(ids) == 1 else None

    def _party_before(self, doc: Doc, start: int) -> str:
        k = start - 1
        while k >= 0 and (doc[k].lower_ in self.modifiers or doc[k].lower_ in self.title_office or doc[k].text == "-"):
            if doc[k].text in self.parties and len(doc[k].text) > 1:
                return self.parties[doc[k].text]
            k -= 1
        return ""

    # ---- the component -----------------------------------------------------------------------------------------

    def _known_full(self, words: list[str]) -> str | None:
        """A known person written with middle initials ("William J. Emanuel" is William Emanuel)."""
        plain = [w for w in words if not (len(w) == 2 and w.endswith("."))]
        if len(plain) < 2 or len(plain) == len(words):
            return None
        return self.full_names.get(" ".join(plain))

    def __call__(self, doc: Doc) -> Doc:
        spans, surname_aliases = self._aliases(doc)
        titles: dict[int, int] = {}
        for _, s, e in self.titles(doc):
            if doc[s].text[:1].isupper() or doc[s].is_lower:
                titles[e] = min(titles.get(e, s), s)
        speech = [(s, e) for _, s, e in self.speech(doc)]
        people = _People(doc, spans)
        self._labelled(doc, people, titles)
        self._titled(doc, people, titles)
        cues = _Cues(
            speech_at={s for s, _ in speech} | {e for _, e in speech},
            introduced={e for _, _, e in self.introductions(doc)},
            handed={s for _, s, _ in self.handoffs(doc)},
            senate=any(sp.kb_id_ in self.senate or sp.kb_id_ in self.senator_state for sp in people.spans),
            voting={doc[s].sent.start for _, s, _ in self.vote_words(doc)},
            bylined=self._bylined(doc),
        )
        self._untitled(doc, people, cues)
        named = sorted(filter_spans(spans), key=lambda sp: sp.start)
        ents = self._headline_surnames(doc, self._surnames(doc, named, surname_aliases))
        info = {(sp.start_char, sp.end_char): self._record(doc, sp, titles) for sp in ents}
        doc.ents = ents
        doc.user_data["names"] = info
        return doc

    # ---- one handler per form of name ----------------------------------------------------------------------------

    def _aliases(self, doc: Doc) -> tuple[list[Span], dict[int, str]]:
        """A reference alias or a senator's name as written ("Justice Department", "Chuck Schumer"); a known
        person's one-word alias is kept apart, by where it stands, for the surnames."""
        spans: list[Span] = []
        surname_aliases: dict[int, str] = {}
        for key, s, e in self.matcher(doc):
            known = self.patterns[doc.vocab.strings[key]]
            if known.type == "person" and e - s == 1 and doc[s].text in self.surname_of:
                surname_aliases[s] = known.entity_id
                continue
            spans.append(Span(doc, s, e, label=known.type, kb_id=known.entity_id))
        return spans, surname_aliases

    def _labelled(self, doc: Doc, people: _People, titles: dict[int, int]) -> None:
        """A transcript's turn labelled with a name in capitals after its title, or whose surname the text writes
        again ("MAYOR CATHERINE PUGH:", "KEVIN DAVIS:" and later "DAVIS:"), any line's label of a name and a role in
        brackets ("Lorraine Ochoa (host):"), or of a name in mixed case whose surname alone labels another line
        ("Marisol Abernathy:", then "Abernathy:"): the person of that name. A label such as "AIR DATE:" is neither."""
        starts = {s: e for e, s in titles.items()}
        upper: Counter | None = None  # the text's words in capitals, counted once, when a label needs them
        lines = doc.spans.get("lines", [])
        alone = {
            doc[line.start].text for line in lines if line.end > line.start + 1 and doc[line.start + 1].text == ":"
        }
        for line in lines:
            colon = next((t.i for t in line if t.text in (":", BRACKET_COLON)), None)
            if colon is None:
                continue
            k = starts.get(line.start, line.start)
            role = self._bracketed_role(doc, k, colon)  # "Lorraine Ochoa (host):", in capitals or not
            if role is None and doc[colon - 1].text in alone and self._named_label(doc, k, colon):
                role = colon  # "Marisol Abernathy: …" over "Abernathy: …" in a transcript
            if role is not None and people.free(k, role) and not self._not_a_name([t.text for t in doc[k:role]]):
                people.add(k, role, self._known_full([t.text for t in doc[k:role]]) or "?" + doc[k:role].text)
                continue
            if line.label_ != "turn" or doc[colon].text != ":":
                continue
            words = [t.text.title() for t in doc[k:colon]]
            capitals = all(t.is_upper and (t.is_alpha or "-" in t.text or "'" in t.text) for t in doc[k:colon])
            last = doc[colon - 1].text
            if k == line.start and upper is None:
                upper = Counter(t.text.upper() for t in doc)
            inside = sum(1 for t in doc[k:colon] if t.text.upper() == last)
            again = k > line.start or upper[last] > inside
            if 2 <= len(words) <= 4 and capitals and again and people.free(k, colon) and not self._not_a_name(words):
                people.add(
                    k, colon, self._known_full(words) or self.full_names.get(" ".join(words)) or "?" + " ".join(words)
                )

    def _named_label(self, doc: Doc, k: int, colon: int) -> bool:
        """A line's label of two or three name words in mixed case before its colon ("Marisol Abernathy:"); the caller
        asks that its surname alone label another line."""
        names = doc[k:colon]
        return 2 <= len(names) <= 3 and all(
            _is_name_token(t.text, self.connectors) and not t.is_upper and t.text not in self.stop_names for t in names
        )

    def _bracketed_role(self, doc: Doc, k: int, colon: int) -> int | None:
        """Where the name ends in a turn's label of two to four name words and a role noun in brackets ("Lorraine Ochoa
        (host):", "Miles Haverford (guest):"), else None."""
        end = colon if doc[colon].text == BRACKET_COLON else colon - 1  # the bracket that closes the role
        if end - k < 4 or (end < colon and doc[end].text != ")") or doc[end - 2].text != "(":
            return None
        role = doc[end - 1].lower_
        if (role not in self.role_nouns and role not in self.title_office) or not 2 <= end - 2 - k <= 4:
            return None
        names = doc[k : end - 2]
        return end - 2 if all(_is_name_token(t.text, self.connectors) for t in names) else None

    def _not_a_name(self, words: list[str]) -> bool:
        return any(w in self.stop_names for w in words) or self._place_like(words)

    def _titled(self, doc: Doc, people: _People, titles: dict[int, int]) -> None:
        """A title before a name, or a title for several before a list of names ("Sens. John McCain and Richard
        Burr"): each a senator's surname, a known person, or a person the reference does not hold."""
        for s, t0 in sorted(titles.items()):
            title = doc[t0:s].text.lower()
            office = self.title_office.get(title, "")
            while s + 2 < len(doc) and doc[s].text == "-" and not doc[s - 1].whitespace_ and not doc[s].whitespace_:
                s += 2  # a compound title: "Secretary-Treasurer Maren Okafor-Blythe", "Mayor-elect …"
            runs = self._listed(doc, s) if title in self.plurals else [(s, self._name_run(doc, s))]
            if title in self.plurals and len(runs) < 2:
                continue  # a title for several before one run is a name of its own ("Mayors Against Illegal Guns")
            for start, end in runs:
                self._titled_one(doc, people, start, end, office)

    def _titled_one(self, doc: Doc, people: _People, s: int, e: int, office: str) -> None:
        if e == s or not people.free(s, e):
            return
        words = self._words(doc, s, e)
        if words[-1] in self.stop_names or words[0] in self.stop_names:
            return
        ids = self.senator_surnames.get(words[-1], set()) if office == self.senator_office else set()
        if len(ids) == 1 and (len(words) == 1 or _first_matches(words[0], self.names[next(iter(ids))])):
            people.add(s, e, next(iter(ids)))
        else:
            people.add(s, e, self._known_full(words) or "?" + " ".join(words))

    def _listed(self, doc: Doc, s: int) -> list[tuple[int, int]]:
        """The runs of name words from token ``s`` joined as a list ("John McCain and Richard Burr", "Okafor, Vang
        and Lee"), each run's start and end."""
        runs = []
        while s < len(doc):
            e = self._name_run(doc, s)
            if e == s:
                break
            runs.append((s, e))
            k = e
            while k < len(doc) and k - e < 2 and doc[k].lower_ in self.joins:
                k += 1
            if k == e:
                break
            s = k
        return runs

    def _untitled(self, doc: Doc, people: _People, cues: _Cues) -> None:
        """A name with no title: a known person's, a senator's surname with a party and state, one named again, or
        one beside a speech verb, before a role or a "who" clause, in a byline."""
        seen = {sp.text: sp.kb_id_ for sp in people.spans if sp.label_ == "person" and sp.end - sp.start >= 2}
        for i in range(len(doc)):
            run = self._untitled_run(doc, i, people)
            if run is None:
                continue
            e, words = run
            entity = self._untitled_person(doc, i, e, words, seen, cues)
            if entity:
                people.add(i, e, entity)

    def _untitled_run(self, doc: Doc, i: int, people: _People) -> tuple[int, list[str]] | None:
        """The run of name words that starts at token ``i`` (not inside a longer run) and its words."""
        text = tokens_of(doc).text
        if i in people.taken or not _is_name_token(text[i], self.connectors) or text[i] in self.stop_names:
            return None
        if (
            i > 0
            and _is_name_token(text[i - 1], self.connectors)
            and (text[i - 1] not in self.stop_names or text[i - 1] in self.inner)
            and i - 1 not in people.taken
        ):
            return None  # inside a longer run of capitalised words, or an organisation's ("Mayors Against …")
        e = self._name_run(doc, i)
        if e == i or not people.free(i, e):
            return None
        return e, self._words(doc, i, e)

    def _untitled_person(
        self, doc: Doc, i: int, e: int, words: list[str], seen: dict[str, str], cues: _Cues
    ) -> str | None:
        """Whose name the run is, if it is a person's: its entity id, or "?" and the name for one the reference
        does not hold."""
        known = self._known_full(words)
        if known:
            return known
        if len(words) == 1 and words[0] in self.senator_surnames and self._affiliation(doc, e):
            return self._senator_by(doc, words[0], e)  # "McCain (R-AZ)": a senator's surname and state
        if len(words) == 1 and cues.senate and doc[i].sent.start in cues.voting and self._senators_listed(doc, i, e):
            return next(iter(self.senator_surnames[words[0]]))  # "McCain and Burr did not vote"
        if len(words) == 1 and (_signed(doc, i, e) or _addressed(doc, i, e)):
            firsts = {entity for name, entity in seen.items() if name.split()[0] == words[0]}
            return firsts.pop() if len(firsts) == 1 else None  # "— Priya", "Dmitri, start …": the one named above
        if len(words) < 2 or any(w in self.stop_names for w in words) or self._place_like(words):
            return None
        name = " ".join(words)
        if name in seen:  # "I'm Renata Villalobos": a person named earlier, named again
            return seen[name]
        if self._beside_cue(doc, i, e, cues):
            seen[name] = "?" + name
            return seen[name]
        return None

    def _beside_cue(self, doc: Doc, i: int, e: int, cues: _Cues) -> bool:
        """A run of name words is a person's beside a speech verb, before a role, a "who" clause or ", of Tracy,",
        in a byline or a line's label, after "I'm" or "Our guest is", before a broadcast's handoff ("has more"), or
        before a sentence that opens with "He says"."""
        speech_at = cues.speech_at
        after_speech = (
            i in speech_at
            or (i > 0 and doc[i - 1].text == "," and i - 1 in speech_at)
            or self._role_after_speech(doc, i, speech_at)
        )
        before_speech = e in speech_at or (e < len(doc) and doc[e].text in self.possessives and e + 1 in speech_at)
        described = (
            (
                e + 1 < len(doc)
                and doc[e].text == ","
                and (
                    doc[e + 1].lower_ in self.person_relatives
                    or any(doc[k].lower_ in self.role_nouns for k in range(e + 1, min(doc[e].sent.end, e + 8)))
                    or self._of_a_place(doc, e + 1)
                )
            )
            or self._appositive(doc, i, e)
            or self._is_a_role(doc, e)
            or _aged(doc, e)
        )
        by = i > 0 and doc[i - 1].lower_ in self.byline_words
        byline = (
            (by and self._ends_byline(doc, e))
            or (by and doc[i - 1].is_sent_start and e < len(doc) and doc[e].text == ".")  # a budget's "By Ana Diaz."
            or self._labelled_by_role(doc, i, e)
            or i in cues.bylined
            or (by and i > 1 and doc[i - 2].lower_ in self.credit_verbs)  # "Compiled by Oksana Brightwater."
            or (i > 1 and doc[i - 1].text == ":" and doc[i - 2].text in self.labels)  # "REPORTER: Marisol Quintero"
        )
        return (
            after_speech
            or before_speech
            or (i in cues.introduced and self._ends_clause(doc, e))
            or (
                e in cues.handed and not any(t.is_alpha for t in doc[doc[i].sent.start : i])
            )  # ">> Greg Albright has more"
            or described
            or byline
            or _signed(doc, i, e)
            or self._signs_letter(doc, i, e)
            or self._speaks_next(doc, i, e, speech_at)
            or self._opens_sentence(doc, i, e, speech_at)
        )

    def _role_after_speech(self, doc: Doc, i: int, speech_at: set[int]) -> bool:
        """A name after a speech verb or a credit's "by" and a role in lower case: "said city spokesman Tim O'Neal",
        "Compiled by reference librarian Odalys Kettering"."""
        if i < 2 or doc[i - 1].lower_ not in self.role_nouns:
            return False
        return any(
            (k in speech_at or doc[k].lower_ in self.byline_words) and all(t.is_lower for t in doc[k:i])
            for k in range(max(0, i - 4), i)
        )

    def _labelled_by_role(self, doc: Doc, i: int, e: int) -> bool:
        """A name that ends its line after a colon and a label with a role noun: "Editor on duty: Hollis Varga."."""
        if i < 2 or doc[i - 1].text != ":" or not self._ends_clause(doc, e):
            return False
        k = i - 2
        while k >= 0 and i - k <= 5 and "\n" not in doc[k].text_with_ws:
            if doc[k].lower_ in self.role_nouns:
                return True
            k -= 1
        return False

    def _is_a_role(self, doc: Doc, e: int) -> bool:
        """A name before "is" or "was" and a role noun within three words, as the noun of its phrase (a function
        word or a mark after it): "Renata Obi is a professor of …", not "the Record is the official account"."""
        return (
            e < len(doc)
            and doc[e].lower_ in self.copulas
            and any(
                doc[k].lower_ in self.role_nouns and (k + 1 == len(doc) or doc[k + 1].is_stop or doc[k + 1].is_punct)
                for k in range(e + 1, min(len(doc), e + 4))
            )
        )

    def _appositive(self, doc: Doc, i: int, e: int) -> bool:
        """A name between commas right after a role noun: "Sessions's spokesman, Devin O'Malley, said"."""
        return (
            i >= 2
            and doc[i - 1].text == ","
            and doc[i - 2].lower_ in self.role_nouns
            and e < len(doc)
            and doc[e].text in (",", ".")
        )

    def _signs_letter(self, doc: Doc, i: int, e: int) -> bool:
        """A name alone on its line after a paragraph that ends a sentence, and a city's or a state's name alone on
        the next, with no other town's after it (a list), or after a comma on its own line: a letter's signature
        ("Tomasa Villanueva-Archuleta" above "Albuquerque"; "Hal Brenner, Lodi")."""
        text = text_of(doc)
        start, end = doc[i].idx, doc[e - 1].idx + len(doc[e - 1].text)
        line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
        if text[line_start:start].strip() or line_end < 0:
            return False
        before = text[:line_start].rstrip()
        rest = text[end:line_end].strip()
        if rest:  # "Hal Brenner, Lodi": the name and its town on one line, under a letter's last sentence
            return rest[:1] == "," and self._is_place_name(rest[1:].strip()) and before[-1:] in SENTENCE_ENDS
        town, after = _next_line(text, line_end)
        return (
            before[-1:] in SENTENCE_ENDS
            and self._is_town(town)
            and not self._is_town(_next_line(text, after)[0] if after >= 0 else "")
        )

    def _is_town(self, line: str) -> bool:
        return self._is_place_name(line.split(",")[0].strip())

    def _is_place_name(self, name: str) -> bool:
        """A city's name, or a state's written in full ("Tracy", "New Mexico"; not "N.M.")."""
        return name in self.places or (name in self.states and len(name) > 2)

    def _of_a_place(self, doc: Doc, k: int) -> bool:
        """ "of" and a city's or a state's name, then a comma or the sentence's end: a person's home ("Imelda Soto, of
        Tracy, told the council")."""
        if k >= len(doc) or doc[k].lower_ not in self.state_of:
            return False
        for n in (3, 2, 1):
            if k + 1 + n <= len(doc) and self._is_place_name(doc[k + 1 : k + 1 + n].text):
                return self._ends_clause(doc, k + 1 + n)
        return False

    @staticmethod
    def _ends_clause(doc: Doc, e: int) -> bool:
        """Token ``e`` ends what came before it: the text's end, a line's, a comma or a full stop."""
        return e >= len(doc) or doc[e].text in (",", ".") or "\n" in doc[e].text or "\n" in doc[e - 1].text_with_ws

    def _senators_listed(self, doc: Doc, i: int, e: int) -> bool:
        """A surname that one senator alone bears, listed with another such ("McCain and Burr", "Murkowski,
        Collins and Heller"): in a text about the Senate, the senators."""
        one = self.one_senators
        if doc[i].text not in one:
            return False
        before = [k for k in (i - 2, i - 3) if k >= 0 and all(doc[j].lower_ in self.joins for j in range(k + 1, i))]
        after = [k for k in (e + 1, e + 2) if k < len(doc) and all(doc[j].lower_ in self.joins for j in range(e, k))]
        return any(doc[k].text in one for k in before + after)

    def _opens_sentence(self, doc: Doc, i: int, e: int, speech_at: set[int]) -> bool:
        """A name of two or three words that opens a sentence, before a lowercase word (its verb), whose surname
        the text writes again alone or whose next sentence speaks of "he" or "she" (``_pronoun_next``): "Philip
        Miscimarra has already begun … Miscimarra said" (a capitalised run that only opens a sentence may be
        anything). Inside a sentence, before a lowercase word, the name is a person's when its surname alone opens
        a later sentence before a lowercase word: "…, and Hannah Pruitt spent the next day calling … Pruitt learned
        that …"."""
        if not 2 <= e - i <= 3 or e >= len(doc) or not doc[e].is_lower:
            return False
        text = tokens_of(doc).text
        surname = text[e - 1]
        alone = [
            k
            for k in range(len(text))
            if text[k] == surname and not i <= k < e and not (k > 0 and _is_name_token(text[k - 1], self.connectors))
        ]
        if not doc[i].is_sent_start:  # after a lower-case word, past the headline's title case
            if not doc[i - 1].is_lower or text_of(doc).find("\n", 0, doc[i].idx) < 0:
                return False
            return any(k > e and doc[k].is_sent_start and k + 1 < len(doc) and doc[k + 1].is_lower for k in alone)
        return bool(alone) or self._pronoun_next(doc, e, speech_at)

    def _pronoun_next(self, doc: Doc, e: int, speech_at: set[int]) -> bool:
        """The sentence after the one that holds token ``e`` opens with "He", "She" or "Her", or gives a quotation to
        "he" or "she", right after its closing mark ("Tomeka Bright runs the block club. “We asked for help,” she
        said.")."""
        k = e
        while k < len(doc) and not doc[k].is_sent_start:
            k += 1
        while k < len(doc) and doc[k].is_space:
            k += 1
        if k < len(doc) and doc[k].text in self.openers and doc[k].text[0].isupper():
            return True
        end = k + 1
        while end < len(doc) and not doc[end].is_sent_start:
            end += 1
        return any(
            doc[j].text in self.pronouns and j + 1 in speech_at and _after_quote(doc, j) for j in range(k, end - 1)
        )

    def _record(self, doc: Doc, sp: Span, titles: dict[int, int]) -> NameInfo:
        """How a mention was found, its title, and a senator's party and state as written."""
        method = "alias"
        if sp.kb_id_.startswith("?"):
            method = "name"
        elif sp.kb_id_ in self.senator_state:
            method = "senator"
        if sp.label_ == "person" and doc[sp.start : sp.end].text.replace(" - ", "-") in self._surnames_of(sp.kb_id_):
            method = "surname"
        record = NameInfo(method, not sp.kb_id_.startswith("?"))
        found = self._title_before(doc, sp.start, titles) if sp.label_ == "person" else None
        if found is not None:
            record.title, record.title_start = found
            if method == "alias":
                record.method = "title"
        if sp.label_ == "person":
            aff = self._affiliation(doc, sp.end)
            if aff is not None:
                record.party, record.state, record.affiliation = aff
            record.party = record.party or self._party_before(doc, sp.start)
        return record

    def _surnames(self, doc: Doc, named: list[Span], surname_aliases: dict[int, str]) -> list[Span]:
        """The names in reading order, with every surname written alone (or before a possessive) tied to the most
        recent person named in full with that surname, else to the reference person whose alias it is. A name
        found with a title alone ("Mayor Berry") joins the person named in full before it."""
        recent: dict[str, str] = {}
        out: list[Span] = []
        taken = {i for sp in named for i in range(sp.start, sp.end)}
        by_start = {sp.start: sp for sp in named}
        surnames = {
            self.last_names.get(sp.kb_id_) or sp.kb_id_[1:].split()[-1] for sp in named if sp.label_ == "person"
        }
        lengths = {2 * w.count("-") + 1 for w in surnames} | {1}  # "Whitfield-Ramos" is three tokens
        tokens = tokens_of(doc)
        text = tokens.text
        k = 0
        while k < len(doc):
            sp = by_start.get(k)
            if sp is not None:
                words = self._words(doc, sp.start, sp.end)
                if sp.kb_id_.startswith("?") and len(words) == 1 and words[0] in recent:
                    sp = Span(doc, sp.start, sp.end, label="person", kb_id=recent[words[0]])
                out.append(sp)
                if sp.label_ == "person" and (
                    len(words) >= 2 or sp.kb_id_ in self.senator_state or sp.kb_id_[0] == "?"
                ):
                    recent[words[-1]] = sp.kb_id_  # a senator's surname in a list, or one after a title, names too
                k = sp.end
                continue
            hit = None
            if k not in taken and (
                _is_name_token(text[k], self.connectors) or (text[k].isupper() and text[k].isalpha())
            ):
                for n in sorted(lengths, reverse=True):
                    if k + n > len(doc) or any(i in taken for i in range(k, k + n)):
                        continue
                    word = tokens.span(k, k + n).replace(" - ", "-")
                    if (n > 1 and "-" not in word) or (k + n < len(doc) and text[k + n] in self.not_names):
                        continue  # "Sessions Street", "Kaplan Hall": a place's name, not the person
                    entity = recent.get(word) or (surname_aliases.get(k) if n == 1 else None)
                    if entity is None and word.isupper() and len(word) > 2:  # "ACT (CASTELLANOS):", a script's cue
                        entity = recent.get(word.title())
                    if entity is not None:
                        hit = Span(doc, k, k + n, label="person", kb_id=entity)
                        break
            if hit is not None:
                out.append(hit)
                k = hit.end
            else:
                k += 1
        return filter_spans(out)

    def _headline_surnames(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """A surname alone in the headline, of the one person the text names in full below it ("Udall Votes No as
        Senate Confirms Kaplan", then "Sen. Tom Udall"): a headline names people by surname before the text does."""
        full: dict[str, set[str]] = {}
        for sp in ents:
            words = self._words(doc, sp.start, sp.end)
            if sp.label_ == "person" and len(words) >= 2:
                full.setdefault(words[-1], set()).add(sp.kb_id_)
        taken = {i for sp in ents for i in range(sp.start, sp.end)}
        added = []
        for line in doc.spans.get("lines", []):
            if line.label_ != "headline":
                continue
            for t in line:
                ids = full.get(t.text, set())
                if len(ids) == 1 and t.i not in taken and t.text not in self.places and t.text not in self.stop_names:
                    added.append(Span(doc, t.i, t.i + 1, label="person", kb_id=next(iter(ids))))
        return sorted([*ents, *added], key=lambda sp: sp.start) if added else ents

    def _surnames_of(self, entity_id: str) -> set[str]:
        if entity_id.startswith("?"):
            return {entity_id[1:].split()[-1]}
        last = self.last_names.get(entity_id)
        return {last} if last else set()


BRACKET_COLON = "):"  # the tokenizer's one token for a bracket closed before a colon ("Ochoa (host):")


@dataclass(frozen=True)
class _Cues:
    """What, in one text, may make a run of name words a person's: the tokens beside a speech verb, the tokens right
    after an introduction ("I'm", "Our guest is"), whether the text speaks of the Senate, and which sentences speak
    of a vote."""

    speech_at: set[int]
    introduced: set[int]
    senate: bool
    voting: set[int]  # the first tokens of the sentences that speak of a vote
    bylined: set[int]  # the first tokens of the names of a byline that names several ("By Ana Diaz and Lee Park")
    handed: set[int]  # the first tokens of a broadcast's handoff ("… has more from City Hall")


class _People:
    """The names found so far in one text, and the tokens they take."""

    def __init__(self, doc: Doc, spans: list[Span]):
        self.doc, self.spans = doc, spans
        self.taken = {i for sp in spans for i in range(sp.start, sp.end)}

    def add(self, s: int, e: int, entity: str) -> None:
        self.spans.append(Span(self.doc, s, e, label="person", kb_id=entity))
        self.taken.update(range(s, e))

    def free(self, s: int, e: int) -> bool:
        return not any(i in self.taken for i in range(s, e))


def _first_matches(first: str, roster_name: str) -> bool:
    """A first name written in the text fits the roster's ("Patty" fits "Patty Murray"; "Chuck" is handled by the
    nickname forms; an initial fits its name)."""
    roster_first = roster_name.split()[0]
    return first == roster_first or (first.endswith(".") and roster_first.startswith(first[:-1]))
