"""Clauses: where a sentence's clauses, phrases and inner sentences end, the one place that knows it.

The reader's clauses (``Clauses``) are found once per article, from the lexicon's ``[story]`` words: a sentence
breaks at semicolons, at a dash between spaces, at a comma before a conjunction (", but"), at a clause word anywhere
("while", "if"), and a relative clause between commas (", who worked ... in Modesto before she was elected,") is a
clause of its own. The story layer takes a lone city's role and a count's launch word from them (``etl.story``); a
date's clause before it says whether it lies ahead (``etl.read.dates``).

The resolver (``etl.resolve``) asks other questions of a sentence, each with its own cut, all kept here: a date's
clause for its evidence (``RelativeClauses``: cut at relative words, not at the "that" of what someone said), the
phrase around a date (``phrase_around``: up to the nearest comma, colon or dash), how far apart a name and a tally
are (``breaks``, counted by ``Reading.apart``), a tally's own words and the phrase after it (``with_words``:
``since_previous``, ``trailing``; ``part_from``). The
quotations' cues (``etl.read.quotes``) ask where a quotation's label begins (``label_start``) and for the words just
around a speech verb (``words_near``).
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import replace

from etl.lexicon import Lexicon, phrase
from etl.read.model import Sentence, Span

PHRASE_MARKS = ",;:—–"  # the marks that end a phrase inside a clause
BRACKETS = "()"  # an aside, a break between two spans but no end of a phrase
ANTECEDENT = 40  # characters before a relative clause that it hangs on
SPEECH_BEFORE_THAT = 30  # characters: "said on Thursday that", "told reporters Tuesday that"
NEAR_BEFORE, NEAR_AFTER = 12, 20  # characters around a speech verb where its pronoun stands ("“…,” he said")

_PHRASE_BREAK = re.compile(f"[{re.escape(PHRASE_MARKS)}]")
_BREAK = re.compile(f"[{re.escape(PHRASE_MARKS + BRACKETS)}]")
_STOP = re.compile(r"[.!?]\s")  # a sentence's end inside the reader's sentence, before a label ("statement. Quote:")


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


def _piece(sentence: Span, begin: int, end: int) -> Span:
    """``sentence.surface[begin:end]`` as a span of the article's text."""
    return Span(sentence.start + begin, sentence.start + end, sentence.surface[begin:end])


class RelativeClauses:
    """A date's clause as evidence for an event: its sentence cut at relative words ("... ends a vacancy | that dates
    to August 2015") and semicolons, but not at the "that" of what someone said ("said on Tuesday that he wouldn't
    ..."), so the words of another clause never count for the date."""

    def __init__(self, relative_words, reported, verbs, joins=()):
        """``relative_words``: the lexicon's ``[dates]`` relatives; ``reported``: those that open what someone said
        after a speech verb (one of ``verbs``); ``joins``: the prepositions that may stand between a verb and its
        date ("said on Friday")."""
        self.relative = re.compile(rf"\b(?:{_alternatives(relative_words)})\b")
        self.reported = frozenset(reported)
        self.verbs = verbs
        before = rf"(?:\s+(?:{_alternatives(joins)}))?" if joins else ""
        self.saying = re.compile(rf"\b(?:{_alternatives(verbs)}){before}\s+$", re.IGNORECASE)

    def dates_a_saying(self, sentence: Span, at: int) -> bool:
        """The date at ``at`` follows a speech verb ("officials said Friday they were blindsided by the letter"): it
        is the day someone spoke, which may come after what they spoke of."""
        return self.saying.search(sentence.surface[: at - sentence.start]) is not None

    def _after_speech(self, text: str, m: re.Match) -> bool:
        """A "that" that opens what someone said: a speech verb in the few words before it."""
        if m.group(0) not in self.reported:
            return False
        before = text[max(0, m.start() - SPEECH_BEFORE_THAT) : m.start()].lower()
        return any(v and phrase(v).search(before) for v in self.verbs)

    def at(self, sentence: Span, at: int) -> tuple[Span, Span]:
        """The clause of ``sentence`` that holds the offset ``at``, and, for a relative clause, the words before it
        that it hangs on ("the Public Safety Partnership, | which was launched last month")."""
        text, at = sentence.surface, at - sentence.start
        relative = [m.start() for m in self.relative.finditer(text) if not self._after_speech(text, m)]
        cuts = [0, *relative, *(m.start() for m in re.finditer(";", text))]
        begin = max(c for c in cuts if c <= at)
        end = min([c for c in cuts if c > at], default=len(text))
        return _piece(sentence, begin, end), _piece(sentence, max(0, begin - ANTECEDENT), begin)


def relative_clauses(lexicon: Lexicon) -> RelativeClauses:
    """The date clauses of the lexicon's ``[dates]`` relatives and its speech verbs, compiled once per lexicon."""
    words, verbs = lexicon.dates, lexicon.people["speech_verbs"]
    return _relative_clauses(
        tuple(words["clause_relatives"]), tuple(words["reported_speech"]), tuple(verbs), tuple(words["prepositions"])
    )


@functools.cache
def _relative_clauses(relative_words: tuple, reported: tuple, verbs: tuple, prepositions: tuple) -> RelativeClauses:
    """Cached by the words: the resolver asks for it once per date."""
    return RelativeClauses(relative_words, reported, verbs, prepositions)


def phrase_around(sentence: Span, start: int, end: int) -> Span:
    """The words around ``start:end`` in ``sentence`` up to the nearest commas, semicolons, colons or dashes:
    "Republicans won a cloture vote on the nomination Wednesday morning", not the committee an appositive
    mentions."""
    text, start, end = sentence.surface, start - sentence.start, end - sentence.start
    breaks = [m.start() for m in _PHRASE_BREAK.finditer(text)]
    begin = max([0, *(b + 1 for b in breaks if b < start)])
    stop = min([len(text), *(b for b in breaks if b >= end)])
    return _piece(sentence, begin, stop)


def apart(text: str, a: Span, b: Span) -> tuple[int, int]:
    """How far apart two spans are: the breaks between them (commas, dashes, brackets...), then characters; a name
    and a tally in one clause are closer than a name two commas away."""
    between = text[min(a.end, b.end) : max(a.start, b.start)]
    return len(_BREAK.findall(between)), len(between)


def breaks(text: str) -> list[int]:
    """Where the text has a phrase break or a bracket, in order (``Reading.apart`` counts them between two spans)."""
    return [m.start() for m in _BREAK.finditer(text)]


def with_words(rd, tallies: list) -> list:
    """Each tally with its own words and the phrase after it (``since_previous``, ``trailing``), so the resolve stage
    reads what a tally is about from spans: "The 50-48 vote came after … by another 50-48 vote". ``rd``: the reading
    whose sentences hold them (``Reading.index_at`` places each)."""
    at = [rd.index_at(t.start) for t in tallies]
    text, out = rd.article.text, []
    for t, k in zip(tallies, at, strict=True):
        s, own = rd.sentences[k], [x for x, j in zip(tallies, at, strict=True) if j == k]
        out.append(replace(t, words=since_previous(text, s, own, t), after=trailing(text, s, own, t)))
    return out


def since_previous(text: str, sentence: Span, marks: list[Span], mark: Span) -> Span:
    """The words that speak of one of a sentence's ``marks``: the whole sentence when it is the only one; else from
    the end of the mark before it (or the sentence's start) to its own end, so that "The 50-48 vote came after
    Republicans broke a filibuster by another 50-48 vote" gives each tally its own words."""
    before = [x.end for x in marks if x.end <= mark.start]
    if not before and not [x for x in marks if x.start > mark.start]:
        return sentence
    begin = max(before, default=sentence.start)
    return Span(begin, mark.end, text[begin : mark.end])


def trailing(text: str, sentence: Span, marks: list[Span], mark: Span) -> Span:
    """The words right after one of a sentence's ``marks`` up to the next phrase break, or the sentence's end:
    "votes 50-48 | to end debate on Kaplan|, then confirms him, 50-48", what the vote was for. None (an empty span)
    when no break parts them from the next mark ("The 50-48 vote came after … by another 50-48 vote")."""
    after = [x.start for x in marks if x.start >= mark.end]
    stop = min([sentence.end, *after])
    found = _PHRASE_BREAK.search(text, mark.end, stop)
    end = found.start() if found else mark.end if after else stop
    return Span(mark.end, end, text[mark.end : end])


def part_from(span: Span, begin: int) -> Span:
    """The part of ``span`` from the offset ``begin`` on."""
    return Span(begin, span.end, span.surface[begin - span.start :])


def label_start(text: str, start: int, end: int) -> int:
    """Where the last sentence of ``text[start:end]`` begins: after its last full stop (or "!", "?") and a space, or
    after its last line break. The reader keeps a script's label with the sentence before it ("... a written
    statement. Quote: “"); the label is read alone."""
    stops = [m.end() for m in _STOP.finditer(text, start, end)]
    return max(stops[-1] if stops else start, text.rfind("\n", start, end) + 1)


@functools.cache
def _word(word: str) -> re.Pattern:
    return re.compile(rf"\b{re.escape(word)}\b")


def words_near(text: str, floor: int, at: int, end: int, words) -> list[Span]:
    """Where ``words`` stand as whole words within a few characters of ``text[at:end]`` (a speech verb: "he said",
    "said she"), not before ``floor`` (its sentence's start)."""
    lo = max(floor, at - NEAR_BEFORE)
    window = text[lo : end + NEAR_AFTER]
    return [Span(lo + m.start(), lo + m.end(), m.group()) for w in words for m in _word(w).finditer(window)]
