"""The reader's lexicon (``etl/lexicon.toml``): cue words an editor reviews, read and checked once per refresh."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from etl.errors import EtlError

LEXICON = Path(__file__).with_name("lexicon.toml")

# Every key of the lexicon, declared here once: the reader's components and the story layer read their section by
# these names (``tests/test_lexicon_contract.py`` checks that each is in the file and used). A missing one stops the
# refresh with the file's name.
KEYS = {
    "sentences": (
        "never_final",
        "openers",
        "time_zones",
        "time_abbreviations",
        "bullets",
        "dateline_dashes",
        "dateline_agencies",
        "turn_labels",
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
        "name_connectors",
        "name_suffixes",
        "possessives",
        "senator_office",
        "state_of",
        "person_relatives",
        "byline_words",
        "byline_date_words",
        "credit_verbs",
        "plural_titles",
        "introductions",
        "senate_entities",
        "inner_words",
        "person_copulas",
        "possessive_pronouns",
        "handoffs",
    ),
    "places": (
        "org_words",
        "county_words",
        "locators",
        "place_words",
        "list_joins",
        "after_state",
        "saints",
        "list_nouns",
        "state_after_list",
        "description_articles",
        "description_prepositions",
        "home_words",
        "civic_words",
    ),
    "numbers": (
        "city_nouns",
        "count_fillers",
        "part_fillers",
        "dozen",
        "dozen_articles",
        "tally_cues",
        "committee_votes",
        "cloture_votes",
        "confirmation_votes",
        "other_votes",
        "not_tally_before",
        "not_units",
        "definite",
        "plural_endings",
        "not_plural",
        "plural_s",
        "tally_joins",
        "not_count_after",
        "percent",
    ),
    "dates": (
        "prepositions",
        "future_cues",
        "future_prepositions",
        "past_words",
        "future_words",
        "recurring",
        "day_offsets",
        "negations",
        "same_day",
        "relative_months",
        "relative_days",
        "after_month",
        "after_month_opening",
        "month_forms",
        "ordinal_suffixes",
        "day_alone_openers",
        "ordinal_words",
        "month_qualifiers",
        "month_own_qualifiers",
        "weekday_back",
        "near_negations",
        "clause_relatives",
        "reported_speech",
        "cue_forms",
        "other_matter",
    ),
    "story": (
        "withdrawn",
        "list_words",
        "clause_conjunctions",
        "clause_subjects",
        "clause_words",
        "relatives",
        "enumerate_words",
        "some_of",
        "anaphoric_determiners",
        "anaphoric_nouns",
        "anaphoric_rest",
        "anaphoric_remaining",
        "anaphoric_verbs",
        "pronoun_openings",
        "pronoun_closings",
        "description_heads",
        "aside_openings",
        "count_closings",
        "count_wholes",
        "same_as_before",
        "question_marks",
        "partitive_openings",
        "closing_marks",
        "negated_openings",
        "partitive_before",
        "contrast_openings",
        "pronoun_tails",
    ),
    "methods": (
        "tally_sides",
        "count_number",
        "article_date",
        "article_date_inferred",
        "full_date",
        "no_year",
        "no_year_own",
        "written_month",
        "month_latest",
        "month_nearest",
        "month_own",
        "weekday_after",
        "weekday_on_or_after",
        "weekday_before",
        "weekday_on_or_before",
        "day_alone_ahead",
        "day_alone_back",
        "relative_month",
        "transcript_day",
        "relative_day",
        "same_day_as",
        "one_day_from",
        "days_from",
        "open_ended",
        "as_many_as",
        "program_sites",
        "in_sentence",
        "in_clause",
        "same_as",
        "just_before",
        "refers_back_after",
        "same_number",
        "list_introduced",
        "list_counted_before",
        "list_refers_to_named",
        "list_refers_back",
        "list_follows",
        "launch_count",
        "dated_count",
        "split_list",
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
    launch_words: tuple[str, ...] = ()  # words that, with the programme, say a count is of the cities it began with


@dataclass(frozen=True)
class Lexicon:
    path: Path
    sentences: dict
    people: dict
    places: dict
    numbers: dict
    dates: dict
    story: dict
    methods: dict
    roles: tuple[Role, ...]
    not_a_role: tuple[str, ...]


def load_lexicon(path: Path = LEXICON) -> Lexicon:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise EtlError(f"cannot read the lexicon: {exc.strerror}", path) from None
    except tomllib.TOMLDecodeError as exc:
        raise EtlError(f"malformed lexicon: {exc}", path) from None
    for section, keys in KEYS.items():
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
                tuple(spec.get("launch_words", ())),
            )
        )
    return Lexicon(
        path,
        data["sentences"],
        data["people"],
        data["places"],
        data["numbers"],
        data["dates"],
        data["story"],
        data["methods"],
        tuple(roles),
        tuple(data.get("roles", {}).get("not_a_role", {}).get("cues", ())),
    )


@functools.cache
def phrase(words: str) -> re.Pattern:
    """A cue phrase as a pattern: whole words, any case ("would not consider", "help ICE"). Compiled once: the
    reader looks for the same few hundred phrases in every sentence."""
    return re.compile(rf"(?<![\w’']){re.escape(words.lower())}(?![\w’'])", re.IGNORECASE)


def words_in(text: str, phrases) -> list[str]:
    """The phrases that occur in a text (a span's words) as whole words, ignoring case."""
    lower = text.lower()
    return [p for p in phrases if p and p.lower() in lower and phrase(p).search(lower)]  # the cheap test first
