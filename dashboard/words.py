"""The dashboard's words, read from ``words.toml`` (one reviewable file): ``say("charts.map.title", n=4)``."""

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
