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


# ---- with several reports, a city's cells and hover say which report, and the lists of every report say "reports"


BALTIMORE_LATER = "; later: Baltimore named a PSP site by Attorney General Barr (Mon 3 Jun 2019)"
NOT_CONSIDERED = "not considered for the partnership until they agree to step up assistance to ICE agents"
LISTED = "“The four cities are: Baltimore, Md., Albuquerque, N.M., San Bernardino, Calif., and Stockton, Calif.”"


def _city(folder: Path, city_id: str) -> pd.Series:
    cities = read_table(folder, "cities")
    return cities[cities["city_id"] == city_id].iloc[0]


def _hover(folder: Path, city_id: str) -> list[str]:
    """A city's hover as the map draws it from ``tables.city_words`` (its lines, the quoted sentence unwrapped)."""
    from dashboard import tables
    from dashboard.figures import map as map_fig

    load = _loader(folder)
    cities = load("cities")
    words = {r["city_id"]: tables.city_words(r, load) for _, r in cities.iterrows()}
    fig = map_fig.city_map(
        cities, load("state_shapes"), tables.sentence_text(load("sentences")), meta_from(folder), words=words
    )
    (hover,) = [h for t in fig.data for c, h in zip(t.customdata, t.hovertext, strict=True) if c == city_id]
    return hover.split("<br>")


def test_with_several_reports_a_city_not_considered_names_its_report(pair):
    """The follow-up names none of the four cities: one report (the seed, whose publisher the data does not give)
    lists them, and the row quotes it."""
    from dashboard import tables

    load = _loader(pair)
    row = _city(pair, "baltimore-md")
    assert tables.status_words(row, load) == NOT_CONSIDERED + " (named in 1 report)"
    assert tables.site_words(row, load) == (
        "none as of the quoted report (publisher unknown), 3 Aug 2017 (inferred)" + BALTIMORE_LATER
    )
    indexed = read_table(pair, "cities").set_index("city_id").loc["baltimore-md"]  # the map page's city lookup
    assert tables.status_words(indexed, load) == NOT_CONSIDERED + " (named in 1 report)"
    assert tables.status_label("excluded", 27) == NOT_CONSIDERED + " (named in 27 reports)"
    assert tables.status_words(_city(pair, "memphis-tn"), load) == "2017 participant in the partnership"
    assert tables.city_words(row, load)["report"] == {"outlet": "publisher unknown", "as_of": "3 Aug 2017 (inferred)"}
    assert "report" not in tables.city_words(_city(pair, "memphis-tn"), load)  # a participant quotes no report


def test_with_several_reports_the_map_hover_says_which_report_it_quotes(pair):
    lines = _hover(pair, "baltimore-md")
    text = " ".join(lines)
    assert (
        "Status: "
        + NOT_CONSIDERED.replace("ICE", "ICE (U.S. Immigration and Customs Enforcement)")
        + (" (named in 1 report)")
        in text
    )
    assert "Partnership site: none as of the quoted report (publisher unknown), 3 Aug 2017 (inferred); later:" in text
    assert "Report, publisher unknown, 3 Aug 2017 (inferred): " + LISTED in text
    assert "Article:" not in text and "the article" not in text
    assert all(len(line) <= 70 for line in lines[1:] if not line.startswith(("Source:", "<b>"))), lines


def test_with_one_article_a_citys_words_are_as_before(built_data):
    from dashboard import tables

    load = _loader(built_data)
    row = _city(built_data, "baltimore-md")
    assert tables.status_words(row, load) == NOT_CONSIDERED + " (named in the article)"
    assert tables.status_words(row, load) == tables.status_label("excluded")
    assert tables.site_words(row, load) == "none as of the article, 3 Aug 2017 (inferred)" + BALTIMORE_LATER
    assert "report" not in tables.city_words(row, load)
    text = " ".join(_hover(built_data, "baltimore-md"))
    assert "(named in the article)" in text
    assert "Partnership site: none as of the article, 3 Aug 2017 (inferred); later:" in text
    assert "Article: " + LISTED in text
    assert "Report," not in text
    built = figures.build("map", _loader(built_data), meta_from(built_data), (1400, None))  # the app's hover
    (hover,) = [h for t in built.data for c, h in zip(t.customdata, t.hovertext, strict=True) if c == "baltimore-md"]
    mine = _hover(built_data, "baltimore-md")  # the same lines, before where the articles name it
    assert hover.split("<br>")[: len(mine)] == mine


def test_with_several_reports_the_events_table_counts_what_the_reports_expect(pair, built_data):
    (table,) = [b for b in spec.walk(spec.page("timeline").blocks) if b.kind == "table"]
    several = blocks.content(table, blocks.Context(spec.page("timeline"), _loader(pair))).title
    one = blocks.content(table, blocks.Context(spec.page("timeline"), _loader(built_data))).title
    expected = int((read_table(pair, "events").query("charted")["status"] == "expected").sum())
    assert several.endswith(f", and {expected} the reports expect, with sources"), several
    assert one.endswith(" the article expects, with sources"), one


def test_with_several_reports_the_lists_of_every_report_speak_of_the_reports(pair, built_data):
    """The Sources page and the Article page's data-quality caption list the rows of every report."""
    from dashboard import story

    ctx = blocks.Context(spec.page("sources"), _loader(pair))
    (intro,) = blocks.sources_intro(None, ctx).lines
    assert intro.startswith("The reports are the primary sources. Every other fact comes from a cited source:")
    assert "an official page, a news outlet or a report itself. A fact that only a copy" in intro
    assert blocks.corrections(None, ctx).paragraphs == [
        [
            "What the reports get wrong, reviewed. A report is never edited: each reviewed anomaly is listed with "
            "what was done, and the source for that decision."
        ]
    ]
    caption = story.quality_counts(_loader(pair))
    assert "are corrections (reviewed anomalies in the reports) and " in caption
    assert caption.endswith("; the others are checks the reports passed, and notes.")

    one = blocks.Context(spec.page("sources"), _loader(built_data))
    assert blocks.sources_intro(None, one).lines[0].startswith("The article is the primary source. Every other")
    assert blocks.corrections(None, one).paragraphs[0][0].startswith("What the article gets wrong, reviewed. The")
    assert story.quality_counts(_loader(built_data)).endswith("; the others are checks the article passed, and notes.")


def test_with_several_reports_a_person_no_record_holds_is_named_in_a_report(pair, built_data):
    def unresolved(folder: Path):
        base = _loader(folder)

        def load(name: str) -> pd.DataFrame:
            frame = base(name)
            if name == "entities":  # one person our cited records do not hold
                frame["resolved"] = frame["entity_id"] != frame["entity_id"].iloc[0]
            return frame

        return blocks.unresolved_people(None, blocks.Context(spec.page("sources"), load))

    assert unresolved(pair).title == "Named in a report, not in our cited records"
    assert unresolved(built_data).title == "Named in the article, not in our cited records"


# ---- with several reports, the timeline's hover, every alt text, the link previews and the table headers speak of
# the reports; with one article, of the article, as before


TIMELINE_ALT = (
    "Timeline of the story's events on lanes by topic; diamonds mark events {mention}, circles context from cited "
    "sources, hollow markers past a dashed as-of line what came after {after}, and later outcomes sit in a separate "
    "panel (on the right on wide screens, below on phones)."
)


def _hover_by_id(folder: Path, event_id: str) -> str:
    """One event's hover as the timeline draws it, its lines joined by spaces."""
    fig = figures.build("timeline", _loader(folder), meta_from(folder), (1400, None))
    drawn = [t for t in fig.data if t.customdata is not None and t.hovertext is not None]
    (hover,) = [h for t in drawn for c, h in zip(t.customdata, t.hovertext, strict=True) if c == event_id]
    return hover.replace("<br>", " ")


def test_with_several_reports_the_timeline_hover_names_the_report_whose_words_it_gives(pair):
    events = read_table(pair, "events").query("charted")
    confirmed = events[events["event_id"] == "kaplan-confirmed"].iloc[0]
    assert confirmed["in_article"] and confirmed["article_id"] == "000_94e04342a6ea52d8"  # the seed's words
    text = _hover_by_id(pair, "kaplan-confirmed")
    assert "In a report, publisher unknown, 3 Aug 2017 (inferred): “Wednesday”" in text, text
    assert "In the article" not in text and "not in the article" not in text
    context = events[~events["in_article"]].iloc[0]
    assert "Context (not in the reports)" in _hover_by_id(pair, context["event_id"])


def test_with_one_article_the_timeline_hover_keeps_the_articles_words(built_data):
    events = read_table(built_data, "events").query("charted")
    assert "In the article: “Wednesday”" in _hover_by_id(built_data, "kaplan-confirmed")
    context = events[~events["in_article"]].iloc[0]
    text = _hover_by_id(built_data, context["event_id"])
    assert "Context (not in the article)" in text and "report" not in text.split("Source:")[0]


def test_with_several_reports_the_alt_text_speaks_of_the_reports(pair, built_data):
    several = {c: figures.CHARTS[c].alt(_loader(pair)) for c in spec.chart_ids()}
    one = {c: figures.CHARTS[c].alt(_loader(built_data)) for c in spec.chart_ids()}
    assert several["timeline"] == TIMELINE_ALT.format(mention="the reports mention", after="the newest report")
    assert one["timeline"] == TIMELINE_ALT.format(mention="the article mentions", after="the article")
    for chart, alt in several.items():
        assert "the article" not in alt, (chart, alt)
        assert chart == "timeline" or alt == one[chart], chart  # no other alt text speaks of the article


def test_with_several_reports_the_link_previews_speak_of_the_reports(pair, built_data):
    from dashboard import embed

    several = {p.slug: embed.description(p, meta_from(pair)) for p in spec.PAGES}
    assert several["map"] == (
        "Map of the cities the reports say will not be considered for the Public Safety Partnership until they "
        "agree to step up assistance to ICE agents, and the partnership's participants, each with its source."
    )
    assert several["senate-vote"] == (
        "The first Senate confirmation vote the reports give, senator by senator (positions derived, not the "
        "official roll call), with the later outcomes."
    )
    assert several["timeline"] == (
        "The reports' events on a policy timeline, with context events from cited sources and what came after the "
        "newest report."
    )
    assert several["overview"].startswith("What the news reports say, fact by fact, with every other fact taken")
    assert all("the article says" not in text and "one news article" not in text for text in several.values())
    one = {p.slug: embed.description(p, meta_from(built_data)) for p in spec.PAGES}
    assert one == {p.slug: embed.description(p) for p in spec.PAGES}  # one article: the words as before
    assert one["map"].startswith("Map of the cities the article says will not be considered")
    assert one["timeline"] == (
        "The article's events on a policy timeline, with context events from cited sources and what came after the "
        "article."
    )


def _table(folder: Path, page: str, view: str):
    (table,) = [b for b in spec.walk(spec.page(page).blocks) if b.kind == "table" and b.ref == view]
    return blocks.content(table, blocks.Context(spec.page(page), _loader(folder)))


def test_with_several_reports_the_table_headers_say_what_each_column_holds(pair, built_data):
    events = _table(pair, "timeline", "events")
    assert {k: events.headers[k] for k in ("in_article", "surface", "phase")} == {
        "in_article": "in a report",
        "surface": "as written in a report",
        "phase": "when, against the newest report",
    }
    assert set(events.shown["phase"]) <= {
        "up to the newest report's date",
        "after the newest report",
        "a later outcome",
    }
    one = _table(built_data, "timeline", "events")
    assert {k: one.headers[k] for k in ("in_article", "surface", "phase")} == {
        "in_article": "in the article",
        "surface": "as written in the article",
        "phase": "when, against the article",
    }
    assert set(one.shown["phase"]) <= {"up to the article's date", "after the article", "a later outcome"}
    cities = _table(pair, "map", "cities")  # each row quotes the sentence of the report that lists the city
    assert cities.headers["article_sentence"] == "a report's words"
    assert _table(built_data, "map", "cities").headers["article_sentence"] == "the article's words"


def test_with_errors_in_the_data_the_quality_caption_does_not_call_them_checks_passed(pair, built_data):
    """An error is an anomaly nobody has reviewed, not a check a report passed: the caption's last clause says so
    when the data holds one, and keeps its words when it holds none."""
    from dashboard import story

    for folder, who in ((built_data, "article"), (pair, "reports")):
        plain = _loader(folder)
        assert (plain("data_quality")["severity"] == "error").sum() == 0
        assert story.quality_counts(plain).endswith(f"; the others are checks the {who} passed, and notes.")

        def with_error(name: str, plain=plain) -> pd.DataFrame:
            table = plain(name)
            if name == "data_quality":
                table.loc[table.index[0], "severity"] = "error"
            return table

        caption = story.quality_counts(with_error)
        assert caption.startswith("1 error · ")
        assert caption.endswith(f"; the others are the errors counted above, checks the {who} passed, and notes.")
