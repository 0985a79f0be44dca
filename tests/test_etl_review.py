"""``python -m etl review``: the desk's decisions on what the reader read, kept in reviews.csv and applied by the
next refresh (issue 39). Each command is run as an editor runs it, and its exact output is asserted."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from benchmarks.gold import CORPUS
from etl.paths import DATA_DIR, REFERENCE_DIR, SEEDS_DIR
from tests.conftest import Workspace, etl_main
from tests.test_corroborate import FIFTH

PORTLAND = FIFTH.index("Portland")  # where the city starts: a reading's key names its span
FIFTH_KEY = f"one_report_role:zz_fifth:{PORTLAND}"


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


def _main(*args: str | Path) -> Done:
    """``python -m etl ARGS`` in this process (spaCy and pandas are imported once for the whole file)."""
    return Done(*etl_main(*args))


def _etl(ws, *extra: str) -> Done:
    return _main("--seeds", ws.seeds, "--out", ws.out, "--reference", ws.reference, *extra)


def _review(ws, *extra: str) -> Done:
    return _main("review", "--data", ws.out, "--reference", ws.reference, *extra)


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory) -> Path:
    """The seed and a report that wrongly names a fifth city, refreshed once for the whole file."""
    ws = Workspace(tmp_path_factory.mktemp("desk"))
    shutil.copytree(SEEDS_DIR, ws.seeds)
    shutil.copytree(REFERENCE_DIR, ws.reference)
    shutil.copytree(DATA_DIR, ws.out)  # the last output: its states' outlines are reused
    (ws.seeds / "zz_fifth.txt").write_text(FIFTH, encoding="utf-8")
    (ws.seeds / "zz_fifth.toml").write_text(
        'as_of = 2017-08-04\nas_of_method = "Set by the test."\npublisher = "Test desk"\n', encoding="utf-8"
    )
    done = _etl(ws)
    assert done.returncode == 0, done.stderr
    return ws.root


@pytest.fixture
def workspace(workspace):
    """The scratch copy of the inputs, with the committed data as its last output: a refresh reuses the states'
    outlines, as an editor's does."""
    shutil.copytree(DATA_DIR, workspace.out)
    return workspace


@pytest.fixture
def desk(refreshed, tmp_path):
    """A copy of that refreshed desk for one test: its seeds, reference and data."""
    ws = Workspace(tmp_path / "desk")
    shutil.copytree(refreshed, ws.root)
    ws.refresh = lambda *extra: _etl(ws, *extra)
    ws.review = lambda *extra: _review(ws, *extra)
    return ws


def _excluded(ws) -> list[str]:
    c = ws.read("cities")
    return sorted(c.loc[c["status"] == "excluded", "city_id"])


def test_the_list_shows_what_needs_an_editor_with_its_sentence(desk):
    done = desk.review("--list")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"{FIFTH_KEY}  warning  Only this report names Portland, OR among the cities not considered (read from “would "
        "not consider”), and our cited records do not; it is kept as this report's claim and left off the map.",
        "    “Attorney General Jeff Sessions said on Thursday that the Justice Department would not consider "
        "Portland, Ore., for its Public Safety Partnership until the city agreed to step up assistance to "
        "immigration agents.”",
        "1 item(s) for the desk",
    ]


def test_the_list_as_json(desk):
    import json

    (item,) = json.loads(desk.review("--json").stdout)
    assert (item["key"], item["severity"], item["kind"]) == (FIFTH_KEY, "warning", "one_report_role")


def test_the_desk_confirms_one_reports_role_and_the_map_follows_at_the_next_refresh(desk):
    done = desk.review("--accept", FIFTH_KEY, "--note", "Confirmed with the city's police spokesman.", "--who", "ed")
    assert done.stdout == f"recorded: accept {FIFTH_KEY}; the next refresh applies it (python -m etl)\n"
    assert "portland-or" not in _excluded(desk)  # nothing changes until the refresh
    assert desk.refresh().returncode == 0
    assert "portland-or" in _excluded(desk)
    dq = desk.read("data_quality").set_index("check_id")
    row = dq.loc[FIFTH_KEY]
    assert (row["severity"], row["message"]) == (
        "info",
        "Only this report names Portland, OR among the cities not considered; the desk confirmed it, so it is on "
        "the map, citing this report.",
    )
    assert row["resolution"].startswith("Reviewed by the desk (ed, 20")
    assert row["resolution"].endswith("): Confirmed with the city's police spokesman.")
    assert desk.review("--list").stdout == "0 item(s) for the desk\n"


def test_a_rejected_reading_is_dropped_with_its_alarm(desk):
    assert desk.review("--reject", FIFTH_KEY, "--note", "A misreading.").returncode == 0
    assert desk.refresh().returncode == 0
    claims = desk.read("claims")
    assert claims.query("kind == 'city' and ref_id == 'portland-or'").empty
    assert FIFTH_KEY not in set(desk.read("data_quality")["check_id"])
    assert _excluded(desk) == ["albuquerque-nm", "baltimore-md", "san-bernardino-ca", "stockton-ca"]


def test_set_gives_the_right_value(desk):
    assert (
        desk.review(
            "--set", f"city:zz_fifth:{PORTLAND}", "none", "--note", "Portland is named, with no role."
        ).returncode
        == 0
    )
    assert desk.refresh().returncode == 0
    assert desk.read("claims").query("ref_id == 'portland-or'").empty


def test_a_decision_whose_reading_is_gone_is_reported_as_stale(desk):
    assert desk.review("--reject", FIFTH_KEY, "--note", "A misreading.").returncode == 0
    desk.seeds.joinpath("zz_fifth.txt").write_text(FIFTH.replace("Portland, Ore.", "the city"), encoding="utf-8")
    assert desk.refresh().returncode == 0
    row = desk.read("data_quality").set_index("check_id").loc[f"stale_review:{FIFTH_KEY}"]
    assert (row["severity"], row["message"]) == (
        "warning",
        f"The desk's decision “reject” on {FIFTH_KEY} finds no such reading or alarm now.",
    )


def test_strict_passes_once_every_error_is_reviewed(workspace):
    for suffix in (".txt", ".toml"):
        shutil.copy(CORPUS / f"law_blog_nlrb{suffix}", workspace.seeds)
    first = _etl(workspace, "--strict")
    assert first.returncode == 1
    dq = workspace.read("data_quality")
    keys = sorted(dq.loc[dq["severity"] == "error", "check_id"])
    at = (CORPUS / "law_blog_nlrb.txt").read_text(encoding="utf-8").index("August 3, 2017")  # the blog's date
    assert keys == [f"across_articles:law_blog_nlrb:{at}", f"date_check:law_blog_nlrb:{at}"]
    for key in keys:
        done = _review(
            workspace,
            "--accept",
            key,
            "--note",
            "The blog dates the vote a day late; the Senate's record says 2 Aug.",
        )
        assert done.returncode == 0, done.stderr
    assert _etl(workspace, "--strict").returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--accept", "date_check:zz_fifth:1", "--note", "x"),
            "error: no reading or alarm with the key 'date_check:zz_fifth:1' in the last refresh "
            "(python -m etl review --list)\n",
        ),
        (("--accept", FIFTH_KEY), "error: a decision needs --note: say why, for the next editor\n"),
    ],
    ids=["a key that no longer exists", "no note"],
)
def test_bad_decisions_are_refused_in_one_line_and_nothing_is_written(desk, args, message):
    before = (desk.reference / "reviews.csv").read_bytes()
    done = desk.review(*args)
    assert (done.returncode, done.stderr) == (2, message)
    assert (desk.reference / "reviews.csv").read_bytes() == before


def test_an_unknown_decision_word_is_refused_by_argparse(desk):
    done = desk.review("--approve", FIFTH_KEY)
    assert done.returncode == 2
    assert "unrecognized arguments: --approve" in done.stderr


def test_a_bad_row_in_reviews_csv_stops_the_refresh_in_one_line(desk):
    path = desk.reference / "reviews.csv"
    path.write_text(path.read_text() + f"{FIFTH_KEY},approve,,why,ed,2017-08-05\n", encoding="utf-8")
    done = desk.refresh()
    assert done.returncode == 2
    assert done.stderr.strip().endswith("reviews.csv:2: column decision: 'approve' is not one of accept, reject, set")
    assert len(done.stderr.strip().splitlines()) == 1


UNSURE = (
    "Baltimore told to wait\n\n"
    "Sessions would not consider Baltimore until it agrees to step up assistance to ICE, a spokesman in Denver said "
    "on Thursday.\n"
)


def test_a_city_left_without_a_role_beside_one_with_a_role_is_listed_and_can_be_given_one(workspace):
    (workspace.seeds / "zz_unsure.txt").write_text(UNSURE, encoding="utf-8")
    (workspace.seeds / "zz_unsure.toml").write_text(
        'as_of = 2017-08-04\nas_of_method = "Set by the test."\npublisher = "Test desk"\n', encoding="utf-8"
    )
    assert _etl(workspace).returncode == 0
    key = f"city:zz_unsure:{UNSURE.index('Denver')}"
    lines = _review(workspace, "--list").stdout.splitlines()
    assert (
        f"{key}  unsure  “Denver” stands in a sentence that ties other cities to a role; the reader gave it none."
        in lines
    )
    assert _review(workspace, "--set", key, "excluded", "--note", "Test: the desk gives it the role.").returncode == 0
    assert _etl(workspace).returncode == 0
    claims = workspace.read("claims").query("kind == 'city' and article_id == 'zz_unsure'")
    assert sorted(zip(claims["ref_id"], claims["value"], strict=True)) == [
        ("baltimore-md", "excluded"),
        ("denver-co", "excluded"),
    ]
    assert "denver-co" not in set(workspace.read("cities")["city_id"])  # one report's role: off the map


def test_the_walk_shows_each_item_and_records_what_the_editor_decides(desk):
    """``python -m etl review`` in a terminal: the item with its sentence, a decision, then its note; a ``set``
    with no value is not recorded, and says so."""
    from etl import review

    args = review._parser().parse_args(["--data", str(desk.out), "--reference", str(desk.reference), "--who", "ed"])
    items = review.pending(desk.out, set())
    said: list[str] = []

    def scripted(answers):
        it = iter(answers)
        return lambda prompt: next(it)

    assert review.walk(args, items, scripted(["s", "", "no value given"]), said.append) == 0
    assert said[0] == "(1/1) " + "\n".join(review._show(items[0]))
    assert said[1:] == [
        "not recorded: --set needs a value: a role, a speaker's id or an event's id",
        "0 decision(s) recorded; the next refresh applies them (python -m etl)",
    ]
    said.clear()
    assert review.walk(args, items, scripted(["a", "Confirmed with the city."]), said.append) == 0
    assert said[1:] == [
        f"recorded: accept {FIFTH_KEY}; the next refresh applies it (python -m etl)",
        "1 decision(s) recorded; the next refresh applies them (python -m etl)",
    ]
    row = (desk.reference / "reviews.csv").read_text(encoding="utf-8").splitlines()[-1]
    assert row.startswith(f"{FIFTH_KEY},accept,,Confirmed with the city.,ed,20")
    said.clear()
    assert review.walk(args, items, scripted(["q"]), said.append) == 0  # quit: nothing more is asked
    assert said[1:] == ["0 decision(s) recorded; the next refresh applies them (python -m etl)"]
