"""``python -m etl preview FILE``: what the reader finds in one article, before it goes into the data. Writes nothing.

The editor's second step, after ``python -m etl add`` (or before it). It reads the article as a refresh does (the
same reader, resolve stage and story: ``etl.build.understand``) and prints each sentence with its spans marked
(places, people and organisations, dates, counts, tallies, quotations with their speakers), then the roles it
would claim for cities and whether the map would draw them, then the alarms the per-article checks would raise.
In a terminal it is drawn with ``rich``; piped or in tests it is plain text, the spans in brackets:
``[Baltimore]{place}``. Ids stand next to names: this is a tool for the desk, not a screen for readers.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from etl import paths
from etl.add import parse_day
from etl.errors import EtlError
from etl.read.ahead import InBackground, new_reader
from etl.read.model import Reading, as_of_words
from etl.seed import Article, check_text, read_seed

STYLES = {  # rich styles per kind of span (a terminal only)
    "place": "bold green",
    "state": "green",
    "district": "green",
    "person": "bold cyan",
    "organization": "cyan",
    "program": "cyan",
    "legislation": "cyan",
    "policy": "cyan",
    "publication": "cyan",
    "date": "bold magenta",
    "count": "yellow",
    "tally": "bold yellow",
    "quote": "italic blue",
}
SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "dim"}
SHORT = 60  # characters of a long span (a quotation) shown in its detail line


@dataclass(frozen=True)
class Mark:
    """One span of a sentence: where it is (in the sentence's characters), its kind, and what the reader made of it."""

    start: int
    end: int
    kind: str
    surface: str
    reading: str


@dataclass(frozen=True)
class SentenceView:
    sentence_id: str
    kind: str
    surface: str
    marks: list[Mark]


@dataclass(frozen=True)
class Preview:
    """Everything ``preview`` prints, as plain values (so both renderers and the tests read the same thing)."""

    title: str
    sentences: list[SentenceView]
    roles: list[str]
    alarms: list[tuple[str, str, str, str]]  # severity, kind, sentence id, message
    agreements: int


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"


def _mention_reading(m, places: dict) -> tuple[str, str]:
    """(kind, reading) of one name in the text."""
    if m.type == "city":
        p = places.get(m.start)
        if p is None or p.gazetteer is None:
            return "place", "not in the gazetteer (cities of 15,000 people or more)"
        g = p.gazetteer
        fuzzy = f", spelt like it ({p.score:.2f})" if g.matched == "fuzzy" else ""
        return "place", f"{g.city_id} ({g.name}, {g.state}{fuzzy})"
    if not m.resolved:
        return m.type, f"{m.entity_id}, not in the reference ({m.method})"
    title = f", {m.title}" if m.title else ""
    return m.type, f"{m.entity_id} ({m.method}{title})"


def _spans(a) -> list[tuple[int, int, str, str, str]]:
    """Every span of the article with its kind and reading, in absolute characters."""
    rd = a.reading
    places = {p.mention.start: p for p in rd.places}
    out = [(m.start, m.end, *_mention_reading(m, places)) for m in rd.mentions]
    out = [(s, e, kind, rd.article.text[s:e], reading) for s, e, kind, reading in out]
    for i, d in enumerate(rd.dates):
        link = next((x for x in a.dates if x.date_index == i), None)
        event = f"; event {link.event_id} ({link.how})" if link is not None and link.event_id else "; no event"
        flags = "".join((", stated as ahead" if d.ahead else "", ", said to be wrong" if d.negated else ""))
        out.append((d.start, d.end, "date", d.surface, f"{d.value or 'open'} ({d.kind}{flags}){event}"))
    for c in rd.counts:
        out.append((c.start, c.end, "count", c.surface, f"{c.value} {c.unit}"))
    for t in a.tallies:
        vote = f"vote {t.vote['vote_id']} ({t.how})" if t.vote is not None else f"no recorded vote ({t.how})"
        out.append((t.tally.start, t.tally.end, "tally", t.tally.surface, f"{t.tally.yea}–{t.tally.nay}, {vote}"))
    for s in a.speakers:
        who = f"said by {s.entity_id} ({s.how})" if s.entity_id else "no speaker found"
        out.append((s.quote.start, s.quote.end, "quote", s.quote.surface, who))
    return sorted(out, key=lambda x: (x[0], -x[1]))


def sentence_views(a) -> list[SentenceView]:
    """Each sentence with the spans that start in it (a span running past its end is cut at the end)."""
    rd = a.reading
    spans = _spans(a)
    views = []
    for sid, s in zip(rd.sentence_ids, rd.sentences, strict=True):
        marks = [
            Mark(start - s.start, min(end, s.end) - s.start, kind, surface, reading)
            for start, end, kind, surface, reading in spans
            if s.start <= start < s.end
        ]
        views.append(SentenceView(sid, s.kind, s.surface, marks))
    return views


def role_lines(a, standing: dict) -> list[str]:
    """The roles the article claims: each city's (and each count's), how, and whether the map would draw it."""
    lines = []
    for c in a.story.claims:
        g = c.place.gazetteer
        if g is None:
            lines.append(f"{c.place.mention.surface} -> {c.role.status}: {c.how}; not drawn (not in the gazetteer)")
            continue
        held = standing[(g.city_id, c.role.status)]
        drawn = (
            "on the map: our records hold it"
            if held.recorded
            else "on the map: the desk confirmed it"
            if held.desk
            else "not drawn: one report alone claims it"
        )
        lines.append(f"{c.place.mention.surface} ({g.city_id}) -> {c.role.status}: {c.how}; {drawn}")
    for c in a.story.counts:
        role = c.role.status if c.role is not None else "no role"
        sid = a.reading.sentence_at(c.count.start)
        lines.append(f"“{c.count.surface}” ({sid}, {c.count.value}) -> {role}: {c.how}")
    return lines


def _article(file: Path, date: str | None) -> tuple[Article, str]:
    """The article as a refresh would read it, and where its as-of date comes from. Its own sidecar gives the
    date when it has one; ``--date`` overrides it; else today, and the header says so."""
    sidecar = file.with_suffix(".toml")
    if sidecar.is_file():
        article = read_seed(file)
        if date is None:
            return article, f"its sidecar {sidecar.name}"
        return dataclasses.replace(article, as_of=parse_day(date, file, dt.date.today())), "--date"
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise EtlError(f"cannot read: {exc.strerror}", file) from None
    text = check_text(raw, file)
    day = parse_day(date, file, dt.date.today()) if date else dt.date.today()
    article = Article(
        article_id=file.stem,
        path=file,
        sidecar=sidecar,
        text=text,
        sha256="",
        as_of=day,
        as_of_method="given to preview",
        as_of_inferred=True,
        as_of_event="",
        publisher="",
        url="",
    )
    return article, "--date" if date else "today: no --date and no sidecar"


def _read(article: Article, reference: Path) -> Reading:
    """The article read by the reader (spaCy), as ``etl.read.ahead`` reads a refresh's articles."""
    return new_reader(reference).read(article)


def preview(file: Path, date: str | None = None, reference: Path = paths.REFERENCE_DIR) -> Preview:
    """Read one article as a refresh does and gather what it finds. Writes nothing."""
    article, given = _article(file, date)
    reading = InBackground(_read, article, reference)  # spaCy's import there, pandas' here, on two cores
    from etl import assemble, check, corroborate, review
    from etl.build import recorded_roles, understand
    from etl.gazetteer import Gazetteer
    from etl.lexicon import load_lexicon
    from etl.reference import load_reference

    ref, lexicon, gazetteer = load_reference(reference), load_lexicon(), Gazetteer()
    a = understand(reading.result() or _read(article, reference), ref, lexicon)
    desk = review.apply([a], review.decisions(ref), lexicon, ref)  # the desk's decisions, as a refresh applies them
    recorded = recorded_roles(ref, lexicon, gazetteer)
    standing = corroborate.standings([a], recorded, desk.confirmed)
    cities = assemble.cities([a], ref, gazetteer, standing)
    n_participants = int((cities["status"] == "participant").sum())
    rows = check.check_article(check.Context(a, ref, n_participants, recorded, standing, desk))
    alarms = [(r["severity"], r["kind"], r["sentence_id"] or "", r["message"]) for r in rows if r["severity"] != "info"]
    alarms.sort(key=lambda r: (r[0] != "error", r[2]))
    title = (
        f"{paths.display(file)}: {len(a.reading.sentences)} sentences, "
        f"as of {as_of_words(article)} from {given}; nothing is written"
    )
    return Preview(title, sentence_views(a), role_lines(a, standing), alarms, len(rows) - len(alarms))


def marked(view: SentenceView) -> str:
    """A sentence with its spans in brackets: "[Baltimore]{place}, [Md.]{state}"."""
    inserts: list[tuple[int, int, str]] = []  # (position, order, text): closings before openings at one place
    for m in view.marks:
        inserts.append((m.start, 1, "["))
        inserts.append((m.end, 0, f"]{{{m.kind}}}"))
    text = view.surface
    for at, _, piece in sorted(inserts, key=lambda x: (x[0], x[1]), reverse=True):
        text = text[:at] + piece + text[at:]
    return " ".join(text.split("\n"))


def plain_lines(p: Preview) -> list[str]:
    """The preview as plain text, one line each."""
    lines = [p.title, "", "sentences"]
    for v in p.sentences:
        lines.append(f"{v.sentence_id} {v.kind:<8} {marked(v)}")
        lines += [f"      {m.kind:<12} {_short(m.surface)} -> {m.reading}" for m in v.marks]
    lines += ["", f"roles it would claim: {len(p.roles)}"]
    lines += [f"  {r}" for r in p.roles] or ["  none"]
    counts = {s: sum(1 for a in p.alarms if a[0] == s) for s in ("error", "warning")}
    lines += ["", f"alarms it would raise: {counts['error']} error, {counts['warning']} warning ({p.agreements} info)"]
    lines += [f"  {sev:<8} {kind:<18} {sid:<5} {message}" for sev, kind, sid, message in p.alarms] or ["  none"]
    return lines


def print_rich(p: Preview) -> None:
    """The same preview in a terminal: spans in colour instead of brackets."""
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    console.print(Text(p.title, style="bold"))
    console.rule("sentences")
    for v in p.sentences:
        line = Text(v.surface.replace("\n", " "))
        for m in v.marks:
            line.stylize(STYLES.get(m.kind, "underline"), m.start, m.end)
        console.print(Text.assemble((f"{v.sentence_id} {v.kind:<8} ", "dim"), line))
        for m in v.marks:
            detail = Text.assemble(("      ", ""), (f"{m.kind:<12} ", STYLES.get(m.kind, "")), _short(m.surface))
            console.print(detail.append(f" -> {m.reading}", style="dim"))
    console.rule(f"roles it would claim: {len(p.roles)}")
    for r in p.roles or ["none"]:
        console.print(f"  {r}")
    console.rule(f"alarms it would raise: {len(p.alarms)} ({p.agreements} info)")
    for sev, kind, sid, message in p.alarms:
        console.print(Text.assemble("  ", (f"{sev:<8}", SEVERITY_STYLES[sev]), f" {kind:<18} {sid:<5} {message}"))
    if not p.alarms:
        console.print("  none")


def main(argv: list[str]) -> int:
    """The command: print the preview; exit 0 whatever it finds (a refresh decides what stops)."""
    ap = argparse.ArgumentParser(
        prog="python -m etl preview",
        description="Show what the reader finds in one article: each sentence with its spans marked, the roles it "
        "would claim for cities and the alarms it would raise. Writes nothing.",
    )
    ap.add_argument("file", type=Path, help="the article's text (UTF-8), in seeds/ or anywhere")
    ap.add_argument("--date", help="the day the article is as of, YYYY-MM-DD (default: its sidecar's, else today)")
    ap.add_argument("--reference", type=Path, default=paths.REFERENCE_DIR, help=argparse.SUPPRESS)
    ap.add_argument("-v", "--verbose", action="store_true", help="show a traceback on failure")
    args = ap.parse_args(argv)
    p = preview(args.file, args.date, args.reference)
    if sys.stdout.isatty():
        print_rich(p)
    else:
        print("\n".join(plain_lines(p)))
    return 0
