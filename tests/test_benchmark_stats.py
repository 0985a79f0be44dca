"""The benchmarks' interval for a median ratio (``benchmarks.stats``): its order statistics, its coverage, and the
verdicts it allows. Pure functions; no timing."""

from __future__ import annotations

import random

import pytest

from benchmarks import stats


def test_with_five_loads_the_interval_runs_from_the_lowest_to_the_highest():
    assert stats.median_interval([1.3, 1.1, 1.2, 1.0, 1.4]) == (1.0, 1.4, 1 - 2 / 32)


def test_with_fifteen_loads_it_drops_three_at_each_end():
    xs = [float(x) for x in range(15, 0, -1)]
    low, high, probability = stats.median_interval(xs)
    assert (low, high) == (4.0, 12.0)
    assert probability == pytest.approx(1 - 2 * (1 + 15 + 105 + 455) / 2**15)  # 1 − 2·P(Binomial(15, ½) ≤ 3)


def test_four_loads_are_too_few_for_ninety_percent():
    assert stats.median_interval([1.0, 1.1, 1.2, 1.3]) is None
    assert stats.sure_verdict(None, 1.1) == "too few loads"


def test_the_interval_holds_the_median_as_often_as_it_says():
    rng = random.Random(20261130)
    for n in (5, 9, 15):
        trials, held = 4000, 0
        for _ in range(trials):
            low, high, probability = stats.median_interval([rng.lognormvariate(0, 0.1) for _ in range(n)])
            held += low <= 1.0 <= high  # the lognormal's median is e⁰ = 1
        assert probability >= stats.LEVEL
        assert held / trials == pytest.approx(probability, abs=0.015)


def test_a_verdict_is_sure_only_when_the_interval_is_on_one_side_of_the_budget():
    assert stats.sure_verdict((1.02, 1.09, 0.94), 1.1) == "within"
    assert stats.sure_verdict((1.02, 1.10, 0.94), 1.1) == "within"  # the budget is "at most"
    assert stats.sure_verdict((1.11, 1.30, 0.94), 1.1) == "**over**"
    assert stats.sure_verdict((1.05, 1.15, 0.94), 1.1) == "either"


def test_a_row_gives_the_median_of_the_pairs_its_interval_and_verdict():
    ratios = stats.pair_ratios([2200, 2100, 2000, 2300, 2160], [2000, 2000, 2000, 2000, 2000])
    assert ratios == [1.1, 1.05, 1.0, 1.15, 1.08]
    assert stats.row(ratios, 1.2) == "1.08 | 1.00–1.15 (94 %) | within"
    assert stats.row(ratios, 1.1) == "1.08 | 1.00–1.15 (94 %) | either"


def test_pairs_must_match_one_to_one():
    with pytest.raises(ValueError):
        stats.pair_ratios([2000.0, 2100.0], [2000.0])
