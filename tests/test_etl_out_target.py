"""A mistyped ``--out`` never destroys anything the tool did not write, and a sparse article is data, not a crash."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl import __main__ as cli
from etl import schema
from etl.paths import ROOT

TABLE_FILES = [f"{n}.parquet" for n in schema.TABLES]


def snapshot(*folders: Path) -> dict[str, str]:
    """Every file, folder and link below the folders, with its bytes' hash or link target."""
    out = {}
    for top in folders:
        for dirpath, dirnames, filenames in os.walk(top, followlinks=False):
            for name in dirnames + filenames:
                p = Path(dirpath) / name
                if p.is_symlink():
                    out[str(p)] = "link:" + os.readlink(p)
                elif p.is_file():
                    out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
                else:
                    out[str(p)] = "dir"
    return out


def _write(path: Path, text: str = "someone's work\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _own_output(folder: Path, built_data: Path) -> None:
    shutil.copytree(built_data, folder)


def _link(link: Path, target: Path) -> Path:
    link.symlink_to(target)
    return link


def _lists(folder: Path, *names: str, schema_version: str = schema.SCHEMA_VERSION) -> Path:
    """A descriptor shaped like ours that lists ``names``."""
    resources = [{"name": Path(n).stem, "path": n, "sha256": "0" * 64} for n in names]
    desc = {"profile": "data-package", "schema_version": schema_version, "resources": resources}
    _write(folder / "datapackage.json", json.dumps(desc))
    return folder


def _ours_plus(ws, built: Path, extra) -> Path:
    _own_output(ws.out, built)
    extra(ws.out)
    return ws.out


# Each case lays out a scratch tree and returns the --out target; the reason is what the refusal must say.
# ``ws`` is the workspace (its seeds/ and reference/ are the inputs); ``home`` is $HOME for the run.
CASES = {
    "a folder of someone's files": (
        lambda ws, home, b: _write(ws.root / "mydocs" / "thesis.txt").parent,
        "the folder is not empty and has no datapackage.json written by this tool",
    ),
    "an existing file": (lambda ws, home, b: _write(ws.root / "notes.txt"), "it is a file or a link, not a folder"),
    "the seeds folder": (lambda ws, home, b: ws.seeds, "it is the seeds folder"),
    "a folder inside the seeds": (lambda ws, home, b: ws.seeds / "out", "it sits inside the seeds folder"),
    "the reference folder": (lambda ws, home, b: ws.reference, "it is the reference folder"),
    "the folder holding the inputs": (lambda ws, home, b: ws.root, "it holds the seeds folder"),
    "the home folder": (lambda ws, home, b: home, "it is the home folder"),
    "the filesystem root": (lambda ws, home, b: Path("/"), "it is the filesystem root"),
    "the repository": (lambda ws, home, b: ROOT, "it is the project's source tree"),
    "the repository's parent": (lambda ws, home, b: ROOT.parent, "it holds the "),  # the source tree (and maybe tmp)
    "a source folder": (lambda ws, home, b: ROOT / "etl", "it sits inside the project's source tree"),
    "a folder inside data/": (lambda ws, home, b: ROOT / "data" / "sub", "it sits inside the project's source tree"),
    "a link to someone's folder": (
        lambda ws, home, b: _link(ws.root / "alias", _write(ws.root / "mine" / "thesis.txt").parent),
        "has no datapackage.json written by this tool",
    ),
    "our output plus a foreign file": (
        lambda ws, home, b: _ours_plus(ws, b, lambda out: _write(out / "thesis.txt")),
        "it holds 'thesis.txt', which its datapackage.json does not list",
    ),
    "our output plus a folder": (
        lambda ws, home, b: _ours_plus(ws, b, lambda out: _write(out / "drafts" / "a.txt")),
        "it holds 'drafts', which is not a file this tool writes",
    ),
    "our output with a table replaced by a link": (
        lambda ws, home, b: _ours_plus(
            ws, b, lambda out: ((out / "cities.parquet").unlink(), _link(out / "cities.parquet", _write(ws.root / "x")))
        ),
        "it holds 'cities.parquet', which is not a file this tool writes",
    ),
    "someone else's datapackage.json": (
        lambda ws, home, b: _write(ws.out / "datapackage.json", '{"name": "mine", "resources": []}').parent,
        "has no datapackage.json written by this tool",
    ),
    "a descriptor that lists someone's file": (
        lambda ws, home, b: _lists(_write(ws.out / "thesis.txt").parent, "thesis.txt"),
        "has no datapackage.json written by this tool",
    ),
    "a foreign folder where the old output is parked": (
        lambda ws, home, b: _write(ws.root / ".data.previous" / "thesis.txt") and ws.out,
        ".data.previous: refusing to write here",
    ),
    "a foreign folder named like a half-built output": (
        lambda ws, home, b: _write(ws.root / ".data.building-x" / "thesis.txt") and ws.out,
        ".data.building-x: refusing to write here",
    ),
    "a foreign file where the lock goes": (
        lambda ws, home, b: _write(ws.root / ".data.lock", "my notes\n") and ws.out,
        "the lock file's name is taken",
    ),
}


def _run(*argv: str) -> tuple[int, str]:
    err = []
    with mock.patch("sys.stderr.write", side_effect=err.append):
        code = cli.main(list(argv))
    return code, "".join(err)


@pytest.mark.parametrize("case", list(CASES))
def test_a_target_that_is_not_ours_is_refused_and_nothing_changes(case, workspace, built_data, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    make, reason = CASES[case]
    target = make(workspace, home, built_data)
    watched = [workspace.root, home, ROOT / "etl", ROOT / "seeds"]
    before = snapshot(*watched)
    root_listing = sorted(os.listdir("/"))
    code, err = _run("--seeds", str(workspace.seeds), "--reference", str(workspace.reference), "--out", str(target))
    assert code == 2, err
    assert err.count("\n") == 1 and err.startswith("error: ") and "refusing to write here" in err, err
    assert reason in err, err
    assert snapshot(*watched) == before
    assert sorted(os.listdir("/")) == root_listing
    assert not (ROOT / "data" / "sub").exists()


@pytest.mark.parametrize(
    "case",
    ["missing", "empty", "our previous output", "our previous output, refresh record and all"],
)
def test_our_own_targets_are_written(case, workspace, built_data):
    if case == "empty":
        workspace.out.mkdir()
    elif case != "missing":
        _own_output(workspace.out, built_data)
        if case.endswith("record and all"):
            _write(workspace.out / ".last-refresh.json", '{"finished_at": "2017-08-03T00:00:00+00:00"}\n')
    code, err = _run(
        "--seeds", str(workspace.seeds), "--reference", str(workspace.reference), "--out", str(workspace.out)
    )
    assert code == 0, err
    desc = json.loads((workspace.out / "datapackage.json").read_text(encoding="utf-8"))
    assert sorted(workspace.fingerprint()) == sorted([*TABLE_FILES, "datapackage.json"])
    assert {r["path"]: r["sha256"] for r in desc["resources"]} == {
        n: h for n, h in workspace.fingerprint().items() if n != "datapackage.json"
    }


# ---- random folder states: refuse, or write, and nothing foreign is ever lost --------------------------------

FOREIGN = ["thesis.txt", "notes.md", "photo.parquet", "datapackage.json.bak"]

entry = st.one_of(
    st.tuples(st.just("table"), st.sampled_from(TABLE_FILES)),
    st.tuples(st.just("foreign"), st.sampled_from(FOREIGN)),
    st.tuples(st.just("subfolder"), st.sampled_from(["drafts", "img"])),
    st.tuples(st.just("link"), st.sampled_from(["cities.parquet", "shortcut"])),
)
descriptor = st.sampled_from(["none", "ours", "ours-stale", "ours-listing-foreign", "foreign-json", "garbage"])
folder_state = st.tuples(st.lists(entry, max_size=5, unique_by=lambda e: e[1]), descriptor)


def _lay_out(folder: Path, state, outside: Path) -> set[str]:
    """Create one folder state; return the paths of what this tool did not write (its 'foreign' content)."""
    entries, desc = state
    if not entries and desc == "none":
        return set()
    folder.mkdir(parents=True, exist_ok=True)
    foreign = set()
    tables = [name for kind, name in entries if kind == "table"]
    for kind, name in entries:
        p = folder / name
        if kind == "table":
            _write(p, "old table bytes")
        elif kind == "foreign":
            foreign.add(str(_write(p)))
        elif kind == "subfolder":
            foreign.add(str(_write(p / "inside.txt")))
        elif kind == "link":
            p.symlink_to(_write(outside / f"target-of-{name}"))
            foreign.add(str(p))
    listed = {
        "ours": tables,
        "ours-stale": [*tables, "gone.parquet"],
        "ours-listing-foreign": [*tables, "thesis.txt"],
    }
    if desc in listed:
        _lists(folder, *listed[desc], schema_version="0.9")
    elif desc == "foreign-json":
        _write(folder / "datapackage.json", json.dumps({"name": "my-package", "resources": tables}))
    elif desc == "garbage":
        _write(folder / "datapackage.json", "{not json")
    if desc not in ("ours", "ours-stale"):  # without a descriptor of ours, nothing here is ours
        foreign |= {str(folder / n) for n in [*tables, "datapackage.json"] if (folder / n).exists()}
    return foreign


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(out_state=folder_state, previous_state=folder_state)
def test_random_folder_states_refuse_or_write_and_lose_nothing_foreign(out_state, previous_state, tables):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        seeds, reference, outside = root / "seeds", root / "reference", root / "outside"
        seeds.mkdir(), reference.mkdir(), outside.mkdir()
        out = root / "data"
        foreign = _lay_out(out, out_state, outside) | _lay_out(root / ".data.previous", previous_state, outside)
        foreign |= {str(p) for p in outside.iterdir()}
        before = snapshot(root)
        with mock.patch("etl.build.build", return_value=tables):
            code, err = _run("--seeds", str(seeds), "--reference", str(reference), "--out", str(out))
        after = snapshot(root)
        assert code in (0, 2), err
        if code == 2:
            assert after == before, err
        else:
            lost = {p for p in foreign if after.get(p) != before[p]}
            assert not lost, f"exit 0 but lost {sorted(lost)}"
            assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(
                [*TABLE_FILES, "datapackage.json"]
            )


# ---- sparse articles ---------------------------------------------------------------------------------------

NOT_FOUND = {
    "excluded": "The article gives no cities it says will not be considered.",
    "entities": "The article gives no names of people or organisations our cited records hold.",
    "places": "The article gives no places.",
    "counts": "The article gives no counts (a number before a noun).",
    "tallies": "The article gives no vote tallies.",
    "dates": "The article gives no dates.",
    "quotes": "The article gives no quotations.",
}

SPARSE = {
    "no entity": (
        "A Quiet Week at City Hall\n\nNothing of note happened on Tuesday, officials said.\n",
        ["excluded", "entities", "places", "counts", "tallies", "quotes"],
    ),
    "no place": (
        "Sessions Speaks\n\nAttorney General Jeff Sessions said on Thursday that four cities would wait.\n",
        ["excluded", "places", "tallies", "quotes"],
    ),
    "no number": (
        "Sessions and the Cities\n\nJeff Sessions wrote to Baltimore, Md., and Stockton, Calif., about ICE.\n",
        ["counts", "tallies", "dates", "quotes"],
    ),
    "only a headline": ("Only a headline\n", list(NOT_FOUND)),
}


@pytest.mark.parametrize("case", list(SPARSE))
def test_a_sparse_article_is_a_valid_package_that_says_what_is_missing(case, workspace):
    text, missing = SPARSE[case]
    workspace.article.write_text(text, encoding="utf-8")
    result = workspace.etl()
    assert result.returncode == 0, result.stderr
    dq = workspace.read("data_quality")
    rows = dq[dq["kind"] == "not_found"].sort_values("check_id")
    assert rows["message"].tolist() == [NOT_FOUND[k] for k in missing]
    required = "excluded" in missing
    assert rows["severity"].tolist() == ["error" if required and k == "excluded" else "info" for k in missing]
    cities = workspace.read("cities")
    assert int((cities["status"] == "excluded").sum()) == (0 if required else 2)
    assert int((cities["status"] == "participant").sum()) == 12  # the reference participants are still there
    assert (len(workspace.read("mentions")) == 0) == ("entities" in missing)
    strict = workspace.etl("--strict")
    assert strict.returncode == (1 if required else 0), strict.stderr
    if required:
        assert f"error [not_found] {workspace.article.stem} {NOT_FOUND['excluded']}" in strict.stderr
