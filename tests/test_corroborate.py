"""One report never changes the map by itself (issue 38).

A city's role reaches the map, the metrics and the counts only when our cited records hold it or two independent
reports claim it; copies of one wire story are one report. The texts here are our own words: a report that
wrongly names a fifth city, its copy, and a second, independent report.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etl.build import build
from etl.errors import EtlError
from etl.paths import REFERENCE_DIR, SEEDS_DIR

FOUR = ["albuquerque-nm", "baltimore-md", "san-bernardino-ca", "stockton-ca"]

# A report that ties Portland to the decision, which our cited records do not.
FIFTH = (
    "Sessions widens his warning to a fifth city\n\nBy Test Desk\n\n"
    "Attorney General Jeff Sessions said on Thursday that the Justice Department would not consider Portland, Ore., "
    "for its Public Safety Partnership until the city agreed to step up assistance to immigration agents.\n\n"
    "City officials there said they had not seen any letter from the department and would wait for one before they "
    "answered questions from reporters.\n"
)

# Another newsroom's own story that says the same of Portland in other words.
SECOND = (
    "Portland also told to help immigration agents, officials say\n\n"
    "Portland, Ore., will not be considered for the crime-fighting partnership until it agrees to step up "
    "assistance to ICE, a Justice Department official told this paper on Friday.\n"
)


def _seeds(tmp_path: Path, **articles: tuple[str, str]) -> Path:
    """The committed seeds plus our test articles: name -> (text, extra sidecar lines)."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, seeds)
    for name, (text, extra) in articles.items():
        (seeds / f"{name}.txt").write_text(text, encoding="utf-8")
        (seeds / f"{name}.toml").write_text(
            f'as_of = 2017-08-04\nas_of_method = "Set by the test."\npublisher = "Test {name}"\n{extra}',
            encoding="utf-8",
        )
    return seeds


def _not_considered(tables) -> list[str]:
    c = tables["cities"]
    return sorted(c[c["status"] == "excluded"]["city_id"])


def test_one_report_names_a_fifth_city_and_the_map_keeps_four(tmp_path):
    tables = build(_seeds(tmp_path, zz_fifth=(FIFTH, "")), REFERENCE_DIR)
    assert _not_considered(tables) == FOUR
    assert int((tables["cities"]["status"] == "participant").sum()) == 12
    claims = tables["claims"]
    portland = claims[(claims["kind"] == "city") & (claims["ref_id"] == "portland-or")]
    assert portland[["article_id", "value", "surface"]].values.tolist() == [["zz_fifth", "excluded", "Portland"]]
    dq = tables["data_quality"]
    row = dq[dq["kind"] == "one_report_role"]
    assert row[["article_id", "severity", "surface", "message", "resolution"]].values.tolist() == [
        [
            "zz_fifth",
            "warning",
            "Portland",
            "Only this report names Portland, OR among the cities not considered (read from “would not consider”), and "
            "our cited records do not; it is kept as this report's claim and left off the map.",
            "Left off the map until a second report or our cited records hold it.",
        ]
    ]


def test_a_copy_of_the_same_report_is_still_one_report(tmp_path):
    seeds = _seeds(tmp_path, zz_fifth=(FIFTH, ""), zz_fifth_copy=(FIFTH, 'copy_of = "zz_fifth"\n'))
    assert _not_considered(build(seeds, REFERENCE_DIR)) == FOUR


def test_the_same_wire_text_without_a_copy_of_line_is_still_one_report(tmp_path):
    seeds = _seeds(tmp_path, zz_fifth=(FIFTH, ""), zz_fifth_again=(FIFTH.replace("By Test Desk", "By Wire"), ""))
    tables = build(seeds, REFERENCE_DIR)
    assert _not_considered(tables) == FOUR
    dq = tables["data_quality"]
    assert sorted(dq[dq["kind"] == "one_report_role"]["article_id"]) == ["zz_fifth", "zz_fifth_again"]
    reports = tables["articles"].set_index("article_id")["report_id"].to_dict()
    assert reports == {
        "000_94e04342a6ea52d8": "000_94e04342a6ea52d8",
        "zz_fifth": "zz_fifth",
        "zz_fifth_again": "zz_fifth",
    }


def test_two_independent_reports_put_the_city_on_the_map_as_medium(tmp_path):
    tables = build(_seeds(tmp_path, zz_fifth=(FIFTH, ""), zz_second=(SECOND, "")), REFERENCE_DIR)
    assert _not_considered(tables) == sorted([*FOUR, "portland-or"])
    c = tables["cities"].set_index("city_id")
    assert c.loc["portland-or", "confidence"] == "medium"
    assert c.loc["baltimore-md", "confidence"] == "confirmed"
    assert "one_report_role" not in set(tables["data_quality"]["kind"])


def test_a_count_with_no_list_is_checked_against_our_records_not_other_articles(tmp_path):
    """A report that says "four cities" and names none is compared with the four cities our records hold, even
    when other reports put a fifth on the map."""
    count_only = (
        "Four cities asked to do more for immigration agents\n\n"
        "The Justice Department said it would not consider four cities for the partnership until they agree to "
        "step up assistance to immigration agents.\n"
    )
    seeds = _seeds(tmp_path, zz_fifth=(FIFTH, ""), zz_second=(SECOND, ""), zz_count=(count_only, ""))
    tables = build(seeds, REFERENCE_DIR)
    assert "portland-or" in _not_considered(tables)  # two reports put it on the map; the count still reads 4
    dq = tables["data_quality"]
    rows = dq[(dq["kind"] == "count_check") & (dq["article_id"] == "zz_count")]
    assert set(rows["severity"]) == {"info"}
    assert set(rows["message"]) == {
        "“Four cities” agrees with the 4 cities our cited records name as not considered.",
        "“four cities” agrees with the 4 cities our cited records name as not considered.",
    }


def test_copy_of_must_name_another_article(tmp_path):
    seeds = _seeds(tmp_path, zz_fifth=(FIFTH, 'copy_of = "no_such_article"\n'))
    with pytest.raises(EtlError, match="copy_of names no other article in the seeds folder: 'no_such_article'"):
        build(seeds, REFERENCE_DIR)
