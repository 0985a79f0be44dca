"""Sentence boundaries that respect how news copy is laid out: one paragraph per line, a headline without a full
stop, bullet and fact-box lines, a transcript's speaker turns, a dateline before the first sentence, and
abbreviations that end a sentence ("… Stockton, Calif. The city …") or do not ("Sen. Patty Murray", "Aug. 18").

A spaCy component (``story_sentences``) that sets ``Token.is_sent_start`` on every token and records each
line's kind in ``doc.spans["lines"]``. Its words come from the lexicon's ``[sentences]`` section.
"""

from __future__ import annotations

import bisect
import calendar

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from etl.read.model import tokens_of

CLOSERS = frozenset({"”", '"', "’", "'", ")", "]", "»"})
OPENERS = frozenset({"“", '"', "‘", "'", "(", "[", "«"})
ENDS = frozenset({".", "!", "?", "…"})


def _footnote(text: str) -> bool:
    """A footnote's marker, "[1]": it belongs to the sentence before it."""
    return text[:1] == "[" and text[-1:] == "]" and text[1:-1].isdigit()


CALENDAR_MONTHS = frozenset(
    [*calendar.month_name[1:], *calendar.month_abbr[1:], *(f"{m}." for m in calendar.month_abbr[1:])]
)
WEEKDAYS = frozenset(calendar.day_name)


def _line_starts(doc: Doc) -> list[bool]:
    """For each token: is it the first token of a line (after a newline, or the first of the text)?"""
    tokens = tokens_of(doc)
    out = [False] * len(tokens)
    after_newline = True
    for k, text in enumerate(tokens.text):
        out[k] = after_newline
        after_newline = (after_newline or "\n" in text) if tokens.is_space[k] else False
    return out


@Language.factory("story_sentences", default_config={"data": {}})
def make_story_sentences(nlp: Language, name: str, data: dict) -> StorySentences:
    """The component, built from its ``data`` (lists and tables of words, never an article's)."""
    return StorySentences(nlp, **data)


class StorySentences:
    def __init__(self, nlp, words: dict, dates: dict, state_abbreviations: list):
        """``words``: the lexicon's ``[sentences]``; ``dates``: its ``[dates]`` (the month forms the calendar lacks)."""
        self.months = CALENDAR_MONTHS | frozenset(dates["month_forms"])
        self.never_final = frozenset(w.lower() for w in words["never_final"])  # "MS. OKAFOR:" in a transcript too
        self.openers = frozenset(words["openers"])
        self.not_after_final = frozenset(words["time_zones"]) | self.months | WEEKDAYS
        self.final_when_capital = frozenset([*words["time_abbreviations"], *state_abbreviations])
        self.bullets = frozenset(words["bullets"])
        self.dashes = frozenset(words["dateline_dashes"])
        self.agencies = frozenset(words["dateline_agencies"])
        self.turn_labels = tuple(words["turn_labels"])

    # ---- one line ------------------------------------------------------------------------------------------

    def _line_kind(self, doc: Doc, i: int, first_line: bool) -> str:
        t = doc[i]
        if first_line:
            return "headline"
        if t.text in self.bullets and i + 1 < len(doc) and not doc[i + 1].is_space and t.whitespace_:
            return "bullet"
        if t.text[:1] in self.bullets and len(t.text) > 1 and not t.text[1:2].isalnum():
            return "bullet"
        if t.like_num and i + 1 < len(doc) and doc[i + 1].text in (".", ")") and doc[i + 1].whitespace_:
            return "bullet"  # a numbered list: "1. Baltimore, Maryland"
        # A speaker's turn in a transcript: "Q:", "SESSIONS:", "SEN. MURRAY:".
        j = i
        while (
            j < len(doc) and j - i < 4 and (doc[j].is_upper or doc[j].text in self.turn_labels) and not doc[j].is_space
        ):
            j += 1
        if j > i and j < len(doc) and doc[j].text == ":":
            return "turn"
        return "text"

    def _dateline_end(self, doc: Doc, i: int, line_end: int) -> int | None:
        """The index of the dash that closes a dateline starting at token ``i`` ("ALBUQUERQUE, N.M. (AP) —")."""
        if not (doc[i].is_upper and doc[i].is_alpha and len(doc[i].text) > 1):
            return None
        j, after_comma = i, False
        while j < min(line_end, i + 12):
            t = doc[j]
            if t.text in self.dashes:
                return j if j > i else None
            after_comma = after_comma or t.text == ","
            ok = (
                (t.is_upper and t.is_alpha)
                or t.text in (",", "(", ")", ".")
                or t.text in self.agencies
                or (t.text.endswith(".") and t.text[:1].isupper())
                or (after_comma and t.text.istitle())
            )
            if not ok:
                return None
            j += 1
        return None

    def _ends_sentence(self, doc: Doc, i: int, line_end: int) -> int | None:
        """If token ``i`` ends a sentence, the index of the next sentence's first token; else None."""
        tokens = tokens_of(doc)
        text = tokens.text[i]
        abbreviation = len(text) > 1 and text.endswith(".") and any(c.isalpha() for c in text)
        if text not in ENDS and not abbreviation:
            return None
        j = i + 1
        while j < line_end and (
            (tokens.text[j] in CLOSERS and not (tokens.spaced[j - 1] and tokens.text[j] in OPENERS))
            or _footnote(tokens.text[j])
        ):
            j += 1  # a straight quotation mark after a space opens the next sentence: 'after her. "We stay," …'

        while j < line_end and tokens.is_space[j]:
            j += 1
        if j >= line_end:
            return None
        if j == i + 1 and not tokens.spaced[i]:  # "U.S.-led", ".com": no space after it
            return None
        nxt = tokens.text[j]
        starts = nxt[:1].isupper() or nxt[:1].isdigit() or nxt in OPENERS
        if not starts:
            return None
        if text in ENDS:
            glued = i > 0 and not tokens.spaced[i - 1]
            if text == "." and glued and (tokens.text[i - 1] + ".").lower() in self.never_final:
                return None  # "Lt." written as "Lt" and "." by the tokenizer: a title, not a sentence's end
            return j
        # An abbreviation ends a sentence only where the next word could not belong to it.
        if text.lower() in self.never_final:
            return None
        if text in self.months and nxt[:1].isdigit():
            return None
        if nxt in self.openers:
            return j
        if text in self.final_when_capital and nxt not in self.not_after_final and not nxt[:1].isdigit():
            return j
        return None

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        line_start = _line_starts(doc)
        starts = [False] * n
        lines: list[Span] = []
        first_line = True
        i = 0
        while i < n:
            if doc[i].is_space:
                i += 1
                continue
            # one line: from token i to the first token that starts another line
            line_end = i + 1
            while line_end < n and not line_start[line_end]:
                line_end += 1
            starts[i] = True
            kind = self._line_kind(doc, i, first_line)
            body = i
            if kind == "turn":
                j = i
                while doc[j].text != ":":
                    j += 1
                body = j + 1
            dash = self._dateline_end(doc, i, line_end) if kind == "text" else None
            if dash is not None:
                lines.append(Span(doc, i, dash + 1, label="dateline"))
                body = dash + 1
                while body < line_end and doc[body].is_space:
                    body += 1
                if body < line_end:
                    starts[body] = True
                kind = "text"
            if body < line_end:
                lines.append(Span(doc, i if kind in ("turn", "bullet") else body, line_end, label=kind))
            if kind == "bullet":  # the marker ("•", "-", "1.") is no sentence end
                body = i + (2 if doc[i].like_num else 1)
            if kind != "headline":
                for k in range(body, line_end):
                    nxt = self._ends_sentence(doc, k, line_end)
                    if nxt is not None:
                        starts[nxt] = True
            first_line = False
            i = line_end
        # Token.is_sent_start's setter scans the whole Doc for a parse on every call: set them all in one call.
        flags = numpy.array([1 if start or not k else -1 for k, start in enumerate(starts)], dtype=numpy.int64)
        doc.from_array([SENT_START], flags.astype(numpy.uint64))
        doc.spans["lines"] = lines
        doc.user_data["sentence_starts"] = [k for k, start in enumerate(starts) if start or not k]
        return doc


def sentence_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """The token range of the sentence holding token ``i`` (without building spaCy's sentence spans)."""
    starts = doc.user_data["sentence_starts"]
    k = bisect.bisect_right(starts, i) - 1
    return starts[k], starts[k + 1] if k + 1 < len(starts) else len(doc)
