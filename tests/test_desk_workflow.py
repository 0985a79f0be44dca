"""The editor's whole workflow on a copy of the corpus (issue 39): three articles added with ``python -m etl add``
(a wire story, another paper's run of it, and a report that wrongly names a fifth city), a refresh, one alarm
accepted and one reading rejected with ``python -m etl review``, a refresh again, and the "Who reported what"
page's cells checked. Every command runs as the editor runs it (``python -m etl …``, in this process)."""

from __future__ import annotations

import hashlib
import shutil

import pandas as pd

from benchmarks.gold import CORPUS, corpus
from dashboard import reports
from etl.paths import DATA_DIR, REFERENCE_DIR, SEEDS_DIR
from tests.conftest import Workspace
from tests.test_corroborate import FIFTH

DESK = CORPUS.parent / "desk"
PLANTED = "heldout3_spanish_outlet_english"  # a corpus weekly that dates the letters a day late
NOTE = "Checked: the weekly dates the letters 4 Aug; the department's letters are of 3 Aug."
CITY_FACTS = ["city:albuquerque-nm", "city:baltimore-md", "city:san-bernardino-ca", "city:stockton-ca"]


def _loader(folder):
    cache: dict[str, pd.DataFrame] = {}
    return lambda name: cache.setdefault(name, pd.read_parquet(folder / f"{name}.parquet"))


def test_add_refresh_review_refresh_and_the_page_follows(tmp_path, run):
    ws = Workspace(tmp_path)
    shutil.copytree(SEEDS_DIR, ws.seeds)
    shutil.copytree(REFERENCE_DIR, ws.reference)
    shutil.copytree(DATA_DIR, ws.out)  # the last output: the states' outlines are reused, as at the desk
    for name in [g.name for g in corpus()]:
        for suffix in (".txt", ".toml"):
            shutil.copy(CORPUS / f"{name}{suffix}", ws.seeds)
    fifth = tmp_path / "fifth.txt"
    fifth.write_text(FIFTH, encoding="utf-8")
    refresh = ("--seeds", ws.seeds, "--out", ws.out, "--reference", ws.reference)
    review = ("review", "--data", ws.out, "--reference", ws.reference)

    for file, publisher, day in (
        (DESK / "wire_original.txt", "Test Wire", "2017-08-04"),
        (DESK / "wire_copy.txt", "Test Gazette", "2017-08-05"),
        (fifth, "Test Desk", "2017-08-04"),
    ):
        code, out, err = run("add", file, "--publisher", publisher, "--date", day, "--seeds", ws.seeds)
        assert (code, err) == (0, []), err
    code, _, err = run(*refresh)
    assert code == 0, err
    before = reports.matrix(_loader(ws.out))
    wire = next(r for r in before.reports if "Test Wire" in r.outlets)
    assert wire.outlets == ("Test Wire", "Test Gazette")  # the paper that ran the wire story again: one column
    assert before.summary() == "115 reports, 114 stories; 23 disagree with the records on 6 facts."
    letters = ("event:psp-four-cities-letters", PLANTED)
    assert (before.cell(*letters).status, before.cell(*letters).reviewed) == (reports.DISAGREES, False)
    code, out, _ = run(*review, "--list")
    assert out[-1] == "61 item(s) for the desk"

    # one alarm each way: the weekly's day-late letters are real; the fifth city is a misreading
    dated = f"date_check:{PLANTED}:{(CORPUS / f'{PLANTED}.txt').read_text(encoding='utf-8').index('Aug. 4')}"
    fifth_id = f"2017-08-04_test-desk_{hashlib.sha256(FIFTH.encode()).hexdigest()[:8]}"
    portland = f"one_report_role:{fifth_id}:{FIFTH.index('Portland')}"
    assert f"{dated}  error" in " ".join(out) and f"{portland}  warning" in " ".join(out)
    assert run(*review, "--accept", dated, "--note", NOTE, "--who", "ed")[0] == 0
    assert run(*review, "--reject", portland, "--note", "Portland is no city of the letters.", "--who", "ed")[0] == 0
    code, _, err = run(*refresh)
    assert code == 0, err

    after = reports.matrix(_loader(ws.out))
    cell = after.cell(*letters)
    assert (cell.status, cell.surface, cell.reviewed) == (reports.DISAGREES, "Aug. 4", True)
    assert cell.resolution.startswith("Reviewed by the desk (ed, 20") and cell.resolution.endswith(f"): {NOTE}")
    assert after.summary() == before.summary()  # reviewed, the report still disagrees with the records
    claims = pd.read_parquet(ws.out / "claims.parquet")
    assert claims.query(f"article_id == '{fifth_id}' and kind == 'city'").empty  # the misread role is dropped
    cities = pd.read_parquet(ws.out / "cities.parquet")
    assert sorted(cities.loc[cities["status"] == "excluded", "city_id"]) == [f.split(":")[1] for f in CITY_FACTS]
    assert [f.key for f in after.facts][:4] == CITY_FACTS
    assert run(*review, "--list")[1][-1] == "59 item(s) for the desk"
