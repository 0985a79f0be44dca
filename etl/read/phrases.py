"""Phrases: where the text has any phrase of the lists the reader is given, as ``Phrase`` spans.

The reader does not know what a phrase means: it is given named lists (a role's cue phrases, its anaphors, the
phrases that say a sentence is no role's), and marks every place a sentence holds one, on whole words and in any
case, each with the list it comes from. A phrase inside a longer one of the lists is marked too ("not consider" in
"would not consider"): the story layer chooses among them by offset (``etl.story``), never by reading the text.
"""

from __future__ import annotations

import re

from etl.read.model import Phrase, Sentence

# The names the refresh gives the lists (``etl.read.pipeline``), by which the story layer looks them up: a role's
# lists are its fields of the same names (``etl.lexicon.Role``).
CUES, ANAPHORS, PROGRAM_WORDS, LAUNCH_WORDS = ROLE_LISTS = ("cues", "anaphors", "program_words", "launch_words")
NOT_A_ROLE = "not_a_role"  # the phrases that cancel a role's cue ("had been interested in")
WITHDRAWN = "withdrawn"  # the phrases that say a sentence reports a claim the text withdraws ("an earlier version")
SAME = "same_as_before"  # the words that say a sentence repeats the one before ("sent the same message to")
WHOLE = "count_wholes"  # the words between two counts that set the second as the whole ("is among the 12 sites")
PARTITIVE = "partitive_openings"  # the words that open a sentence before the whole it picks from ("Of the 16 …")
NEGATED = "negated_openings"  # the words that open a sentence that denies what it says of its cities ("Neither …")
CONTRAST = "contrast_openings"  # the words right before a list set against its sentence ("Unlike Houston and …")
PICKS_SOME = "partitive_before"  # the words right before an anaphor that pick some of a count ("four of them")
OTHER_MATTER = "other_matter"  # the words that open a sentence on another matter ("Separately, …")

_EDGE = r"\w’'"  # a phrase neither begins nor ends inside a word (an apostrophe belongs to the word)


class Phrases:
    """The phrases of named lists, compiled once per reader into one pattern."""

    def __init__(self, lists: list[tuple[str, str, tuple[str, ...] | list[str]]]):
        """``lists``: (group, kind, phrases): whose list it is (a role's name, or ""), what it is, its phrases."""
        self.owners: dict[str, list[tuple[str, str, str]]] = {}  # lower-case phrase -> (group, kind, phrase)
        for group, kind, phrases in lists:
            for p in phrases:
                owners = self.owners.setdefault(p.lower(), [])
                if (group, kind, p) not in owners:
                    owners.append((group, kind, p))
        longest = sorted(self.owners, key=len, reverse=True)
        body = "|".join(re.escape(p) for p in longest)
        # at every position the longest phrase that stands there; the shorter ones it begins with are checked alone
        self.pattern = re.compile(rf"(?<![{_EDGE}])(?=((?:{body}))(?![{_EDGE}]))", re.IGNORECASE)
        # the shorter phrases each one begins with, longest first (looked up by prefix: the lists hold hundreds)
        self.prefixes = {p: [p[:k] for k in range(len(p) - 1, 0, -1) if p[:k] in self.owners] for p in longest}
        self.edge = re.compile(rf"[{_EDGE}]")

    def of(self, sentences: list[Sentence]) -> list[list[Phrase]]:
        """Each sentence's phrases, in reading order (a longer one before a shorter one at the same place)."""
        return [self._in(s) for s in sentences] if self.owners else [[] for _ in sentences]

    def _in(self, s: Sentence) -> list[Phrase]:
        text, out = s.surface, []
        label = _label_end(s)
        for m in self.pattern.finditer(text):
            at, longest = m.start(), m.group(1).lower()
            if at < label:
                continue  # "Letter: Albuquerque should not …": a headline's section label is no word of the text
            for i, p in enumerate((longest, *self.prefixes[longest])):
                end = at + len(p)
                if i and end < len(text) and self.edge.match(text, end):
                    continue
                for group, kind, written in self.owners[p]:
                    out.append(Phrase(s.start + at, s.start + end, text[at:end], kind, group, written))
        return out


LABEL_WORDS = 3  # a headline's section label before a colon ("Letter:", "Q&A:", "Week ahead:") has at most these


def _label_end(s: Sentence) -> int:
    """Where a headline's section label ends (its colon), or 0: "Letter: Albuquerque should not have to choose"."""
    colon = s.surface.find(":")
    if s.kind != "headline" or colon < 0 or len(s.surface[:colon].split()) > LABEL_WORDS:
        return 0
    return colon
