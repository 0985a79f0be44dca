"""``python -m etl preview`` (issue 39): what the reader finds in one article, shown before it joins the data.

It reads as a refresh reads (the same reader, resolve stage, story and per-article checks) and writes nothing. The
articles are our own words: the desk's wire story (``tests/articles/desk/``) and, below, a short report that gets
a tally wrong and names two cities no record ties to the decision.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from etl.paths import ROOT
from etl.preview import Mark, SentenceView, marked, plain_lines, preview, print_rich

ORIGINAL = Path(__file__).parent / "articles" / "desk" / "wire_original.txt"

ALARMING = (
    "Senate confirms labor board pick\n\n"
    "The Senate confirmed Marvin Kaplan to the National Labor Relations Board on Wednesday in a 51-48 vote.\n\n"
    "Springfield, Ore., and Fresno said “we will wait for the letter before we say anything more,” "
    "the paper reported.\n"
)

WIRE = [
    "tests/articles/desk/wire_original.txt: 6 sentences, as of 4 Aug 2017 (inferred) from --date; nothing is written",
    "",
    "sentences",
    "s001 headline [Justice Department]{organization} puts [four cities]{count} on notice over immigration help",
    "      organization Justice Department -> justice-department (alias)",
    "      count        four cities -> 4 city",
    (
        "s002 text     WASHINGTON (Test Wire) — Attorney General [Jeff Sessions]{person} said on [Thursday]{date} that "
        "the [Justice Department]{organization} would not consider [four cities]{count} for its [Public Safety "
        "Partnership]{program} until they agree to step up assistance to immigration agents."
    ),
    "      person       Jeff Sessions -> jeff-sessions (title, Attorney General)",
    "      date         Thursday -> 2017-08-03 (weekday); event psp-four-cities-letters (window)",
    "      organization Justice Department -> justice-department (alias)",
    "      count        four cities -> 4 city",
    "      program      Public Safety Partnership -> public-safety-partnership (alias)",
    (
        "s003 text     The [four cities]{count} are [Baltimore]{place}, [Albuquerque]{place}, [San Bernardino]{place} "
        "and [Stockton]{place}, and each of them had asked to join the program this summer."
    ),
    "      count        four cities -> 4 city",
    "      place        Baltimore -> baltimore-md (Baltimore, MD)",
    "      place        Albuquerque -> albuquerque-nm (Albuquerque, NM)",
    "      place        San Bernardino -> san-bernardino-ca (San Bernardino, CA)",
    "      place        Stockton -> stockton-ca (Stockton, CA)",
    (
        "s004 text     “[Cities that protect criminals from immigration enforcement make all of us less safe]{quote},” "
        "[Sessions]{person} said in a statement released by his office."
    ),
    "      quote        Cities that protect criminals from immigration enforcement … -> said by jeff-sessions (verb)",
    "      person       Sessions -> jeff-sessions (alias)",
    (
        "s005 text     [Twelve cities]{count} are already taking part in [the partnership]{program}, which sends "
        "federal crime analysts and prosecutors to help local police."
    ),
    "      count        Twelve cities -> 12 city",
    "      program      the partnership -> public-safety-partnership (alias)",
    (
        "s006 text     Officials in two of the [four cities]{count} said they would read the letters closely "
        "before they decided how to answer [the department]{organization}."
    ),
    "      count        four cities -> 4 city",
    "      organization the department -> justice-department (alias)",
    "",
    "roles it would claim: 9",
    "  Baltimore (baltimore-md) -> excluded: the list “four cities” introduces; on the map: our records hold it",
    "  Albuquerque (albuquerque-nm) -> excluded: the list “four cities” introduces; on the map: our records hold it",
    (
        "  San Bernardino (san-bernardino-ca) -> excluded: the list “four cities” introduces; on the map: our records "
        "hold it"
    ),
    "  Stockton (stockton-ca) -> excluded: the list “four cities” introduces; on the map: our records hold it",
    "  “four cities” (s001, 4) -> excluded: the same number as “four cities”",
    "  “four cities” (s002, 4) -> excluded: “would not consider” in its sentence",
    "  “four cities” (s003, 4) -> excluded: the same as “four cities”",
    "  “Twelve cities” (s005, 12) -> participant: “already taking part” in its sentence",
    "  “four cities” (s006, 4) -> excluded: “the letters” in its sentence",
    "",
    "alarms it would raise: 0 error, 0 warning (5 info)",
    "  none",
]


@pytest.fixture(scope="module")
def wire():
    return preview(ORIGINAL, "2017-08-04")


@pytest.fixture(scope="module")
def alarming(tmp_path_factory):
    file = tmp_path_factory.mktemp("preview") / "alarming.txt"
    file.write_text(ALARMING, encoding="utf-8")
    return file, preview(file, "2017-08-04")


def test_each_sentence_with_its_spans_then_roles_and_alarms(wire):
    assert plain_lines(wire) == WIRE


def test_a_wrong_tally_and_a_role_one_report_claims_are_shown_as_alarms(alarming):
    file, p = alarming
    lines = plain_lines(p)
    assert lines[0] == f"{file}: 3 sentences, as of 4 Aug 2017 (inferred) from --date; nothing is written"
    assert lines[
        lines.index(
            "s003 text     [Springfield]{place}, [Ore.]{state}, and [Fresno]{place} said "
            "“[we will wait for the letter before we say anything more]{quote},” the paper reported."
        )
        + 4
    ] == ("      quote        we will wait for the letter before we say anything more -> no speaker found")
    assert "      tally        51-48 -> 51–48, vote senate-2017-08-02-kaplan (nominee)" in lines
    assert lines[lines.index("roles it would claim: 2") :] == [
        "roles it would claim: 2",
        "  Springfield (springfield-or) -> excluded: “letter” in its sentence; not drawn: one report alone claims it",
        "  Fresno (fresno-ca) -> excluded: “letter” in its sentence; not drawn: one report alone claims it",
        "",
        "alarms it would raise: 1 error, 3 warning (2 info)",
        "  error    tally_check        s002  The article says 51–48; our cited records have the Senate's vote on "
        "Marvin Kaplan of 2 Aug 2017 as 50–48.",
        "  warning  one_report_role    s003  Only this report names Springfield, OR among the cities not considered "
        "(read from “letter”), and our cited records do not; it is kept as this report's claim and left off the map.",
        "  warning  one_report_role    s003  Only this report names Fresno, CA among the cities not considered (read "
        "from “letter”), and our cited records do not; it is kept as this report's claim and left off the map.",
        "  warning  quote_speaker      s003  A quotation whose paragraph names no speaker the reader can tie to it.",
    ]


def test_nested_spans_close_inside_out():
    view = SentenceView(
        "s001",
        "text",
        "“We will not wait for Stockton,” he said.",
        [Mark(1, 30, "quote", "", ""), Mark(22, 30, "place", "", ""), Mark(36, 40, "date", "", "")],
    )
    assert marked(view) == "“[We will not wait for [Stockton]{place}]{quote},” he [said]{date}."


def test_the_command_writes_nothing_and_prints_plain_text_when_piped(tmp_path, wire):
    article = tmp_path / "incoming.txt"
    article.write_bytes(ORIGINAL.read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "etl", "preview", str(article), "--date", "2017-08-04"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [f"{article}: " + WIRE[0].split(": ", 1)[1], *WIRE[1:]]
    assert [p.name for p in tmp_path.iterdir()] == ["incoming.txt"]
    assert article.read_bytes() == ORIGINAL.read_bytes()


def test_a_seed_is_read_as_of_its_sidecar_unless_given_a_date(run, workspace):
    code, out, _ = run("preview", workspace.article, "--reference", workspace.reference)
    assert code == 0
    assert out[0] == (
        f"{workspace.article}: 22 sentences, as of 3 Aug 2017 (inferred) from its sidecar 000_94e04342a6ea52d8.toml; "
        "nothing is written"
    )
    assert (
        "  Baltimore (baltimore-md) -> excluded: the list “four cities” introduces; on the map: our records hold it"
        in out
    )
    _, out, _ = run("preview", workspace.article, "--date", "2017-08-10", "--reference", workspace.reference)
    assert out[0].endswith(": 22 sentences, as of 10 Aug 2017 (inferred) from --date; nothing is written")
    assert "      date         Thursday -> 2017-08-10 (weekday); no event" in out


@pytest.mark.parametrize(
    ("raw", "args", "message"),
    [
        (b"\x00\x01binary", (), ":1: binary data (NUL byte at byte 0); expected UTF-8 text"),
        (
            b"<html><body>Sessions</body></html>",
            (),
            ":1: this is a web page, not an article's text (it opens with <html>); save the article's text only",
        ),
        (b"Sessions said so.\n", ("--date", "2017-13-01"), ": --date must be a day like 2017-08-03, got '2017-13-01'"),
    ],
    ids=["binary", "web page", "bad date"],
)
def test_bad_input_is_one_line(run, tmp_path, raw, args, message):
    file = tmp_path / "incoming.txt"
    file.write_bytes(raw)
    assert run("preview", file, *args) == (2, [], [f"error: {file}{message}"])
    assert [p.name for p in tmp_path.iterdir()] == ["incoming.txt"]


def test_in_a_terminal_the_spans_are_coloured(wire, capsys, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    print_rich(wire)
    out = capsys.readouterr().out
    assert "\x1b[1;32mBaltimore\x1b[0m" in out  # a place, bold green, and no brackets
    assert "{place}" not in out
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert (
        "s003 text     The four cities are Baltimore, Albuquerque, San Bernardino and Stockton, and each of them had "
        "asked to join the program this summer." in plain
    )
    assert "alarms it would raise: 0 (5 info)" in plain
