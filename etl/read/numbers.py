"""Counts ("four cities", "a dozen sites", "two Republicans") and vote tallies ("50-48", "50 to 48", "50–48").

``story_numbers`` is a spaCy component. Number words come from ``etl/reference/number_words.csv``; the nouns that
count cities, the fillers that may stand between a number and its noun, and the words that make a pair of numbers
a tally come from the lexicon's ``[numbers]`` section. It runs after the dates, so a number next to a month is a
day ("3 August") and never a count; a tally is read before the counts, so "50 to 48 vote" is no count of votes.
It writes ``doc.spans["tallies"]`` and ``doc.spans["counts"]`` and their values in ``doc.user_data``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from etl.read.model import tokens_of
from etl.read.sentences import sentence_bounds

TALLY_TOKEN = re.compile(r"^([0-9]{1,3})[-–—]([0-9]{1,3})$")
DASHES = frozenset({"-", "–", "—"})
CUE_WINDOW = 20  # tokens on either side of a tally, within its sentence


class Singular:
    """The counted noun as a unit: "cities" -> "city", "Republicans" -> "republican", "sites" -> "site" (the
    lexicon's plural endings)."""

    def __init__(self, words: dict):
        self.endings = dict(words["plural_endings"])
        self.not_plural = tuple(words["not_plural"])
        self.plural_s = words["plural_s"]

    def __call__(self, word: str) -> str:
        w = word.lower()
        for ending, single in self.endings.items():
            if w.endswith(ending) and len(w) > len(ending) + 1:
                return w[: -len(ending)] + single
        if w.endswith(self.plural_s) and not w.endswith(self.not_plural) and len(w) > 3:
            return w[: -len(self.plural_s)]
        return w


@Language.factory("story_numbers", default_config={"data": {}})
def make_story_numbers(nlp: Language, name: str, data: dict) -> StoryNumbers:
    """The component, built from its ``data`` (lists and tables of words, never an article's)."""
    return StoryNumbers(nlp, **data)


class StoryNumbers:
    def __init__(self, nlp, words: dict, number_words: dict):
        """``words``: the lexicon's ``[numbers]``; ``number_words``: ``number_words.csv`` ("four" -> 4)."""
        self.not_before = frozenset(w.lower() for w in words["not_tally_before"])
        self.words = {k.lower(): int(v) for k, v in number_words.items()}
        self.city_nouns = frozenset(words["city_nouns"])
        self.fillers = frozenset(f.lower() for f in words["count_fillers"])
        self.dozen = frozenset(words["dozen"])
        self.dozen_articles = frozenset(words["dozen_articles"])
        self.not_units = frozenset(words["not_units"])
        self.definite = frozenset(words["definite"])
        self.singular = Singular(words)
        self.tally_joins = frozenset(words["tally_joins"])
        self.not_count_after = frozenset(words["not_count_after"])
        self.percent = frozenset(words["percent"])
        self.cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        for cue in words["tally_cues"]:
            self.cues.add("CUE", [nlp.make_doc(cue)])

    def _number(self, text: str, lower: str) -> int | None:
        if text.isdecimal() and len(text) <= 7:
            return int(text)
        return self.words.get(lower)

    def _tallies(self, doc: Doc, taken: set[int]) -> list[tuple[int, int, int, int]]:
        cue_at = sorted(s for _, s, _ in self.cues(doc))
        tokens = tokens_of(doc)
        text, lower, spaced = tokens.text, tokens.lower, tokens.spaced
        found = []
        i = 0
        while i < len(doc):
            hit = None
            m = TALLY_TOKEN.match(text[i])
            if m:
                hit = (i, i + 1, int(m.group(1)), int(m.group(2)))
            elif text[i].isdecimal() and len(text[i]) <= 3 and i + 2 < len(doc):
                joint, other = i + 1, text[i + 2]
                glued = text[joint] in DASHES and not spaced[i] and not spaced[joint]
                if other.isdecimal() and len(other) <= 3 and (glued or lower[joint] in self.tally_joins):
                    hit = (i, i + 3, int(text[i]), int(other))
            share = hit is not None and hit[1] < len(doc) and lower[hit[1]] in self.not_before
            if hit and not share and not any(k in taken for k in range(hit[0], hit[1])):
                first, last = sentence_bounds(doc, hit[0])
                lo, hi = max(first, hit[0] - CUE_WINDOW), min(last, hit[1] + CUE_WINDOW)
                if any(lo <= c < hi for c in cue_at):
                    found.append(hit)
                    i = hit[1]
                    continue
            i += 1
        return found

    def _counts(self, doc: Doc, taken: set[int]) -> list[tuple[int, int, int, str, bool, bool]]:
        tokens = tokens_of(doc)
        text, lower, n = tokens.text, tokens.lower, len(tokens)
        out = []
        for i in range(n):
            if i in taken:
                continue
            start, value = i, self._number(text[i], lower[i])
            if lower[i] in self.dozen:
                value = 12
                if i > 0 and lower[i - 1] in self.dozen_articles:
                    start = i - 1
            if value is None:
                continue
            if text[i].isdecimal() and 1900 <= value <= 2100:
                continue  # a year
            if i > 0 and text[i - 1] in self.not_count_after:
                continue
            nxt = i + 1
            if nxt >= n or text[nxt] in DASHES or lower[nxt] in self.percent:
                continue
            # the counted noun, with fillers before a city noun ("four so-called sanctuary cities")
            j = nxt
            while j < n and j - nxt < 3 and lower[j] not in self.city_nouns:
                if lower[j] in self.fillers or ("-" in text[j] and not text[j].isalpha()):
                    j += 1
                    continue
                break
            if j < n and lower[j] in self.city_nouns and not any(k in taken for k in range(i, j + 1)):
                noun, city = j, True
            else:
                noun, city = nxt, False
                if not text[noun].isalpha() or lower[noun] in self.not_units or noun in taken:
                    continue
            k = start - 1
            while k >= 0 and lower[k] in self.fillers:
                k -= 1
            definite = k >= 0 and lower[k] in self.definite
            out.append((start, noun + 1, value, self.singular(text[noun]), definite, city))
        return out

    def __call__(self, doc: Doc) -> Doc:
        taken = {i for sp in doc.spans.get("dates", []) for i in range(sp.start, sp.end)}
        tallies = self._tallies(doc, taken)
        taken |= {k for s, e, _, _ in tallies for k in range(s, e)}
        counts = self._counts(doc, taken)
        doc.spans["tallies"] = [Span(doc, s, e, label="tally") for s, e, _, _ in tallies]
        doc.spans["counts"] = [Span(doc, s, e, label="count") for s, e, *_ in counts]
        tokens = tokens_of(doc)
        doc.user_data["tallies"] = {(tokens.idx[s], tokens.end(e)): (y, n) for s, e, y, n in tallies}
        doc.user_data["counts"] = {
            (tokens.idx[s], tokens.end(e)): (v, unit, definite, city) for s, e, v, unit, definite, city in counts
        }
        return doc
