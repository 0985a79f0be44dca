"""The dashboard's words, read from ``words.toml`` (one reviewable file): ``say("charts.map.title", n=4)``, and a
reader's vocabulary: ``term("terms.severity", "info")`` gives the words for a code of the data, and fails on a code
it has no words for (:class:`UnknownCode`), so a code never reaches a screen as itself."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources


@cache
def all_words() -> dict:
    with (resources.files("dashboard") / "words.toml").open("rb") as f:
        return tomllib.load(f)


def section(path: str) -> dict:
    """A table of the file, e.g. ``section("lanes")`` -> {id: label} in file order."""
    node = all_words()
    for part in path.split("."):
        node = node[part]
    return node


def say(path: str, **fields) -> str:
    """One string of the file with its ``{fields}`` filled from the tables."""
    parent, _, key = path.rpartition(".")
    text = section(parent)[key] if parent else all_words()[key]
    return text.format(**fields) if fields else text


class UnknownCode(LookupError):
    """A code of the data with no words in ``words.toml``: add them (a test finds every code the data may hold)."""


def term(path: str, code: object) -> str:
    """The words for one code of the data in the table ``path`` of the file: ``term("terms.severity", "info")``.
    Booleans are looked up as ``true`` and ``false``. No fallback: a code without words raises."""
    key = str(code).lower() if isinstance(code, bool) else str(code)
    try:
        words = section(path)
    except KeyError:
        raise UnknownCode(f"words.toml has no table [{path}]") from None
    if key not in words or not isinstance(words[key], str):
        raise UnknownCode(f"words.toml has no words for {code!r} in [{path}]")
    return words[key]
