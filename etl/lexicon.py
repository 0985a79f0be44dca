"""The reader's lexicon (``etl/lexicon.toml``): cue words an editor reviews, read and checked once per refresh."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from etl.errors import EtlError

LEXICON = Path(__file__).with_name("lexicon.toml")

# The sections and keys the reader needs; a missing one stops the refresh with the file's name.
_NEEDED = {
    "sentences": (
        "never_final",
        "openers",
        "time_zones",
        "time_abbreviations",
        "bullets",
        "dateline_dashes",
        "dateline_agencies",
    ),
    "people": (
        "titles",
        "offices",
        "title_modifiers",
        "role_nouns",
        "speech_verbs",
        "pronouns",
        "nicknames",
        "parties",
        "not_names",
        "name_labels",
    ),
    "places": ("org_words", "locators"),
    "numbers": (
        "city_nouns",
        "count_fillers",
        "part_fillers",
        "dozen",
        "tally_cues",
        "not_floor_votes",
        "not_tally_before",
    ),
    "dates": (
        "prepositions",
        "future_cues",
        "future_prepositions",
        "past_words",
        "future_words",
        "day_offsets",
        "negations",
        "same_day",
        "relative_months",
        "relative_days",
        "after_month",
    ),
}


@dataclass(frozen=True)
class Role:
    """A role a city can have in the story: its status in the cities table, the reference event whose cities it
    counts, and the phrases that tie a sentence's cities to it."""

    name: str
    status: str
    event: str
    cues: tuple[str, ...]
    anaphors: tuple[str, ...]
    program_words: tuple[str, ...] = ()  # words for the programme whose sites this role counts


@dataclass(frozen=True)
class Lexicon:
    path: Path
    sentences: dict
    people: dict
    places: dict
    numbers: dict
    dates: dict
    roles: tuple[Role, ...]
    not_a_role: tuple[str, ...]


def load_lexicon(path: Path = LEXICON) -> Lexicon:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise EtlError(f"cannot read the lexicon: {exc.strerror}", path) from None
    except tomllib.TOMLDecodeError as exc:
        raise EtlError(f"malformed lexicon: {exc}", path) from None
    for section, keys in _NEEDED.items():
        missing = [k for k in keys if k not in data.get(section, {})]
        if missing:
            raise EtlError(f"[{section}] lacks {', '.join(missing)}", path)
    roles = []
    for name, spec in data.get("roles", {}).items():
        if name == "not_a_role":
            continue
        missing = [k for k in ("status", "event", "cues") if k not in spec]
        if missing:
            raise EtlError(f"[roles.{name}] lacks {', '.join(missing)}", path)
        roles.append(
            Role(
                name,
                spec["status"],
                spec["event"],
                tuple(spec["cues"]),
                tuple(spec.get("anaphors", ())),
                tuple(spec.get("program_words", ())),
            )
        )
    return Lexicon(
        path,
        data["sentences"],
        data["people"],
        data["places"],
        data["numbers"],
        data["dates"],
        tuple(roles),
        tuple(data.get("roles", {}).get("not_a_role", {}).get("cues", ())),
    )


@functools.cache
def phrase(words: str) -> re.Pattern:
    """A cue phrase as a pattern: whole words, any case ("would not consider", "help ICE"). Compiled once: the
    reader looks for the same few hundred phrases in every sentence."""
    return re.compile(rf"(?<![\w’']){re.escape(words.lower())}(?![\w’'])", re.IGNORECASE)
