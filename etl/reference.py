"""Stage 2, read: the cited reference facts in ``etl/reference/`` (CSV, one source URL per row).

Each file is declared once below: its columns, its key, and per-column checks. A bad file stops the run with
a one-line reason naming the file and the line. Every row names its source (a URL); files that hold facts about
the story also say how firm each one is (``confidence``). ``etl/reference/SOURCES.md`` describes each file.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import us

from contract.tables import CHARTED_KINDS, CONFIDENCE, EVENT_CATEGORIES, SOURCE_KINDS, VOTE_MOTIONS
from etl.errors import EtlError

if TYPE_CHECKING:  # pandas is imported where a table is made, so the reader's process can read rows without it
    import pandas as pd

Check = Callable[[str], str | None]  # returns an error message, or None when the value is fine

_URL = re.compile(r"^https?://\S+$")


def url(value: str) -> str | None:
    return None if _URL.match(value) else f"not a URL: {value!r}"


_ARTICLE_SPAN = re.compile(r"^article:[^\s#]+#s\d{3}$")


def url_or_article(value: str) -> str | None:
    """A URL, or the article sentence itself (``article:<article_id>#<sentence_id>``)."""
    if _URL.match(value) or _ARTICLE_SPAN.match(value):
        return None
    return f"not a URL or article:<id>#<sentence>: {value!r}"


def optional_urls(value: str) -> str | None:
    bad = [u for u in value.split() if not _URL.match(u)]
    return f"not a URL: {bad[0]!r}" if bad else None


def one_of(*allowed: str) -> Check:
    return lambda v: None if v in allowed else f"{v!r} is not one of {', '.join(allowed)}"


def integer(lo: int, hi: int) -> Check:
    def check(v: str) -> str | None:
        if not re.fullmatch(r"-?\d+", v) or not lo <= int(v) <= hi:
            return f"{v!r} is not a whole number from {lo} to {hi}"
        return None

    return check


def number(lo: float, hi: float) -> Check:
    def check(v: str) -> str | None:
        try:
            x = float(v)
        except ValueError:
            return f"{v!r} is not a number"
        return None if lo <= x <= hi else f"{v} is out of range [{lo}, {hi}]"

    return check


def iso_date(precisions: tuple[str, ...] = ("day",)) -> Check:
    forms = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}

    def check(v: str) -> str | None:
        for p in precisions:
            if re.fullmatch(forms[p], v):
                try:
                    dt.date.fromisoformat(v + {"day": "", "month": "-01", "year": "-01-01"}[p])
                    return None
                except ValueError:
                    break
        return f"{v!r} is not a date ({' or '.join(precisions)})"

    return check


def nonempty(v: str) -> str | None:
    return None if v.strip() else "empty value"


def boolean(v: str) -> str | None:
    return None if v in ("true", "false") else f"{v!r} is not true or false"


@dataclass(frozen=True)
class RefFile:
    name: str
    key: tuple[str, ...]
    checks: dict[str, Check] = field(default_factory=dict)
    optional: frozenset[str] = frozenset()  # columns that may be empty
    drawn: bool = False  # every row is drawn on a chart, so every row needs a source that lets it be (charted_by)

    @property
    def url_columns(self) -> list[str]:
        """The columns that cite pages (checked as one URL, or as URLs separated by spaces)."""
        return [col for col, check in self.checks.items() if check in (url, url_or_article, optional_urls)]

    def load(self, folder: Path) -> pd.DataFrame:
        """The file as a table of text, every value checked."""
        import pandas as pd

        header, rows = self.rows(folder)
        return pd.DataFrame(rows, columns=header, dtype=object)

    def rows(self, folder: Path) -> tuple[list[str], list[dict[str, str]]]:
        """The file's header and rows, every value checked (no pandas: the reader's own process reads these)."""
        path = folder / self.name
        try:
            with path.open(encoding="utf-8-sig", newline="") as f:
                reader = csv.DictReader(f)
                header = reader.fieldnames or []
                missing = [c for c in self.checks if c not in header]
                if missing:
                    raise EtlError(f"missing column(s) {', '.join(missing)}", path, 1)
                rows = []
                seen: dict[tuple[str, ...], int] = {}
                for row in reader:
                    line = reader.line_num
                    if None in row or any(v is None for v in row.values()):
                        raise EtlError("wrong number of fields", path, line)
                    for col, check in self.checks.items():
                        value = row[col]
                        if value == "" and col in self.optional:
                            continue
                        problem = check(value)
                        if problem:
                            raise EtlError(f"column {col}: {problem}", path, line)
                    k = tuple(row[c] for c in self.key)
                    if k in seen:
                        raise EtlError(f"duplicate id {'/'.join(k)} (first on line {seen[k]})", path, line)
                    seen[k] = line
                    rows.append(row)
        except OSError as exc:
            raise EtlError(f"cannot read reference file: {exc.strerror}", path) from None
        except UnicodeDecodeError as exc:
            raise EtlError(f"not UTF-8 text (bad byte at byte {exc.start})", path) from None
        except csv.Error as exc:
            raise EtlError(f"malformed CSV: {exc}", path) from None
        return header, rows


REVIEW_KEY = re.compile(r"^(?P<kind>[a-z_]+):(?P<article>[^:\s]+):(?P<start>\d+)$")  # a reading's key (etl.review)
REVIEW_DECISIONS = ("accept", "reject", "set")


def _review_key(value: str) -> str | None:
    return None if REVIEW_KEY.match(value) else f"{value!r} is not a key like date_check:<article_id>:<start>"


STATES = sorted([s.abbr for s in us.STATES] + [us.states.DC.abbr])  # USPS codes, from the us package
ENTITY_TYPES = (
    "person",
    "organization",
    "program",
    "legislation",
    "policy",
    "publication",
)  # cities, states: the ETL's
confidence = one_of(*CONFIDENCE)  # UNCONFIRMED facts never get a row: they are listed in open_questions.csv

FILES = {
    "entities": RefFile(
        "entities.csv",
        ("entity_id",),
        {
            "entity_id": nonempty,
            "name": nonempty,
            "type": one_of(*ENTITY_TYPES),
            "aliases": nonempty,
            "source": url,
            "confidence": confidence,
        },
    ),
    "number_words": RefFile(  # language, not facts: a source but no confidence
        "number_words.csv", ("word",), {"word": nonempty, "value": integer(0, 10**6), "source": url}
    ),
    "psp_sites": RefFile(
        "psp_sites_2017.csv",
        ("city", "state"),
        {
            "city": nonempty,
            "state": one_of(*STATES),
            "site_type": one_of("operations", "diagnostic"),
            "source": url,
            "confidence": confidence,
            "note": lambda v: None,
        },
        frozenset({"note"}),
        drawn=True,
    ),
    "place_overrides": RefFile(
        "place_overrides.csv",
        ("city", "state"),
        {
            "city": nonempty,
            "state": one_of(*STATES),
            "lat": number(-90, 90),
            "lon": number(-180, 180),
            "source": url,
            "confidence": confidence,
            "note": lambda v: None,
        },
        frozenset({"note"}),
        drawn=True,
    ),
    "votes": RefFile(
        "votes.csv",
        ("vote_id",),
        {
            "vote_id": nonempty,
            "chamber": one_of("Senate", "House"),
            "date": iso_date(),
            "question": nonempty,
            "motion": one_of(*VOTE_MOTIONS),
            "nominee": nonempty,
            "yea": integer(0, 435),
            "nay": integer(0, 435),
            "not_voting": integer(0, 435),
            "result": nonempty,
            "source": url,
            "confidence": confidence,
            "positions_file": lambda v: None,
            "positions_derived": boolean,
            "more_sources": optional_urls,
            "note": lambda v: None,
        },
        frozenset({"not_voting", "positions_file", "more_sources", "note"}),  # not_voting: empty when unconfirmed
        drawn=True,  # the per-senator positions are derived from the vote, so its sources are theirs
    ),
    "events": RefFile(
        "events.csv",
        ("event_id",),
        {
            "event_id": nonempty,
            "date": iso_date(("day", "month", "year")),
            "date_precision": one_of("day", "month", "year"),
            "title": nonempty,
            "category": one_of(*EVENT_CATEGORIES),
            "phase": one_of("later"),  # set apart as a long-run outcome; story or after is the ETL's, from as_of
            "match_entities": lambda v: None,
            "cues": lambda v: None,
            "vote_id": lambda v: None,
            "source": url,
            "more_sources": optional_urls,
            "confidence": confidence,
            "note": lambda v: None,
        },
        frozenset({"phase", "match_entities", "cues", "vote_id", "more_sources", "note"}),
    ),
    "roles": RefFile(
        "roles.csv",
        ("entity_id", "title"),
        {
            "entity_id": nonempty,
            "title": nonempty,
            "start": iso_date(),
            "end": iso_date(),
            "source": url,
            "confidence": confidence,
        },
    ),
    "occasions": RefFile(
        "occasions.csv",
        ("occasion_id",),
        {
            "occasion_id": nonempty,
            "name": nonempty,
            "start": iso_date(),
            "end": iso_date(),
            "source": url,
            "confidence": confidence,
        },
        frozenset({"end"}),  # an occasion whose last day no source confirms
    ),
    "corrections": RefFile(
        "corrections.csv",
        ("article_id", "kind", "surface"),
        {
            "article_id": nonempty,  # a review is of one article: another article's same words are unreviewed
            "kind": nonempty,
            "surface": nonempty,
            "resolution": nonempty,
            "source": url_or_article,  # what the article itself shows (a caption printed twice) cites the sentence
            "confidence": confidence,
        },
    ),
    "reviews": RefFile(  # the desk's decisions on what the reader read (etl/review.py): who decided, when, why
        "reviews.csv",
        ("key",),
        {
            "key": _review_key,
            "decision": one_of(*REVIEW_DECISIONS),
            "value": lambda v: None,
            "note": nonempty,
            "who": nonempty,
            "when": iso_date(),
        },
        frozenset({"value"}),
    ),
    "source_sites": RefFile(  # who published each cited page: read by assemble.sources, never written in Python
        "source_sites.csv",
        ("domain", "path_prefix"),
        {
            "domain": nonempty,
            "path_prefix": lambda v: None if v.startswith("/") else f"{v!r} does not start with /",
            "site": nonempty,
            "kind": one_of(*SOURCE_KINDS),
            "copy_of": nonempty,  # what a copy copies, in words a reader meets (the timeline's source line)
            "note": lambda v: None,
        },
        frozenset({"path_prefix", "copy_of", "note"}),
    ),
    "datasets": RefFile(  # the offline data sets the ETL reads: a page for each, and the package that ships it
        "datasets.csv",
        ("dataset_id",),
        {
            "dataset_id": nonempty,
            "title": nonempty,
            "used_for": nonempty,
            "url": url,
            "package_url": url,
            "version": nonempty,
            "note": lambda v: None,
        },
        frozenset({"note"}),
    ),
    "open_questions": RefFile(
        "open_questions.csv",
        ("check_id",),
        {
            "check_id": nonempty,
            "severity": one_of("info", "warning", "error"),
            "topic": nonempty,
            "message": nonempty,
            "resolution": nonempty,
            "source": url,
        },
    ),
}

ROLLCALL_FILE = RefFile(
    "",
    ("senator", "state"),
    {
        "senator": nonempty,
        "state": one_of(*STATES),
        "party": one_of("R", "D", "I"),
        "vote": one_of("Yea", "Nay", "Not Voting", "Present"),
        "source_url": url,  # the party-line record and the senators not voting
        "roster_url": url,  # the roster of the senators in office that day
    },
)


def _dangling(frame: pd.DataFrame, col: str, known: set[str], path: Path, multi: bool = False) -> None:
    for i, value in enumerate(frame[col]):
        ids = [v for v in value.split("|") if v] if multi else ([value] if value else [])
        for v in ids:
            if v not in known:
                raise EtlError(f"column {col}: unknown entity id {v!r}", path, i + 2)


class Reference(dict):
    """The reference tables by name, and the folder they were read from (``folder``, for messages). Stages that
    run once per article read ``rows`` (plain tuples, built once) and ``by_id`` rather than DataFrame lookups, so
    the ETL's cost grows linearly with the number of articles."""

    def rows(self, name: str) -> list:
        cache = self.__dict__.setdefault("_rows", {})
        if name not in cache:
            cache[name] = list(self[name].itertuples(index=False))
        return cache[name]

    def by_id(self, name: str, key: str) -> dict:
        cache = self.__dict__.setdefault("_by_id", {})
        if (name, key) not in cache:
            cache[name, key] = {getattr(r, key): r for r in self.rows(name)}
        return cache[name, key]


def load_reference(folder: Path) -> Reference:
    """Every reference table, checked one by one and then against each other (no dangling ids)."""
    if not folder.is_dir():
        raise EtlError("reference folder not found", folder)
    ref = Reference({key: spec.load(folder) for key, spec in FILES.items()})
    ref.folder = folder
    positions = {}
    for row in ref["votes"].itertuples():
        if row.positions_file:
            spec = RefFile(row.positions_file, ROLLCALL_FILE.key, ROLLCALL_FILE.checks)
            positions[row.vote_id] = spec.load(folder)
    ref["positions"] = positions  # type: ignore[assignment]
    entity_ids = set(ref["entities"]["entity_id"])
    _dangling(ref["votes"], "nominee", entity_ids, folder / FILES["votes"].name)
    _dangling(ref["roles"], "entity_id", entity_ids, folder / FILES["roles"].name)
    vote_ids = set(ref["votes"]["vote_id"])
    for i, v in enumerate(ref["events"]["vote_id"]):
        if v and v not in vote_ids:
            raise EtlError(f"column vote_id: unknown vote {v!r}", folder / FILES["events"].name, i + 2)
    return ref


def cited_files(ref: Reference) -> list[tuple[str, RefFile, pd.DataFrame]]:
    """Every reference file that cites pages, as (file stem, declaration, rows): the declared files and the roll
    calls the votes file points at."""
    files = [(Path(spec.name).stem, spec, ref[key]) for key, spec in FILES.items()]
    for row in ref["votes"].itertuples():
        if row.positions_file:
            files.append((Path(row.positions_file).stem, ROLLCALL_FILE, ref["positions"][row.vote_id]))
    return [f for f in files if f[1].url_columns]


def check_as_of_events(ref: Reference, articles: list) -> None:
    """A sidecar's ``as_of_event`` names a reference event."""
    known = set(ref["events"]["event_id"])
    for a in articles:
        if a.as_of_event and a.as_of_event not in known:
            raise EtlError(f"as_of_event {a.as_of_event!r} is not an event in {FILES['events'].name}", a.sidecar)


def check_event_entities(ref: dict, city_ids: set[str], folder: Path) -> None:
    """Events may name cities, which exist only after resolution; check those ids then."""
    known = set(ref["entities"]["entity_id"]) | city_ids
    _dangling(ref["events"], "match_entities", known, folder / FILES["events"].name, multi=True)


def site_of(url: str, ref: Reference):
    """The source_sites.csv row for a URL: same domain, longest matching path prefix."""
    sites = ref.rows("source_sites")
    parts = urlsplit(url)
    found = [s for s in sites if s.domain == parts.netloc and parts.path.startswith(s.path_prefix)]
    if not found:
        raise EtlError(
            f"no row for the domain {parts.netloc} (cited as {url}): add who publishes it and its kind",
            ref.folder / FILES["source_sites"].name,
        )
    site = max(found, key=lambda s: len(s.path_prefix))
    if (site.kind == "copy") != bool(site.copy_of):
        raise EtlError(
            f"the row for {site.domain}{site.path_prefix} (cited as {url}): copy_of names what a copy copies, "
            f"and only a copy (its kind is {site.kind})",
            ref.folder / FILES["source_sites"].name,
        )
    return site


def check_confidence(ref: Reference) -> None:
    """A confidence word means what the sources can bear: a fact every cited page of which is a mirror of
    Wikipedia is ``medium``, never ``confirmed``."""
    for _group, spec, rows in cited_files(ref):
        if "confidence" not in rows.columns:
            continue
        for i, r in enumerate(rows.to_dict("records")):
            urls = cited_urls(r, spec)
            if urls and r["confidence"] == "confirmed" and all(site_of(u, ref).kind == "mirror" for u in urls):
                raise EtlError(
                    "column confidence: confirmed, but every page the row cites is a mirror of Wikipedia; say medium",
                    ref.folder / spec.name,
                    i + 2,
                )


def cited_urls(row: dict, spec: RefFile) -> list[str]:
    """The pages a reference row cites, in the order of its columns (an article sentence is not a page)."""
    return [u for col in spec.url_columns for u in row[col].split() if u.startswith(("http://", "https://"))]


def charted_by(urls: list[str], ref: Reference) -> list[str]:
    """The pages among ``urls`` that let a fact reach a chart: official pages and news outlets
    (``CHARTED_KINDS``). A copy, a mirror, a reference work or a blog, listing or tag page alone does not."""
    return [u for u in urls if site_of(u, ref).kind in CHARTED_KINDS]


def check_drawn(ref: Reference) -> None:
    """Every row of a file whose every row is drawn (``RefFile.drawn``) cites an official page or a news outlet.
    Events are charted one by one instead (an article may state one), by ``etl.assemble.events``."""
    for key, spec in FILES.items():
        if not spec.drawn:
            continue
        for i, r in enumerate(ref[key].to_dict("records")):
            if not charted_by(cited_urls(r, spec), ref):
                raise EtlError(
                    "no page this row cites is an official page or a news outlet, and a chart draws every row of "
                    "this file: cite one, or leave the fact out and list it in open_questions.csv",
                    ref.folder / spec.name,
                    i + 2,
                )
