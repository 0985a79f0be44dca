"""Property-based tests of the text steps: on any text they never crash, every span reproduces its surface,
and they stay fast."""

from __future__ import annotations

import datetime as dt
import itertools
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl import textsteps as ts

NUMBERS = {"one": 1, "two": 2, "four": 4, "twelve": 12}
WORDS = [
    "Thursday",
    "on",
    "On",
    "in",
    "June",
    "August",
    "after",
    "the",
    "recess",
    "four",
    "Twelve",
    "cities",
    "50-48",
    "vote",
    "Baltimore,",
    "Md.",
    "Calif.",
    "San",
    "Bernadino",
    "the",
    "The",
    "L.A.",
    "Times.",
    "“",
    "”",
    "said",
    "October",
    "11,",
    "2017.",
    "\n",
    "\n\n",
    "—",
    "’",
    "(Photo:",
    "Skidmore)",
    "12",
    "3",
    "-",
]

article_like = st.lists(st.sampled_from(WORDS) | st.text(max_size=12), max_size=120).map(" ".join)
any_text = st.text(max_size=600)
texts = article_like | any_text
as_of = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))
FAST = settings(max_examples=150, deadline=1000, suppress_health_check=[HealthCheck.too_slow])


def _spans_ok(text, spans, attr="surface"):
    for s in spans:
        assert 0 <= s.start <= s.end <= len(text)
        assert text[s.start : s.end] == getattr(s, attr)


@FAST
@given(texts)
def test_sentences(text):
    spans = ts.sentences(text)
    _spans_ok(text, spans)
    assert all(s.surface == s.surface.strip() and s.surface for s in spans)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))  # ordered, disjoint
    covered = " ".join(s.surface for s in spans)
    assert len(covered.split()) == len(text.split())  # no word lost or invented


@FAST
@given(texts)
def test_counts(text):
    found = ts.counts(text, NUMBERS)
    _spans_ok(text, found)
    for c in found:
        word = c.surface.split()[0]
        assert c.value == (int(word) if word.isdigit() else NUMBERS[word.lower()])


@FAST
@given(texts, st.integers(0, 999), st.integers(0, 999))
def test_tallies(text, yea, nay):
    probe = f"{text} a {yea}-{nay} vote"
    found = ts.tallies(probe)
    _spans_ok(probe, found)
    assert (yea, nay) == (found[-1].yea, found[-1].nay)


@FAST
@given(texts, as_of, st.sampled_from(list(ts.WEEKDAYS)))
def test_weekdays_resolve_to_the_latest_such_day(text, day, weekday):
    probe = f"{text} on {weekday}"
    found = [d for d in ts.dates(probe, day) if d.kind == "weekday"]
    _spans_ok(probe, found)
    last = found[-1]
    resolved = dt.date.fromisoformat(last.value)
    assert resolved.strftime("%A") == weekday
    assert 0 <= (day - resolved).days < 7


@FAST
@given(texts, as_of)
def test_dates_never_crash_and_never_overlap(text, day):
    found = ts.dates(text, day)
    _spans_ok(text, found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    for d in found:
        assert d.date_end is None or d.date_start <= d.date_end


@FAST
@given(texts)
def test_span_extractors(text):
    _spans_ok(text, ts.quotes(text))
    _spans_ok(text, ts.repeated_words(text))
    _spans_ok(text, ts.doubled_paragraphs(text))
    _spans_ok(text, ts.capitalized_runs(text))
    for city, state in ts.city_state_pairs(text, ["Md.", "Calif.", "N.M.", "DC"]):
        _spans_ok(text, [city, state])


@settings(max_examples=20, deadline=None)
@given(article_like)
def test_text_steps_stay_fast_on_long_text(chunk):
    text = (chunk + " ") * 200  # up to ~100 KB
    started = time.perf_counter()
    ts.sentences(text)
    ts.counts(text, NUMBERS)
    ts.dates(text, dt.date(2017, 8, 3))
    ts.quotes(text)
    ts.capitalized_runs(text)
    assert time.perf_counter() - started < 5
