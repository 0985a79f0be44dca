"""Dates as newsrooms write them, resolved against the article's as-of date.

``story_dates`` is a spaCy component that finds the words of a date (``doc.spans["dates"]``, labelled by kind):
"Aug. 2, 2017", "August 3", "3 August", "3 August 2017", "June 2017", "Thursday", "last Tuesday", "in June",
"last month", "today", "the same day", "a day earlier", "after the August recess". Month and weekday names are
English (``calendar``); the words around them come from the lexicon's ``[dates]`` section. A leading "on", "in"
or "by" is not part of the date.

``resolve`` then gives each one its value: python-dateutil reads the written date; a date without its year, a
weekday or a month falls where its clause puts it: behind the article's date by default, ahead of it when the
clause states a plan or a deadline ("will vote Tuesday", "answer by Aug. 18"); a day and month without a year are
the occurrence nearest the article's date (AP style leaves out the current year), unless the clause says ahead.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import replace

from dateutil import parser as dateutil_parser
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from etl.read.model import DateExpr, human
from etl.read.sentences import sentence_bounds

MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name}
MONTH_FORMS = {
    **MONTHS,
    **{f"{calendar.month_abbr[i]}.": i for i in range(1, 13)},
    "Sept.": 9,
}
WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}
CLAUSE_BREAKS = frozenset({",", ";", "—", "–", ":", "(", ")", "“", "”", '"'})
PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening", "night"})


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, n: int) -> tuple[int, int]:
    k = day.year * 12 + day.month - 1 + n
    return k // 12, k % 12 + 1


def _day(t) -> int | None:
    text = t.text
    for suffix in ("st", "nd", "rd", "th"):
        if text.endswith(suffix) and text[: -len(suffix)].isdecimal():
            text = text[: -len(suffix)]
    return int(text) if text.isdecimal() and len(text) <= 2 and 1 <= int(text) <= 31 else None


def _year(t) -> int | None:
    return int(t.text) if t.text.isdecimal() and len(t.text) == 4 and 1900 <= int(t.text) <= 2100 else None


@Language.factory("story_dates", default_config={"data": {}})
def make_story_dates(nlp: Language, name: str, data: dict) -> StoryDates:
    """The component, built from its ``data`` (lists and tables of words, never an article's)."""
    return StoryDates(nlp, **data)


class StoryDates:
    def __init__(
        self,
        nlp,
        prepositions,
        same_day,
        relative_months,
        relative_days,
        day_offsets,
        after_month,
        past_words,
        future_words,
    ):
        self.prepositions = frozenset(prepositions)
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.phrase_kind: dict[str, tuple[str, int]] = {}
        for kind, table in (
            ("same_day", {p: 0 for p in same_day}),
            ("relative_month", relative_months),
            ("relative_day", relative_days),
            ("day_offset", day_offsets),
        ):
            for phrase, n in table.items():
                key = f"{kind}|{phrase.lower()}"
                self.phrase_kind[key] = (kind, int(n))
                self.phrases.add(key, [nlp.make_doc(phrase)])
        self.after_month = frozenset(after_month)
        self.past = frozenset(past_words)
        self.future = frozenset(future_words)

    def __call__(self, doc: Doc) -> Doc:
        found: list[tuple[int, int, str, tuple]] = []  # start, end, kind, parts
        taken: set[int] = set()
        n = len(doc)

        def add(s, e, kind, parts):
            if any(k in taken for k in range(s, e)):
                return
            found.append((s, e, kind, parts))
            taken.update(range(s, e))

        for i, t in enumerate(doc):
            if i in taken:
                continue
            month = MONTH_FORMS.get(t.text)
            # after the August recess
            if (
                t.lower_ == "after"
                and i + 3 < n
                and doc[i + 1].lower_ == "the"
                and doc[i + 2].text in MONTHS
                and doc[i + 3].lower_ in self.after_month
            ):
                add(i, i + 4, "after", (MONTHS[doc[i + 2].text],))
                continue
            if month is not None:
                # Month Day[, Year] / Month Year / Month alone after a preposition
                day = _day(doc[i + 1]) if i + 1 < n else None
                if day is not None:
                    e, year = i + 2, None
                    if e + 1 < n and doc[e].text == "," and _year(doc[e + 1]):
                        e, year = e + 2, _year(doc[e + 1])
                    elif e < n and _year(doc[e]):
                        e, year = e + 1, _year(doc[e])
                    add(i, e, "absolute", (year, month, day))
                    continue
                if i + 1 < n and _year(doc[i + 1]):
                    add(i, i + 2, "month", (_year(doc[i + 1]), month, ""))
                    continue
                before = doc[i - 1].lower_ if i else ""
                if t.text in MONTHS and (
                    before in {p.lower() for p in self.prepositions}
                    or before in self.past
                    or before in self.future
                    or before in ("early", "late", "mid", "this")
                ):
                    s = i - 1 if before in self.past or before in self.future or before == "this" else i
                    add(s, i + 1, "month", (None, month, before))
                continue
            # Day Month [Year]
            day = _day(t)
            if day is not None and i + 1 < n and doc[i + 1].text in MONTH_FORMS:
                month = MONTH_FORMS[doc[i + 1].text]
                e, year = i + 2, None
                if e < n and _year(doc[e]):
                    e, year = e + 1, _year(doc[e])
                add(i, e, "absolute", (year, month, day))
                continue
            # a weekday, with "last" or "next" before it; "Friday, Aug. 18" is one date
            if t.text in WEEKDAYS and i + 3 < n and doc[i + 1].text == "," and doc[i + 2].text in MONTH_FORMS:
                day = _day(doc[i + 3])
                if day is not None:
                    e, year = i + 4, None
                    if e + 1 < n and doc[e].text == "," and _year(doc[e + 1]):
                        e, year = e + 2, _year(doc[e + 1])
                    add(i, e, "absolute", (year, MONTH_FORMS[doc[i + 2].text], day))
                    continue
            if t.text in WEEKDAYS:
                before = doc[i - 1].lower_ if i else ""
                s = i - 1 if before in self.past or before in self.future else i
                add(s, i + 1, "weekday", (WEEKDAYS[t.text], before))
        for key, s, e in self.phrases(doc):
            kind, k = self.phrase_kind[doc.vocab.strings[key]]
            add(s, e, kind, (k,))
        found.sort()
        doc.spans["dates"] = [Span(doc, s, e, label=kind) for s, e, kind, _ in found]
        doc.user_data["dates"] = {
            (doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)): (kind, parts) for s, e, kind, parts in found
        }
        return doc


def _clause_before(doc: Doc, start: int) -> list:
    """The tokens of the date's clause before it, back to a clause break or the sentence's start."""
    first, _ = sentence_bounds(doc, start)
    k = start - 1
    while k >= first and doc[k].text not in CLAUSE_BREAKS:
        k -= 1
    return list(doc[k + 1 : start])


class Resolver:
    """Resolves the dates of one article: its as-of date, how to name it, and the lexicon's cue words."""

    def __init__(self, lexicon_dates: dict, as_of: dt.date, as_of_words: str):
        self.as_of = as_of
        self.as_of_words = as_of_words  # "the article's date, Thu 3 Aug 2017 (inferred)"
        self.future_cues = [c.lower().split() for c in lexicon_dates["future_cues"]]
        self.future_prepositions = frozenset(lexicon_dates["future_prepositions"])
        self.negations = [c.lower().split() for c in lexicon_dates["negations"]]
        self.prepositions = frozenset(p.lower() for p in lexicon_dates["prepositions"])

    @staticmethod
    def _has(words: list[str], phrases: list[list[str]]) -> bool:
        for p in phrases:
            for k in range(len(words) - len(p) + 1):
                if words[k : k + len(p)] == p:
                    return True
        return False

    def _ahead(self, doc: Doc, start: int) -> bool:
        before = _clause_before(doc, start)
        if before and before[-1].lower_ in self.future_prepositions:
            return True
        return self._has([t.lower_ for t in before], self.future_cues)

    def _negated(self, doc: Doc, start: int) -> bool:
        before = [t.lower_ for t in _clause_before(doc, start)]
        near = before[-4:]
        if near and self._has(near, [["not"], ["rather", "than"], ["instead", "of"]]):
            return True
        sentence = [t.lower_ for t in doc[sentence_bounds(doc, start)[0] : start]]
        return self._has(
            sentence, [p for p in self.negations if p not in (["not"], ["rather", "than"], ["instead", "of"])]
        )

    def _near(self, month: int, day: int) -> dt.date | None:
        """A day and month without a year: the occurrence nearest the article's date (AP style leaves out the
        current year; a deadline stated in a past clause, "had until Aug. 18", can lie before the article)."""
        options = []
        for year in (self.as_of.year - 1, self.as_of.year, self.as_of.year + 1):
            try:
                options.append(dt.date(year, month, day))
            except ValueError:
                continue
        return min(options, key=lambda d: (abs((d - self.as_of).days), d)) if options else None

    def resolve(
        self, doc: Doc, span: Span, kind: str, parts: tuple, previous: DateExpr | None, anchor: DateExpr | None = None
    ) -> DateExpr | None:
        """The date's value. ``previous`` is the date "the same day" or "a day earlier" counts from; ``anchor`` the
        day a transcript's speakers speak on (their "today")."""
        written = span.text
        s, e = span.start_char, span.end_char
        ahead = self._ahead(doc, span.start)
        negated = self._negated(doc, span.start)
        as_of = self.as_of

        def day_expr(day: dt.date, how: str, k: str = kind) -> DateExpr:
            return DateExpr(s, e, written, k, day.isoformat(), "day", day, day, how, ahead, negated)

        def month_expr(year: int, month: int, how: str) -> DateExpr:
            first = dt.date(year, month, 1)
            return DateExpr(
                s,
                e,
                written,
                "month",
                f"{year:04d}-{month:02d}",
                "month",
                first,
                _month_end(year, month),
                how,
                ahead,
                negated,
            )

        if kind == "absolute":
            year, month, day_of_month = parts
            if year is not None:
                try:
                    day = dateutil_parser.parse(f"{year}-{month:02d}-{day_of_month:02d}").date()
                except (ValueError, OverflowError):
                    return None
                return replace(day_expr(day, f"“{written}” is a full date: {human(day)}"), year_written=True)
            day = self._near(month, day_of_month)
            if day is None:
                return None
            return day_expr(day, f"“{written}” has no year: the one nearest {self.as_of_words} is {human(day)}")
        if kind == "month":
            year, month, before = parts
            if year is not None:
                how = f"“{written}” is a month: {dt.date(year, month, 1):%B %Y}"
                return replace(month_expr(year, month, how), year_written=True)
            back = before in ("last", "past", "previous", "earlier")
            forward = before in ("next", "coming")
            options = [(y, month) for y in (as_of.year - 1, as_of.year, as_of.year + 1)]
            if back:
                options = [(y, m) for y, m in options if (y, m) <= (as_of.year, as_of.month)]
            elif forward:
                options = [(y, m) for y, m in options if (y, m) >= (as_of.year, as_of.month)]
            y, m = min(options, key=lambda o: abs((o[0] - as_of.year) * 12 + o[1] - as_of.month))
            return month_expr(
                y,
                m,
                f"“{written}” → {dt.date(y, m, 1):%B %Y}, the {'latest' if back else 'nearest'} "
                f"{calendar.month_name[m]} to {self.as_of_words}",
            )
        if kind == "weekday":
            weekday, before = parts
            forward = before in ("next", "coming") or (ahead and before not in ("last", "past"))
            strict = before in ("last", "past", "previous", "next", "coming")  # "last Thursday" is never today
            name = calendar.day_name[weekday]
            if forward:
                day = as_of + dt.timedelta(days=(weekday - as_of.weekday()) % 7 or (7 if strict else 0))
                how = f"the first {name} {'after' if strict else 'on or after'} {self.as_of_words}"
            else:
                day = as_of - dt.timedelta(days=(as_of.weekday() - weekday) % 7 or (7 if strict else 0))
                how = f"the latest {name} {'before' if strict else 'on or before'} {self.as_of_words}"
            return day_expr(day, f"“{written}” → {human(day)}: {how}")
        if kind == "relative_month":
            (k,) = parts
            y, m = _add_months(as_of, k)
            return month_expr(y, m, f"“{written}” → {dt.date(y, m, 1):%B %Y}, counted from {self.as_of_words}")
        if kind == "relative_day" and anchor is not None:
            (k,) = parts
            day = anchor.date_start + dt.timedelta(days=k)
            return day_expr(
                day, f"“{written}” → {human(day)}, counted from the day the transcript records, “{anchor.surface}”"
            )
        if kind == "relative_day":
            (k,) = parts
            day = as_of + dt.timedelta(days=k)
            return day_expr(day, f"“{written}” → {human(day)}, counted from {self.as_of_words}")
        if kind in ("same_day", "day_offset"):
            if previous is None or previous.precision != "day":
                return None
            (k,) = parts
            day = previous.date_start + dt.timedelta(days=k)
            what = "the same day as" if kind == "same_day" else f"{abs(k)} day{'s' * (abs(k) != 1)} from"
            return day_expr(day, f"“{written}” → {human(day)}: {what} “{previous.surface}”")
        if kind == "after":
            (month,) = parts
            year = as_of.year if month >= as_of.month - 1 else as_of.year + 1
            begin = _month_end(year, month) + dt.timedelta(days=1)
            how = f"“{written}” has no date: not before {human(begin)} (inferred from the words)"
            return DateExpr(s, e, written, "after", "", "after", begin, None, how, True, negated)
        return None
