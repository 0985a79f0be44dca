"""How sure one run of ``python -m benchmarks`` is about a ratio: an interval for a median that assumes nothing about
how load times are spread (order statistics), and the verdict it allows against a budget."""

from __future__ import annotations

from math import comb
from statistics import median

LEVEL = 0.9


def median_interval(xs: list[float], level: float = LEVEL) -> tuple[float, float, float] | None:
    """``(low, high, probability)``: the k-th lowest and the k-th highest of ``xs``, for the largest k such that the
    two hold the median of the values' distribution between them with ``probability`` ≥ ``level``. Each value falls
    below that median with chance ½, so the number below is Binomial(n, ½). ``None`` when there are too few values
    for the level (fewer than 5 for 90 %)."""
    n, ordered = len(xs), sorted(xs)
    tail = (1 - level) / 2
    k, below = 0, 0.0  # below: the chance that fewer than k values fall below the median
    while k < (n + 1) // 2:
        more = below + comb(n, k) / 2**n
        if more > tail:
            break
        k, below = k + 1, more
    if k == 0:
        return None
    return ordered[k - 1], ordered[n - k], 1 - 2 * below


def pair_ratios(pages: list[float], baselines: list[float]) -> list[float]:
    """Each load of a page over the baseline's load right after it."""
    return [p / b for p, b in zip(pages, baselines, strict=True)]


def sure_verdict(interval: tuple[float, float, float] | None, budget: float) -> str:
    """Within or over only when the whole interval is on one side of the budget."""
    if interval is None:
        return "too few loads"
    low, high, _ = interval
    if high <= budget:
        return "within"
    if low > budget:
        return "**over**"
    return "either"


def row(ratios: list[float], budget: float) -> str:
    """Table cells: the pairs' median ratio, the interval with its probability, the verdict."""
    interval = median_interval(ratios)
    cells = f"{interval[0]:.2f}–{interval[1]:.2f} ({interval[2] * 100:.0f} %)" if interval else "–"
    return f"{median(ratios):.2f} | {cells} | {sure_verdict(interval, budget)}"
