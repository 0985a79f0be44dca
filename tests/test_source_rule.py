"""The sourcing rule, held over the reference: a charted fact needs at least one source that is an official page, a
news outlet (kind ``press``), or the article itself. A copy, a mirror, a reference work, a blog, a listing or a tag
page alone keeps it off the charts, and the Sources page (its open questions) says where it stands."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from contract.tables import CHARTED_KINDS
from dashboard import figures, tables
from dashboard.words import say
from etl.errors import EtlError
from etl.paths import REFERENCE_DIR
from etl.reference import FILES, charted_by, check_drawn, cited_urls, load_reference, site_of

OFF_CHART = {  # event -> the sites it rests on, none official or an outlet, and no article dates it
    "raise-act-introduced": "abc.org (Newsline) and wikimili.com (Wikipedia mirror)",
    "emanuel-nominated": "Hunton labor blog (huntonlaborblog.com) and snpa.org",
    "kaplan-sworn-in": "worklaw.com blog and Vorys labor blog (laborblog.vorys.com)",
    "raise-like-bill-fails": "wikimili.com (Wikipedia mirror) and ok-techbrokedad.xyz (Wikipedia mirror)",
    "eo-13768-revoked": "askwikinow.com (Wikipedia mirror)",
}


@pytest.fixture(scope="module")
def ref():
    return load_reference(REFERENCE_DIR)


def _kinds(row: dict, key: str, ref) -> set[str]:
    return {site_of(u, ref).kind for u in cited_urls(row, FILES[key])}


def test_every_charted_event_has_an_official_press_or_article_source(tables, ref):
    events = tables["events"]
    by_id = {r["event_id"]: r for r in ref["events"].to_dict("records")}
    for e in events[events["charted"]].itertuples():
        if e.in_article:  # the article states it: its sentence is the source
            assert isinstance(e.sentence_id, str) and e.article_id, e.event_id
            continue
        assert _kinds(by_id[e.event_id], "events", ref) & set(CHARTED_KINDS), e.event_id
    uncharted = events[~events["charted"]]
    assert not uncharted["in_article"].any()
    for e in uncharted.itertuples():
        assert not _kinds(by_id[e.event_id], "events", ref) & set(CHARTED_KINDS), e.event_id


def test_a_charted_event_names_a_source_that_counts_first(tables, ref):
    """The source a reader meets first (the hover, the table) is one that lets the event be charted, unless the
    article states the event (the White House's backing of the RAISE Act: abc.org first, the article's sentence)."""
    events = tables["events"]
    for e in events[events["charted"] & ~events["in_article"]].itertuples():
        assert site_of(e.source, ref).kind in CHARTED_KINDS, e.event_id
    cited = events[events["in_article"] & events["source"].str.startswith("http")]  # not the expected vote
    first = {e.event_id: site_of(e.source, ref).site for e in cited.itertuples()}
    assert first == {
        "psp-launched": "Politico",
        "kaplan-confirmed": "Reuters",
        "raise-act-endorsed": "abc.org (Newsline)",
        "psp-four-cities-letters": "West Hawaii Today (AP story)",
    }


def test_exactly_these_events_are_off_the_charts(tables):
    events = tables["events"].set_index("event_id")
    assert set(events.index[~events["charted"]]) == set(OFF_CHART)
    assert events.loc["eo-13768-injunction", "charted"]  # now on a news report and the court record
    assert events.loc["raise-act-endorsed", "charted"]  # only the article is an outlet-grade source for it
    assert events.loc["psp-launched", "charted"]  # Politico, beside the blog copy of the release
    assert events.loc["help-hearing", "charted"]  # the HELP committee's own page, beside a spam copy
    assert events.loc["kaplan-cloture", "charted"]  # the Washington Examiner, beside a tag page
    assert events.loc["art-000_94e04342a6ea52d8-s022", "charted"]  # the article's expected vote: its own words


def test_each_event_off_the_charts_is_said_on_the_sources_page(tables):
    dq = tables["data_quality"].set_index("check_id")
    events = tables["events"].set_index("event_id")
    for event_id, sites in OFF_CHART.items():
        row = dq.loc[f"off-chart-{event_id}"]
        only = "its only source is" if " and " not in sites else "its only sources are"
        assert row["kind"] == "reference_events" and row["severity"] == "info"
        assert row["message"].endswith(f"): {only} {sites}, and no article states it."), event_id
        assert row["resolution"] == (
            "Kept off the charts: a charted fact needs an official page, a news outlet or an article that states it."
        )
        assert row["source"] == events.loc[event_id, "source"]
    assert dq.loc["off-chart-eo-13768-revoked", "message"] == (
        "“President Biden revokes EO 13768” (20 Jan 2021): its only source is askwikinow.com (Wikipedia mirror), "
        "and no article states it."
    )
    assert sum(dq.index.str.startswith("off-chart-")) == 5


def test_the_injunction_is_dated_by_the_court_record_and_the_ap(tables, ref):
    row = tables["events"].set_index("event_id").loc["eo-13768-injunction"]
    assert (row["date"], row["date_precision"], row["confidence"]) == ("2017-11-20", "day", "confirmed")
    assert row["source"] == (
        "http://sanfrancisco.cbslocal.com/2017/11/20/judge-permanently-blocks-trumps-order-to-cut-funding-from-"
        "sanctuary-cities/"
    )
    cited = ref["events"].set_index("event_id").loc["eo-13768-injunction"]
    kinds = {u: site_of(u, ref).kind for u in [cited["source"], *cited["more_sources"].split()]}
    assert sorted(kinds.values()) == ["copy", "copy", "official", "official", "press", "press"]
    assert not any("askwikinow" in u for u in kinds)  # the mirror had 21 Nov 2017


def test_every_row_of_a_drawn_file_cites_an_official_page_or_an_outlet(ref):
    drawn = [key for key, spec in FILES.items() if spec.drawn]
    assert drawn == ["psp_sites", "place_overrides", "votes"]
    for key in drawn:
        for r in ref[key].to_dict("records"):
            assert charted_by(cited_urls(r, FILES[key]), ref), (key, r)


def test_a_drawn_row_on_a_blog_alone_stops_the_refresh(tmp_path):
    folder = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, folder)
    votes = pd.read_csv(folder / "votes.csv", dtype=str, keep_default_na=False)
    votes.loc[0, ["source", "more_sources"]] = ["https://ddifo.org/nlrb-one-go/", ""]
    votes.to_csv(folder / "votes.csv", index=False)
    with pytest.raises(EtlError) as err:
        check_drawn(load_reference(folder))
    assert str(err.value) == (
        f"{folder / 'votes.csv'}:2: no page this row cites is an official page or a news outlet, and a chart draws "
        "every row of this file: cite one, or leave the fact out and list it in open_questions.csv"
    )


def test_the_typo_correction_cites_the_sentence_that_shows_it(tables, ref):
    row = ref["corrections"].set_index(["kind", "surface"]).loc[("repeated_word", "the The")]
    assert row["source"] == "article:000_94e04342a6ea52d8#s011"
    sentences = tables["sentences"].set_index("sentence_id")
    assert "according to the The L.A. Times" in sentences.loc["s011", "text"]
    assert "https://www.latimes.com/" not in set(tables["sources"].query("group == 'corrections'")["url"])


def test_the_timeline_draws_only_charted_events(built_data):
    from dashboard.reader import meta_from, read_table

    def load(name):
        return read_table(built_data, name)

    fig = figures.build("timeline", load, meta_from(built_data))
    drawn = {c for t in fig.data if t.customdata is not None for c in t.customdata}
    events = load("events")
    assert drawn == set(events.loc[events["charted"], "event_id"])
    assert not drawn & set(OFF_CHART)
    assert set(tables.events(load)["event_id"]) == drawn  # the table under the chart lists the same events


def test_the_sources_page_states_the_rule():
    intro = say("sources.intro")
    assert intro.endswith(
        "A fact about the story reaches a chart only when at least one of its sources is an official page, a news "
        "outlet or the article itself. A fact that only a copy, a Wikipedia mirror, a blog, a listing or a tag page "
        "holds stays off the charts and is listed under Open questions, with the pages it rests on; so is what the "
        "sources leave unconfirmed."
    )
    assert "never reaches a chart" not in intro  # no longer claimed: the mirror-only events were charted


def test_an_article_that_states_a_fact_charts_it(tmp_path_factory):
    """The follow-up TEST article says Kaplan was sworn in on Aug. 10: the article itself is then a source, so the
    event two law-firm blogs hold reaches the chart, and its line under Open questions goes."""
    from dashboard.reader import read_table
    from devtools import articles

    folder = articles.build(tmp_path_factory.mktemp("two"))
    events = read_table(folder, "events").set_index("event_id")
    assert events.loc["kaplan-sworn-in", "in_article"] and events.loc["kaplan-sworn-in", "charted"]
    assert set(events.index[~events["charted"]]) == set(OFF_CHART) - {"kaplan-sworn-in"}
    dq = read_table(folder, "data_quality")
    assert "off-chart-kaplan-sworn-in" not in set(dq["check_id"])
