"""``python -m etl add`` (issue 39): an article into seeds/ in one command, byte for byte, with its sidecar.

It refuses what a refresh would refuse, with the same one-line messages, and a file already a seed; it notices a
copy of a seed's wire story; it never overwrites nor half-writes anything in seeds/. The two test articles
(``tests/articles/desk/``) are our own words: a wire story, and the same story run by another paper under its own
headline and byline.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import subprocess
import sys
from pathlib import Path

import pytest

from etl import paths
from etl.paths import REFERENCE_DIR, ROOT, SEEDS_DIR
from etl.seed import Article, read_seed, read_seeds

DESK = Path(__file__).parent / "articles" / "desk"
ORIGINAL = DESK / "wire_original.txt"
COPY = DESK / "wire_copy.txt"
SEED = SEEDS_DIR / "000_94e04342a6ea52d8.txt"
URL = "https://example.org/wire/1"
ORIGINAL_SHA = hashlib.sha256(ORIGINAL.read_bytes()).hexdigest()
COPY_SHA = hashlib.sha256(COPY.read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, str]:
    """Every file of a folder (hidden ones too: a temporary file left behind would show) by its SHA-256."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def add(run, seeds: Path, file: Path, *extra: str):
    return run("add", file, "--publisher", "Test Wire", "--date", "2017-08-04", "--seeds", seeds, *extra)


def test_add_copies_the_bytes_and_writes_the_sidecar(workspace, run, monkeypatch):
    monkeypatch.setattr(paths, "SEEDS_DIR", workspace.seeds)  # the default folder, so it says what to run next
    code, out, err = run("add", ORIGINAL, "--publisher", "Test Wire", "--date", "2017-08-04", "--url", URL)
    name = f"2017-08-04_test-wire_{ORIGINAL_SHA[:8]}"
    target = workspace.seeds / f"{name}.txt"
    assert (code, err) == (0, [])
    assert out == [
        f"added {target} and its sidecar {name}.toml",
        f"next: python -m etl preview {target}, then python -m etl",
    ]
    assert target.read_bytes() == ORIGINAL.read_bytes()
    assert (workspace.seeds / f"{name}.toml").read_text(encoding="utf-8") == (
        f"# Sidecar for {name}.txt, written by python -m etl add. The article is a byte-for-byte copy; never edit it.\n"
        "as_of = 2017-08-04\n"
        "as_of_printed = false\n"
        'as_of_method = "Given by the editor on the command line (python -m etl add --date 2017-08-04); the article '
        'does not print it, so screens say inferred."\n'
        'publisher = "Test Wire"\n'
        f'url = "{URL}"\n'
    )
    seed = read_seed(target)  # the refresh reads it as written
    assert (seed.article_id, seed.as_of, seed.as_of_inferred, seed.publisher, seed.url, seed.copy_of) == (
        name,
        dt.date(2017, 8, 4),
        True,
        "Test Wire",
        URL,
        "",
    )
    assert seed.sha256 == ORIGINAL_SHA
    assert sorted(p.name for p in workspace.seeds.iterdir()) == [
        "000_94e04342a6ea52d8.toml",
        "000_94e04342a6ea52d8.txt",
        f"{name}.toml",
        f"{name}.txt",
    ]


def test_printed_says_the_article_prints_its_date(workspace, run):
    code, _, _ = run(
        "add",
        ORIGINAL,
        "--publisher",
        "Le Témoin, Inc.",
        "--date",
        "2017-08-03",
        "--printed",
        "--seeds",
        workspace.seeds,
    )
    seed = read_seed(workspace.seeds / f"2017-08-03_le-temoin-inc_{ORIGINAL_SHA[:8]}.txt")
    assert (code, seed.as_of_inferred, seed.publisher) == (0, False, "Le Témoin, Inc.")
    assert seed.as_of_method == (
        "Given by the editor on the command line (python -m etl add --date 2017-08-03); the article prints this date."
    )


def test_a_copy_of_a_seed_s_wire_story_is_recorded_as_one(workspace, run):
    add(run, workspace.seeds, ORIGINAL)
    original = f"2017-08-04_test-wire_{ORIGINAL_SHA[:8]}"
    code, out, _ = run("add", COPY, "--publisher", "Test Gazette", "--date", "2017-08-05", "--seeds", workspace.seeds)
    copy = workspace.seeds / f"2017-08-05_test-gazette_{COPY_SHA[:8]}.txt"
    assert code == 0
    assert out == [
        f"added {copy} and its sidecar {copy.stem}.toml",
        f'it runs the wire story of {original}.txt again: the sidecar says copy_of = "{original}"',
        f"next: python -m etl preview {copy}",
    ]
    assert (
        copy.with_suffix(".toml")
        .read_text(encoding="utf-8")
        .endswith(
            "# The same wire story as this seed (they share sentences word for word): one report.\n"
            f'copy_of = "{original}"\n'
        )
    )
    by_id = {a.article_id: a.copy_of for a in read_seeds(workspace.seeds)}
    assert by_id == {"000_94e04342a6ea52d8": "", original: "", copy.stem: original}


def test_an_article_of_its_own_is_no_copy(workspace, run):
    code, out, _ = add(run, workspace.seeds, COPY)
    assert code == 0 and len(out) == 2  # no "runs the wire story" line: the seed's story is another one
    assert read_seed(workspace.seeds / f"2017-08-04_test-wire_{COPY_SHA[:8]}.txt").copy_of == ""


def test_a_file_already_a_seed_is_refused_naming_the_seed(workspace, run):
    add(run, workspace.seeds, ORIGINAL)
    before = snapshot(workspace.seeds)
    renamed = workspace.root / "same_bytes.txt"
    renamed.write_bytes(ORIGINAL.read_bytes())
    code, out, err = run("add", renamed, "--publisher", "Other", "--date", "2017-08-06", "--seeds", workspace.seeds)
    seed = workspace.seeds / f"2017-08-04_test-wire_{ORIGINAL_SHA[:8]}.txt"
    assert (code, out) == (2, [])
    assert err == [f"error: {renamed}: already a seed: {seed} has the same SHA-256; nothing was added"]
    assert snapshot(workspace.seeds) == before


def test_the_committed_seed_is_refused(workspace, run):
    code, _, err = run("add", SEED, "--publisher", "X", "--date", "2017-08-03", "--seeds", workspace.seeds)
    assert code == 2
    assert err == [
        f"error: seeds/{SEED.name}: already a seed: {workspace.article} has the same SHA-256; nothing was added"
    ]


TOMORROW = (dt.date.today() + dt.timedelta(days=1)).isoformat()

# (name, the file's bytes, arguments after the file, the one line after "error: <file>")
BAD = [
    ("binary", b"PK\x03\x04\x00\x00zip", (), ":1: binary data (NUL byte at byte 4); expected UTF-8 text"),
    ("UTF-16", "Sessions said".encode("utf-16"), (), ":1: UTF-16 text; save the article as UTF-8"),
    ("not UTF-8", b"Sessions said\nCaf\xe9 owners\n", (), ":2: not UTF-8 text (bad byte at byte 17)"),
    (
        "an HTML page",
        b"<!DOCTYPE html><html><body><p>Sessions said</p></body></html>",
        (),
        ":1: this is a web page, not an article's text (it opens with <!doctype html>); save the article's text only",
    ),
    ("empty", b"", (), ":1: empty article (no text)"),
    ("only blank lines", b"\n \n\t\n", (), ":1: empty article (no text)"),
    ("too big", b"word " * 200_001, (), ": article is 1,000,005 bytes, over the 1,000,000-byte limit"),
    (
        "a date in the future",
        b"Sessions said so.\n",
        ("--date", TOMORROW),
        f": --date {TOMORROW} is in the future; give the day the article is as of",
    ),
    (
        "a missing --date",
        b"Sessions said so.\n",
        (),
        ": --date is missing: give the day the article is as of, like --date 2017-08-03",
    ),
    (
        "a date not a day",
        b"Sessions said so.\n",
        ("--date", "8/4/2017"),
        ": --date must be a day like 2017-08-03, got '8/4/2017'",
    ),
    (
        "a missing --publisher",
        b"Sessions said so.\n",
        ("--date", "2017-08-04", "--publisher", " "),
        ': --publisher is missing: name who published the article, like --publisher "The Test Desk"',
    ),
]


@pytest.mark.parametrize("case", BAD, ids=[c[0] for c in BAD])
def test_bad_input_is_one_line_and_seeds_is_unchanged(workspace, run, case):
    _, raw, extra, message = case
    file = workspace.root / "incoming.txt"
    file.write_bytes(raw)
    before = snapshot(workspace.seeds)
    publisher = () if "--publisher" in extra else ("--publisher", "Test Wire")
    code, out, err = run("add", file, *publisher, *extra, "--seeds", workspace.seeds)
    assert (code, out, err) == (2, [], [f"error: {file}{message}"])
    assert snapshot(workspace.seeds) == before


def test_a_missing_file_is_one_line(workspace, run):
    missing = workspace.root / "nowhere.txt"
    code, _, err = add(run, workspace.seeds, missing)
    assert (code, err) == (2, [f"error: {missing}: cannot read: No such file or directory"])


def test_a_taken_name_is_never_overwritten(workspace, run):
    """A sidecar left where the new seed's would go (by hand, or by a crash) stays as it was, and no article is
    written beside it."""
    side = workspace.seeds / f"2017-08-04_test-wire_{ORIGINAL_SHA[:8]}.toml"
    side.write_text("# someone's own sidecar\n", encoding="utf-8")
    before = snapshot(workspace.seeds)
    code, _, err = add(run, workspace.seeds, ORIGINAL)
    assert (code, err) == (2, [f"error: {side}: a seed of this name is already there; nothing was overwritten"])
    assert snapshot(workspace.seeds) == before


def test_add_through_the_command_line(workspace):
    """The real entry point: exit status 2 and one line on stderr; the existing flags still parse."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "etl",
            "add",
            str(ORIGINAL),
            "--publisher",
            "Test Wire",
            "--seeds",
            str(workspace.seeds),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "error: tests/articles/desk/wire_original.txt: --date is missing: give the day the article is as of, "
        "like --date 2017-08-03\n"
    )
    help_text = subprocess.run(
        [sys.executable, "-m", "etl", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60
    ).stdout
    assert "python -m etl add FILE --publisher NAME --date YYYY-MM-DD" in " ".join(help_text.split())


def _article(article_id: str, text: str) -> Article:
    return Article(
        article_id,
        Path(f"{article_id}.txt"),
        Path(f"{article_id}.toml"),
        text,
        "",
        dt.date(2017, 8, 4),
        "test",
        True,
        "",
        "",
        "",
    )


def test_add_decides_a_copy_as_the_refresh_does():
    """``add`` splits sentences without spaCy; the refresh groups copies on the reader's sentences
    (``etl.corroborate.reports``). On every test article, and on each with a new headline and byline (a copy of
    it), both give the same answer for every pair."""
    from etl.add import long_sentences
    from etl.build import understand
    from etl.corroborate import SHARED_SENTENCES, reports
    from etl.gazetteer import Gazetteer
    from etl.lexicon import load_lexicon
    from etl.read.known import Known
    from etl.read.pipeline import Reader
    from etl.reference import load_reference

    ref, lexicon = load_reference(REFERENCE_DIR), load_lexicon()
    reader = Reader(Known.read(REFERENCE_DIR), Gazetteer(), lexicon)
    originals = [
        _article(f.stem, f.read_text(encoding="utf-8")) for f in sorted((ROOT / "tests" / "articles").rglob("*.txt"))
    ]
    copies = [
        _article(o.article_id + "~copy", "Another paper's headline\nBy A. Reporter\n" + o.text.split("\n", 1)[1])
        for o in originals
    ]
    read = [understand(reader.read(x), ref, lexicon) for x in originals + copies]
    pairs = 0
    for a, b in itertools.combinations(read, 2):
        refresh = len(set(reports([a, b]).values())) == 1
        mine = len(long_sentences(a.reading.article.text) & long_sentences(b.reading.article.text)) >= SHARED_SENTENCES
        assert mine == refresh, (a.id, b.id)
        pairs += refresh
    assert len(originals) >= 30
    # each article and its own copy; the desk's wire story, its copy and their two copies are six pairs more
    assert pairs == len(originals) + 4
