"""Property-based tests of the reader: on any text it never fails, every span it returns reproduces its words,
its sentences cover every word once, and relative dates land where they must."""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.build import understand
from etl.gazetteer import Gazetteer
from etl.lexicon import load_lexicon
from etl.paths import REFERENCE_DIR
from etl.read.known import Known
from etl.read.pipeline import Reader
from etl.reference import load_reference
from etl.seed import Article

WORDS = [
    "Thursday", "on", "On", "in", "June", "August", "Aug.", "18,", "after", "the", "recess", "four", "Twelve",
    "a", "dozen", "cities", "50-48", "50", "to", "48", "vote", "Baltimore,", "Md.", "Calif.", "N.M.", "San",
    "Bernadino", "Stockton,", "California;", "ALBUQUERQUE,", "—", "The", "L.A.", "Times.", "“", "”", "said",
    "Sen.", "Patty", "Murray", "(D-Wash.)", "Sessions's", "Sessions’", "October", "11,", "2017.", "3", "\n",
    "\n\n", "•", "’", "(Photo:", "Skidmore)", "12", "-", "p.m.", "St.", "Louis", "same", "day", "last", "month",
    "will", "Tuesday", "Q:", "SPOKESPERSON:", "<b>", "Chevy", "Chase,", "Mayor", "Richard", "Berry",
]  # fmt: skip

article_like = st.lists(st.sampled_from(WORDS) | st.text(max_size=12), max_size=120).map(" ".join)
texts = article_like | st.text(max_size=600)
as_of = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def setup():
    ref = load_reference(REFERENCE_DIR)
    return Reader(Known.read(REFERENCE_DIR), Gazetteer(), load_lexicon()), ref


def _article(text: str, day: dt.date) -> Article:
    return Article("p", Path("p.txt"), Path("p.toml"), text, "", day, "test", False, "", "", "")


def _spans_ok(text, spans, attr="surface"):
    for s in spans:
        assert 0 <= s.start <= s.end <= len(text)
        assert text[s.start : s.end] == getattr(s, attr)


@FAST
@given(texts, as_of)
def test_every_span_reproduces_its_words(setup, text, day):
    reader, ref = setup
    if not text.strip():
        return
    a = understand(reader.read(_article(text, day)), ref, reader.lexicon)
    rd = a.reading
    _spans_ok(text, rd.sentences)
    _spans_ok(text, rd.mentions)
    _spans_ok(text, rd.counts)
    _spans_ok(text, rd.tallies)
    _spans_ok(text, rd.dates)
    _spans_ok(text, rd.quotes)
    _spans_ok(text, [c for at in rd.attributions for c in at.cues])
    _spans_ok(text, [s for t in rd.tallies for s in (t.words, t.after)])
    _spans_ok(text, [p for s in rd.phrases for p in s])
    _spans_ok(text, [j for e in rd.enumerations for j in e.joins])
    assert all(s.surface == s.surface.strip() and s.surface for s in rd.sentences)
    assert all(x.end <= y.start for x, y in itertools.pairwise(rd.sentences))  # ordered, disjoint
    assert all(x.end <= y.start for x, y in itertools.pairwise(rd.mentions))
    for d in rd.dates:
        assert d.date_end is None or d.date_start <= d.date_end
    for c in a.story.claims:
        assert c.place.mention in rd.mentions


@FAST
@given(texts)
def test_sentences_lose_no_word(setup, text):
    reader, _ = setup
    if not text.strip():
        return
    rd = reader.read(_article(text, dt.date(2017, 8, 3)))
    covered = " ".join(s.surface for s in rd.sentences)
    assert len(covered.split()) == len(text.split())


@FAST
@given(article_like, as_of, st.sampled_from(list(calendar.day_name)))
def test_a_weekday_in_a_past_clause_is_the_latest_such_day(setup, text, day, weekday):
    reader, _ = setup
    probe = f"{text}\n\nThe department said on {weekday} that it had written."
    found = [d for d in reader.read(_article(probe, day)).dates if d.kind == "weekday"]
    last = found[-1]
    assert last.surface == weekday
    resolved = dt.date.fromisoformat(last.value)
    assert resolved.strftime("%A") == weekday
    assert 0 <= (day - resolved).days < 7


@FAST
@given(article_like, st.integers(0, 100), st.integers(0, 100))
def test_a_tally_in_a_vote_is_read_whatever_surrounds_it(setup, text, yea, nay):
    reader, _ = setup
    probe = f"{text}\n\nThe Senate confirmed him in a {yea}-{nay} vote."
    rd = reader.read(_article(probe, dt.date(2017, 8, 3)))
    assert [(t.yea, t.nay) for t in rd.tallies][-1] == (yea, nay)
    assert not any(c.start >= len(probe) - 30 for c in rd.counts)  # neither number is a count
