"""Plain words at first use: each acronym and legal or Senate term of ``[glossary]`` in ``words.toml`` is spelled
out (``ICE (U.S. Immigration and Customs Enforcement)``) the first time a page, or a chart that stands alone, uses
it; later uses keep the short form. The words of the reference (an event's title, a note) pass through here too,
so they never need editing. The article's own words (inside “…”, and the columns that show them) are never changed.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from dashboard.words import section

QUOTED = re.compile(r"“([^”]*)”|https?://\S+")  # words quoted (the article's, as a rule), and addresses
ARTICLE_COLUMNS = frozenset({"surface", "text", "article_sentence"})  # table columns that show the article's words


@dataclass(frozen=True)
class Term:
    key: str
    means: str
    written: str  # its first form as written (the glossary lists it so)
    pattern: re.Pattern  # the term as written, whole words (a compound such as "DOJ-led" matched whole)

    def first(self, found: str) -> str:
        """The term at its first use: followed by what it means (after a compound, with the term named)."""
        named = f"{self.key}: " if found.startswith(self.key + "-") else ""
        return f"{found} ({named}{self.means})"


@cache
def terms() -> tuple[Term, ...]:
    """The glossary of ``words.toml``, in file order."""
    out = []
    for key, entry in section("glossary").items():
        forms = "|".join(re.escape(w) for w in entry["written"])
        out.append(
            Term(key, entry["means"], entry["written"][0], re.compile(rf"(?<![\w.-])(?:{forms})(?:-\w+)?(?![\w])"))
        )
    return tuple(out)


@dataclass
class Gloss:
    """What one page (or one chart) has spelled out so far; call it on each string in reading order. ``articles``:
    the articles' texts, when known: words quoted from them are left as written, other quoted words (a title of
    our cited records) are spelled out too; without them, everything quoted is left as it is."""

    seen: set[str] = field(default_factory=set)
    articles: tuple[str, ...] | None = None

    def __call__(self, text: str) -> str:
        if not isinstance(text, str) or not text:
            return text
        kept = self._kept(text)
        for term in terms():
            if term.key in self.seen:
                continue
            m = next((m for m in term.pattern.finditer(text) if not _inside(m.start(), kept)), None)
            if m is None:
                continue
            self.seen.add(term.key)
            if text[m.start() :].startswith(term.first(m.group(0))):
                continue  # spelled out already (the Sources page's glossary)
            text = text[: m.start()] + term.first(m.group(0)) + text[m.end() :]
            kept = self._kept(text)
        return text

    def _kept(self, text: str) -> list[tuple[int, int]]:
        """The spans left as written: addresses, and quoted words (those of an article, when the texts are known)."""
        return [
            (m.start(), m.end())
            for m in QUOTED.finditer(text)
            if m.group(1) is None or self.articles is None or any(m.group(1) in a for a in self.articles)
        ]

    def frame(self, frame: pd.DataFrame) -> pd.DataFrame:
        """A table's cells in reading order (row by row), the article's own words left as they are."""
        out = frame.copy()
        for i in range(len(out)):
            for j, col in enumerate(out.columns):
                if col not in ARTICLE_COLUMNS:
                    out.iat[i, j] = self.piece(out.iat[i, j])
        return out

    def piece(self, value):
        """A string, or a link's label; anything else as it is."""
        if isinstance(value, str):
            return self(value)
        if dataclasses.is_dataclass(value) and hasattr(value, "label"):
            return dataclasses.replace(value, label=self(value.label))
        return value


def _inside(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= at < b for a, b in spans)


def each(text: str) -> str:
    """``text`` read alone (a hover, a lookup's line): every term in it spelled out at its first use."""
    return Gloss()(text)


# A block's content (``dashboard.blocks``) in reading order: these fields hold no words a reader reads as prose
# (addresses, keys, the CSV's codes) or the article itself (its HTML), and are left as they are.
KEPT_FIELDS = frozenset(
    {"kind", "anchor", "url", "icon", "query", "page", "view_id", "frame", "csv_name", "file", "table", "chart_id"}
    | {"view", "param", "options", "default", "zip_name", "stamp", "widths", "hashes", "legend", "written"}
)
KEPT_TYPES = ("ArticleText", "Columns", "Picker")


def content(value, g: Gloss):
    """``value`` (a block's content, or a part of it) with ``g`` applied to each string a reader reads, in order."""
    if isinstance(value, str):
        return g(value)
    if isinstance(value, pd.DataFrame):
        return g.frame(value)
    if isinstance(value, list | tuple):
        return type(value)(content(v, g) for v in value)
    if dataclasses.is_dataclass(value) and type(value).__name__ not in KEPT_TYPES:
        changes = {
            f.name: content(getattr(value, f.name), g)
            for f in dataclasses.fields(value)
            if f.name not in KEPT_FIELDS and f.init
        }
        return dataclasses.replace(value, **changes)
    return value
