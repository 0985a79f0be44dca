"""Hostile and broken input, table-driven: each case gives its one-line reason (or works, where it must), no
traceback, and leaves the previous output byte-identical."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from etl.paths import REFERENCE_DIR, SEEDS_DIR

# the line of source_sites.csv the "unknown kind" case edits (the file grows as sources are added)
REUTERS_LINE = 1 + (REFERENCE_DIR / "source_sites.csv").read_text(encoding="utf-8").splitlines().index(
    "www.reuters.com,,Reuters,press,,"
)

SEED = "000_94e04342a6ea52d8.txt"
SEED_WORDS = len((SEEDS_DIR / SEED).read_text(encoding="utf-8").split())


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _append_line(path, line):
    with path.open("a", encoding="utf-8") as f:
        f.write(line + "\n")


@dataclass(frozen=True)
class Case:
    name: str
    breaks: Callable
    error: str | None  # a substring of the one-line reason; None when the input must work


CASES = [
    # --- the seeds folder and the article file
    Case("missing seeds folder", lambda ws: shutil.rmtree(ws.seeds), "seeds folder not found"),
    Case("no article in the folder", lambda ws: ws.article.unlink(), "no *.txt article in the seeds folder"),
    Case("empty article", lambda ws: ws.article.write_bytes(b""), f"{SEED}:1: empty article"),
    Case("whitespace-only article", lambda ws: ws.article.write_bytes(b" \n\n\t \r\n"), f"{SEED}:1: empty article"),
    Case(
        "non-UTF-8 bytes",
        lambda ws: ws.article.write_bytes(ws.article.read_bytes().replace("’".encode(), b"\x92")),
        f"{SEED}:7: not UTF-8 text (bad byte at byte",
    ),
    Case(
        "binary junk",
        lambda ws: ws.article.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40),
        "binary data (NUL byte at byte 8)",
    ),
    Case(
        "UTF-16 text",
        lambda ws: ws.article.write_bytes(ws.article.read_text(encoding="utf-8").encode("utf-16")),
        f"{SEED}:1: UTF-16 text; save the article as UTF-8",
    ),
    Case(
        "control character",
        lambda ws: _edit(ws.article, "Twelve cities", "Twelve\x07cities"),
        "control character U+0007",
    ),
    Case(
        "10 MB article",
        lambda ws: ws.article.write_bytes(ws.article.read_bytes() * 3700),
        "over the 1,000,000-byte limit",
    ),
    Case(
        "unreadable article (dangling link)",
        lambda ws: (ws.article.unlink(), ws.article.symlink_to(ws.root / "gone.txt")),
        f"{SEED}: cannot read: No such file or directory",
    ),
    Case(
        "article is a folder",
        lambda ws: (ws.article.unlink(), ws.article.mkdir()),
        f"{SEED}: cannot read: Is a directory",
    ),
    Case(
        "an article pasted as a web page",
        lambda ws: ws.article.write_text(
            "<!DOCTYPE html><html><head><title>Sessions</title></head><body><p>"
            + ws.article.read_text(encoding="utf-8").replace("\n\n", "</p><p>")
            + "</p></body></html>",
            encoding="utf-8",
        ),
        f"{SEED}:1: this is a web page, not an article's text (it opens with <!doctype html>); save the article's "
        "text only",
    ),
    Case(
        "a page's markup without its head",
        lambda ws: ws.article.write_text(
            "".join(f'<div class="p"><span>{w}</span></div>' for w in ws.article.read_text(encoding="utf-8").split()),
            encoding="utf-8",
        ),
        f"this is a web page, not an article's text ({4 * SEED_WORDS} tags",
    ),
    Case(
        "a 2 MB article",
        lambda ws: ws.article.write_bytes((ws.article.read_bytes() + b"\n") * 720),
        "over the 1,000,000-byte limit",
    ),
    # --- the sidecar
    Case("missing sidecar", lambda ws: ws.article.with_suffix(".toml").unlink(), "missing sidecar"),
    Case(
        "malformed sidecar",
        lambda ws: ws.article.with_suffix(".toml").write_text("as_of = = 2017\n"),
        "malformed sidecar",
    ),
    Case(
        "malformed sidecar date",
        lambda ws: _edit(ws.article.with_suffix(".toml"), "as_of = 2017-08-03", 'as_of = "3rd of August"'),
        "as_of must be a date like 2017-08-03, got '3rd of August'",
    ),
    Case(
        "impossible sidecar date",
        lambda ws: _edit(ws.article.with_suffix(".toml"), "as_of = 2017-08-03", "as_of = 2017-02-30"),
        "malformed sidecar",
    ),
    Case(
        "sidecar without method",
        lambda ws: _edit(ws.article.with_suffix(".toml"), 'as_of_method = """', 'ignored = """'),
        "as_of_method is empty",
    ),
    # --- reference files
    Case(
        "reference missing column",
        lambda ws: _edit(ws.reference / "psp_sites_2017.csv", "site_type,", "kind,"),
        "psp_sites_2017.csv:1: missing column(s) site_type",
    ),
    Case(
        "reference wrong type",
        lambda ws: _edit(ws.reference / "votes.csv", ",50,48,2,", ",fifty,48,2,"),
        "votes.csv:2: column yea: 'fifty' is not a whole number from 0 to 435",
    ),
    Case(
        "reference value not allowed",
        lambda ws: _edit(ws.reference / "psp_sites_2017.csv", "AL,operations", "AL,ops"),
        "psp_sites_2017.csv:2: column site_type: 'ops' is not one of operations, diagnostic",
    ),
    Case(
        "reference duplicate id",
        lambda ws: _append_line(ws.reference / "events.csv", (ws.reference / "events.csv").read_text().splitlines()[1]),
        "events.csv:25: duplicate id eo-13768-signed (first on line 2)",
    ),
    Case(
        "reference coordinate out of range",
        lambda ws: _append_line(
            ws.reference / "place_overrides.csv", "Baltimore,MD,139.3,-76.6,https://example.org/x,confirmed,"
        ),
        "place_overrides.csv:2: column lat: 139.3 is out of range [-90, 90]",
    ),
    Case(
        "reference dangling entity id",
        lambda ws: _edit(ws.reference / "votes.csv", ",marvin-kaplan,", ",marvin-kaplann,"),
        "votes.csv:2: column nominee: unknown entity id 'marvin-kaplann'",
    ),
    Case(
        "reference dangling event entity",
        lambda ws: _edit(ws.reference / "events.csv", "baltimore-md|", "baltimore-mx|"),
        "events.csv:15: column match_entities: unknown entity id 'baltimore-mx'",
    ),
    Case(
        "reference ragged row",
        lambda ws: _append_line(ws.reference / "entities.csv", "x,y"),
        "entities.csv:16: wrong number of fields",
    ),
    Case(
        "reference not a URL",
        lambda ws: _edit(
            ws.reference / "psp_sites_2017.csv",
            "https://www.bja.gov/Events/national-psp-symposium-2018.html",
            "see BJA page",
        ),
        "column source: not a URL: 'see BJA page'",
    ),
    Case(
        "reference file missing",
        lambda ws: (ws.reference / "roles.csv").unlink(),
        "roles.csv: cannot read reference file: No such file or directory",
    ),
    Case(
        "reference file unreadable",
        lambda ws: ((ws.reference / "roles.csv").unlink(), (ws.reference / "roles.csv").mkdir()),
        "roles.csv: cannot read reference file: Is a directory",
    ),
    Case(
        "roll call disagrees with the tally",
        lambda ws: _edit(
            ws.reference / "kaplan_rollcall_2017-08-02.csv", "Dan Sullivan,AK,R,Yea", "Dan Sullivan,AK,R,Nay"
        ),
        "kaplan_rollcall_2017-08-02.csv: roll call kaplan_rollcall_2017-08-02.csv sums to",
    ),
    Case(
        "a cited site nobody classified",
        lambda ws: _edit(ws.reference / "source_sites.csv", "www.reuters.com,", "www.reuters.example,"),
        "source_sites.csv: no row for the domain www.reuters.com (cited as https://www.reuters.com/",
    ),
    Case(
        "a site of an unknown kind",
        lambda ws: _edit(ws.reference / "source_sites.csv", "Reuters,press,", "Reuters,news,"),
        f"source_sites.csv:{REUTERS_LINE}: column kind: 'news' is not one of official, press, copy, mirror, reference, "
        "blog",
    ),
    Case(
        "a copy that does not say what it copies",
        lambda ws: _edit(ws.reference / "source_sites.csv", "copy,a White House fact sheet,", "copy,,"),
        "source_sites.csv: the row for www.p2016.org (cited as https://www.p2016.org/chrntran/immig080217.html): "
        "copy_of names what a copy copies, and only a copy (its kind is copy)",
    ),
    Case(
        "a press page said to be a copy of something",
        lambda ws: _edit(ws.reference / "source_sites.csv", "Reuters,press,", "Reuters,press,a wire story"),
        "copy_of names what a copy copies, and only a copy (its kind is press)",
    ),
    Case(
        "a phase the refresh works out, written in the reference",
        lambda ws: _edit(
            ws.reference / "events.csv",
            "day,Kaplan sworn in at the NLRB,nlrb,,",
            "day,Kaplan sworn in at the NLRB,nlrb,story,",
        ),
        "events.csv:16: column phase: 'story' is not one of later",
    ),
    Case(
        "as_of_printed not true or false",
        lambda ws: _edit(ws.article.with_suffix(".toml"), "as_of_printed = false", 'as_of_printed = "no"'),
        "as_of_printed must be true or false, got 'no'",
    ),
    Case(
        "as_of_event not in the reference",
        lambda ws: _edit(ws.article.with_suffix(".toml"), '"psp-four-cities-letters"', '"psp-four-city-letters"'),
        "000_94e04342a6ea52d8.toml: as_of_event 'psp-four-city-letters' is not an event in events.csv",
    ),
    # --- inputs that must work
    Case("byte-order mark", lambda ws: ws.article.write_bytes(b"\xef\xbb\xbf" + ws.article.read_bytes()), None),
    Case("CRLF line endings", lambda ws: ws.article.write_bytes(ws.article.read_bytes().replace(b"\n", b"\r\n")), None),
    Case(
        "HTML and script in the text",
        lambda ws: _edit(
            ws.article,
            "Twelve cities are participating.",
            'Twelve cities are participating. <script>alert("x")</script><img src=x onerror=alert(1)>',
        ),
        None,
    ),
]


@pytest.fixture
def prepared(workspace, built_data):
    """A workspace whose output folder already holds a good build."""
    shutil.copytree(built_data, workspace.out)
    return workspace


# Cases run as the editor runs them, a Python of their own: what is printed as that process ends (a pool's exit
# handler once printed a traceback after the one line) shows only there. The others run in this process, the same
# code and output without starting Python and importing spaCy and pandas each time.
WHOLE_PROCESS = {"binary junk", "non-UTF-8 bytes", "malformed sidecar", "reference missing column", "byte-order mark"}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(prepared, case):
    before = prepared.fingerprint()
    case.breaks(prepared)
    started = time.monotonic()
    result = prepared.etl() if case.name in WHOLE_PROCESS else prepared.etl_here()
    assert time.monotonic() - started < 60
    assert "Traceback" not in result.stderr
    if case.error is None:
        assert result.returncode == 0, result.stderr
        assert "error:" not in result.stderr
        return
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert case.error in lines[0], lines[0]
    assert prepared.fingerprint() == before


def test_the_whole_process_cases_are_cases():
    assert WHOLE_PROCESS - {c.name for c in CASES} == set()  # a renamed case would run in this process unnoticed


REFERENCE_FILES = sorted(p.name for p in REFERENCE_DIR.glob("*.csv"))


@pytest.mark.parametrize("name", REFERENCE_FILES)
def test_a_short_line_in_any_reference_file_names_the_file_and_line(name, tmp_path):
    """Every file in etl/reference/ (listed from the folder, so a new file is covered too) is read with its
    field count checked: a one-field line gives the file and the line number counted here."""
    from etl.errors import EtlError
    from etl.reference import load_reference

    folder = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, folder)
    path = folder / name
    line = len(path.read_text(encoding="utf-8").splitlines()) + 1
    _append_line(path, "x")
    with pytest.raises(EtlError) as err:
        load_reference(folder)
    assert str(err.value) == f"{path}:{line}: wrong number of fields"


def test_a_participant_the_gazetteer_cannot_place_names_the_reference_file_in_use(prepared):
    _edit(prepared.reference / "psp_sites_2017.csv", "Toledo,OH,", "Qwxzville,OH,")
    result = prepared.etl()
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"error: {prepared.reference / 'psp_sites_2017.csv'}: cannot resolve the participant “Qwxzville, OH” in the "
        "gazetteer"
    )


def test_bom_and_crlf_give_the_same_tables_as_the_original(prepared):
    from pandas.testing import assert_frame_equal

    original = {t: prepared.read(t) for t in ("sentences", "cities", "figures", "events", "data_quality")}
    prepared.article.write_bytes(b"\xef\xbb\xbf" + prepared.article.read_bytes().replace(b"\n", b"\r\n"))
    assert prepared.etl().returncode == 0
    for table, frame in original.items():
        assert_frame_equal(prepared.read(table), frame, obj=table)


def test_script_in_the_text_is_kept_as_text(prepared):
    payload = '<script>alert("x")</script>'
    _edit(prepared.article, "Twelve cities are participating.", f"Twelve cities are participating. {payload}")
    assert prepared.etl().returncode == 0
    assert payload in prepared.read("articles")["text"].iloc[0]
    assert len(prepared.read("cities")) == 16


def test_verbose_shows_the_traceback(prepared):
    prepared.article.write_bytes(b"")
    result = prepared.etl("-v")
    assert result.returncode == 2 and "Traceback" in result.stderr


def test_permission_denied_is_one_line(prepared, monkeypatch):
    """Root can read anything, so simulate the OS refusing: the message must still be one line."""
    if os.geteuid() != 0:
        prepared.article.chmod(0)
        result = prepared.etl()
        assert result.returncode == 2 and "cannot read: Permission denied" in result.stderr
    else:
        from etl.errors import EtlError
        from etl.seed import read_seed

        def refuse(self):
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(type(prepared.article), "read_bytes", refuse)
        with pytest.raises(EtlError, match=r"cannot read: Permission denied"):
            read_seed(prepared.article)


def test_a_town_the_gazetteer_does_not_list_is_a_warning_never_a_stop(prepared):
    """A "Town, St." under 15,000 people: an unresolved place mention and a warning; the refresh goes on."""
    _edit(prepared.article, "and Stockton, Calif.", "and Chevy Chase, Md.")
    result = prepared.etl("--strict")
    assert result.returncode == 0, result.stderr  # no error: "four cities" still lists four names, one unplaced
    assert "cannot resolve" not in result.stderr
    dq = prepared.read("data_quality")
    assert set(dq.loc[dq["severity"] == "error", "kind"]) == set()  # the gazetteer's gap is no count disagreement
    (row,) = dq[dq["kind"] == "unresolved_place"].itertuples()
    assert (row.severity, row.surface) == ("warning", "Chevy Chase")
    assert row.message == "“Chevy Chase, Md.” is not in the gazetteer (GeoNames cities of 15,000 people or more)."
    mentions = prepared.read("mentions").set_index("surface")
    assert (mentions.loc["Chevy Chase", "entity_id"], mentions.loc["Chevy Chase", "match"]) == (
        "chevy-chase-md",
        "unresolved",
    )
    entities = prepared.read("entities").set_index("entity_id")
    assert (entities.loc["chevy-chase-md", "type"], entities.loc["chevy-chase-md", "resolved"]) == ("city", False)
    assert "chevy-chase-md" not in set(prepared.read("cities")["city_id"])  # no coordinates: not on the map


SPANISH = (  # our own words: one headline and one paragraph of four sentences
    "El fiscal general anuncia nuevas condiciones para las ciudades\n\n"
    "El fiscal general dijo el jueves que el programa de ayuda contra la delincuencia no estará abierto a las "
    "ciudades que no colaboren con los agentes de inmigración. Según el departamento, las ciudades tendrán que "
    "responder a tres preguntas sobre sus cárceles antes de que termine el mes. Varios alcaldes dijeron que todavía "
    "estudian la carta y que no piensan cambiar sus políticas por ahora. La medida llega en una semana de mucha "
    "actividad en la capital.\n"
)


def test_an_article_in_another_language_is_a_clean_empty_reading(prepared):
    """Not English: its sentences, a warning, and nothing else taken from it; no traceback, no stop."""
    prepared.article.write_text(SPANISH, encoding="utf-8")
    result = prepared.etl()
    assert result.returncode == 0, result.stderr
    dq = prepared.read("data_quality")
    (row,) = dq[dq["kind"] == "language"].itertuples()
    assert (row.severity, row.message) == (
        "warning",
        "The article does not read as English: almost none of its words are common English words.",
    )
    assert len(prepared.read("sentences")) == 5
    for table in ("mentions", "figures", "quotes", "claims"):
        assert prepared.read(table).empty, table
