"""Pure text steps: each takes text (and data it needs) and returns character spans.

No article content lives here: number words, state abbreviations, entity aliases and titles are passed in
from ``etl/reference``. Every span returned satisfies ``text[start:end] == surface`` (property-tested).
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from dateutil import parser as dateutil_parser

# English month and weekday names: language, not article content. calendar gives them in the C locale; the
# abbreviations ("Aug.", "Sept.") are python-dateutil's, which also parses the dates written with them.
MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name}
WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}
_MONTH_RE = "|".join(MONTHS)
_WEEKDAY_RE = "|".join(WEEKDAYS)
_MONTH_ABBREVIATIONS = sorted(
    {name for names in dateutil_parser.parserinfo().MONTHS for name in names if name not in MONTHS},
    key=len,
    reverse=True,
)
_ANY_MONTH_RE = "|".join([*MONTHS, *(rf"{a}\." for a in _MONTH_ABBREVIATIONS)])

# Words that cannot be the unit of a count ("One of the picks").
_NOT_A_UNIT = frozenset(
    [
        "of",
        "and",
        "or",
        "to",
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "than",
        "as",
        "is",
        "are",
        "was",
        "were",
    ]
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class DateExpr:
    start: int
    end: int
    surface: str
    kind: str  # absolute | weekday | month | after
    value: str  # ISO date truncated to its precision ("2017-08-03", "2017-06"); "" when open-ended
    precision: str  # day | month | after
    date_start: dt.date  # first day the expression can mean
    date_end: dt.date | None  # last day it can mean; None when open-ended
    method: str  # how the words were resolved, for the reader


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraphs(text: str) -> list[Span]:
    """Non-blank lines (the seed has one paragraph per line)."""
    out = []
    for m in re.finditer(r"[^\r\n]+", text):
        start, end = _trimmed(text, m.start(), m.end())
        if start < end:
            out.append(_span(text, start, end))
    return out


_BOUNDARY = re.compile(r"[.!?][”\"’)]*(?=\s+[“\"‘(\[A-Z0-9])")
_INITIALISM = re.compile(r"(?:\b[A-Z]\.){2,}$")
_MONTH_ABBREVIATION = re.compile(rf"\b(?:{'|'.join(_MONTH_ABBREVIATIONS)})\.$")


def sentences(text: str) -> list[Span]:
    """Sentence spans. A period that closes an initialism ("L.A.") does not end a sentence."""
    out = []
    for para in paragraphs(text):
        start = para.start
        for m in _BOUNDARY.finditer(text, para.start, para.end):
            head = text[max(para.start, m.start() - 8) : m.start() + 1]
            if _INITIALISM.search(head) or (
                _MONTH_ABBREVIATION.search(head) and text[m.end() + 1 : m.end() + 2].isdigit()
            ):
                continue  # "L.A. Times", "Aug. 18": a period inside the sentence
            s, e = _trimmed(text, start, m.end())
            if s < e:
                out.append(_span(text, s, e))
            start = m.end()
        s, e = _trimmed(text, start, para.end)
        if s < e:
            out.append(_span(text, s, e))
    return out


def _unit(word: str) -> str:
    lower = word.lower()
    if lower.endswith("ies") and len(lower) > 4:
        return lower[:-3] + "y"
    if lower.endswith("s") and not lower.endswith("ss") and len(lower) > 3:
        return lower[:-1]
    return lower


@dataclass(frozen=True)
class Count:
    start: int
    end: int
    surface: str
    value: int
    unit: str


def counts(text: str, number_words: Mapping[str, int], skip: Iterable[tuple[int, int]] = ()) -> list[Count]:
    """Counted nouns: "four cities", "Twelve cities", "2 senators". Spans overlapping ``skip`` are left out."""
    words = "|".join(sorted((re.escape(w) for w in number_words), key=len, reverse=True))
    alternatives = rf"\d{{1,7}}|{words}" if words else r"\d{1,7}"
    pattern = re.compile(rf"\b({alternatives})\s+([A-Za-z][a-z-]*[a-z])\b", re.IGNORECASE)
    starts, ends = zip(*sorted(skip), strict=False) if skip else ((), ())
    out = []
    for m in pattern.finditer(text):
        number, noun = m.group(1), m.group(2)
        # Skipped spans (dates, tallies) do not overlap each other, so only the last one starting before this
        # match ends can overlap it.
        i = bisect.bisect_left(starts, m.end())
        if noun.lower() in _NOT_A_UNIT or (i > 0 and ends[i - 1] > m.start()):
            continue
        # A digit glued to a dash or a comma belongs to something else ("50-48", "11, 2017").
        if number.isdigit() and (text[m.start() - 1 : m.start()] in "-–,/" and m.start() > 0):
            continue
        value = int(number) if number.isdigit() else number_words[number.lower()]
        out.append(Count(m.start(), m.end(), m.group(0), value, _unit(noun)))
    return out


@dataclass(frozen=True)
class Tally:
    start: int
    end: int
    surface: str
    yea: int
    nay: int


_TALLY = re.compile(r"\b(\d{1,3})\s?[-–]\s?(\d{1,3})(?=[ -]+(?:vote|tally)\b)")


def tallies(text: str) -> list[Tally]:
    """Vote tallies written as "50-48 vote"."""
    return [Tally(m.start(), m.end(), m.group(0), int(m.group(1)), int(m.group(2))) for m in _TALLY.finditer(text)]


# A day of a month, AP style or spelled out, with or without the year: "Oct. 11, 2017", "Aug. 18", "June 20".
_ABSOLUTE = re.compile(rf"\b(?:{_ANY_MONTH_RE})\s+\d{{1,2}}\b(?:,\s+\d{{4}}\b)?")
_AFTER = re.compile(rf"\bafter\s+the\s+({_MONTH_RE})\s+recess\b")
_IN_MONTH = re.compile(rf"\b[Ii]n\s+({_MONTH_RE})\b(?!\s+\d)")
_WEEKDAY = re.compile(rf"\b(?:[Oo]n\s+)?({_WEEKDAY_RE})\b")


def human(day: dt.date) -> str:
    """ "Thu 3 Aug 2017": unambiguous for readers on both sides of the Atlantic."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _absolute(m: re.Match, as_of: dt.date) -> DateExpr | None:
    """ "Oct. 11, 2017", "Aug. 18": dateutil reads the words; a missing year is the as-of year, as AP style leaves
    out the current year."""
    written = m.group(0)
    try:
        day = dateutil_parser.parse(written, default=dt.datetime(as_of.year, 1, 1)).date()
    except (ValueError, OverflowError):
        return None  # "Feb. 30": not a date
    how = "a full date" if "," in written else f"a day of the as-of year {as_of.year} (AP style leaves the year out)"
    return DateExpr(
        m.start(), m.end(), written, "absolute", day.isoformat(), "day", day, day, f"“{written}” is {how}: {human(day)}"
    )


def _after_recess(m: re.Match, as_of: dt.date) -> DateExpr:
    """ "after the August recess": open-ended, from the first day of the next month."""
    month = MONTHS[m.group(1)]
    year = as_of.year if month >= as_of.month else as_of.year + 1
    begin = _month_end(year, month) + dt.timedelta(days=1)
    how = f"“{m.group(0)}” is expected, no exact date: not before {human(begin)}"
    return DateExpr(m.start(), m.end(), m.group(0), "after", "", "after", begin, None, how)


def _in_month(m: re.Match, as_of: dt.date) -> DateExpr:
    """ "in June": the latest June up to the as-of date."""
    month = MONTHS[m.group(1)]
    year = as_of.year if month <= as_of.month else as_of.year - 1
    first = dt.date(year, month, 1)
    how = f"“{m.group(0)}” → {first:%B %Y}: the latest {m.group(1)} up to the as-of date {as_of.isoformat()}"
    return DateExpr(
        m.start(), m.end(), m.group(0), "month", f"{year:04d}-{month:02d}", "month", first, _month_end(year, month), how
    )


def _weekday(m: re.Match, as_of: dt.date) -> DateExpr:
    """ "on Thursday": the latest Thursday on or before the as-of date."""
    day = as_of - dt.timedelta(days=(as_of.weekday() - WEEKDAYS[m.group(1)]) % 7)
    how = f"“{m.group(0)}” → {human(day)}: the latest {m.group(1)} on or before the as-of date {as_of.isoformat()}"
    return DateExpr(m.start(), m.end(), m.group(0), "weekday", day.isoformat(), "day", day, day, how)


# Most specific first: a span one pattern claims is not read again by a later one ("Aug. 18" is not "in Aug").
_DATE_READERS: tuple[tuple[re.Pattern, Callable[[re.Match, dt.date], DateExpr | None]], ...] = (
    (_ABSOLUTE, _absolute),
    (_AFTER, _after_recess),
    (_IN_MONTH, _in_month),
    (_WEEKDAY, _weekday),
)


def dates(text: str, as_of: dt.date) -> list[DateExpr]:
    """Absolute and relative dates, resolved against the article's as-of date.

    Relative dates in a news report refer back: "on Thursday" is the latest Thursday on or before the as-of
    date, "in June" the latest June. "after the August recess" is open-ended: it starts the month after.
    """
    out: list[DateExpr] = []
    taken: set[int] = set()  # character offsets already claimed by an earlier, more specific pattern
    for pattern, read in _DATE_READERS:
        for m in pattern.finditer(text):
            if not taken.isdisjoint(range(m.start(), m.end())):
                continue
            d = read(m, as_of)
            if d is not None:
                taken.update(range(m.start(), m.end()))
                out.append(d)
    return sorted(out, key=lambda d: d.start)


def quotes(text: str, min_words: int = 4) -> list[Span]:
    """Quoted passages of at least ``min_words`` words (scare quotes like “violent crime” are left out).

    The span is the words inside the quotation marks, without a trailing comma.
    """
    out = []
    for m in re.finditer(r"“([^”]+)”|\"([^\"]+)\"", text):
        group = 1 if m.group(1) is not None else 2
        start, end = m.start(group), m.end(group)
        while end > start and text[end - 1] in ",; ":
            end -= 1
        if len(text[start:end].split()) >= min_words:
            out.append(_span(text, start, end))
    return out


def repeated_words(text: str) -> list[Span]:
    """A word written twice in a row, ignoring case ("the The")."""
    return [_span(text, m.start(), m.end()) for m in re.finditer(r"\b(\w+)\s+(\1)\b", text, re.IGNORECASE)]


def doubled_paragraphs(text: str) -> list[Span]:
    """Paragraphs that are one passage printed twice back to back; the span is the first copy."""
    out = []
    for para in paragraphs(text):
        body = para.surface
        for sep in ("", " "):
            half, rest = divmod(len(body) - len(sep), 2)
            if (
                rest == 0
                and half > 10
                and body[:half] == body[half + len(sep) :]
                and body[half : half + len(sep)] == sep
            ):
                out.append(_span(text, para.start, para.start + half))
                break
    return out


def alias_pattern(aliases: Iterable[str]) -> re.Pattern[str]:
    """One regex matching any alias on word boundaries, longest first so "Justice Department" beats "Department"."""
    parts = sorted({a for a in aliases if a}, key=len, reverse=True)
    if not parts:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\w’'])(?:" + "|".join(re.escape(p) for p in parts) + r")(?![\w’'])")


def city_state_pairs(text: str, state_abbreviations: Iterable[str]) -> list[tuple[Span, Span]]:
    """Places written "City, St." with an AP or postal state abbreviation; returns (city span, state span)."""
    alts = "|".join(re.escape(a) for a in sorted(set(state_abbreviations), key=len, reverse=True))
    if not alts:
        return []
    name = r"[A-Z][A-Za-z’'-]*[a-z](?:\s+[A-Z][A-Za-z’'-]*[a-z]){0,2}"
    pattern = re.compile(rf"\b({name}),\s+({alts})(?=$|[\s,;:)”])")
    return [(_span(text, m.start(1), m.end(1)), _span(text, m.start(2), m.end(2))) for m in pattern.finditer(text)]


def capitalized_runs(text: str, max_words: int = 3) -> list[Span]:
    """Every run of 1..max_words capitalized words: candidates for fuzzy name matching."""
    word = re.compile(r"[A-Z][A-Za-z’'-]*[a-z]")
    tokens = [(m.start(), m.end()) for m in word.finditer(text)]
    out = []
    for i, (s, _) in enumerate(tokens):
        for j in range(i, min(i + max_words, len(tokens))):
            if j > i and not text[tokens[j - 1][1] : tokens[j][0]].isspace():
                break
            if j > i and "\n" in text[tokens[j - 1][1] : tokens[j][0]]:
                break
            out.append(_span(text, s, tokens[j][1]))
    return out
