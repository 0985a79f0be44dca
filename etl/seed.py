"""Stage 1, read: the seed articles and their sidecars, checked for what would make every later step wrong."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from etl.errors import EtlError, line_of

# A news article is kilobytes (the seed is 2.8 KB); 1 MB is some 150,000 words. Past that it is a mistake (a
# pasted archive, a binary), and refusing it keeps every refresh within seconds.
MAX_BYTES = 1_000_000


@dataclass(frozen=True)
class Article:
    article_id: str
    path: Path
    sidecar: Path
    text: str  # decoded, BOM removed, line endings normalised to \n; every span indexes this string
    sha256: str  # of the raw file bytes
    as_of: dt.date
    as_of_method: str
    as_of_inferred: bool  # true unless the sidecar says the date is printed in the article (as_of_printed = true)
    as_of_event: str  # the reference event the as-of date was inferred from; empty when none
    publisher: str
    url: str
    copy_of: str = ""  # the article (its article_id) whose wire story this one runs again; empty when its own


def _decode(raw: bytes, path: Path) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise EtlError("UTF-16 text; save the article as UTF-8", path, 1)
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        raise EtlError(
            f"binary data (NUL byte at byte {offset}); expected UTF-8 text", path, raw.count(b"\n", 0, offset) + 1
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EtlError(
            f"not UTF-8 text (bad byte at byte {exc.start})", path, raw.count(b"\n", 0, exc.start) + 1
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    for i, ch in enumerate(text):
        if ch < " " and ch not in "\n\t":
            raise EtlError(f"control character U+{ord(ch):04X} in the text", path, line_of(text, i))
    return text


TAG = re.compile(r"<(?:!doctype|/?[a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>")
HTML_SHARE = 0.3  # a text more than this share markup is a pasted page, not an article with a tag or two in it


def _html_page(text: str) -> str:
    """Why a text is a pasted web page ("" when it is not): it opens as one, or it is mostly markup. A tag or two
    inside an article is kept as text (and always shown escaped)."""
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        return "it opens with " + head[: head.find(">") + 1]
    tags = TAG.findall(text)
    share = sum(len(t) for t in tags) / len(text)
    if len(tags) >= 10 and share > HTML_SHARE:
        return f"{len(tags)} tags, {share:.0%} of its characters"
    return ""


def _sidecar(path: Path) -> tuple[Path, dict]:
    side = path.with_suffix(".toml")
    if not side.is_file():
        raise EtlError("missing sidecar (as_of date and how it was inferred); create it next to the article", side)
    try:
        meta = tomllib.loads(side.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise EtlError(f"malformed sidecar: {exc}", side) from None
    as_of = meta.get("as_of")
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        raise EtlError(f"as_of must be a date like 2017-08-03, got {as_of!r}", side)
    if not str(meta.get("as_of_method", "")).strip():
        raise EtlError("as_of_method is empty: say how the as-of date was inferred", side)
    if not isinstance(meta.get("as_of_printed", False), bool):
        raise EtlError(f"as_of_printed must be true or false, got {meta['as_of_printed']!r}", side)
    if not isinstance(meta.get("as_of_event", ""), str):
        raise EtlError(f"as_of_event must be a reference event id in quotes, got {meta['as_of_event']!r}", side)
    if not isinstance(meta.get("copy_of", ""), str):
        raise EtlError(f"copy_of must be an article's file name without .txt, in quotes, got {meta['copy_of']!r}", side)
    return side, meta


def check_text(raw: bytes, path: Path) -> str:
    """An article's bytes as text, or the one-line reason a refresh would refuse them (too big, binary, not UTF-8,
    empty, a web page). ``python -m etl add`` asks the same before it copies a file into seeds/."""
    if len(raw) > MAX_BYTES:
        raise EtlError(f"article is {len(raw):,} bytes, over the {MAX_BYTES:,}-byte limit", path)
    text = _decode(raw, path)
    if not text.strip():
        raise EtlError("empty article (no text)", path, 1)
    page = _html_page(text)
    if page:
        raise EtlError(f"this is a web page, not an article's text ({page}); save the article's text only", path, 1)
    return text


def read_seed(path: Path) -> Article:
    """One article file and its sidecar."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise EtlError(f"cannot read: {exc.strerror}", path) from None
    text = check_text(raw, path)
    side, meta = _sidecar(path)
    return Article(
        article_id=path.stem,
        path=path,
        sidecar=side,
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        as_of=meta["as_of"],
        as_of_method=str(meta["as_of_method"]).strip(),
        as_of_inferred=not meta.get("as_of_printed", False),
        as_of_event=meta.get("as_of_event", "").strip(),
        publisher=str(meta.get("publisher", "")).strip(),
        url=str(meta.get("url", "")).strip(),
        copy_of=meta.get("copy_of", "").strip(),
    )


def read_seeds(seeds_dir: Path) -> list[Article]:
    """All ``*.txt`` articles in the seeds folder, in name order."""
    if not seeds_dir.is_dir():
        raise EtlError("seeds folder not found", seeds_dir)
    files = sorted(seeds_dir.glob("*.txt"))
    if not files:
        raise EtlError("no *.txt article in the seeds folder", seeds_dir)
    articles = [read_seed(f) for f in files]
    ids = {a.article_id for a in articles}
    for a in articles:
        if a.copy_of and (a.copy_of not in ids or a.copy_of == a.article_id):
            raise EtlError(f"copy_of names no other article in the seeds folder: {a.copy_of!r}", a.sidecar)
    return articles
