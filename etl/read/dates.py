"""Dates as newsrooms write them, resolved against the article's as-of date.

``story_dates`` is a spaCy component that finds the words of a date (``doc.spans["dates"]``, labelled by kind):
"Aug. 2, 2017", "August 3", "3 August", "3 August 2017", "June 2017", "Thursday", "last Tuesday", "in June",
"last month", "today", "the same day", "a day earlier", "after the August recess". Month and weekday names are
English (``calendar``); the words around them come from the lexicon's ``[dates]`` section. A leading "on", "in"
or "by" is not part of the date.

``resolve`` then gives each one its value: python-dateutil reads the written date; a date without its year, a
weekday or a month falls where its clause puts it: behind the article's date by default, ahead of it when the
clause states a plan or a deadline ("will vote Tuesday", "answer by Aug. 18"); a day and month without a year are
in the article's own year (AP style leaves out the current year: "Jan. 25" in an August article is that January),
unless the clause looks ahead, where they are the occurrence nearest the article's date ("answer by Jan. 5" in a
December article is next January's).
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from dataclasses import dataclass, replace

from dateutil import parser as dateutil_parser
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from etl.read.clauses import BRACKETS, PHRASE_MARKS
from etl.read.model import DateExpr, Tokens, human, tokens_of
from etl.read.sentences import sentence_bounds

MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name}
# A month's short form without its stop ("Aug 18", a text message's) is a month only before a day of the month.
BARE_SHORT_MONTHS = {calendar.month_abbr[i]: i for i in range(1, 13) if calendar.month_abbr[i] not in MONTHS}
CALENDAR_MONTH_FORMS = {**MONTHS, **{f"{calendar.month_abbr[i]}.": i for i in range(1, 13)}, **BARE_SHORT_MONTHS}
WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}
CLAUSE_BREAKS = frozenset(PHRASE_MARKS + BRACKETS + '“”"')  # where a phrase ends (clauses.py), and quotation marks
HEADING = "heading"  # a month that heads a line: a timeline's entry or a review's section, in the article's year
LINE_HEAD_MARKS = frozenset({"—", "–", "-", ":"})  # after a month that heads a line: a timeline's "June — …"
DAY_ALONE_ENDS = frozenset({".", ",", ";", ")"})  # what may follow a day of the month alone ("by the 18th.")


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, n: int) -> tuple[int, int]:
    k = day.year * 12 + day.month - 1 + n
    return k // 12, k % 12 + 1


def _day(text: str, suffixes) -> int | None:
    for suffix in suffixes:
        if text.endswith(suffix) and text[: -len(suffix)].isdecimal():
            text = text[: -len(suffix)]
    return int(text) if text.isdecimal() and len(text) <= 2 and 1 <= int(text) <= 31 else None


def _heads_line(tokens: Tokens, i: int) -> bool:
    """Token ``i`` opens a line and a dash or a colon follows it, or it is the whole line: a timeline's entry
    ("June — President Trump …") or a heading of a year's review ("January", then its items)."""
    opens = i == 0 or "\n" in tokens.text[i - 1]
    alone = i + 1 == len(tokens) or "\n" in tokens.text[i + 1]
    return opens and (alone or (i + 1 < len(tokens) and tokens.text[i + 1] in LINE_HEAD_MARKS))


def _year(text: str) -> int | None:
    return int(text) if text.isdecimal() and len(text) == 4 and 1900 <= int(text) <= 2100 else None


@Language.factory("story_dates", default_config={"data": {}})
def make_story_dates(nlp: Language, name: str, data: dict) -> StoryDates:
    """The component, built from its ``data`` (lists and tables of words, never an article's)."""
    return StoryDates(nlp, **data)


class StoryDates:
    def __init__(self, nlp, words: dict):
        """``words``: the lexicon's ``[dates]``."""
        self.prepositions = frozenset(p.lower() for p in words["prepositions"])  # compared with the lower-case word
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
        self.after_opening = list(words["after_month_opening"])  # a list: compared with a slice of the words
        self.month_forms = {**CALENDAR_MONTH_FORMS, **words["month_forms"]}
        self.suffixes = tuple(words["ordinal_suffixes"])
        self.qualifiers = frozenset(words["month_qualifiers"])
        self.own_qualifiers = frozenset(words["month_own_qualifiers"])
        self.past = frozenset(words["past_words"])
        self.recurring = frozenset(words["recurring"])
        self.future = frozenset(words["future_words"])
        self.day_openers = frozenset(words["day_alone_openers"])
        self.ordinal_words = {w.lower(): int(n) for w, n in words["ordinal_words"].items()}

    def __call__(self, doc: Doc) -> Doc:
        found: list[tuple[int, int, str, tuple]] = []  # start, end, kind, parts
        taken: set[int] = set()

        def add(s, e, kind, parts):
            if any(k in taken for k in range(s, e)):
                return
            found.append((s, e, kind, parts))
            taken.update(range(s, e))

        tokens = tokens_of(doc)
        text = tokens.text
        for i in range(len(text)):
            if i in taken:
                continue
            hit = self._after_recess(tokens, i)
            if hit is None and text[i] in self.month_forms:
                hit = self._month_first(tokens, i)
                if hit is None:
                    continue  # a month's name alone, with no word that makes it a date
            hit = hit or self._day_first(tokens, i) or self._weekday(tokens, i) or self._day_alone(tokens, i)
            if hit is not None:
                add(*hit)
        for key, s, e in sorted(self.phrases(doc), key=lambda m: (m[1], -m[2])):  # the longest at each start
            kind, k = self.phrase_kind[doc.vocab.strings[key]]
            if s > 0 and not doc[s].is_sent_start and doc[s].text[0].isupper() and doc[s - 1].text[0].isupper():
                continue  # "as carried by West Hawaii Today": the end of a name, no date
            add(s, e, kind, (k,))
        found.sort()
        doc.spans["dates"] = [Span(doc, s, e, label=kind) for s, e, kind, _ in found]
        doc.user_data["dates"] = {(tokens.idx[s], tokens.end(e)): (kind, parts) for s, e, kind, parts in found}
        return doc

    # ---- one handler per form of date at token ``i``; each gives (start, end, kind, parts) or None ----------------

    def _after_recess(self, tokens: Tokens, i: int) -> tuple | None:
        """ "after the August recess"."""
        k, n = len(self.after_opening), len(tokens)
        if (
            i + k + 1 < n
            and tokens.lower[i : i + k] == self.after_opening
            and tokens.text[i + k] in MONTHS
            and tokens.lower[i + k + 1] in self.after_month
        ):
            return i, i + k + 2, "after", (MONTHS[tokens.text[i + k]],)
        return None

    def _month_first(self, tokens: Tokens, i: int) -> tuple | None:
        """Month Day[, Year] ("Aug. 2, 2017"), Month Year ("June 2017"), or a month after a preposition or a word
        that places it ("in June", "last June", "early August"), or heading a line before a dash ("June — …")."""
        text, n = tokens.text, len(tokens)
        month = self.month_forms[text[i]]
        day = _day(text[i + 1], self.suffixes) if i + 1 < n else None
        if day is not None:
            e, year = i + 2, None
            if e + 1 < n and text[e] == "," and _year(text[e + 1]):
                e, year = e + 2, _year(text[e + 1])
            elif e < n and _year(text[e]):
                e, year = e + 1, _year(text[e])
            return i, e, "absolute", (year, month, day)
        if text[i] in BARE_SHORT_MONTHS:
            return None  # "Jan" alone is no date ("Jan Okafor")
        if i + 1 < n and _year(text[i + 1]):
            return i, i + 2, "month", (_year(text[i + 1]), month, "")
        before = tokens.lower[i - 1] if i else ""
        if text[i] in MONTHS and (
            before in self.prepositions
            or before in self.past
            or before in self.future
            or before in self.qualifiers
            or _heads_line(tokens, i)
        ):
            s = i - 1 if before in self.past or before in self.future or before in self.own_qualifiers else i
            return s, i + 1, "month", (None, month, HEADING if _heads_line(tokens, i) else before)
        return None

    def _day_first(self, tokens: Tokens, i: int) -> tuple | None:
        """Day Month [Year]: "3 August", "3 August 2017"."""
        text = tokens.text
        n = len(text)
        day = _day(text[i], self.suffixes)
        if day is None or i + 1 >= n or text[i + 1] not in self.month_forms:
            return None
        month = self.month_forms[text[i + 1]]
        e, year = i + 2, None
        if e < n and _year(text[e]):
            e, year = e + 1, _year(text[e])
        return i, e, "absolute", (year, month, day)

    def _day_alone(self, tokens: Tokens, i: int) -> tuple | None:
        """A day of the month alone, after a preposition of time and before a stop, a comma or a bracket: "answer by
        the 18th.", "arrived on the 2nd,". Not "the 13th-largest city", "the 18th century", "the 5th, 6th and 7th
        rounds", "came in the 2nd — behind" (no preposition of time, or no stop after it)."""
        text, n = tokens.text, len(tokens)
        if text[i] not in self.day_openers or i == 0 or tokens.lower[i - 1] not in self.prepositions or i + 1 >= n:
            return None
        day = None if text[i + 1].isdecimal() else _day(text[i + 1], self.suffixes)
        after = text[i + 2] if i + 2 < n else "."
        if day is None or after not in DAY_ALONE_ENDS:
            return None
        if after == "," and i + 3 < n and _day(text[i + 3], self.suffixes) is not None:
            return None  # "the 5th, 6th and 7th": a list of ordinals
        return i, i + 2, "day_alone", (day, None)

    def _ordinal_after(self, tokens: Tokens, k: int) -> int | None:
        """The day of the month "the second" or "the 2nd" gives at token ``k`` (after a comma), else None."""
        if k < len(tokens) and tokens.text[k] == ",":
            k += 1
        if k + 1 >= len(tokens) or tokens.text[k] not in self.day_openers:
            return None
        word = tokens.lower[k + 1]
        return self.ordinal_words.get(word) or (None if word.isdecimal() else _day(word, self.suffixes))

    def _weekday(self, tokens: Tokens, i: int) -> tuple | None:
        """A weekday, with "last" or "next" before it; "Friday, Aug. 18" is one date, but "last Thursday, Aug. 3"
        two (the day of the month stands beside a date already whole); "every Monday" none."""
        text, n = tokens.text, len(tokens)
        if text[i] not in WEEKDAYS:
            return None
        before = tokens.lower[i - 1] if i else ""
        relative = before in self.past or before in self.future
        if not relative and i + 3 < n and text[i + 1] == "," and text[i + 2] in self.month_forms:
            day = _day(text[i + 3], self.suffixes)
            if day is not None:
                e, year = i + 4, None
                if e + 1 < n and text[e] == "," and _year(text[e + 1]):
                    e, year = e + 2, _year(text[e + 1])
                return i, e, "absolute", (year, self.month_forms[text[i + 2]], day)
        day = self._ordinal_after(tokens, i + 1)
        if day is not None:  # "on Wednesday the second", "Wednesday, the 2nd": that day of the month
            return i, i + 3 + (text[i + 1] == ","), "day_alone", (day, WEEKDAYS[text[i]])
        if before in self.recurring:
            return None  # "new episodes every Monday": a habit, no day
        s = i - 1 if relative else i
        return s, i + 1, "weekday", (WEEKDAYS[text[i]], before)


def _clause_before(doc: Doc, start: int) -> list[str]:
    """The words (lower case) of the date's clause before it: back to the start of its clause (the reader's clauses,
    ``etl.read.clauses``, in ``doc.user_data["clause_starts"]``), or to a closer break (a comma, a bracket, a
    quotation mark), within its sentence."""
    first, _ = sentence_bounds(doc, start)
    starts = doc.user_data.get("clause_starts", [])
    tokens = tokens_of(doc)
    i = bisect.bisect_right(starts, tokens.idx[start]) - 1
    k = start - 1
    while k >= first and tokens.text[k] not in CLAUSE_BREAKS and (i < 0 or tokens.idx[k] >= starts[i]):
        k -= 1
    return tokens.lower[k + 1 : start]


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
        """One of the phrases is in the words, word for word. A phrase with a word the text lacks is not looked
        for word by word (most of the lexicon's cues are absent from any one clause)."""
        present = set(words)
        for p in phrases:
            if not present.issuperset(p):
                continue
            for k in range(len(words) - len(p) + 1):
                if words[k : k + len(p)] == p:
                    return True
        return False

    def _ahead(self, doc: Doc, start: int) -> bool:
        before = _clause_before(doc, start)
        if before and before[-1] in self.future_prepositions:
            return True
        return self._has(before, self.future_cues)

    def _negated(self, doc: Doc, start: int) -> bool:
        before = _clause_before(doc, start)
        near = before[-4:]
        if near and self._has(near, self.near_negations) and self._right_before(near):
            return True
        sentence = tokens_of(doc).lower[sentence_bounds(doc, start)[0] : start]
        return self._has(sentence, [p for p in self.negations if p not in self.near_negations])

    def _right_before(self, near: list[str]) -> bool:
        """A near negation stands right before the date, with only prepositions or marks between ("Aug. 2, not on
        Aug. 3"); one with a verb between negates the verb ("If the cities do not answer by Aug. 18"), not the date."""
        for k in range(len(near) - 1, -1, -1):
            if any(near[k : k + len(p)] == p for p in self.near_negations):
                end = k + next(len(p) for p in self.near_negations if near[k : k + len(p)] == p)
                return all(w in self.prepositions or not w.isalnum() for w in near[end:])
        return False

    def _near(self, month: int, day: int, ahead: bool) -> dt.date | None:
        """A day and month without a year: in the article's year (AP style leaves out the current year; a deadline
        stated in a past clause, "had until Aug. 18", can lie before the article), or where the clause looks ahead
        the occurrence nearest the article's date."""
        years = (self.as_of.year - 1, self.as_of.year, self.as_of.year + 1) if ahead else (self.as_of.year,)
        options = []
        for year in years:
            try:
                options.append(dt.date(year, month, day))
            except ValueError:
                continue
        return min(options, key=lambda d: (abs((d - self.as_of).days), d)) if options else None

    def resolve(
        self, doc: Doc, span: Span, kind: str, parts: tuple, previous: DateExpr | None, anchor: DateExpr | None = None
    ) -> DateExpr | None:
        """The date's value. ``previous`` is the date "the same day" or "a day earlier" counts from; ``anchor`` the
        day a transcript's speakers speak on (their "today"). One handler per kind of date."""
        ahead, negated = self._ahead(doc, span.start), self._negated(doc, span.start)
        found = _Found(span.start_char, span.end_char, span.text, kind, ahead, negated)
        handler = _HANDLERS.get(kind)
        return None if handler is None else handler(self, found, parts, previous, anchor)

    def _absolute(self, f: _Found, parts: tuple, previous, anchor) -> DateExpr | None:
        """ "Aug. 2, 2017" is that day; "Aug. 2" the one nearest the article's date."""
        year, month, day_of_month = parts
        m = self.methods
        if year is not None:
            try:
                day = dateutil_parser.parse(f"{year}-{month:02d}-{day_of_month:02d}").date()
            except (ValueError, OverflowError):
                return None
            return replace(f.day(day, m["full_date"].format(written=f.written, day=human(day))), year_written=True)
        day = self._near(month, day_of_month, f.ahead)
        if day is None:
            return None
        how = m["no_year" if f.ahead else "no_year_own"]
        return f.day(day, how.format(written=f.written, as_of=self.as_of_words, day=human(day)))

    def _month(self, f: _Found, parts: tuple, previous, anchor) -> DateExpr:
        """ "June 2017" is that month; "in June" the nearest June, "last June" the latest."""
        year, month, before = parts
        as_of, m = self.as_of, self.methods
        if year is not None:
            how = m["written_month"].format(written=f.written, month=dt.date(year, month, 1))
            return replace(f.month(year, month, how), year_written=True)
        if before == HEADING:  # "June — …", a review's "January": the article's year, as a day with no year is
            how = m["month_own"].format(written=f.written, month=dt.date(as_of.year, month, 1), as_of=self.as_of_words)
            return f.month(as_of.year, month, how)
        back = before in self.past  # the reader gives a month no other word before it that looks back
        forward = before in self.future
        options = [(y, month) for y in (as_of.year - 1, as_of.year, as_of.year + 1)]
        if back:  # "last August", written in August, is a year ago; in June, this year's is to come
            options = [(y, mo) for y, mo in options if (y, mo) < (as_of.year, as_of.month)]
        elif forward:
            options = [(y, mo) for y, mo in options if (y, mo) >= (as_of.year, as_of.month)]
        y, mo = min(options, key=lambda o: abs((o[0] - as_of.year) * 12 + o[1] - as_of.month))
        how = m["month_latest" if back else "month_nearest"].format(
            written=f.written, month=dt.date(y, mo, 1), name=calendar.month_name[mo], as_of=self.as_of_words
        )
        return f.month(y, mo, how)

    def _weekday(self, f: _Found, parts: tuple, previous, anchor) -> DateExpr:
        """ "Thursday" is the latest Thursday, or the next one in a clause that looks ahead."""
        weekday, before = parts
        as_of, m = self.as_of, self.methods
        forward = before in self.future or (f.ahead and before not in self.never_ahead)
        strict = before in self.past or before in self.future  # "last Thursday" is never today
        name = calendar.day_name[weekday]
        if forward:
            day = as_of + dt.timedelta(days=(weekday - as_of.weekday()) % 7 or (7 if strict else 0))
            how = m["weekday_after" if strict else "weekday_on_or_after"].format(name=name, as_of=self.as_of_words)
        else:
            day = as_of - dt.timedelta(days=(as_of.weekday() - weekday) % 7 or (7 if strict else 0))
            how = m["weekday_before" if strict else "weekday_on_or_before"].format(name=name, as_of=self.as_of_words)
        return f.day(day, f"“{f.written}” → {human(day)}: {how}")

    def _day_alone(self, f: _Found, parts: tuple, previous, anchor) -> DateExpr | None:
        """ "the 18th": that day of the article's month; the next one in a clause that looks ahead, the latest one
        otherwise. After a weekday ("Wednesday the second") the two must agree."""
        day_of_month, weekday = parts
        as_of = self.as_of
        step = 1 if f.ahead else -1
        for k in range(13):
            y, mo = _add_months(as_of, step * k)
            if day_of_month <= calendar.monthrange(y, mo)[1]:
                day = dt.date(y, mo, day_of_month)
                if (day >= as_of) if f.ahead else (day <= as_of):
                    if weekday is not None and day.weekday() != weekday:
                        return None  # "Friday, the 18th" where that 18th is no Friday: no date rather than a wrong one
                    how = self.methods["day_alone_ahead" if f.ahead else "day_alone_back"]
                    return f.day(day, how.format(written=f.written, day=human(day), as_of=self.as_of_words))
        return None

    def _relative_month(self, f: _Found, parts: tuple, previous, anchor) -> DateExpr:
        """ "last month": months counted from the article's date."""
        (k,) = parts
        y, mo = _add_months(self.as_of, k)
        how = self.methods["relative_month"].format(written=f.written, month=dt.date(y, mo, 1), as_of=self.as_of_words)
        return f.month(y, mo, how)

    def _relative_day(self, f: _Found, parts: tuple, previous, anchor) -> DateExpr:
        """ "yesterday": days counted from the article's date, or in a transcript from the day it records."""
        (k,) = parts
        m = self.methods
        if anchor is not None:
            day = anchor.date_start + dt.timedelta(days=k)
            return f.day(day, m["transcript_day"].format(written=f.written, day=human(day), anchor=anchor.surface))
        day = self.as_of + dt.timedelta(days=k)
        return f.day(day, m["relative_day"].format(written=f.written, day=human(day), as_of=self.as_of_words))

    def _counted(self, f: _Found, parts: tuple, previous, anchor) -> DateExpr | None:
        """ "the same day", "a day earlier": days counted from the date the text named before."""
        if previous is None or previous.precision != "day":
            return None
        (k,) = parts
        day = previous.date_start + dt.timedelta(days=k)
        template = self.methods[
            "same_day_as" if f.kind == "same_day" else "one_day_from" if abs(k) == 1 else "days_from"
        ]
        return f.day(day, template.format(written=f.written, day=human(day), n=abs(k), previous=previous.surface))

    def _after(self, f: _Found, parts: tuple, previous, anchor) -> DateExpr:
        """ "after the August recess": open-ended, from the first day after the month."""
        (month,) = parts
        as_of = self.as_of
        year = as_of.year if month >= as_of.month - 1 else as_of.year + 1
        begin = _month_end(year, month) + dt.timedelta(days=1)
        how = self.methods["open_ended"].format(written=f.written, day=human(begin))
        return DateExpr(f.s, f.e, f.written, "after", "", "after", begin, None, how, True, f.negated)


@dataclass(frozen=True)
class _Found:
    """A date's words in the text and what its clause says of them: what every kind of date's value shares."""

    s: int
    e: int
    written: str
    kind: str
    ahead: bool
    negated: bool

    def day(self, day: dt.date, how: str) -> DateExpr:
        return DateExpr(
            self.s, self.e, self.written, self.kind, day.isoformat(), "day", day, day, how, self.ahead, self.negated
        )

    def month(self, year: int, month: int, how: str) -> DateExpr:
        first, last = dt.date(year, month, 1), _month_end(year, month)
        value = f"{year:04d}-{month:02d}"
        return DateExpr(
            self.s, self.e, self.written, "month", value, "month", first, last, how, self.ahead, self.negated
        )


# The handler of each kind of date the component finds.
_HANDLERS = {
    "absolute": Resolver._absolute,
    "month": Resolver._month,
    "weekday": Resolver._weekday,
    "day_alone": Resolver._day_alone,
    "relative_month": Resolver._relative_month,
    "relative_day": Resolver._relative_day,
    "same_day": Resolver._counted,
    "day_offset": Resolver._counted,
    "after": Resolver._after,
}
