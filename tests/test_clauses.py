"""The one place that knows where a clause, a phrase or an inner sentence ends (``etl.read.clauses``): the cuts the
resolver asks for (``etl.resolve``), each on the sentences it was written for, with exact spans."""

from __future__ import annotations

import pytest

from etl.lexicon import load_lexicon
from etl.read.clauses import (
    Clauses,
    apart,
    breaks,
    label_start,
    part_from,
    phrase_around,
    relative_clauses,
    since_previous,
    words_near,
)
from etl.read.model import Span


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


@pytest.fixture(scope="module")
def dated(lexicon):
    return relative_clauses(lexicon)


def _sentence(text: str, start: int = 100) -> Span:
    """A sentence that starts at ``start`` in its article, so every span below is in the article's offsets."""
    return Span(start, start + len(text), text)


def _at(s: Span, word: str, nth: int = 0) -> int:
    """Where the ``nth`` ``word`` of a sentence starts, in the article's offsets."""
    at = -1
    for _ in range(nth + 1):
        at = s.surface.index(word, at + 1)
    return s.start + at


def _span(text: str, word: str) -> Span:
    at = text.index(word)
    return Span(at, at + len(word), word)


# ---- a date's clause (resolve.link_dates: the evidence for a near miss) ---------------------------------------


def test_a_relative_clause_is_the_dates_own_and_hangs_on_the_words_before_it(dated):
    s = _sentence("The confirmation ends a vacancy that dates to August 2015; the seat was open for months.")
    clause, antecedent = dated.at(s, _at(s, "August"))
    assert (clause.start, clause.end, clause.surface) == (132, 157, "that dates to August 2015")
    assert (antecedent.start, antecedent.end, antecedent.surface) == (100, 132, "The confirmation ends a vacancy ")


def test_a_semicolon_ends_a_dates_clause_and_the_first_clause_hangs_on_nothing(dated):
    s = _sentence("The vote came on Aug. 3; the recess began the next day.")
    clause, antecedent = dated.at(s, _at(s, "Aug."))
    assert clause.surface == "The vote came on Aug. 3"
    assert (antecedent.start, antecedent.end, antecedent.surface) == (100, 100, "")
    clause, _ = dated.at(s, _at(s, "next"))
    assert clause.surface == "; the recess began the next day."


def test_the_that_of_what_someone_said_is_no_clause_break(dated):
    """ "said on Tuesday that ...": the date and what was said are one clause; a "which" after them still cuts."""
    s = _sentence("McConnell said on Tuesday that he would not hold a vote before August, which angered Democrats.")
    for word in ("Tuesday", "August"):
        clause, antecedent = dated.at(s, _at(s, word))
        assert clause.surface == "McConnell said on Tuesday that he would not hold a vote before August, "
        assert antecedent.surface == ""
    clause, antecedent = dated.at(s, _at(s, "angered"))
    assert clause.surface == "which angered Democrats."
    assert antecedent.surface == "he would not hold a vote before August, "  # the 40 characters before it


def test_a_that_far_from_any_speech_verb_cuts(dated):
    """A speech verb more than 30 characters before a "that" does not open it."""
    s = _sentence("Sessions said the grants, a program that began in June, would wait.")
    clause, _ = dated.at(s, _at(s, "June"))
    assert clause.surface == s.surface  # "said the grants, a program " is 27 characters
    s = _sentence("Sessions said the Justice Department grants, a program that began in June, would wait.")
    clause, antecedent = dated.at(s, _at(s, "June"))
    assert clause.surface == "that began in June, would wait."
    assert antecedent.surface == "he Justice Department grants, a program "  # 40 characters


# ---- the phrase around a date (resolve.link_dates: a committee's or a cloture vote's date) ----------------------


def test_the_phrase_around_a_date_ends_at_the_nearest_marks():
    s = _sentence(
        "After the Judiciary Committee's 11-9 vote, Republicans won a cloture vote on the nomination Wednesday "
        "morning; the final vote followed."
    )
    at = _at(s, "Wednesday")
    p = phrase_around(s, at, at + len("Wednesday"))
    assert (p.start, p.end, p.surface) == (
        142,
        209,
        " Republicans won a cloture vote on the nomination Wednesday morning",
    )
    p = phrase_around(s, s.start, s.start + len("After"))
    assert p.surface == "After the Judiciary Committee's 11-9 vote"


def test_a_dash_and_a_colon_end_a_phrase_but_brackets_do_not():
    s = _sentence("Then — on Aug. 3 (a Thursday) — the vote: 50-48.")
    at = _at(s, "Aug.")
    assert phrase_around(s, at, at + len("Aug. 3")).surface == " on Aug. 3 (a Thursday) "


# ---- how far a name is from a tally (resolve._whose) ------------------------------------------------------------


def test_breaks_between_two_spans_count_before_characters():
    text = "Sen. Jane Doe (R-Ohio), the bill's sponsor, voted no; the nomination of John Roe passed 50-48."
    tally = _span(text, "50-48")
    assert apart(text, _span(text, "Jane Doe"), tally) == (5, 75)  # ( ) , , ;
    assert apart(text, _span(text, "John Roe"), tally) == (0, 8)
    assert apart(text, tally, _span(text, "John Roe")) == (0, 8)  # either order
    assert apart(text, tally, tally) == (0, 0)


def test_the_reading_counts_the_same_breaks_from_their_offsets_alone():
    """The resolve stage asks the reading (``Reading.apart``, from ``clauses.breaks``), never the text."""
    import datetime as dt
    from pathlib import Path

    from etl.read.model import Reading, Sentence
    from etl.seed import Article

    text = "Sen. Jane Doe (R-Ohio), the bill's sponsor, voted no; the nomination of John Roe passed 50-48."
    article = Article("t", Path("t.txt"), Path("t.toml"), text, "", dt.date(2017, 8, 3), "", False, "", "", "")
    rd = Reading(article, [Sentence(0, len(text), text, 1, "text")], ["s001"], breaks=breaks(text))
    tally = _span(text, "50-48")
    for name in ("Jane Doe", "John Roe"):
        assert rd.apart(_span(text, name), tally) == apart(text, _span(text, name), tally)
    assert rd.apart(tally, tally) == (0, 0)


# ---- a tally's own words (resolve._motions) ---------------------------------------------------------------------


def test_two_tallies_of_one_sentence_each_have_their_own_words():
    text = "The 50-48 vote came after Republicans broke a filibuster by another 50-48 vote."
    sentence = Span(0, len(text), text)
    first, second = Span(4, 9, "50-48"), Span(68, 73, "50-48")
    assert text[68:73] == "50-48"
    assert since_previous(text, sentence, [first, second], first).surface == "The 50-48"
    words = since_previous(text, sentence, [first, second], second)
    assert (words.start, words.end, words.surface) == (
        9,
        73,
        " vote came after Republicans broke a filibuster by another 50-48",
    )
    assert since_previous(text, sentence, [first], first) == sentence  # the only tally: its whole sentence
    assert part_from(words, 38) == Span(38, 73, "broke a filibuster by another 50-48")
    assert text[38:73] == part_from(words, 38).surface


# ---- a quotation's label (etl.read.quotes: a label cue) ---------------------------------------------------------


def test_a_label_begins_after_the_last_full_stop_inside_the_readers_sentence():
    text = "Sessions laid out his reasoning in a written statement. Quote: “I will not.”"
    quote = text.index("“")
    assert label_start(text, 0, quote) == 56
    assert text[56:quote] == "Quote: "


def test_a_label_begins_after_a_line_break_and_never_before_its_sentence():
    text = "Intro line.\nACT (CASTELLANOS): “We waited.”"
    quote = text.index("“")
    assert label_start(text, 0, quote) == 12
    assert text[12:quote] == "ACT (CASTELLANOS): "
    text = "Mr. Doe spoke. Then: “No.”"
    assert label_start(text, 15, text.index("“")) == 15  # the stop before the sentence's start is another's
    assert label_start(text, 0, text.index("“")) == 15  # "Mr. " is a stop and a space too: the last one wins


# ---- a pronoun by a speech verb (etl.read.quotes: a pronoun cue) ------------------------------------------------


def test_the_words_near_a_speech_verb(lexicon):
    pronouns = lexicon.people["pronouns"]
    text = "“We waited for months,” he said. She said nothing. Then she said “no”."
    said = text.index("said")
    assert (said, text[24:26], text[33:36]) == (27, "he", "She")
    assert words_near(text, 0, said, said + 4, pronouns) == [Span(24, 26, "he"), Span(33, 36, "She")]
    assert words_near(text, 25, said, said + 4, pronouns) == [Span(33, 36, "She")]  # not before its sentence
    said = text.index("said", said + 1)
    near = words_near(text, 0, said, said + 4, pronouns)
    assert [w.start for w in near] == [56, 33]  # in the lexicon's order: "she", then "She"


# ---- the reader's clauses stay as they were ---------------------------------------------------------------------


def test_the_readers_clauses_are_untouched(lexicon):
    text = "Stockton, which applied in May, got the letter, but Modesto did not — a clerk said so."
    assert [text[a:b] for a, b in Clauses(lexicon.story).split(text)] == [
        "Stockton",
        ", which applied in May,",
        " got the letter",
        ", but",
        " Modesto did not",
        " — ",
        "a clerk said so.",
    ]
