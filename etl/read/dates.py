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
CALENDAR_MONTH_FORMS = {**MONTHS, **{f"{calendar.month_abbr[i]}.": i for i in range(1, 13)}}
WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}
CLAUSE_BREAKS = frozenset({",", ";", "—", "–", ":", "(", ")", "“", "”", '"'})


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, n: int) -> tuple[int, int]:
    k = day.year * 12 + day.month - 1 + n
    return k // 12, k % 12 + 1


def _day(t, suffixes) -> int | None:
    text = t.text
    for suffix in suffixes:
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
    def __init__(self, nlp, words: dict):
        """``words``: the lexicon's ``[dates]``."""
        self.prepositions = frozenset(words["prepositions"])
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.phrase_kind: dict[str, tuple[str, int]] = {}
        for kind, table in (
            ("same_day", {p: 0 for p in words["same_day"]}),
            ("relative_month", words["relative_months"]),
            ("relative_day", words["relative_days"]),
            ("day_offset", words["day_offsets"]),
        ):
            for phrase, n in table.items():
                key = f"{kind}|{phrase.lower()}"
                self.phrase_kind[key] = (kind, int(n))
                self.phrases.add(key, [nlp.make_doc(phrase)])
        self.after_month = frozenset(words["after_month"])
        self.after_opening = tuple(words["after_month_opening"])
        self.month_forms = {**CALENDAR_MONTH_FORMS, **words["month_forms"]}
        self.suffixes = tuple(words["ordinal_suffixes"])
        self.qualifiers = frozenset(words["month_qualifiers"])
        self.own_qualifiers = frozenset(words["month_own_qualifiers"])
        self.past = frozenset(words["past_words"])
        self.future = frozenset(words["future_words"])

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
            month = self.month_forms.get(t.text)
            # after the August recess
            k = len(self.after_opening)
            if (
                i + k + 1 < n
                and all(doc[i + j].lower_ == w for j, w in enumerate(self.after_opening))
                and doc[i + k].text in MONTHS
                and doc[i + k + 1].lower_ in self.after_month
            ):
                add(i, i + k + 2, "after", (MONTHS[doc[i + k].text],))
                continue
            if month is not None:
                # Month Day[, Year] / Month Year / Month alone after a preposition
                day = _day(doc[i + 1], self.suffixes) if i + 1 < n else None
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
                    or before in self.qualifiers
                ):
                    s = i - 1 if before in self.past or before in self.future or before in self.own_qualifiers else i
                    add(s, i + 1, "month", (None, month, before))
                continue
            # Day Month [Year]
            day = _day(t, self.suffixes)
            if day is not None and i + 1 < n and doc[i + 1].text in self.month_forms:
                month = self.month_forms[doc[i + 1].text]
                e, year = i + 2, None
                if e < n and _year(doc[e]):
                    e, year = e + 1, _year(doc[e])
                add(i, e, "absolute", (year, month, day))
                continue
            # a weekday, with "last" or "next" before it; "Friday, Aug. 18" is one date
            if t.text in WEEKDAYS and i + 3 < n and doc[i + 1].text == "," and doc[i + 2].text in self.month_forms:
                day = _day(doc[i + 3], self.suffixes)
                if day is not None:
                    e, year = i + 4, None
                    if e + 1 < n and doc[e].text == "," and _year(doc[e + 1]):
                        e, year = e + 2, _year(doc[e + 1])
                    add(i, e, "absolute", (year, self.month_forms[doc[i + 2].text], day))
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

    def __init__(self, lexicon_dates: dict, methods: dict, as_of: dt.date, as_of_words: str):
        """``lexicon_dates``: the lexicon's ``[dates]``; ``methods``: its ``[methods]``, how each date was read."""
        self.as_of = as_of
        self.methods = methods
        self.as_of_words = as_of_words  # "the article's date, Thu 3 Aug 2017 (inferred)"
        self.future_cues = [c.lower().split() for c in lexicon_dates["future_cues"]]
        self.future_prepositions = frozenset(lexicon_dates["future_prepositions"])
        self.negations = [c.lower().split() for c in lexicon_dates["negations"]]
        self.prepositions = frozenset(p.lower() for p in lexicon_dates["prepositions"])
        self.near_negations = [c.lower().split() for c in lexicon_dates["near_negations"]]
        self.past = frozenset(lexicon_dates["past_words"])
        self.future = frozenset(lexicon_dates["future_words"])
        self.never_ahead = frozenset(lexicon_dates["weekday_back"])

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
        if near and self._has(near, self.near_negations):
            return True
        sentence = [t.lower_ for t in doc[sentence_bounds(doc, start)[0] : start]]
        return self._has(sentence, [p for p in self.negations if p not in self.near_negations])

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
        m = self.methods

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
                return replace(day_expr(day, m["full_date"].format(written=written, day=human(day))), year_written=True)
            day = self._near(month, day_of_month)
            if day is None:
                return None
            return day_expr(day, m["no_year"].format(written=written, as_of=self.as_of_words, day=human(day)))
        if kind == "month":
            year, month, before = parts
            if year is not None:
                how = m["written_month"].format(written=written, month=dt.date(year, month, 1))
                return replace(month_expr(year, month, how), year_written=True)
            back = before in self.past  # the reader gives a month no other word before it that looks back
            forward = before in self.future
            options = [(y, month) for y in (as_of.year - 1, as_of.year, as_of.year + 1)]
            if back:
                options = [(y, m) for y, m in options if (y, m) <= (as_of.year, as_of.month)]
            elif forward:
                options = [(y, m) for y, m in options if (y, m) >= (as_of.year, as_of.month)]
            y, mo = min(options, key=lambda o: abs((o[0] - as_of.year) * 12 + o[1] - as_of.month))
            how = m["month_latest" if back else "month_nearest"].format(
                written=written, month=dt.date(y, mo, 1), name=calendar.month_name[mo], as_of=self.as_of_words
            )
            return month_expr(y, mo, how)
        if kind == "weekday":
            weekday, before = parts
            forward = before in self.future or (ahead and before not in self.never_ahead)
            strict = before in self.past or before in self.future  # "last Thursday" is never today
            name = calendar.day_name[weekday]
            if forward:
                day = as_of + dt.timedelta(days=(weekday - as_of.weekday()) % 7 or (7 if strict else 0))
                how = m["weekday_after" if strict else "weekday_on_or_after"].format(name=name, as_of=self.as_of_words)
            else:
                day = as_of - dt.timedelta(days=(as_of.weekday() - weekday) % 7 or (7 if strict else 0))
                how = m["weekday_before" if strict else "weekday_on_or_before"].format(
                    name=name, as_of=self.as_of_words
                )
            return day_expr(day, f"“{written}” → {human(day)}: {how}")
        if kind == "relative_month":
            (k,) = parts
            y, mo = _add_months(as_of, k)
            how = m["relative_month"].format(written=written, month=dt.date(y, mo, 1), as_of=self.as_of_words)
            return month_expr(y, mo, how)
        if kind == "relative_day" and anchor is not None:
            (k,) = parts
            day = anchor.date_start + dt.timedelta(days=k)
            return day_expr(day, m["transcript_day"].format(written=written, day=human(day), anchor=anchor.surface))
        if kind == "relative_day":
            (k,) = parts
            day = as_of + dt.timedelta(days=k)
            return day_expr(day, m["relative_day"].format(written=written, day=human(day), as_of=self.as_of_words))
        if kind in ("same_day", "day_offset"):
            if previous is None or previous.precision != "day":
                return None
            (k,) = parts
            day = previous.date_start + dt.timedelta(days=k)
            template = m["same_day_as" if kind == "same_day" else "one_day_from" if abs(k) == 1 else "days_from"]
            how = template.format(written=written, day=human(day), n=abs(k), previous=previous.surface)
            return day_expr(day, how)
        if kind == "after":
            (month,) = parts
            year = as_of.year if month >= as_of.month - 1 else as_of.year + 1
            begin = _month_end(year, month) + dt.timedelta(days=1)
            how = m["open_ended"].format(written=written, day=human(begin))
            return DateExpr(s, e, written, "after", "", "after", begin, None, how, True, negated)
        return None
