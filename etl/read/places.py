"""Cities and states named in the text, resolved in the offline GeoNames gazetteer.

``story_places`` is a spaCy component: state names and abbreviations come from the ``us`` package (postal, AP and
full names), cities from ``etl.gazetteer``. It writes ``doc.spans["places"]`` (label: city, state or district;
``kb_id_``: the city's or state's id) and what it learnt about each in ``doc.user_data["places"]``.

What it finds, in this order (a token is used once; people and organisations found before keep theirs):
1. a city with its state, in any form: "Stockton, Calif.", "Albuquerque, New Mexico", "Baltimore, MD", in a
   dateline ("ALBUQUERQUE, N.M. —"), in a semicolon list or a bullet. A "Town, State" the gazetteer does not list
   (a town under 15,000 people) is an unresolved place: a mention, never a stop;
2. a dateline city without a state ("WASHINGTON —"): the most populous city of that name;
3. a state named on its own ("in California"), unless its name is also a city's (Washington, New York);
4. a city named bare once the story has set the scene: a city named with its state earlier in the article, or a
   city of the reference (the participants, the cities the timeline names) where the words read as a place;
5. a bare list of cities ("Baltimore, Albuquerque, and San Bernardino and Stockton in California"): each name by
   the scene, the reference, a state written after the list, or the gazetteer when one city of that name
   outweighs the others;
6. a misspelt name close to a city of the scene or the reference ("San Bernadino").
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from etl.gazetteer import slug
from etl.read.model import text_of, tokens_of

FUZZY_CUTOFF = 0.85  # "San Bernadino" ~ "San Bernardino" scores 0.96; unrelated US names stay below 0.8
PERSON = "person"  # the label the names component gives a person's name
DOMINANT = 3  # a bare name is read as the most populous city of that name when it has 3 times the next one's people
LARGE = 100_000  # a bare name read from the gazetteer alone must be a city of at least this many people
CELL_MARKS = frozenset({",", "|"})  # between a city and its state: "Stockton, Calif.", a table's "Stockton | Calif."
BIG = 400_000  # and after a lower-case word, with no place's word before it ("told Albuquerque"), this many


@dataclass
class PlaceInfo:
    method: str  # place | dateline | bare | list | fuzzy | unresolved
    state: str | None = None
    state_span: tuple[int, int] | None = None
    gazetteer: object | None = None
    score: float = 1.0


class _Spans:
    """The places found so far in one text, what the component learnt of each, and the tokens they take."""

    def __init__(self, doc: Doc, taken: set[int]):
        self.doc, self.taken = doc, taken
        self.spans: list[Span] = []
        self.info: dict[tuple[int, int], PlaceInfo] = {}

    def add(self, s: int, e: int, label: str, kb: str, record: PlaceInfo) -> None:
        words = tokens_of(self.doc)
        self.spans.append(Span(self.doc, s, e, label=label, kb_id=kb))
        self.info[(words.idx[s], words.end(e))] = record
        self.taken.update(range(s, e))

    def free(self, s: int, e: int) -> bool:
        return not any(k in self.taken for k in range(s, e))


def _title(text: str) -> str:
    """A dateline's capitals as the gazetteer writes the name: "ST. LOUIS" -> "St. Louis"."""
    return " ".join(w[:1] + w[1:].lower() if w.isupper() else w for w in text.split())


def _is_word(text: str) -> bool:
    """A token's text that can be a word of a place's name: capitalised letters, with dots, hyphens, apostrophes."""
    return bool(text) and (text[0].isupper() and (text.replace(".", "").replace("-", "").replace("’", "").isalpha()))


@Language.factory("story_places", default_config={"data": {}})
def make_story_places(nlp: Language, name: str, data: dict) -> StoryPlaces:
    """The component, built from its ``data`` (lists and tables of words, never an article's)."""
    return StoryPlaces(nlp, **data)


class StoryPlaces:
    def __init__(
        self, nlp, words: dict, people: dict, states: dict, state_names: list, districts: list, opening_words: list
    ):
        """``words``: the lexicon's ``[places]``; ``people``: its ``[people]`` (possessives)."""
        self.org_words = frozenset(words["org_words"])
        self.county_words = frozenset(words["county_words"])
        self.place_words = frozenset(words["place_words"])
        self.list_joins = frozenset(words["list_joins"])
        self.home_words = frozenset(words["home_words"])
        self.after_state = frozenset(words["after_state"])
        self.saints = frozenset(words["saints"])
        self.civic_words = frozenset(words["civic_words"])
        self.list_nouns = frozenset(words["list_nouns"])
        self.state_after_list = frozenset(words["state_after_list"])
        self.possessives = frozenset(people["possessives"])
        self.districts = frozenset(districts)  # USPS codes of a federal district, not a state (DC)
        self.states = states  # any written form -> USPS code
        self.full_names = frozenset(state_names)  # the states' names
        self.openers = frozenset(opening_words)
        self.state_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for form in states:
            self.state_matcher.add("STATE", [nlp.make_doc(form)])
        self.gazetteer = None
        self.reference: dict[str, object] = {}  # a reference city's name -> its gazetteer place

    def bind(self, gazetteer, reference_places: list) -> None:
        """The gazetteer and the reference's cities, given once the pipeline is built (they are not config)."""
        self.gazetteer = gazetteer
        self.reference = {p.name: p for p in reference_places}

    # ---- helpers ------------------------------------------------------------------------------------------------

    def _run_back(self, doc: Doc, end: int, taken: set[int]) -> int:
        """The start of a run of capitalised name tokens that ends at ``end`` (at most 4 tokens, within a line)."""
        words = tokens_of(doc)
        i = end
        while i > 0 and end - i < 4:
            text = words.text[i - 1]
            if (i - 1) in taken or "\n" in text or words.is_space[i - 1]:
                break
            if _is_word(text) or text in self.saints or (text == "-" and i - 1 > 0 and not words.spaced[i - 1]):
                i -= 1
                continue
            break
        while i < end and words.text[i] == "-":
            i += 1
        return i

    def _state_ok_after(self, doc: Doc, k: int) -> bool:
        """A state form ending before token ``k`` closes a place: the sentence or clause goes on after it."""
        if k >= len(doc):
            return True
        t = doc[k]
        return t.text in self.after_state or t.is_space or t.is_sent_start or "\n" in t.text

    def _by_name(self, name: str) -> list:
        return self.gazetteer.by_name(name) if self.gazetteer is not None else []

    def _dominant(self, name: str):
        found = self._by_name(name)
        if not found:
            return None
        if len(found) == 1 or found[0].population >= DOMINANT * found[1].population:
            return found[0]
        return None

    # ---- the component -----------------------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        found = _Spans(doc, {i for e in doc.ents for i in range(e.start, e.end)})
        datelines = [sp for sp in doc.spans.get("lines", []) if sp.label_ == "dateline"]
        state_hits = sorted(((s, e) for _, s, e in self.state_matcher(doc)), key=lambda x: (x[0], -(x[1] - x[0])))
        # 1. a city with its state
        in_dateline = {i for sp in datelines for i in range(sp.start, sp.end)}
        used_state: set[int] = set()
        for s, e in state_hits:
            if s in used_state or s in found.taken or s < 2 or doc[s - 1].text not in CELL_MARKS:
                continue
            if self._city_with_state(doc, s, e, found, in_dateline):
                used_state.update(range(s, e))
        # 2. a dateline city without its state
        for sp in datelines:
            self._dateline_city(doc, sp, found)
        # 3. a state on its own
        for s, e in state_hits:
            form = tokens_of(doc).span(s, e)
            if not found.free(s, e) or form not in self.full_names or self._by_name(form):
                continue
            if e < len(doc) and self._by_name(f"{form} {doc[e].text}"):
                continue  # "Kansas City", "Oklahoma City": a city's name that begins with a state's
            usps = self.states[form]
            kind = "district" if usps in self.districts else "state"
            found.add(s, e, kind, f"state-{usps.lower()}", PlaceInfo("place", usps))
        # 4-6. bare names: the scene, the reference, large cities, lists, misspellings
        scene: dict[str, object] = {}
        for (start, end), record in found.info.items():
            if record.gazetteer is not None:
                scene.setdefault(record.gazetteer.name, record.gazetteer)
                scene.setdefault(_title(text_of(doc)[start:end]), record.gazetteer)  # the dateline's ALBUQUERQUE
        self._civic_scene(doc, scene)
        self._bare(doc, found.taken, scene, found.add, list(found.spans), found)
        doc.spans["places"] = sorted(found.spans, key=lambda sp: sp.start)
        doc.user_data["places"] = found.info
        return doc

    def _civic_scene(self, doc: Doc, scene: dict) -> None:
        """A city's own service named in the text ("Stockton Police Department") says the name before it is a city's:
        the city of that name a bare name can mean (``_large``) is part of the scene, and its bare name elsewhere is
        read as that city ("will not consider Stockton for the program")."""
        words = tokens_of(doc)
        for k in range(1, len(words)):
            if words.text[k] not in self.civic_words or not _is_word(words.text[k - 1]):
                continue
            for n in (2, 1):
                if k - n >= 0 and all(_is_word(w) for w in words.text[k - n : k]):
                    place = self._large(words.span(k - n, k))
                    if place is not None:
                        scene.setdefault(place.name, place)
                        break

    def _city_with_state(self, doc: Doc, s: int, e: int, found: _Spans, in_dateline: set[int]) -> bool:
        """A city before the state at tokens ``s..e`` ("Stockton, Calif.", "ALBUQUERQUE, N.M."): the city and the
        state are places; False when the words before the state are no city's."""
        form = doc[s:e].text
        if e < len(doc) and doc[e].text in self.possessives:
            return False  # "Alabama's former senator"
        if not self._state_ok_after(doc, e):
            return False  # "Meanwhile, California officials ..."
        usps = self.states[form]
        start = self._run_back(doc, s - 1, found.taken)
        if start == s - 1:
            return False
        if doc[start].is_sent_start and s - 1 - start == 1 and doc[start].text in self.openers:
            return False
        run = doc[start : s - 1]
        if run[-1].text in self.county_words:
            return False  # "Clark County, Nevada": a county, not a town the gazetteer lacks
        dateline = start in in_dateline
        name = _title(run.text) if dateline or run.text.isupper() else run.text  # "CITIES-REAX — ALBUQUERQUE, N.M."
        place = self.gazetteer.resolve(name, usps) if self.gazetteer is not None else None
        if place is None and len(form) == 2:
            return False  # a postal code after an unknown word is too weak to call a place
        if place is not None and place.matched == "exact" and place.name != name:
            # "Then Baltimore": the gazetteer matched the end of the run; the mention starts where the name does
            begins = run.start_char + len(run.text) - len(place.name)
            start = next(k for k in range(start, s - 1) if doc[k].idx >= begins)
        state_span = (doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))
        label = "district" if usps in self.districts else "state"
        if place is None:
            found.add(start, s - 1, "city", f"{slug(name)}-{usps.lower()}", PlaceInfo("unresolved", usps, state_span))
        else:
            method = "dateline" if dateline else ("fuzzy" if place.matched == "fuzzy" else "place")
            found.add(start, s - 1, "city", place.city_id, PlaceInfo(method, usps, state_span, place, place.score))
        found.add(s, e, label, f"state-{usps.lower()}", PlaceInfo("place", usps))
        return True

    def _dateline_city(self, doc: Doc, sp: Span, found: _Spans) -> None:
        """A dateline's city without its state ("BALTIMORE (AP) —"), when the gazetteer knows the name."""
        i = sp.start
        if i in found.taken or not doc[i].is_upper:
            return
        j = i
        while j < sp.end and ((doc[j].is_upper and doc[j].is_alpha) or doc[j].text.title() in self.saints):
            j += 1
        places = self._by_name(_title(doc[i:j].text))
        if places:
            found.add(i, j, "city", places[0].city_id, PlaceInfo("dateline", places[0].state, None, places[0]))

    def _runs(self, doc: Doc, taken: set[int]):
        """Every maximal run of 1-3 capitalised tokens not yet taken ("St. Louis" counts), in reading order."""
        words = tokens_of(doc)
        text, n = words.text, len(words)
        i = 0
        while i < n:
            starts = _is_word(text[i]) or (text[i] in self.saints and i + 1 < n and _is_word(text[i + 1]))
            if i in taken or not starts:
                i += 1
                continue
            j = i + 1
            while (
                j < n
                and j - i < 3
                and j not in taken
                and words.spaced[j - 1]
                and (_is_word(text[j]) or text[j] in self.saints)
            ):
                j += 1
            yield i, j
            i = j

    def _context(self, doc: Doc, i: int, j: int) -> bool:
        """The words around a bare name read as a place: a preposition or a list before it, a possessive or a list
        after it, or a bullet line of its own."""
        words = tokens_of(doc)
        if i == 0 or words.is_space[i - 1]:
            return True
        before = words.text[i - 1]
        if "\n" in before or before in ("•", "·", "-", "*", "–", "—"):
            return True
        if words.lower[i - 1] in self.place_words or before in self.list_joins or before == ":":
            return True
        after = words.text[j] if j < len(words) else None
        return after is not None and (after in self.possessives or after in self.list_joins)

    def _known(self, doc: Doc, i: int, j: int, scene: dict) -> tuple[int, int, object] | None:
        """The longest part of the run ``i..j`` that names a city of the scene, of the reference in a place's
        context, or (in a place's context) a large city whose name no other city of any size shares much: its start,
        its end and the place."""
        words = tokens_of(doc)
        best = None
        for s in range(i, j):
            for e in range(j, s, -1):
                if best is not None and e - s <= best[1] - best[0]:
                    break
                name = words.span(s, e)
                if e < len(words) and words.text[e] in self.org_words:
                    continue  # "Stockton Police Department": an organisation's name
                place = scene.get(name)
                if place is None and self._context(doc, s, e):
                    place = self.reference.get(name) or self._large(name)
                elif (
                    place is None
                    and (s, e) == (i, j)
                    and s > 0
                    and words.text[s - 1].isalpha()
                    and words.lower[s - 1] == words.text[s - 1]
                ):
                    # the whole run after a lower-case word: "told Albuquerque it …"; a city of the story's prior
                    place = self.reference.get(name) or self._large(name, BIG)
                elif place is None and (s, e) == (i, j) and doc[s].is_sent_start and e < len(words) and doc[e].is_lower:
                    place = self.reference.get(name)  # the story's prior: "Stockton is one of them."
                if place is not None:
                    best = (s, e, place)
        return best

    def _of_the_scenes_state(
        self, doc: Doc, i: int, j: int, own: set[str], ends: set[int]
    ) -> tuple[int, int, object] | None:
        """A bare name after "in", "of" or "from", listed after a city ("from Manteca, Tracy and Lathrop"), or
        signing a line after a comma ("— Lorraine Pacheco, Redlands"), that one city alone bears of the states the
        text has set its scene in (the states it names, and those of the cities it has placed): "a resident of Lodi"
        in a Stockton story, "in Towson" in a Baltimore one. Never the end of an organisation's name ("the Chamber
        of Commerce", "the University of Redlands"), but after a person's name ("Marisol Trujillo of Rio Rancho").
        ``ends``: where the cities found so far end."""
        words = tokens_of(doc)
        if not own or i < 2 or (j < len(words) and words.text[j] in self.org_words):
            return None
        before = words.lower[i - 1]
        signs = before == "," and (j == len(words) or "\n" in words.text[j] or "\n" in doc[j - 1].whitespace_)
        listed = any(k in ends and all(words.text[m] in self.list_joins for m in range(k, i)) for k in (i - 1, i - 2))
        if not (signs or listed) and (
            before not in self.home_words
            or (_is_word(words.text[i - 2]) and not doc[i - 2].is_sent_start and not _after_a_person(doc, i - 1))
        ):
            return None
        name = words.span(i, j)
        places = [p for p in self._by_name(name) if p.state in own] if name not in self.full_names else []
        return (i, j, places[0]) if len(places) == 1 else None

    def _large(self, name: str, least: int = 0):
        """A city a bare name can only mean: one of at least LARGE people (or ``least``), at least DOMINANT times
        the next city of that name, and not a state's name too ("Washington", "New York")."""
        if name in self.full_names:
            return None
        place = self._dominant(name)
        return place if place is not None and place.population >= max(LARGE, least) else None

    def _state_after(self, doc: Doc, end: int) -> str | None:
        """A state written right after a list: "San Bernardino and Stockton in California"."""
        words = tokens_of(doc)
        if end + 1 < len(words) and words.lower[end] in self.state_after_list:
            for n in (3, 2, 1):
                form = words.span(end + 1, end + 1 + n)
                if form in self.full_names or (form in self.states and len(form) > 2):
                    return self.states[form]
        return None

    def _bare(self, doc: Doc, taken: set[int], scene: dict, add, found: list[Span], spans: _Spans) -> None:
        items = [(sp.start, sp.end, True) for sp in found if sp.label_ == "city"]  # (start, end, known)
        resolved_here = False
        states = {k for sp in found if sp.label_ != "city" for k in range(sp.start, sp.end)}
        for i, j in list(self._runs(doc, taken)):
            hit = self._known(doc, i, j, scene)
            if hit is not None:
                s, e, place = hit
                add(s, e, "city", place.city_id, PlaceInfo("bare", place.state, None, place))
                items.append((s, e, True))
                if place.name not in scene:  # a city named in a place's context is part of the scene from there on
                    scene[place.name] = place
                    resolved_here = True
            else:
                items.append((i, j, False))
        items.sort()
        resolved_here = self._lists(doc, items, states, scene, add) or resolved_here
        own = {p.state for p in scene.values()} | {kb.split("-", 1)[1].upper() for kb in _state_ids(found)}
        ends = {sp.end for sp in spans.spans if sp.label_ == "city"}
        for i, j in list(self._runs(doc, taken)):  # what is left: a town of the scene's state ("a resident of Lodi")
            hit = self._of_the_scenes_state(doc, i, j, own, ends)
            if hit is not None:
                s, e, place = hit
                add(s, e, "city", place.city_id, PlaceInfo("bare", place.state, None, place))
                ends.add(e)
                if place.name not in scene:
                    scene[place.name] = place
                    resolved_here = True
        if resolved_here:  # a city a bare list named is part of the scene from there on
            for i, j in list(self._runs(doc, taken)):
                hit = self._known(doc, i, j, scene)
                if hit is not None and hit[2].name in scene:
                    s, e, place = hit
                    add(s, e, "city", place.city_id, PlaceInfo("bare", place.state, None, place))
        self._misspelt(doc, taken, scene, add)

    def _lists(self, doc: Doc, items: list[tuple[int, int, bool]], states: set[int], scene: dict, add) -> bool:
        """5. lists: names joined by commas, semicolons and "and", with a state after, a known city among them, or
        "cities" just before them. True when it resolved a city."""
        resolved_here = False
        groups: list[list[tuple[int, int, bool]]] = []
        for item in items:
            if groups and self._joined(doc, groups[-1][-1][1], item[0], states):
                groups[-1].append(item)
            else:
                groups.append([item])
        for group in groups:
            unknown = [(i, j) for i, j, known in group if not known]
            if not unknown or len(group) < 2:
                continue
            state = self._state_after(doc, group[-1][1])
            lower = tokens_of(doc).lower
            cities_before = any(lower[k] in self.list_nouns for k in range(max(0, group[0][0] - 5), group[0][0]))
            if not state and not cities_before and not any(known for _, _, known in group):
                continue
            for i, j in unknown:
                name = tokens_of(doc).span(i, j)
                place = None
                if state is not None and self.gazetteer is not None:
                    place = self.gazetteer.resolve(name, state)
                    place = place if place is not None and place.matched == "exact" else None
                place = place or self._dominant(name)
                if place is not None:
                    add(i, j, "city", place.city_id, PlaceInfo("list", place.state, None, place))
                    scene.setdefault(place.name, place)
                    resolved_here = True
        return resolved_here

    def _misspelt(self, doc: Doc, taken: set[int], scene: dict, add) -> None:
        """6. misspellings of the scene's and the reference's cities ("San Bernadino")."""
        names = {**self.reference, **scene}
        by_words: dict[int, list[str]] = {}
        for n in names:
            by_words.setdefault(len(n.split()), []).append(n)
        for i, j in list(self._runs(doc, taken)):
            written = tokens_of(doc).span(i, j)
            candidates = by_words.get(j - i, [])
            if written in names or not candidates or not self._context(doc, i, j):
                continue
            close = difflib.get_close_matches(written, candidates, n=1, cutoff=FUZZY_CUTOFF)
            if close:
                p = names[close[0]]
                score = round(difflib.SequenceMatcher(None, written, close[0]).ratio(), 3)
                add(i, j, "city", p.city_id, PlaceInfo("fuzzy", p.state, None, p, score))

    def _joined(self, doc: Doc, end: int, start: int, states: set[int]) -> bool:
        """Only list words (commas, semicolons, "and"), and the state of the item before, lie between two items."""
        if start < end or start - end > 6:
            return False
        words = tokens_of(doc)
        return all(
            words.text[k] in self.list_joins or (words.is_space[k] and "\n" not in words.text[k]) or k in states
            for k in range(end, start)
        )


def _after_a_person(doc: Doc, k: int) -> bool:
    """A person's name ends right before token ``k``: "wrote Marisol Trujillo | of Rio Rancho"."""
    return any(e.end == k and e.label_ == PERSON for e in doc.ents)


def _state_ids(found: list[Span]) -> list[str]:
    """The ids of the states named on their own ("state-ca")."""
    return [sp.kb_id_ for sp in found if sp.label_ == "state"]
