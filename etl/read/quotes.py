"""Quotations: the words inside a pair of quotation marks, four words or more (scare quotes such as “violent
crime” are left out). A curly opening mark pairs with the next closing one, even a paragraph later; straight
marks pair within their paragraph. ``story_quotes`` writes ``doc.spans["quotes"]``; who said each one is the
resolve stage's question (``etl.resolve.speakers``)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from etl.read.model import text_of

MIN_WORDS = 4
TRAILING = ",; "


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
