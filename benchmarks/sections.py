"""BENCHMARKS.md's marked sections: each benchmark writes its own, between its markers, and ``make bench`` keeps
them (``benchmarks.__main__.keep_marked``)."""

from __future__ import annotations

from pathlib import Path


def write_marked(text: str, path: Path, begin: str, end: str) -> None:
    """Replace the section between ``begin`` and ``end`` of ``path`` with ``text`` (or append it, marked)."""
    doc = path.read_text(encoding="utf-8") if path.exists() else ""
    marked = f"{begin}\n{text.rstrip()}\n{end}\n"
    if begin in doc and end in doc:
        before, rest = doc.split(begin, 1)
        doc = before + marked + rest.split(end, 1)[1].lstrip("\n")
    else:
        doc = doc.rstrip("\n") + "\n\n" + marked
    path.write_text(doc, encoding="utf-8")
