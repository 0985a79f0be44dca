"""How the dashboard writes dates, source names and long lines: one definition each, used by every chart,
page and the static site."""

from __future__ import annotations

import datetime as dt
import re

from dashboard.words import say


def day(iso: str) -> str:
    """'3 Aug 2017'."""
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {d:%b %Y}"


def as_of(iso: str, inferred: bool) -> str:
    """An article's as-of date as a reader should see it: '3 Aug 2017 (inferred)' when it is not printed."""
    return say("charts.credit.inferred", date=day(iso)) if inferred else day(iso)


def source_line(source: str) -> str:
    """'Source: …': the one template for a source line, on charts and pages alike."""
    return say("charts.credit.source", source=source)


def listing(items: list[str]) -> str:
    """'a, b and c'."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return say("charts.credit.listing", head=", ".join(items[:-1]), last=items[-1])


def weekday(iso: str) -> str:
    """'Thu 3 Aug 2017': the weekday matters when the article says "on Thursday"."""
    d = dt.date.fromisoformat(iso)
    return f"{d:%a} {d.day} {d:%b %Y}"


def long(iso: str) -> str:
    """'Thursday 3 August 2017', for sentences."""
    d = dt.date.fromisoformat(iso)
    return f"{d:%A} {d.day} {d:%B %Y}"


def month(iso: str) -> str:
    """'June 2017' from '2017-06' or any ISO date in that month."""
    return dt.date.fromisoformat(iso[:7] + "-01").strftime("%B %Y")


def domain(url: str) -> str:
    """'bja.gov' from a URL; anything that is not a URL comes back as it is."""
    return url.split("/")[2].removeprefix("www.") if "://" in url else url


def wrap_words(text: str, limit: int, tail: str | tuple[str, ...] = "") -> list[str]:
    """Greedy word wrap into lines of at most ``limit`` characters; ``tail`` (or each of several) is kept whole."""
    lines: list[str] = []
    line = ""
    tails = [t for t in ((tail,) if isinstance(tail, str) else tail) if t]
    for word in [*re.split(r"[ \t\r\n]+", str(text).strip()), *tails]:  # not at a no-break space
        if line and len(line) + 1 + len(word) > limit:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line]


def sentence(sentence_id: str) -> str:
    """'sentence 7' for the sentence id 's007': a sentence by its place in its article, in words."""
    digits = re.sub(r"\D", "", str(sentence_id))
    if not digits:
        raise ValueError(f"not a sentence id: {sentence_id!r}")
    return say("blocks.sentence", n=int(digits))


def when(row) -> str:
    """An event's date as a reader should see it, at its real precision (``row`` is an events row). An expected
    event's date is this project's reading of the article's words ("after the August recess": not before 1 Sep),
    so it says it is inferred."""
    if row["status"] == "expected":
        return say("dates.expected", date=weekday(row["date_start"]))
    p = row["date_precision"]
    if p == "day":
        return weekday(row["date"])
    if p == "month":
        return say("dates.month", month=month(row["date"]))
    return say("dates.year", year=row["date"])
