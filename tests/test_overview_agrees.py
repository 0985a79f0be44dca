"""The overview's count of cities not considered is the map's (issue 39): a newer report that names only some of the
four, or a fifth, changes neither; the report's own count is said in the metric's help."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import story

TWO = (
    "Two cities answer Sessions\n\n"
    "The Justice Department would not consider Baltimore and Stockton for its partnership until they agree to step "
    "up assistance to immigration agents, officials said on Friday.\n"
)


def test_the_newest_reports_count_does_not_replace_the_maps(workspace):
    (workspace.seeds / "zz_two.txt").write_text(TWO, encoding="utf-8")
    (workspace.seeds / "zz_two.toml").write_text(
        'as_of = 2017-08-05\nas_of_method = "Set by the test."\npublisher = "Test desk"\n', encoding="utf-8"
    )
    assert workspace.etl().returncode == 0
    cache: dict[str, pd.DataFrame] = {}

    def load(name: str) -> pd.DataFrame:
        return cache.setdefault(name, workspace.read(name))

    first = story.metrics(load, "zz_two", source=lambda s: s)[0]
    assert first.value == "4"
    assert first.help == (
        "Not considered for the program until they agree to step up assistance to ICE agents: the cities on the map, "
        "which our cited records and the reports agree on. This article names 2 of them, in article:zz_two#s002; "
        "see Article & data."
    )
    cities = load("cities")
    assert int((cities["status"] == "excluded").sum()) == 4


# ---- the overview tells every report's story until an article is picked (issue 39, item 5) ----------------------


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    from tests.test_reports_page import build_desk, loader

    return loader(build_desk(tmp_path_factory.mktemp("overview")))


def _overview(load, **state):
    from dashboard import blocks, spec

    ctx = blocks.Context(spec.page("overview"), load, state=state)
    shown = {
        b.kind: blocks.content(b, ctx)
        for b in spec.walk(ctx.page.blocks)
        if b.kind in ("heading", "byline", "story", "metrics")
    }
    return ctx, shown


def test_the_overview_leads_with_what_the_records_and_the_reports_agree_on(desk):
    from dashboard import site, streamlit_page

    _, shown = _overview(desk)
    assert shown["heading"].text == (
        "4 cities not considered for the partnership until they agree to step up assistance to ICE; 12 take part; "
        "Marvin Kaplan confirmed 50–48"
    )
    byline = shown["byline"]
    assert byline.text == (
        "The story as our cited records and the 5 reports in the data (4 stories) agree on it; each report's own "
        "account is on the Article page."
    )
    (latest,) = byline.links
    assert latest.label == "Latest: Test article (Spanish-language weekly, English edition), 7 Aug 2017 (inferred)"
    assert streamlit_page.href(latest) == "article?article=heldout3_spanish_outlet_english#sentence-" + (
        "heldout3_spanish_outlet_english-1"
    )
    assert site.href(latest) == "article.html#sentence-heldout3_spanish_outlet_english-1"
    assert shown["story"].lines == [
        "Friday 18 August 2017: Deadline for the four cities' answers to DOJ.",
        "Thursday 3 August 2017: Sessions won't consider Baltimore, Albuquerque, San Bernardino and Stockton for PSP "
        "until they agree to step up assistance to ICE.",
        "Tuesday 20 June 2017: Justice Department launches the Public Safety Partnership with 12 cities.",
    ]  # the three days the most reports name, newest first
    metrics = shown["metrics"].metrics
    cities = desk("cities")
    assert (
        [m.value for m in metrics]
        == [
            str(int((cities["status"] == "excluded").sum())),  # the map's
            str(int((cities["status"] == "participant").sum())),
            "50–48",
            "18 Aug 2017",
            "2 Aug 2017",
        ]
        == ["4", "12", "50–48", "18 Aug 2017", "2 Aug 2017"]
    )
    assert metrics[0].help == (
        "Not considered for the program until they agree to step up assistance to ICE agents: the cities on the map, "
        "which our cited records and the reports agree on; 5 of the reports list them. See Who reported what."
    )
    assert metrics[2].help == "2 not voting. The reports' tally “50-48” (given by 2 of the reports); record: Reuters"


def test_picking_an_article_shows_its_reading_and_says_so(desk):
    _, shown = _overview(desk, article="heldout3_spanish_outlet_english")
    assert shown["heading"].text == (
        "“Families in Stockton and San Bernardino ask what Sessions’ letters mean for them” — headline of the article"
    )
    assert shown["byline"].text.endswith("one of 5 in the data: the story and numbers below are this article's.")
    assert shown["metrics"].metrics[0].value == "4"  # still the map's


def test_the_fingerprints_are_on_the_article_page_not_the_overview():
    from dashboard import spec

    def kinds(slug: str) -> list[str]:
        return [b.kind for b in spec.walk(spec.page(slug).blocks)]

    assert "freshness" not in kinds("overview")
    assert "freshness" in kinds("article")
