"""``python -m etl add FILE --publisher "…" --date YYYY-MM-DD``: put a new article into seeds/ in one command.

The editor's first step when coverage comes in. The file's bytes go into seeds/ unchanged, under a name that does
not depend on where it came from, with the sidecar a refresh needs. It refuses what a refresh would refuse (the same
checks, the same one-line messages: ``etl.seed.check_text``), a file already a seed, and a date to come; it notices
when the article runs the wire story of a seed already there and says so in the sidecar (``copy_of``), so the pages
count one report. Nothing in seeds/ is ever overwritten or left half-written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import re
import tempfile
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from etl import paths
from etl.errors import EtlError
from etl.seed import check_text

SENTENCE_END = re.compile(r"\n|(?<=[.?!])[\"'”’)]*\s+")


@dataclass(frozen=True)
class Added:
    """What ``add`` wrote: the new seed and, when it runs another seed's wire story, that seed's id."""

    path: Path
    sidecar: Path
    copy_of: str


def _words(text: str) -> str:
    return " ".join(text.split()).lower()


def long_sentences(text: str) -> set[str]:
    """The sentences of a text that can tell a wire story apart, as ``etl.corroborate.reports`` compares them.

    The refresh compares the reader's sentences (spaCy); loading spaCy only for this would double the command's
    time, so this splits at line breaks and after ". ", "? ", "! " (and a closing quote). It cuts more often than
    the reader (after "Sen."), but two copies are cut alike, and the rule is corroborate's own:
    ``SHARED_SENTENCES`` sentences of ``MIN_WORDS`` words or more, word for word. tests/test_etl_add.py holds that
    it decides as the refresh does on the test corpus."""
    from etl.corroborate import MIN_WORDS

    pieces = (_words(p) for p in SENTENCE_END.split(text))
    return {p for p in pieces if len(p.split()) >= MIN_WORDS}


def copy_of(text: str, seeds: list[Path]) -> str:
    """The id of the first seed (in name order) whose wire story ``text`` runs again; "" when none."""
    from etl.corroborate import SHARED_SENTENCES

    mine = long_sentences(text)
    for seed in sorted(seeds):
        theirs = long_sentences(seed.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff"))
        if len(mine & theirs) >= SHARED_SENTENCES:
            return seed.stem
    return ""


def slug(words: str) -> str:
    """ "The Baltimore Sun" -> "the-baltimore-sun": a publisher as a file name's part (ASCII, lower case)."""
    ascii_words = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_words.lower()).strip("-")[:40].strip("-") or "publisher"


def _toml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


def sidecar_text(name: str, publisher: str, day: dt.date, printed: bool, url: str, copy: str) -> str:
    """The sidecar a refresh reads (``etl.seed``), with the editor's date and how it was given."""
    how = "the article prints this date" if printed else "the article does not print it, so screens say inferred"
    method = f"Given by the editor on the command line (python -m etl add --date {day.isoformat()}); {how}."
    lines = [
        f"# Sidecar for {name}, written by python -m etl add. The article is a byte-for-byte copy; never edit it.",
        f"as_of = {day.isoformat()}",
        f"as_of_printed = {'true' if printed else 'false'}",
        f"as_of_method = {_toml(method)}",
        f"publisher = {_toml(publisher)}",
        f"url = {_toml(url)}",
    ]
    if copy:
        lines += [
            "# The same wire story as this seed (they share sentences word for word): one report.",
            f"copy_of = {_toml(copy)}",
        ]
    return "\n".join(lines) + "\n"


def _place(data: bytes, target: Path) -> None:
    """Write ``target`` whole or not at all, and never over a file already there: a temporary file in the same
    folder (not a *.txt or *.toml, so a refresh never reads it), hard-linked to its name (which fails if the name
    is taken), then removed."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".add-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.link(tmp, target)
    except FileExistsError:
        raise EtlError("a seed of this name is already there; nothing was overwritten", target) from None
    finally:
        os.unlink(tmp)


def parse_day(value: str | None, path: Path, today: dt.date) -> dt.date:
    """The --date of a command: a day like 2017-08-03, not after today (one line naming the file when not)."""
    if not value:
        raise EtlError("--date is missing: give the day the article is as of, like --date 2017-08-03", path)
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise EtlError(f"--date must be a day like 2017-08-03, got {value!r}", path) from None
    if day > today:
        raise EtlError(f"--date {day.isoformat()} is in the future; give the day the article is as of", path)
    return day


def add(
    file: Path,
    publisher: str,
    date: str | None,
    seeds: Path = paths.SEEDS_DIR,
    printed: bool = False,
    url: str = "",
    today: dt.date | None = None,
) -> Added:
    """Copy ``file`` into ``seeds`` with its sidecar. Raises EtlError (one line, naming the file) on bad input,
    before anything is written."""
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise EtlError(f"cannot read: {exc.strerror}", file) from None
    text = check_text(raw, file)
    if not publisher.strip():
        raise EtlError('--publisher is missing: name who published the article, like --publisher "The Test Desk"', file)
    day = parse_day(date, file, today or dt.date.today())
    if not seeds.is_dir():
        raise EtlError("seeds folder not found", seeds)
    digest = hashlib.sha256(raw).hexdigest()
    existing = sorted(seeds.glob("*.txt"))
    for seed in existing:
        if hashlib.sha256(seed.read_bytes()).hexdigest() == digest:
            raise EtlError(f"already a seed: {paths.display(seed)} has the same SHA-256; nothing was added", file)
    name = f"{day.isoformat()}_{slug(publisher)}_{digest[:8]}"
    target, side = seeds / f"{name}.txt", seeds / f"{name}.toml"
    copy = copy_of(text, existing)
    meta = sidecar_text(target.name, publisher.strip(), day, printed, url.strip(), copy)
    tomllib.loads(meta)  # the sidecar reads back, whatever the publisher's name holds
    _place(meta.encode("utf-8"), side)  # the sidecar first: a refresh meanwhile never sees an article without one
    try:
        _place(raw, target)
    except BaseException:
        side.unlink()
        raise
    return Added(target, side, copy)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m etl add",
        description="Copy an article byte for byte into seeds/ and write its sidecar; then run python -m etl preview "
        "on it, and python -m etl to refresh.",
    )
    p.add_argument("file", type=Path, help="the article's text (UTF-8), as delivered")
    p.add_argument("--publisher", default="", help="who published it, as readers know them")
    p.add_argument("--date", help="the day the article is as of, YYYY-MM-DD (its relative dates count from it)")
    p.add_argument("--printed", action="store_true", help="the article prints that date (otherwise it is inferred)")
    p.add_argument("--url", default="", help="where it was published (optional)")
    p.add_argument("--seeds", type=Path, default=paths.SEEDS_DIR, help="the seeds folder (default: seeds/)")
    p.add_argument("-v", "--verbose", action="store_true", help="show a traceback on failure")
    return p


def main(argv: list[str]) -> int:
    """The command: what it added, and what to run next."""
    args = _parser().parse_args(argv)
    done = add(args.file, args.publisher, args.date, args.seeds, args.printed, args.url)
    print(f"added {paths.display(done.path)} and its sidecar {done.sidecar.name}")
    if done.copy_of:
        print(f'it runs the wire story of {done.copy_of}.txt again: the sidecar says copy_of = "{done.copy_of}"')
    refresh = ", then python -m etl" if args.seeds.resolve() == paths.SEEDS_DIR.resolve() else ""
    print(f"next: python -m etl preview {paths.display(done.path)}{refresh}")
    return 0
