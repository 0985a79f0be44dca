"""Each extraction step on the real article, with the exact values it must find."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from etl import textsteps as ts
from etl.paths import REFERENCE_DIR

AS_OF = dt.date(2017, 8, 3)


@pytest.fixture(scope="module")
def number_words() -> dict[str, int]:
    ref = pd.read_csv(REFERENCE_DIR / "number_words.csv")
    return dict(zip(ref["word"], ref["value"], strict=True))


@pytest.fixture(scope="module")
def state_abbreviations() -> list[str]:
    ref = pd.read_csv(REFERENCE_DIR / "ap_states.csv")
    return [a for alts in ref["ap"] for a in alts.split("|")]


def test_sentences_have_exact_offsets(article_text):
    spans = ts.sentences(article_text)
    assert len(spans) == 22
    for s in spans:
        assert article_text[s.start : s.end] == s.surface
    texts = [s.surface for s in spans]
    assert (
        texts[0] == "As Part of Trump Assault on Immigrant Communities, Sessions Dangles Carrot to Cops in Four Cities"
    )
    assert "Twelve cities are participating." in texts
    # "L.A." is an initialism, not the end of a sentence.
    assert any(t.endswith("according to the The L.A. Times.") for t in texts)
    assert texts[-1] == "The other nomination, William Emanuel, will likely get a vote after the August recess."


def test_counts_read_number_words(article_text, number_words):
    found = [(c.surface, c.value, c.unit) for c in ts.counts(article_text, number_words)]
    assert ("four cities", 4, "city") in found
    assert ("Twelve cities", 12, "city") in found
    assert ("two nominations", 2, "nomination") in found
    assert not any(s.startswith("One of") for s, _, _ in found)


def test_tally(article_text):
    (tally,) = ts.tallies(article_text)
    assert (tally.surface, tally.yea, tally.nay) == ("50-48", 50, 48)
    assert article_text[tally.start : tally.end] == "50-48"


def test_relative_dates_resolve_against_as_of(article_text):
    found = {(d.surface, d.value, d.precision) for d in ts.dates(article_text, AS_OF)}
    assert ("on Thursday", "2017-08-03", "day") in found
    assert ("Thursday", "2017-08-03", "day") in found  # "its Thursday announcement"
    assert ("On Wednesday", "2017-08-02", "day") in found
    assert ("on Wednesday", "2017-08-02", "day") in found
    assert ("in June", "2017-06", "month") in found
    assert ("October 11, 2017", "2017-10-11", "day") in found
    (after,) = [d for d in ts.dates(article_text, AS_OF) if d.kind == "after"]
    assert after.surface == "after the August recess"
    assert after.date_start == dt.date(2017, 9, 1) and after.date_end is None


def test_weekday_on_the_as_of_day_is_that_day():
    (d,) = ts.dates("He spoke on Thursday.", dt.date(2017, 8, 3))
    assert d.value == "2017-08-03"
    (d,) = ts.dates("He spoke on Thursday.", dt.date(2017, 8, 4))
    assert d.value == "2017-08-03"


def test_quotes_skip_scare_quotes(article_text):
    found = [q.surface for q in ts.quotes(article_text)]
    assert found[0].startswith("By protecting criminals from immigration enforcement")
    assert found[0].endswith("make all of us less safe")
    assert "reducing crime stemming from illegal immigration" in found
    assert "violent crime" not in found


def test_city_state_pairs_use_the_written_state(article_text, state_abbreviations):
    pairs = [(c.surface, s.surface) for c, s in ts.city_state_pairs(article_text, state_abbreviations)]
    assert ("Baltimore", "Md.") in pairs
    assert ("Albuquerque", "N.M.") in pairs
    assert ("San Bernardino", "Calif.") in pairs
    assert ("Stockton", "Calif.") in pairs
    assert ("Washington", "DC") in pairs


def test_repeated_word_and_doubled_caption(article_text):
    assert [s.surface for s in ts.repeated_words(article_text)] == ["the The"]
    (doubled,) = ts.doubled_paragraphs(article_text)
    assert doubled.surface.startswith("Then-Senator Jeff Sessions speaks at the Values Voter Summit")
    assert doubled.surface.endswith("(Photo: Gage Skidmore)")


def test_alias_pattern_prefers_the_longest_alias():
    text = "Attorney General Jeff Sessions met the Justice Department."
    pattern = ts.alias_pattern(["Sessions", "Attorney General Jeff Sessions", "Department", "Justice Department"])
    assert [m.group(0) for m in pattern.finditer(text)] == ["Attorney General Jeff Sessions", "Justice Department"]
