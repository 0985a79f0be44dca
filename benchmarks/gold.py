"""The hand-annotated corpus (``tests/articles/corpus/``): each article's gold file, read into exact spans.

A gold file is written by hand from reading its article, before the ETL runs on it (``tests/articles/corpus/
README.md`` says how). It anchors each span by the words as written (``surface``), with a ``context`` (a stretch
of the article that holds them once) where the words occur more than once, or ``every = true`` for every
occurrence. This module turns the anchors into character offsets and refuses any anchor that is missing or
ambiguous, so a gold file says exactly one thing.

``python -m benchmarks.gold [FILE ...]`` checks gold files (default: the whole corpus) without running the ETL.
"""

from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "articles" / "corpus"

# The sections of a gold file: what each entry must give besides its anchor.
FIELDS = {
    "city": ("id",),
    "person": ("id",),
    "claim": ("kind", "ref", "value"),
    "date": ("value",),
    "tally": ("yea", "nay", "vote"),
    "quote": ("speaker",),
    "finding": ("severity", "kind"),
}
CLAIM_KINDS = ("city", "city_count", "event", "vote")
SEVERITIES = ("error", "warning")


class GoldError(ValueError):
    """A gold entry that does not anchor to exactly one place (or, with ``every``, to at least one)."""


@dataclass(frozen=True)
class Entry:
    section: str
    start: int
    end: int
    surface: str
    fields: dict

    def get(self, name: str, default=None):
        return self.fields.get(name, default)


@dataclass
class Gold:
    name: str
    text: str
    style: str
    forms: list[str]
    entries: list[Entry]

    def section(self, name: str) -> list[Entry]:
        return [e for e in self.entries if e.section == name]


def _occurrences(text: str, words: str, whole_words: bool) -> list[int]:
    if not whole_words:
        return [m.start() for m in re.finditer(re.escape(words), text)]
    return [m.start() for m in re.finditer(rf"(?<!\w){re.escape(words)}(?!\w)", text)]


def _anchor(text: str, item: dict, where: str) -> list[tuple[int, int]]:
    """The spans an entry's anchor names: ``surface`` once, or inside ``context``, or ``every`` occurrence."""
    surface = item.get("surface")
    if not isinstance(surface, str) or not surface:
        raise GoldError(f"{where}: no surface")
    context = item.get("context")
    if item.get("every"):
        found = _occurrences(text, surface, whole_words=True)
        if not found:
            raise GoldError(f"{where}: “{surface}” is not in the article")
        return [(s, s + len(surface)) for s in found]
    if context is not None:
        places = _occurrences(text, context, whole_words=False)
        if len(places) != 1:
            raise GoldError(f"{where}: context “{context}” occurs {len(places)} times, not once")
        inside = _occurrences(context, surface, whole_words=True)
        if len(inside) != 1:
            raise GoldError(f"{where}: “{surface}” occurs {len(inside)} times in its context, not once")
        start = places[0] + inside[0]
        return [(start, start + len(surface))]
    found = _occurrences(text, surface, whole_words=True)
    if len(found) != 1:
        raise GoldError(f"{where}: “{surface}” occurs {len(found)} times; give a context or every = true")
    return [(found[0], found[0] + len(surface))]


def _quote_anchor(text: str, item: dict, where: str) -> list[tuple[int, int]]:
    """A quotation is anchored by the first words inside its quotation marks; its span is everything inside them
    (without a trailing comma)."""
    begins = item.get("begins")
    if not isinstance(begins, str) or not begins:
        raise GoldError(f"{where}: no begins")
    starts = [m.end() for m in re.finditer(r"[“\"]", text) if text.startswith(begins, m.end())]
    if len(starts) != 1:
        raise GoldError(f"{where}: a quotation beginning “{begins}” occurs {len(starts)} times, not once")
    start = starts[0]
    close = re.compile(r"[”\"]").search(text, start)
    if close is None:
        raise GoldError(f"{where}: the quotation beginning “{begins}” is never closed")
    end = close.start()
    while end > start and text[end - 1] in ",; ":
        end -= 1
    return [(start, end)]


def load(path: Path) -> Gold:
    """One gold file and its article (``<name>.gold.toml`` beside ``<name>.txt``), anchors resolved."""
    path = Path(path)
    name = path.name.removesuffix(".gold.toml")
    text = path.with_name(f"{name}.txt").read_text(encoding="utf-8").replace("\r\n", "\n").removeprefix("\ufeff")
    with path.open("rb") as f:
        data = tomllib.load(f)
    unknown = set(data) - {*FIELDS, "article", "style", "forms"}
    if unknown:
        raise GoldError(f"{path.name}: unknown section(s) {', '.join(sorted(unknown))}")
    if data.get("article") != name:
        raise GoldError(f"{path.name}: article = {data.get('article')!r}, expected {name!r}")
    entries = []
    for section, required in FIELDS.items():
        for i, item in enumerate(data.get(section, [])):
            where = f"{path.name} [[{section}]] #{i + 1}"
            missing = [k for k in required if k not in item]
            if missing:
                raise GoldError(f"{where}: missing {', '.join(missing)}")
            if section == "claim" and item["kind"] not in CLAIM_KINDS:
                raise GoldError(f"{where}: kind {item['kind']!r} is not one of {', '.join(CLAIM_KINDS)}")
            if section == "finding" and item["severity"] not in SEVERITIES:
                raise GoldError(f"{where}: severity {item['severity']!r} is not one of {', '.join(SEVERITIES)}")
            spans = _quote_anchor(text, item, where) if section == "quote" else _anchor(text, item, where)
            fields = {k: v for k, v in item.items() if k not in ("surface", "context", "every", "begins")}
            entries += [Entry(section, s, e, text[s:e], fields) for s, e in spans]
    return Gold(name, text, data.get("style", ""), list(data.get("forms", [])), entries)


def corpus(folder: Path = CORPUS) -> list[Gold]:
    """Every gold file of the corpus, by name."""
    return [load(p) for p in sorted(folder.glob("*.gold.toml"))]


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(CORPUS.glob("*.gold.toml"))
    failed = 0
    for path in paths:
        try:
            gold = load(path)
        except (GoldError, OSError, tomllib.TOMLDecodeError) as exc:
            print(f"FAIL {path}: {exc}")
            failed += 1
            continue
        counts = {s: len(gold.section(s)) for s in FIELDS}
        print(f"ok   {path.name}: " + ", ".join(f"{n} {s}" for s, n in counts.items()))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
