"""Who reported what (issue 39, items 4 and 6): the facts against the reports, cell by cell, on the committed data and
on data refreshed from the seed and four corpus articles, one of them run again by a second paper (one wire story)
and one dating the letters a day late, an alarm the desk has reviewed (``reviews.csv``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from benchmarks.gold import CORPUS
from dashboard import reports, site, spec, tables
from dashboard.shown import Link
from etl.paths import REFERENCE_DIR, ROOT, SEEDS_DIR
from tests.conftest import Workspace

ADDED = ("correction_vote_date", "heldout3_the_latest", "heldout3_spanish_outlet_english")
COPY = "zz_latest_copy"  # heldout3_the_latest, run again by another paper
SPANISH = "heldout3_spanish_outlet_english"
SEED = "000_94e04342a6ea52d8"
NOTE = "Checked: the weekly dates the letters a day late."
REVIEW = f"date_check:{SPANISH}:537,accept,,{NOTE},desk,2026-12-01\n"
LETTERS = (
    "Sessions won't consider Baltimore, Albuquerque, San Bernardino and Stockton for PSP until they agree to step "
    "up assistance to ICE"
)
CITY_FACTS = ["city:albuquerque-nm", "city:baltimore-md", "city:san-bernardino-ca", "city:stockton-ca"]


def build_desk(root: Path) -> Path:
    """The seed, three corpus articles and a second paper's copy of one, refreshed with one desk decision."""
    ws = Workspace(root)
    shutil.copytree(SEEDS_DIR, ws.seeds)
    shutil.copytree(REFERENCE_DIR, ws.reference)
    for name in ADDED:
        for suffix in (".txt", ".toml"):
            shutil.copy(CORPUS / f"{name}{suffix}", ws.seeds / f"{name}{suffix}")
    shutil.copy(CORPUS / "heldout3_the_latest.txt", ws.seeds / f"{COPY}.txt")
    (ws.seeds / f"{COPY}.toml").write_text(
        'as_of = 2017-08-03\nas_of_method = "Set by the test."\npublisher = "Test desk copy"\n'
        'copy_of = "heldout3_the_latest"\n',
        encoding="utf-8",
    )
    with (ws.reference / "reviews.csv").open("a", encoding="utf-8") as f:
        f.write(REVIEW)
    done = ws.etl()
    assert done.returncode == 0, done.stderr
    return ws.out


def loader(folder: Path):
    cache: dict[str, pd.DataFrame] = {}
    return lambda name: cache.setdefault(name, pd.read_parquet(folder / f"{name}.parquet"))


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    return loader(build_desk(tmp_path_factory.mktemp("desk")))


def cloture(load) -> list[str]:
    """The cloture vote's row, when our cited records hold that vote (``votes.csv``): a row of the data, no code."""
    votes = load("votes")
    return [f"vote:{v}" for v in votes["vote_id"] if v == "senate-2017-08-02-kaplan-cloture"]


def test_rows_columns_and_summary_with_a_wire_copy_and_a_reviewed_disagreement(desk):
    m = reports.matrix(desk)
    assert m.summary() == "5 reports, 4 stories; 1 disagrees with the records on 1 fact."
    assert [r.label for r in m.reports] == [
        "publisher unknown, 3 Aug 2017",
        "Test article (wire service The Latest) and Test desk copy, 3 Aug 2017",
        "Test article (news item with a correction), 5 Aug 2017",
        "Test article (Spanish-language weekly, English edition), 7 Aug 2017",
    ]
    assert [f.key for f in m.facts] == [
        *CITY_FACTS,
        "count:not-participants",
        "participants",
        "event:kaplan-confirmed",
        "event:raise-act-endorsed",
        "vote:senate-2017-08-02-kaplan",
        *cloture(desk),
        "event:psp-four-cities-letters",
        "event:psp-response-deadline",
    ]
    assert [(f.label, f.record) for f in m.facts if f.key == "event:psp-four-cities-letters"] == [
        (f"{LETTERS}: when", "Thu 3 Aug 2017")
    ]
    facts, bad = m.disagreeing()
    assert [f.key for f in facts] == ["event:psp-four-cities-letters"]
    assert [r.report_id for r in bad] == [SPANISH]


def test_the_disagreement_carries_its_alarm_and_the_desks_decision(desk):
    cell = reports.matrix(desk).cell("event:psp-four-cities-letters", SPANISH)
    assert cell == reports.Cell(
        "disagrees",
        "The letters, dated Aug. 4, ask whether immigration …",
        "Aug. 4",
        SPANISH,
        "s007",
        alarm=f"“Aug. 4” gives 4 Aug 2017 to “{LETTERS}” (3 Aug 2017), which our cited records date 3 Aug 2017.",
        resolution=f"Reviewed by the desk (desk, 2026-12-01): {NOTE}",
        reviewed=True,
    )


def test_agreeing_and_silent_cells(desk):
    m = reports.matrix(desk)
    latest = m.cell("event:psp-response-deadline", "heldout3_the_latest")
    assert (latest.status, latest.quote, latest.article_id, latest.sentence_id, latest.alarm) == (
        "agrees",
        "It wants answers by Aug. 18.",
        "heldout3_the_latest",  # the wire story's first paper, by name
        "s017",
        "",
    )
    seed = m.cell("vote:senate-2017-08-02-kaplan", SEED)
    assert (seed.status, seed.quote, seed.surface) == ("agrees", "… on Wednesday in a 50-48 vote.", "50-48")
    assert m.cell("participants", SPANISH).quote == "… began in June in 12 cities."
    assert m.cell("event:raise-act-endorsed", "heldout3_the_latest") == reports.Cell("silent")
    statuses = {k: c.status for k, c in m.cells.items()}
    assert sorted(statuses.values()).count("disagrees") == 1
    assert len(statuses) == 36  # of 13 or 14 facts × 4 reports: the others silent


def test_only_disagreements_keeps_one_fact_and_one_report(desk):
    m = reports.matrix(desk).only_disagreements()
    assert [(f.key, [r.report_id for r in m.reports]) for f in m.facts] == [
        ("event:psp-four-cities-letters", [SPANISH])
    ]


def test_the_page_draws_the_cell_linked_to_its_sentence(desk):
    m = reports.matrix(desk)
    links = {(f, r): Link("x", page=spec.page("article"), anchor=f"sentence-{r}-1") for f, r in m.cells}
    html = reports.html(m, links, site.href, toggle="Only disagreements")
    assert '<p class="rp-sum">5 reports, 4 stories; 1 disagrees with the records on 1 fact.</p>' in html
    assert (
        '<td class="rp-disagrees"><span class="rp-mark">✗ disagrees</span><a href="article.html#sentence-'
        f'{SPANISH}-1">“The letters, dated Aug. 4, ask whether immigration …”</a>' in html
    )
    assert f'<span class="rp-note">Reviewed by the desk (desk, 2026-12-01): {NOTE}</span>' in html
    assert html.count('<tr class="rp-bad">') == 1 and html.count('<section class="rp-card rp-bad">') == 1
    assert '<label class="rp-toggle" for="rp-only">Only disagreements</label>' in html


def test_the_article_pages_quality_table_says_reviewed_by_the_desk(desk):
    rows = tables.quality(desk)
    said = rows[rows["check_id"] == f"date_check:{SPANISH}:537"]
    assert list(said["severity"]) == ["warning"]
    assert list(said["resolution"]) == [f"Reviewed by the desk (desk, 2026-12-01): {NOTE}"]


def test_the_committed_data():
    """data/ as committed: the seed alone, agreeing with our cited records on every fact it gives."""
    load = loader(ROOT / "data")
    m = reports.matrix(load)
    assert m.summary() == "1 report, 1 story; none disagrees with the records."
    assert [r.label for r in m.reports] == ["publisher unknown, 3 Aug 2017"]
    assert [f.key for f in m.facts] == [
        *CITY_FACTS,
        "count:not-participants",
        "participants",
        "event:kaplan-confirmed",
        "event:raise-act-endorsed",
        "vote:senate-2017-08-02-kaplan",
        *cloture(load),
        "event:psp-four-cities-letters",
    ]
    assert {k[0]: (c.status, c.quote, c.sentence_id) for k, c in m.cells.items()} == {
        "city:albuquerque-nm": ("agrees", "… cities are: Baltimore, Md., Albuquerque, N.M., San Bernardino, …", "s007"),
        "city:baltimore-md": ("agrees", "The four cities are: Baltimore, Md., Albuquerque, N.M., …", "s007"),
        "city:san-bernardino-ca": (
            "agrees",
            "… Baltimore, Md., Albuquerque, N.M., San Bernardino, Calif., and Stockton, …",
            "s007",
        ),
        "city:stockton-ca": ("agrees", "… San Bernardino, Calif., and Stockton, Calif.", "s007"),
        "count:not-participants": ("agrees", "… Carrot to Cops in Four Cities", "s001"),
        "participants": ("agrees", "Twelve cities are participating.", "s010"),
        "event:kaplan-confirmed": ("agrees", "… by the Senate on Wednesday in a 50-48 vote.", "s021"),
        "event:raise-act-endorsed": ("agrees", "On Wednesday, the White House …", "s016"),
        "vote:senate-2017-08-02-kaplan": ("agrees", "… on Wednesday in a 50-48 vote.", "s021"),
        "event:psp-four-cities-letters": (
            "agrees",
            "… US prosecutor said on Thursday that he wouldn’t consider …",
            "s006",
        ),
    }


def test_the_chart_puts_one_dot_per_fact_and_report_with_its_words(desk):
    """The PNG card's chart: title, the summary as subtitle, the source and dates inside; a dot per cell, the
    disagreement a cross of its own colour, at a phone's width and a desktop's."""
    from dashboard import figures
    from dashboard.meta import Meta

    meta = Meta(as_of="2017-08-07", as_of_inferred=True, data_as_of="2022-11-04", stamp="test")
    for width in (340, 1100):
        fig = figures.build("reports", desk, meta, size=(width, None))
        assert fig.layout.title.text == "<b>Who reported what</b>"
        assert fig.layout.title.subtitle.text.replace("<br>", " ") == (
            "5 reports, 4 stories; 1 disagrees with the records on 1 fact."
        )
        dots = {t.name: len(t.x) for t in fig.data}
        n_facts = len(reports.matrix(desk).facts)
        assert dots == {
            "agrees with our cited records": 35,
            "disagrees": 1,
            "silent": n_facts * 4 - 36,
        }
        (cross,) = [t for t in fig.data if t.name == "disagrees"]
        assert (cross.marker.symbol, cross.x) == ("x", (3,))
        credit = next(a.text for a in fig.layout.annotations if a.name == "credit").replace("<br>", " ")
        assert credit.startswith("Source: the 5 reports in the data; our cited records")
