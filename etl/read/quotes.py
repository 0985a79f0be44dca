"""Quotations: the words inside a pair of quotation marks, four words or more (scare quotes such as “violent
crime” are left out). A curly opening mark pairs with the next closing one, even a paragraph later; straight
marks pair within their paragraph. ``story_quotes`` writes ``doc.spans["quotes"]``.

Their attribution (``Attributions``): the cues to each quotation's speaker in its own sentences and in the
sentence before and the one after them in its paragraph, as typed spans (``model.Cue``): the lexicon's speech verbs
outside the quotation, its pronouns a few characters from a verb, the asides between a name and the verb after it,
a script's label before the quotation, the colon that ends the sentence before it. Who the cues name is the resolve
stage's question (``etl.resolve.speakers``), read from these spans and the mentions alone."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from etl.lexicon import phrase
from etl.read.clauses import label_start, words_near
from etl.read.model import (
    AFTER,
    ASIDE,
    BEFORE,
    COLON,
    LABEL,
    OWN,
    PRONOUN,
    VERB,
    Attribution,
    Cue,
    Quote,
    Reading,
    text_of,
)

MIN_WORDS = 4
TRAILING = ",; "

# Between a speaker and the verb after it, an appositive or a party in brackets: "Renata Solis, who coordinates
# federal grants for the city, said"; "Sen. Patty Murray (D-Wash.) said".
_ASIDE = re.compile(r"^\s*(?:,[^“”\"]*,|\([^)]*\))\s*$")
_LABEL = re.compile(r"^[^“”\"\n.!?]{1,40}:\s*[“\"]?$")  # "ACT (CASTELLANOS): “", "Quote: “", a script's cue


@Language.factory("story_quotes", default_config={})
def make_story_quotes(nlp, name):
    return story_quotes


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the quoted words (without a trailing comma or semicolon)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "“":
            close = text.find("”", i + 1)
            reopen = text.find("“", i + 1)
            if close == -1 or (reopen != -1 and reopen < close):
                end = text.find("\n", i + 1)
                end = n if end == -1 else end
                if reopen != -1 and reopen < end:
                    end = reopen
                out.append((i + 1, end))
                i = end
                continue
            out.append((i + 1, close))
            i = close + 1
            continue
        if ch == '"':
            line_end = text.find("\n", i + 1)
            line_end = n if line_end == -1 else line_end
            close = text.find('"', i + 1, line_end)
            if close != -1:
                out.append((i + 1, close))
                i = close + 1
                continue
        i += 1
    spans = []
    for s, e in out:
        while e > s and text[e - 1] in TRAILING + "\n":
            e -= 1
        if len(text[s:e].split()) >= MIN_WORDS:
            spans.append((s, e))
    return spans


def story_quotes(doc: Doc) -> Doc:
    spans = []
    quotes = quote_spans(text_of(doc))
    for s, e in quotes:
        span = doc.char_span(s, e, label="quote", alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans["quotes"] = spans
    doc.user_data["quotes"] = quotes
    return doc


class Attributions:
    """The cues to the speakers of an article's quotations, from the lexicon's ``[people]`` speech verbs and
    pronouns; built once per reader."""

    def __init__(self, people: dict):
        self.verbs = [phrase(v) for v in people["speech_verbs"]]
        # Where any of them may begin (``phrase``'s bounds, looked ahead so that one verb inside another is found
        # too: "said in a statement"): one scan of the words, then each verb tried there.
        words = "|".join(re.escape(v.lower()) for v in people["speech_verbs"])
        self.starts = re.compile(rf"(?<![\w’'])(?=(?:{words})(?![\w’']))", re.IGNORECASE)
        self.pronouns = people["pronouns"]

    def of(self, rd: Reading) -> list[Attribution]:
        """Each quotation's cues, in the quotations' order (call once the mentions are final)."""
        return [self._one(rd, q) for q in rd.quotes]

    def _one(self, rd: Reading, q: Quote) -> Attribution:
        text = rd.article.text
        first, last = rd.index_at(q.start), rd.index_at(max(q.start, q.end - 1))
        start, end = rd.sentences[first].start, rd.sentences[last].end
        cues = [*_label(text, start, q), *self._near(rd, q, start, end, OWN)]
        paragraph = rd.sentences[first].paragraph
        for k, side in ((first - 1, BEFORE), (last + 1, AFTER)):
            if 0 <= k < len(rd.sentences) and rd.sentences[k].paragraph == paragraph:
                s = rd.sentences[k]
                cues += self._near(rd, q, s.start, s.end, side)
                if side == BEFORE and s.surface.endswith(":"):
                    cues.append(Cue(s.end - 1, s.end, s.surface[-1], COLON, side))
        return Attribution(q, tuple(cues))

    def _near(self, rd: Reading, q: Quote, start: int, end: int, side: int) -> list[Cue]:
        """The speech verbs of ``text[start:end]`` outside the quotation (and a character either side of it), each
        with the pronouns a few characters from it (``words_near``: not before ``start``, not inside the quotation)
        and the asides between a name of those words and it."""
        text = rd.article.text
        found = sorted(
            (at, m.end())
            for at in (x.start() for x in self.starts.finditer(text, start, end))
            if not q.start - 1 <= at < q.end + 1
            for m in (verb.match(text, at, end) for verb in self.verbs)
            if m is not None
        )
        names = [m for m in rd.mentions if start <= m.start < end and not q.start - 1 <= m.start <= q.end]
        cues, asides = [], set()
        for a, b in found:
            cues.append(Cue(a, b, text[a:b], VERB, side))
            for w in words_near(text, start, a, b, self.pronouns):
                if not q.start <= w.start < q.end:
                    cues.append(Cue(w.start, w.end, w.surface, PRONOUN, side, a))
            for m in names:
                if m.end <= a and (m.end, a) not in asides and _ASIDE.match(text[m.end : a]):
                    asides.add((m.end, a))
                    cues.append(Cue(m.end, a, text[m.end : a], ASIDE, side, a))
        return cues


def _label(text: str, start: int, q: Quote) -> list[Cue]:
    """A label and a colon before the quotation, as scripts and transcripts write them ("ACT (CASTELLANOS): “"),
    read alone from the last sentence before the quotation in the reader's (``label_start``)."""
    begin = label_start(text, start, q.start)
    if not _LABEL.match(text[begin : q.start]):
        return []
    return [Cue(begin, q.start, text[begin : q.start], LABEL, OWN)]
