"""A reader's vocabulary (``dashboard.words.term``): every code the data may hold has words, so none reaches a
screen as itself, and a code without words stops the page rather than show itself."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from contract.tables import TABLES
from dashboard import shown, theme
from dashboard.reader import read_table
from dashboard.words import UnknownCode, section, term
from etl import check as etl_check
from etl.paths import REFERENCE_DIR as REFERENCE

# Each column of the contract with allowed values, and the words table that names its values on screen.
ENUM_WORDS = {
    ("entities", "type"): "entity-types",
    ("mentions", "match"): "terms.match",
    ("cities", "status"): "terms.city-status",
    ("cities", "psp_site_type"): "terms.site-type",
    ("cities", "source_kind"): "terms.source-origin",
    ("cities", "confidence"): "terms.confidence",
    ("figures", "kind"): "terms.figure-kind",
    ("events", "date_precision"): None,  # shown by how the date is written (fmt.when), never as a word
    ("events", "category"): "lanes",
    ("events", "phase"): "terms.phase",
    ("events", "status"): "terms.event-status",
    ("events", "confidence"): "terms.confidence",
    ("votes", "confidence"): "terms.confidence",
    ("votes", "motion"): "charts.motions",
    ("vote_positions", "party"): "parties",
    ("vote_positions", "position"): "charts.positions",
    ("claims", "kind"): "terms.claim-kind",
    ("claims", "method"): "terms.claim-method",
    ("data_quality", "severity"): "terms.severity",
    ("sources", "kind"): "terms.source-kind",
}
# Every kind of data-quality row the ETL can write: one per registered check, and the cross-article ones.
ETL_KINDS = {check.__name__ for check in etl_check.CHECKS} | {"not_found", "across_articles"}


def test_every_enum_column_of_the_contract_has_words_for_each_value():
    enums = {(t.name, c.name) for t in TABLES.values() for c in t.cols if c.allowed}
    assert enums == set(ENUM_WORDS), "a column with allowed values has no words table here"
    missing = []
    for (table, column), words in ENUM_WORDS.items():
        allowed = next(c for c in TABLES[table].cols if c.name == column).allowed
        for value in allowed:
            if words is None:
                continue
            try:
                term(words, value)
            except UnknownCode:
                missing.append(f"{table}.{column} = {value!r} ({words})")
    assert missing == []


def test_every_kind_of_check_and_every_open_questions_topic_has_words():
    assert {kind: shown.quality_kind(kind) for kind in ETL_KINDS}  # raises on a kind with no words
    topics = set(pd.read_csv(REFERENCE / "open_questions.csv")["topic"])
    assert topics and {t: shown.quality_kind(f"reference_{t}") for t in topics}
    assert shown.quality_kind("reference_occasions") == "an open question about the occasions' dates"


def test_every_entity_type_has_a_colour_and_a_word():
    types = set(next(c for c in TABLES["entities"].cols if c.name == "type").allowed)
    assert "district" in types
    assert types <= set(theme.ENTITY_COLOUR) and types <= set(section("entity-types"))


def test_every_table_has_a_title_and_a_download_name_in_words():
    for name in TABLES:
        title, file = term(f"tables.{name}", "title"), term(f"tables.{name}", "file")
        assert title and re.fullmatch(r"[a-z]+(-[a-z]+)*", file), (name, file)  # no snake_case in a file's name


@pytest.mark.parametrize("data", ["one", "two"])
def test_every_data_quality_kind_in_the_data_has_words(data, built_data, tmp_path_factory):
    from devtools import articles

    folder = built_data if data == "one" else articles.build(tmp_path_factory.mktemp("two"))
    kinds = set(read_table(folder, "data_quality")["kind"])
    assert kinds and {k: shown.quality_kind(k) for k in kinds}  # raises on a kind with no words
    assert kinds <= ETL_KINDS | {k for k in kinds if k.startswith("reference_")}


def test_an_open_question_names_its_topic_in_words():
    assert shown.quality_kind("reference_vote_positions") == "an open question about how each senator voted"


def test_a_code_with_no_words_fails_rather_than_show_itself():
    assert term("terms.severity", "info") == "note" and term("terms.yes-no", True) == "yes"
    with pytest.raises(UnknownCode, match="'suspended'"):
        term("terms.city-status", "suspended")
    with pytest.raises(UnknownCode):
        term("terms.no-such-table", "x")
    with pytest.raises(UnknownCode, match="'made_up_check'"):
        shown.quality_kind("made_up_check")


def test_a_table_with_an_unknown_code_fails_rather_than_show_it(built_data):
    def load(name: str) -> pd.DataFrame:
        return read_table(built_data, name)

    events = load("events").assign(status="postponed")
    with pytest.raises(UnknownCode, match="'postponed'"):
        shown.shown("events", events.assign(when="", articles=0), load)


def test_a_count_of_any_noun_reads_in_the_plural():
    """A count's unit is the article's own noun ("two seats", "two Republicans"), so it has words whatever it is."""
    assert [shown.counted(u) for u in ("seat", "city", "republican", "agency", "day", "votes")] == [
        "seats",
        "cities",
        "Republicans",
        "agencies",
        "days",
        "votes",
    ]


def test_a_count_of_one_reads_in_the_singular():
    """ "one set" reads "1 set", not "1 sets"; "one Republican" keeps its capital."""
    assert [shown.counted(u, 1) for u in ("set", "republican", "city")] == ["set", "Republican", "city"]
