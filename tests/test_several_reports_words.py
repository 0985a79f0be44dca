"""Issue 39: with several reports, the charts say what they draw. The map draws the roles the reports give that our
cited records, a second independent report or the desk confirm, and names the reports; every chart's credit gives
the dates the reports span rather than the newest one's; the tally chart says how many reports give each tally. With
one article the words are the article's, as before. The Sources page says which vote (cloture or confirmation) a
page backs, and the Article page's data-quality table is drawn to its column's width."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard import blocks, figures, spec
from dashboard.reader import meta_from, read_table
from etl.paths import ROOT, SEEDS_DIR
from tests.conftest import etl_main

FOLLOW_UP = ROOT / "tests" / "articles" / "followup_2017-09-26"


@pytest.fixture(scope="module")
def pair(tmp_path_factory) -> Path:
    """The seed and the follow-up (as of 26 Sep 2017, inferred; it names none of the four cities)."""
    root = tmp_path_factory.mktemp("pair")
    shutil.copytree(SEEDS_DIR, root / "seeds")
    for suffix in (".txt", ".toml"):
        shutil.copy(FOLLOW_UP.with_suffix(suffix), root / "seeds")
    code, _, err = etl_main("--seeds", root / "seeds", "--out", root / "out")
    assert code == 0, err
    return root / "out"


def _loader(folder: Path):
    cache: dict[str, pd.DataFrame] = {}

    def load(name: str) -> pd.DataFrame:
        if name not in cache:
            cache[name] = read_table(folder, name)
        return cache[name].copy()

    return load


def _words(folder: Path, chart: str, width: int = 1400) -> tuple[str, str]:
    """A chart's subtitle and credit line, as one line each."""
    fig = figures.build(chart, _loader(folder), meta_from(folder), (width, None))
    (credit,) = [a.text for a in fig.layout.annotations if a.name == "credit"]
    return fig.layout.title.subtitle.text.replace("<br>", " "), credit.replace("<br>", " ")


SPAN = "· Reports as of 3 Aug 2017 (inferred) to 26 Sep 2017 (inferred) · data as of 4 Nov 2022"


def test_with_several_reports_the_map_says_what_it_draws_and_names_the_reports(pair):
    subtitle, credit = _words(pair, "map")
    assert subtitle == (
        "Cities one of the reports says will not be considered for the Public Safety Partnership until they agree "
        "to step up assistance to ICE (U.S. Immigration and Customs Enforcement) agents, each confirmed by our cited "
        "records or the desk; and the partnership's participants in our cited records"
    )
    assert credit == (
        "Source: 1 report (not considered); Bureau of Justice Assistance (participants); GeoNames (population); "
        "Census Bureau 2016 outlines " + SPAN
    )


def test_the_map_counts_the_reports_that_give_the_roles_it_draws(pair):
    from dashboard.figures import map as map_fig

    meta = meta_from(pair)
    load = _loader(pair)
    fig = map_fig.city_map(load("cities"), load("state_shapes"), {}, meta, reports=3)
    (credit,) = [a.text for a in fig.layout.annotations if a.name == "credit"]
    assert credit.replace("<br>", " ").startswith("Source: 3 reports (not considered); Bureau of Justice")
    assert fig.layout.title.subtitle.text.replace("<br>", " ").startswith(
        "Cities the reports say will not be considered for the Public Safety Partnership until they agree to step "
        "up assistance to ICE (U.S. Immigration and Customs Enforcement) agents, each confirmed by our cited "
        "records, a second independent report or the desk;"
    )


def test_with_one_article_the_map_keeps_the_articles_words(built_data):
    subtitle, credit = _words(built_data, "map")
    assert subtitle == (
        "Cities the article says will not be considered for the Public Safety Partnership until they agree to step "
        "up assistance to ICE (U.S. Immigration and Customs Enforcement) agents, and the partnership's participants "
        "in our cited records"
    )
    assert credit == (
        "Source: the article (not considered); Bureau of Justice Assistance (participants); GeoNames (population); "
        "Census Bureau 2016 outlines · Article as of 3 Aug 2017 (inferred) · data as of 4 Nov 2022"
    )


def test_with_several_reports_every_chart_credits_the_dates_they_span(pair):
    """Every chart draws from all of the reports (none is about the article a picker chooses)."""
    for chart in spec.chart_ids():
        _, credit = _words(pair, chart)
        assert credit.endswith(SPAN), (chart, credit)
        assert "Article as of" not in credit, chart
    for chart in spec.chart_ids():  # on a phone, each part of the span is kept whole
        fig = figures.build(chart, _loader(pair), meta_from(pair), (390, None))
        (credit,) = [a.text for a in fig.layout.annotations if a.name == "credit"]
        assert any(line.endswith("· Reports as of 3 Aug 2017 (inferred)") for line in credit.split("<br>")), credit


def test_with_several_reports_the_vote_charts_name_the_reports_that_give_the_tallies(pair):
    assert _words(pair, "senate-seats")[1] == (
        "Source: 2 reports (tally); reuters.com (record); ddifo.org (party-line positions) " + SPAN
    )
    assert _words(pair, "senate-tally")[1] == (
        "Source: 2 reports; law360.com, reuters.com, washingtonexaminer.com " + SPAN
    )
    fig = figures.build("senate-tally", _loader(pair), meta_from(pair), (1400, None))
    rows = [a.text for a in fig.layout.annotations if (a.name or "").startswith("row:")]
    assert rows == [
        "Marvin Kaplan, cloture (a vote to end debate) · 2 Aug 2017 · 50–48, absentees unconfirmed · in no report",
        "Marvin Kaplan, confirmation · 2 Aug 2017 · 50–48, 2 not voting · in 2 reports",
        "William Emanuel, confirmation · 25 Sep 2017 · 49–47, 4 not voting · in 1 report",
    ]


def test_with_several_reports_the_timeline_speaks_of_the_reports(pair):
    subtitle, credit = _words(pair, "timeline")
    assert subtitle == (
        "Diamonds: in the reports; circles: 12 context events from cited sources; hollow markers past the dashed "
        "line: after the newest report; hover for the words as written"
    )
    assert credit.startswith("Source: 2 reports; per event: 8 official pages;") and credit.endswith(SPAN)
    fig = figures.build("timeline", _loader(pair), meta_from(pair), (1400, None))
    assert [t.name for t in fig.data if t.name and t.showlegend is not False] == [
        "Context event (cited source)",
        "In the reports",
        "Expected in the reports",
    ]


def test_with_several_reports_a_charts_png_is_named_by_the_dates_they_span(pair):
    assert figures.png_name("map", meta_from(pair)) == (
        "map-reports-as-of-2017-08-03-inferred-to-2017-09-26-inferred-data-as-of-2022-11-04"
    )


def _cited_for(folder: Path, group: str, url_part: str) -> str:
    section = blocks.source_groups(None, blocks.Context(spec.page("sources"), _loader(folder)))
    (part,) = [p for p in section.parts if p.anchor == group]
    (item,) = [i for i in part.items if url_part in i[0].url]
    return item[1]


def test_the_sources_page_says_which_vote_a_page_backs(built_data):
    assert _cited_for(built_data, "votes", "washingtonexaminer.com").endswith(
        "cited for: the cloture vote on Marvin Kaplan, 2 Aug 2017"
    )
    assert _cited_for(built_data, "votes", "reuters.com").endswith(
        "cited for: the confirmation vote on Marvin Kaplan, 2 Aug 2017"
    )
    assert _cited_for(built_data, "open_questions", "washingtonexaminer.com").endswith(
        "cited for: an open question about the Senate votes"
    )


def test_the_data_quality_table_fits_its_column(built_data):
    (quality,) = [b for b in spec.walk(spec.page("article").blocks) if b.kind == "table" and b.ref == "quality"]
    table = blocks.content(quality, blocks.Context(spec.page("article"), _loader(built_data)))
    assert table.fit


def test_two_reports_that_disagree_on_the_cloture_tally_are_told_apart_from_the_confirmation():
    from contract.checks import render

    fields = dict(
        nominee="Marvin Kaplan",
        vote_date="2 Aug 2017",
        surface="51-47",
        title="B",
        sentence=3,
        said="51–47",
        first_surface="50-48",
        first_title="A",
        first_sentence=5,
        first_said="50–48",
    )
    assert render("across_articles", "cloture", fields).startswith(
        "About the Senate's cloture vote on Marvin Kaplan of 2 Aug 2017: “51-47”"
    )
    assert render("across_articles", "vote", fields).startswith(
        "About the Senate's confirmation vote on Marvin Kaplan of 2 Aug 2017:"
    )
