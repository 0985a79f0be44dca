"""Clauses: where each sentence's clauses break, found once by the reader for every later reading.

The story layer takes a lone city's role from its own clause, and a count's launch word from its clause
(``etl.story``); a date's clause before it says whether it lies ahead (``etl.read.dates``). Both read the clauses
found here, from the lexicon's ``[story]`` words: a sentence breaks at semicolons, at a dash between spaces, at a
comma before a conjunction (", but"), at a clause word anywhere ("while", "if"), and a relative clause between
commas (", who worked ... in Modesto before she was elected,") is a clause of its own.
"""

from __future__ import annotations

import itertools
import re

from etl.read.model import Sentence, Span


def _alternatives(words) -> str:
    """Words or phrases as one alternation of literal text, in the lexicon's order."""
    return "|".join(re.escape(w) for w in words)


class Clauses:
    """The clause breaks of the lexicon's ``[story]`` words, compiled once per reader."""

    def __init__(self, words: dict):
        conjunctions = _alternatives(words["clause_conjunctions"])
        self.breaks = re.compile(
            rf";|,\s+(?:{conjunctions})\b|\s[—–]\s|" + "|".join(rf"\b{re.escape(x)}\b" for x in words["clause_words"])
        )
        self.aside = re.compile(rf",\s+(?:{_alternatives(words['relatives'])})\b[^,]*,")

    def split(self, text: str) -> list[tuple[int, int]]:
        """One sentence's clauses, as character ranges of ``text``; each break is a piece of its own."""
        cuts = {0, len(text)}
        for pattern in (self.breaks, self.aside):
            for m in pattern.finditer(text):
                cuts |= {m.start(), m.end()}
        return [(a, b) for a, b in itertools.pairwise(sorted(cuts)) if b > a]

    def of(self, text: str, sentences: list[Sentence]) -> list[list[Span]]:
        """Every sentence's clauses, as spans of the article's text, sentence by sentence."""
        return [
            [Span(s.start + a, s.start + b, text[s.start + a : s.start + b]) for a, b in self.split(s.surface)]
            for s in sentences
        ]
