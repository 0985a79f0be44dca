"""Several articles in one data package: every mention kept, tallies matched to the right vote, AP-style dates,
disagreements between articles reported, and what a refresh changed recorded for the dashboard."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

ARTICLES = Path(__file__).parent / "articles"
FOLLOW_UP = "followup_2017-09-26"  # test material written for these tests, never a seed
SEED = "000_94e04342a6ea52d8"


@pytest.fixture
def two(workspace):
    """The seed and the follow-up in one seeds folder."""
    for suffix in (".txt", ".toml"):
        shutil.copy(ARTICLES / f"{FOLLOW_UP}{suffix}", workspace.seeds)
    return workspace


def _edit_follow_up(ws, old: str, new: str) -> None:
    path = ws.seeds / f"{FOLLOW_UP}.txt"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_article_is_in_the_package_and_every_mention_is_kept(two):
    assert two.etl().returncode == 0
    assert sorted(two.read("articles")["article_id"]) == [SEED, FOLLOW_UP]
    claims = two.read("claims")
    by_ref = claims.groupby("ref_id")["article_id"].apply(lambda ids: sorted(set(ids))).to_dict()
    assert by_ref["psp-launched"] == [SEED, FOLLOW_UP]
    assert by_ref["senate-2017-08-02-kaplan"] == [SEED, FOLLOW_UP]
    assert by_ref["senate-2017-09-25-emanuel"] == [FOLLOW_UP]
    assert by_ref["psp-response-deadline"] == [FOLLOW_UP]
    assert (claims["source"] == "article:" + claims["article_id"] + "#" + claims["sentence_id"]).all()
    mentions = two.read("mentions")
    assert set(mentions.loc[mentions["entity_id"] == "marvin-kaplan", "article_id"]) == {SEED, FOLLOW_UP}


def test_each_tally_goes_to_the_nominee_named_nearest_in_its_clause(two):
    assert two.etl().returncode == 0
    votes = two.read("claims").query("kind == 'vote'").set_index("surface")
    assert votes.loc["49-47", "ref_id"] == "senate-2017-09-25-emanuel"
    follow_up = votes[votes["article_id"] == FOLLOW_UP]
    assert follow_up.loc["50-48", "ref_id"] == "senate-2017-08-02-kaplan"
    dq = two.read("data_quality")
    tallies = dq[(dq["kind"] == "tally_check") & (dq["article_id"] == FOLLOW_UP)]
    assert sorted(tallies["severity"]) == ["info", "info"]
    assert not (dq["severity"] == "error").any(), dq[dq["severity"] == "error"]["message"].tolist()


def test_a_tally_that_disagrees_with_its_vote_is_an_error_and_the_other_article_is_named(two):
    _edit_follow_up(two, "in a 50-48 vote", "in a 51-47 vote")
    assert two.etl().returncode == 0
    dq = two.read("data_quality").set_index("kind")
    tally = dq.loc["tally_check"].query("severity == 'error'")
    assert tally["message"].tolist() == [
        "The article says 51–47; our cited records have the Senate's vote on Marvin Kaplan of 2 Aug 2017 as 50–48."
    ]
    (across,) = dq.loc[["across_articles"]].itertuples()
    assert across.severity == "error" and across.surface == "51-47"
    assert across.message == (
        "About the Senate's confirmation vote on Marvin Kaplan of 2 Aug 2017: “51-47” (the article “Senate Seats "
        "Second Labor Board Pick as Cities Answer Sessions”, sentence 4) says 51–47; “50-48” (the article “As Part "
        "of Trump Assault on Immigrant Communities, Sessions Dangles Carrot to Cops in Four Cities”, sentence 21) "
        "says 50–48."
    )


def test_two_articles_that_date_one_event_differently_are_reported(two):
    _edit_follow_up(two, "launched in June", "launched in May")
    assert two.etl().returncode == 0
    dq = two.read("data_quality").set_index("kind")
    (across,) = dq.loc[["across_articles"]].itertuples()
    assert across.message == (
        "About “Justice Department launches the Public Safety Partnership with 12 cities”: “May” (the article "
        "“Senate Seats Second Labor Board Pick as Cities Answer Sessions”, sentence 3) says May 2017; “June” (the "
        "article “As Part of Trump Assault on Immigrant Communities, Sessions Dangles Carrot to Cops in Four "
        "Cities”, sentence 9) says June 2017."
    )


def test_two_articles_that_list_a_different_number_of_cities_are_reported(two):
    _edit_follow_up(two, "the four cities", "the five cities")
    _edit_follow_up(
        two,
        "The Public Safety Partnership",
        "The five cities Sessions would not consider are: Baltimore, Md., Albuquerque, N.M., San Bernardino, "
        "Calif., Stockton, Calif., and Fresno, Calif. The Public Safety Partnership",
    )
    assert two.etl().returncode == 0
    dq = two.read("data_quality").set_index("kind")
    (across,) = dq.loc[["across_articles"]].itertuples()
    assert across.message.startswith(
        "About how many cities “Sessions won't consider Baltimore, Albuquerque, San Bernardino and Stockton for PSP "
        "until they agree to step up assistance to ICE” concerns: “five cities” (the article “Senate Seats Second "
        "Labor Board Pick as Cities Answer Sessions”, sentence 2) says 5;"
    )
    assert across.message.endswith(
        "“Four Cities” (the article “As Part of Trump Assault on Immigrant Communities, Sessions Dangles Carrot to "
        "Cops in Four Cities”, sentence 1) says 4."
    )  # the seed's first count: its headline
    # one report's fifth city is that report's claim, kept and raised for the desk, never on the map (issue 38)
    cities = two.read("cities")
    assert sorted(cities.loc[cities["status"] == "excluded", "city_id"]) == [
        "albuquerque-nm",
        "baltimore-md",
        "san-bernardino-ca",
        "stockton-ca",
    ]
    claims = two.read("claims").query("kind == 'city' and ref_id == 'fresno-ca'")
    assert claims[["article_id", "value"]].values.tolist() == [[FOLLOW_UP, "excluded"]]
    assert dq.loc["one_report_role", "surface"] == "Fresno"


def test_the_follow_ups_dates_are_dates_never_counts(two):
    assert two.etl().returncode == 0
    figures = two.read("figures").query("article_id == @FOLLOW_UP")
    dates = figures.query("kind == 'date'").set_index("surface")["value"].to_dict()
    assert dates == {"Aug. 18": "2017-08-18", "June": "2017-06", "Monday": "2017-09-25", "Aug. 10": "2017-08-10"}
    counts = figures.query("kind == 'count'")["surface"].tolist()
    assert counts == ["four cities", "twelve cities", "two months"]


def test_a_refresh_records_what_it_changed_beside_the_tables(two):
    assert two.etl().returncode == 0
    first = json.loads((two.out / ".last-refresh.json").read_text(encoding="utf-8"))
    assert first["changes"]["articles"] == {"added": 2, "removed": 0, "changed": 0}
    (two.seeds / f"{FOLLOW_UP}.txt").unlink()
    (two.seeds / f"{FOLLOW_UP}.toml").unlink()
    assert two.etl().returncode == 0
    second = json.loads((two.out / ".last-refresh.json").read_text(encoding="utf-8"))
    assert second["changes"]["articles"] == {"added": 0, "removed": 1, "changed": 0}
    # the follow-up's six dates and tallies, and its two counts ("the four cities", "twelve cities")
    assert second["changes"]["claims"]["removed"] == 8
    assert second["changes"]["state_shapes"] == {"added": 0, "removed": 0, "changed": 0}
