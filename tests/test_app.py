"""The Streamlit app through AppTest: every page renders, and shows the article's numbers."""

from __future__ import annotations

import html.parser
import json
import math
import re
import shutil

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import blocks, figures, markup, reader, serving, spec, streamlit_page, tables, theme
from dashboard.reader import read_table
from dashboard.words import say, section, term
from etl.paths import ROOT, SEEDS_DIR

SEED = SEEDS_DIR / "000_94e04342a6ea52d8.txt"

PAGES = [p.file for p in spec.PAGES]
VOTE_PAGE = spec.page("senate-vote").file
ARTICLE_WORDS = "until they agree to step up assistance to ICE agents"  # Sessions, in the article (s007)
SPELLED_ICE = "ICE (U.S. Immigration and Customs Enforcement)"  # at its first use on a page


@pytest.fixture(autouse=True)
def _built_data(built_data, monkeypatch):
    """Every page reads the data the ETL of this working tree builds (not a possibly stale data/)."""
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(built_data))


def open_page(
    page: str, params: dict[str, str] | None = None, data_dir: str | None = None, monkeypatch=None, unfold=True
):
    """A page of the app as a reader opens it; with ``unfold``, then with every folded table opened (a folded table
    is sent only once its expander is open)."""
    if data_dir is not None:
        monkeypatch.setenv("DASHBOARD_DATA_DIR", data_dir)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    if page != PAGES[0]:
        at.switch_page(page).run()
    return unfolded(at, page) if unfold else at


def unfolded(at: AppTest, page_file: str) -> AppTest:
    """The page again with every folded table's expander open, as a reader who opened each one sees it."""
    page = next(p for p in spec.PAGES if p.file == page_file)
    folded = [b for b in spec.walk(page.blocks) if b.kind == "table" and b.opts.get("expander") and spec.APP in b.on]
    for b in folded:
        at.session_state[streamlit_page.folded_key(page.slug, b.ref)] = True
    return at.run() if folded else at


def values(v) -> list:
    """A trace array as a list: Plotly sends numpy arrays as typed arrays ({"dtype", "bdata"})."""
    if isinstance(v, dict) and "bdata" in v:
        import base64

        import numpy as np

        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"])).tolist()
    return list(v)


def specs(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


class _TableParser(html.parser.HTMLParser):
    """The tables of an HTML fragment, as lists of rows; the header row holds each column's name (data-column).
    With ``hrefs``, a cell is the address of its link ('' when it is text)."""

    def __init__(self, hrefs: bool = False):
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.cell: list[str] | None = None
        self.hrefs = hrefs

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag == "th":
            self.tables[-1][-1].append(dict(attrs)["data-column"])
        elif tag == "td":
            self.cell = []
        elif tag == "a" and self.hrefs and self.cell is not None:
            self.cell.append(dict(attrs)["href"])

    def handle_data(self, data):
        if self.cell is not None and not self.hrefs:
            self.cell.append(data)

    def handle_endtag(self, tag):
        if tag == "td":
            self.tables[-1][-1].append("".join(self.cell))
            self.cell = None


def _typed(column: pd.Series) -> pd.Series:
    """Numbers back as numbers (a table on screen is text)."""
    try:
        return pd.to_numeric(column.str.replace(",", ""))
    except (ValueError, TypeError):
        return column


def shown_tables(at, hrefs: bool = False) -> list[pd.DataFrame]:
    """Every table a page shows (HTML in markdown, as the static site draws them), columns named by their key in
    the words; with ``hrefs``, each cell the address of its link ('' for text)."""
    found = []
    for m in at.markdown:
        if "<table" in m.value:
            parser = _TableParser(hrefs)
            parser.feed(m.value)
            for header, *rows in parser.tables:
                frame = pd.DataFrame(rows, columns=header, dtype=object)
                found.append(frame if hrefs else frame.apply(_typed))
    return found


def visible(at) -> str:
    """The page's text as a reader sees it: headings, paragraphs, captions, notes, metrics and table cells."""
    texts = [e.value for e in [*at.title, *at.header, *at.subheader, *at.caption, *at.info]]
    texts += [m.value for m in at.markdown if "<table" not in m.value]
    texts += [f"{m.label} {m.value}" for m in at.metric]
    texts += [t.to_csv(index=False) for t in shown_tables(at)]
    return " ".join(str(t) for t in texts).replace("\\", "")  # markdown escapes off


def first_reference_url(name: str) -> str:
    import csv

    from etl.paths import REFERENCE_DIR

    with (REFERENCE_DIR / name).open(encoding="utf-8", newline="") as f:
        return next(csv.DictReader(f))["source"]


def shows(slug: str, article_text: str) -> str:
    """One real value each page must show, from the article or a reference file."""
    return {
        "overview": "50–48",  # the article's tally, "50-48"
        "map": "Stockton",  # the fourth city the article lists
        "senate-vote": "John McCain",  # not voting, in the per-senator table
        "timeline": "Thursday",  # the article's words for 3 Aug 2017, in the events table
        "article": "“Twelve cities”",  # a figure as the article writes it, in the figures' table
        "reports": "“Twelve cities are participating.”",  # the seed's words for the participants, in their cell
        "sources": first_reference_url("psp_sites_2017.csv"),
    }[slug]


@pytest.mark.parametrize("page", spec.PAGES, ids=lambda p: p.slug)
def test_every_page_renders(page, article_text):
    at = open_page(page.file)
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert shows(page.slug, article_text) in visible(at)


def heading(slug: str, article_text: str) -> str:
    """Each page's heading as written here (the overview's is the article's headline)."""
    return {
        "overview": f"“{article_text.splitlines()[0]}” — headline of the article",  # quoted and attributed
        "map": f"Not considered {ARTICLE_WORDS.replace('ICE', SPELLED_ICE)}, and the participants",  # first use
        "senate-vote": "Senate vote: Marvin Kaplan, 50–48",
        "timeline": "Policy timeline",
        "article": "The article, and what the data took from it",
        "reports": "Who reported what: each report against our cited records",
        "sources": "Sources and method",
    }[slug]


@pytest.mark.parametrize("page", spec.PAGES, ids=lambda p: p.slug)
def test_every_page_draws_the_charts_its_spec_declares(page, article_text):
    at = open_page(page.file)
    charts = specs(at)
    assert [c["layout"]["meta"]["chart_id"] for c in charts] == [
        b.ref for b in spec.walk(page.blocks) if b.kind == "chart"
    ]
    assert at.title[0].value.replace("\\", "") == heading(page.slug, article_text)  # markdown-escaped
    for spec_ in charts:
        layout = spec_["layout"]
        assert layout["title"]["text"]
        assert layout["paper_bgcolor"] == "#FFFFFF"
        credit = [a["text"] for a in layout["annotations"] if a.get("name") == "credit"]
        assert credit and credit[0].startswith("Source: ") and "Article as of 3 Aug 2017 (inferred)" in credit[0]


@pytest.mark.parametrize("page", [p for p in spec.PAGES if spec.chart_count(p.slug)], ids=lambda p: p.slug)
def test_a_page_measures_each_kind_of_chart_box_once_above_its_first_chart(page):
    """Every box of a kind has the same width (dashboard.widths), so a page puts one width measure in each kind of
    box it draws charts in, above the first chart there: the senate page's three charts share one."""
    at = open_page(page.file, unfold=False)
    boxes = {}  # kind of box -> its first chart, in page order
    for chart_id, _, box in serving.page_charts(page.blocks):
        boxes.setdefault(box, chart_id)
    measures = [m.proto for m in at.get("bidi_component")]
    assert {m.component_name for m in measures} == {"chart_box_width"}
    keys = sorted(m.id.split("-", 2)[-1] for m in measures)  # "$$ID-<hash>-<key>"
    assert keys == sorted(f"width_{streamlit_page.widget_key(page.slug, c)}" for c in boxes.values())
    drawn = [e.type for e in elements(at.main)]
    assert all(drawn[i + 1] == "plotly_chart" for i, t in enumerate(drawn) if t == "bidi_component")


def elements(node) -> list:
    """Every element under an AppTest node, in page order, depth first."""
    found = []
    for child in getattr(node, "children", {}).values():
        found += [child, *elements(child)]
    return found


def test_map_page_holds_sixteen_cities_four_and_twelve():
    at = open_page("pages/map.py")
    (spec,) = specs(at)
    markers = {t["name"]: len(values(t["x"])) for t in spec["data"] if t.get("mode") == "markers"}
    assert sum(markers.values()) == 16
    assert markers[section("charts.map.groups")["excluded"] + " (4)"] == 4
    assert sum(n for name, n in markers.items() if name.startswith("2017 partnership")) == 12
    table = shown_tables(at)[0]
    assert len(table) == 16 and table["status"].str.contains(ARTICLE_WORDS).sum() == 4  # the article's words


@pytest.mark.parametrize("page", ["map", "timeline", "senate-vote"])
def test_a_folded_table_is_sent_when_its_reader_opens_it(page, built_data):
    """A chart page's first run sends its folded table's expander and nothing in it; opened, the table (one row
    per city, event or senator) and its CSV download come."""
    rows, csv = {  # the CSV's name in readers' words
        "map": (16, "cities-all"),
        "timeline": (int(read_table(built_data, "events")["charted"].sum()), "policy-timeline-events"),  # 19 of 24
        "senate-vote": (100, "senate-vote-marvin-kaplan-2017-08-02"),
    }[page]
    file = spec.page(page).file
    at = open_page(file, unfold=False)
    label = next(e.label for e in at.expander if e.label != "Share and embed")
    assert shown_tables(at) == [] and not at.get("download_button")
    opened = unfolded(at, file)
    assert label in [e.label for e in opened.expander]
    (table,) = shown_tables(opened)
    assert len(table) == rows
    assert [b.proto.label for b in opened.get("download_button")] == [say("blocks.downloads-csv-named", name=csv)]


def test_an_open_table_stays_open_when_the_filter_changes_its_title():
    """The cities table's title counts the cities shown, so the filter changes it; the reader's open table stays
    open and follows the filter."""
    at = open_page("pages/map.py")
    assert len(shown_tables(at)[0]) == 16
    at.button_group(key="map_show").set_value("not-considered").run()
    assert len(shown_tables(at)[0]) == 4
    assert say("blocks.cities-table", n=4) in [e.label for e in at.expander]


def test_page_content_is_worked_out_once_per_data_package_and_choice(monkeypatch, built_data, tmp_path):
    """Every session shares what a page's blocks show (``data.remembered``): worked out again only for another
    choice of the reader's, or another data package, and what it shows follows the choice."""
    made: list[tuple[str, str]] = []
    content = blocks.CONTENT["table"]

    def counted(b, ctx):
        made.append((b.ref, ctx.state.get("show")))
        return content(b, ctx)

    monkeypatch.setitem(blocks.CONTENT, "table", counted)
    first, second = tmp_path / "first", tmp_path / "second"
    shutil.copytree(built_data, first)
    shutil.copytree(built_data, second)
    for _ in range(2):
        assert len(shown_tables(open_page("pages/map.py", data_dir=str(first), monkeypatch=monkeypatch))[0]) == 16
    assert made == [("cities", "all")]
    excluded = open_page("pages/map.py", {"show": "excluded"}, data_dir=str(first), monkeypatch=monkeypatch)
    assert len(shown_tables(excluded)[0]) == 4 and made == [("cities", "all"), ("cities", "excluded")]
    open_page("pages/map.py", data_dir=str(second), monkeypatch=monkeypatch)
    assert made[-1] == ("cities", "all") and len(made) == 3


@pytest.mark.parametrize("show", ["not-considered", "excluded"])
def test_map_filter_and_city_from_the_url(show):
    """The filter's value in a link is in readers' words; a link with the code it had before opens the same view."""
    at = open_page("pages/map.py", {"show": show, "city": "baltimore-md"})
    assert len(shown_tables(at)[0]) == 4
    assert at.button_group(key="map_show").value == "not-considered"
    assert at.query_params["show"] == "not-considered"  # the link is rewritten in readers' words
    assert at.selectbox(key="map_city").value == "baltimore-md"
    assert any("The four cities are" in m.value for m in at.markdown)
    lookup = next(m.value for m in at.markdown if m.value.startswith("**Baltimore")).replace("\\", "")
    assert ARTICLE_WORDS in lookup and "excluded" not in lookup  # not the status code
    assert "none as of the article, 3 Aug 2017 (inferred); later: Baltimore named a PSP site" in lookup
    mentions = shown_tables(at)[1]
    assert list(mentions["sentence"]) == [say("blocks.sentence", n=n) for n in (7, 11)]  # links to those sentences
    assert mentions["text"].iloc[0].startswith("The four cities are")


def test_a_lookup_names_the_article_and_paragraph_it_comes_from(built_data):
    """A source that is a sentence of the article reads as the article and the paragraph it is in, not as the
    sentence's id: the city lookup, the entity lookup and the event lookup."""
    sentences = read_table(built_data, "sentences").set_index("sentence_id")
    paragraph = int(sentences.loc["s007", "paragraph"])
    words = say("sources.article-span", paragraph=paragraph, sentence=say("blocks.sentence", n=7))
    expected = say("charts.credit.source", source=f"[{words}](article?sentence=7#sentence-{SEED_ID}-7)")
    captions = {
        "map": open_page("pages/map.py", {"city": "baltimore-md"}).caption,
        "article": open_page("pages/article.py", {"entity": "baltimore-md"}).caption,
    }
    for page, shown in captions.items():
        lines = [c.value.replace("\\", "") for c in shown]
        assert any(line.startswith(expected) for line in lines), (page, lines)
        assert not any("article:" in line for line in lines), (page, lines)


def test_vote_page_shows_fifty_forty_eight_two(built_data):
    at = open_page(VOTE_PAGE)
    assert at.title[0].value.replace("\\", "") == "Senate vote: Marvin Kaplan, 50–48"  # markdown-escaped
    seats, tally, _states = specs(at)
    texts = [a["text"] for a in seats["layout"]["annotations"]]
    assert "<b>50–48</b>" in texts and any(t.startswith("2 not voting") for t in texts)
    bars = {t["name"]: values(t["x"]) for t in tally["data"]}
    # the Kaplan cloture, the Kaplan confirmation, Emanuel's confirmation: who missed the cloture is unconfirmed
    assert (bars["Yea"], bars["Nay"], bars["Not Voting"][1:]) == ([50, 50, 49], [48, 48, 47], [2, 4])
    assert math.isnan(bars["Not Voting"][0])
    note = tables.article_vote(read_table(built_data, "votes"))["note"]
    shown = at.info[0].value.replace("\\", "")
    assert "derived" in note and shown.startswith(note)  # the vote's own note, from the data
    assert shown.endswith("](sources#derived)")  # what derived means, one tap away
    later = next(m.value for m in at.markdown if "Later outcome" in m.value)
    assert "49–47" in later and later.endswith("](sources#open-questions)")  # what stays unconfirmed, one tap away


def test_find_your_senators():
    at = open_page(VOTE_PAGE, {"state": "AZ"})
    found = shown_tables(at)[0]
    assert set(found["senator"]) == {"Jeff Flake", "John McCain"}
    assert dict(zip(found["senator"], found["position"], strict=True))["John McCain"] == "Not Voting"
    at.selectbox(key="senate-vote_senator").set_value("Bernard Sanders").run()
    assert "Bernard Sanders" in set(shown_tables(at)[0]["senator"])
    assert at.query_params["senator"] == "Bernard Sanders"


def test_timeline_has_the_key_dates():
    at = open_page("pages/timeline.py")
    (spec,) = specs(at)
    xs = {str(x)[:10] for t in spec["data"] if t.get("customdata") for x in values(t["x"])}
    assert {"2017-08-02", "2017-08-03", "2017-06-20", "2017-09-25", "2019-06-03"} <= xs


def test_overview_metrics_and_story():
    at = open_page("pages/overview.py")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[say("metrics.excluded")] == "4"
    assert metrics["Partnership participants"] == "12"
    assert metrics["Senate vote on Kaplan"] == "50–48"
    assert metrics[say("metrics.announcement")] == "3 Aug 2017"
    story = next(m.value for m in at.markdown if "Thursday 3 August 2017" in m.value).replace("\\", "")
    paragraphs = story.split("\n\n")  # the story's lines, newest first, as paragraphs of one element
    assert [p.split(":")[0] for p in paragraphs] == [
        "Thursday 3 August 2017",
        "Wednesday 2 August 2017",
        "Tuesday 20 June 2017",
    ]
    assert "Stockton" in paragraphs[0] and "50–48" in paragraphs[1]


def test_go_deeper_links_wrap_instead_of_being_cut_short():
    """st.page_link cuts a label to one line on a phone; a markdown link to the page's address wraps."""
    at = open_page("pages/overview.py")
    assert not at.get("page_link")
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert f"[Map: the 4 cities not considered {ARTICLE_WORDS}, and the 12 participants](map)" in text
    assert "](senate-vote)" in text and "](sources)" in text


def test_a_city_looked_up_on_the_article_page_shows_its_status_in_words(built_data):
    """The entity lookup's city row says the status as the map and the cities table do, not its code."""
    at = open_page("pages/article.py", {"entity": "baltimore-md"})
    row = next(t for t in shown_tables(at) if "site" in t.columns)
    # in words, not its code, with ICE spelled out at its first use on the page
    assert list(row["status"]) == [tables.status_label("excluded").replace("ICE", SPELLED_ICE)]
    assert list(row["source"]) == ["the article, paragraph 4, sentence\u00a07"]


def test_article_page_entity_and_downloads(built_data):
    at = open_page("pages/article.py", {"entity": "san-bernardino-ca"})
    assert at.selectbox(key="article_entity").value == "san-bernardino-ca"
    mentions = shown_tables(at)[0]
    assert set(mentions["surface"]) == {"“San Bernardino”", "“San Bernadino”"}  # the article's words, quoted
    dq = next(d for d in shown_tables(at) if "severity" in d.columns)
    assert "“the The”" in set(dq["surface"])
    assert set(dq["severity"]) == {"warning", "note"}  # words, not the codes (no error in this data)
    # downloads: any table of the package as CSV, all of them as one zip, and the descriptor
    package = json.loads((built_data / "datapackage.json").read_text(encoding="utf-8"))
    titles = [term(f"tables.{r['name']}", "title") for r in package["resources"]]  # every table, by its title
    assert at.selectbox(key="article_table").options == titles
    buttons = {b.proto.label: b.proto for b in at.get("download_button")}
    assert set(buttons) == {"Download articles.csv", "All Parquet files (zip)", "datapackage.json"}
    # made when a reader clicks (tests/browser/test_pages.py downloads them), without a rerun
    assert all(b.deferred_file_id and not b.url and b.ignore_rerun for b in buttons.values())
    at.selectbox(key="article_table").set_value("vote_positions").run()
    assert "Download senators-positions.csv" in {b.proto.label for b in at.get("download_button")}


@pytest.mark.parametrize(
    "params",
    [
        {"city": "<script>alert(1)</script>"},
        {"show": "x" * 5000},
        {"entity": "javascript:alert(1)"},
        {"state": "ZZ", "senator": "Nobody"},
        {"event": "../../etc/passwd"},
    ],
)
def test_garbage_parameters_give_a_normal_page(params):
    page = {
        "city": "pages/map.py",
        "show": "pages/map.py",
        "entity": "pages/article.py",
        "state": VOTE_PAGE,
        "event": "pages/timeline.py",
    }[next(iter(params))]
    at = open_page(page, params, unfold=False)
    assert not at.exception and not at.error
    assert any("unknown" in i.value for i in at.info)
    assert specs(at) or page == "pages/article.py"
    slug = next(p.slug for p in spec.PAGES if p.file == page)
    assert shows(slug, SEED.read_text(encoding="utf-8")) in visible(unfolded(at, page))  # as without the parameter


@pytest.mark.parametrize("page", PAGES)
def test_missing_data_gives_a_clear_message(page, tmp_path, monkeypatch):
    at = open_page(page, data_dir=str(tmp_path / "nowhere"), monkeypatch=monkeypatch)
    assert not at.exception
    assert at.error and "make etl" in at.error[0].value


@pytest.fixture
def broken_data(tmp_path, built_data):
    """A copy of the data to damage."""
    import shutil

    out = tmp_path / "data"
    shutil.copytree(built_data, out)
    return out


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("damage", ["corrupt", "missing", "wrong-version"])
def test_damaged_data_gives_a_clear_message_on_every_page(page, damage, broken_data, monkeypatch):
    if damage == "corrupt":
        for p in broken_data.glob("*.parquet"):
            p.write_bytes(b"PAR1 this is not parquet PAR1")
        expected = "is damaged"
    elif damage == "missing":
        for p in broken_data.glob("*.parquet"):
            p.unlink()
        expected = "is missing"
    else:
        desc = json.loads((broken_data / "datapackage.json").read_text())
        desc["schema_version"] = "0.1"
        (broken_data / "datapackage.json").write_text(json.dumps(desc))
        expected = "schema version '0.1'"
    at = open_page(page, data_dir=str(broken_data), monkeypatch=monkeypatch)
    assert not at.exception
    assert at.error and expected in at.error[0].value and "make etl" in at.error[0].value


def test_freshness_says_when_the_etl_ran(built_data, tmp_path, monkeypatch):
    import shutil

    at = open_page(spec.page("article").file, data_dir=str(built_data), monkeypatch=monkeypatch)  # not the overview
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Data refreshed: **20" in text
    assert "The article's fingerprint (SHA-256): `" in text  # the article, not its id
    assert "make etl" not in text and "Refresh by hand" not in text  # a reader cannot run it
    bare = tmp_path / "committed"
    shutil.copytree(built_data, bare)
    (bare / ".last-refresh.json").unlink()
    at = open_page(spec.page("article").file, data_dir=str(bare), monkeypatch=monkeypatch)
    assert "no refresh recorded here" in " ".join(m.value for m in at.markdown)


# --- several articles: the seed and the follow-up TEST article (tests/articles/), built by the real CLI ---

SEED_ID, FOLLOW_UP_ID = "000_94e04342a6ea52d8", "followup_2017-09-26"
FOLLOW_UP_DIR = ROOT / "tests" / "articles"


@pytest.fixture(scope="module")
def two_articles(tmp_path_factory):
    from devtools import articles

    return articles.build(tmp_path_factory.mktemp("two"))


@pytest.mark.parametrize("page", spec.PAGES, ids=lambda p: p.slug)
def test_every_page_renders_with_two_articles(page, two_articles, monkeypatch, article_text):
    at = open_page(page.file, data_dir=str(two_articles), monkeypatch=monkeypatch)
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    every = (  # the overview tells every report's story until an article is picked (issue 39)
        f"4 cities not considered for the partnership until they agree to step up assistance to {SPELLED_ICE}; "
        "12 take part; Marvin Kaplan confirmed 50–48"
    )
    expected = every if page.default else heading(page.slug, article_text)
    assert at.title[0].value.replace("\\", "") == expected


def test_one_article_needs_no_picker():
    at = open_page("pages/overview.py")
    assert not [s for s in at.selectbox if s.key == "overview_article"]


def test_overview_picker_switches_the_story_and_says_which_article(two_articles, monkeypatch):
    at = open_page(PAGES[0], data_dir=str(two_articles), monkeypatch=monkeypatch)
    picker = at.selectbox(key="overview_article")
    assert picker.value is None  # every report's story first (issue 39); the newest is a line of the byline
    assert picker.options[0].startswith("26 Sep 2017 (inferred) · Senate Seats Second Labor Board Pick")
    picker.set_value(FOLLOW_UP_ID).run()
    assert at.query_params["article"] == FOLLOW_UP_ID
    assert (
        at.title[0].value.replace("\\", "")
        == "“Senate Seats Second Labor Board Pick as Cities Answer Sessions” — headline of the article"
    )
    # the byline: a caption, or small text when it links to how an inferred date was inferred
    byline = next(e.value for e in [*at.caption, *at.markdown] if "one of 2 in the data" in e.value)
    byline = byline.replace("\\", "")
    assert "26 Sep 2017 (inferred)" in byline and FOLLOW_UP_ID not in byline
    text = " ".join(m.value for m in at.markdown)
    assert "Monday 25 September 2017" in text and "Thursday 3 August 2017" not in text
    metrics = {m.label: m for m in at.metric}
    assert metrics[say("metrics.announcement")].value == "18 Aug 2017"  # "Aug. 18", the follow-up's own words
    follow_up = (FOLLOW_UP_DIR / f"{FOLLOW_UP_ID}.txt").read_text(encoding="utf-8").splitlines()[0]
    help_text = metrics["Senate vote on Kaplan"].help.replace("\\", "")
    assert f"“{follow_up}”, paragraph 4, {say('blocks.sentence', n=4)}" in help_text  # the article, not its id

    picker.set_value(SEED_ID).run()
    assert at.query_params["article"] == SEED_ID  # shareable
    text = " ".join(m.value for m in at.markdown)
    assert "Thursday 3 August 2017" in text and "Monday 25 September 2017" not in text
    assert at.title[0].value.replace("\\", "").startswith("“As Part of Trump Assault on Immigrant Communities")
    metrics = {m.label: m for m in at.metric}
    assert metrics[say("metrics.excluded")].value == "4"
    excluded_help = metrics[say("metrics.excluded")].help
    assert say("blocks.sentence", n=7) in excluded_help and "article:" not in excluded_help


def test_article_link_opens_that_article(two_articles, monkeypatch):
    at = open_page("pages/article.py", {"article": SEED_ID}, data_dir=str(two_articles), monkeypatch=monkeypatch)
    assert at.selectbox(key="article_article").value == SEED_ID
    figures_table = next(d for d in shown_tables(at) if "method" in d.columns)
    links = next(d for d in shown_tables(at, hrefs=True) if "method" in d.columns)
    assert "“50-48”" in set(figures_table["surface"])  # the article's words, quoted as written
    assert set(figures_table["reads"]) >= {"50–48", "4 cities"}  # what they were read as, in our words
    assert all(f"article={SEED_ID}" in h for h in links["sentence"])  # each sentence a link into that article
    html = next(m.value for m in at.markdown if 'class="article"' in m.value)  # the article's text
    assert "Dangles Carrot to Cops" in html and "Second Labor Board Pick" not in html
    at.selectbox(key="article_article").set_value(FOLLOW_UP_ID).run()
    links = next(d for d in shown_tables(at, hrefs=True) if "method" in d.columns)
    assert all(f"article={FOLLOW_UP_ID}" in h for h in links["sentence"])
    assert "Second Labor Board Pick" in " ".join(m.value for m in at.markdown)


def test_lookups_list_every_mention_newest_first(two_articles, monkeypatch):
    at = open_page("pages/timeline.py", {"event": "psp-launched"}, data_dir=str(two_articles), monkeypatch=monkeypatch)
    listed, links = shown_tables(at)[0], shown_tables(at, hrefs=True)[0]
    assert [h.split("article=")[1].split("#")[0] for h in links["sentence"]] == [FOLLOW_UP_ID, SEED_ID]
    assert list(listed["as_of"]) == ["26 Sep 2017 (inferred)", "3 Aug 2017 (inferred)"]
    assert list(listed["surface"]) == ["“June”", "“June”"]
    at = open_page("pages/article.py", {"entity": "marvin-kaplan"}, data_dir=str(two_articles), monkeypatch=monkeypatch)
    titles = list(dict.fromkeys(shown_tables(at)[0]["title"]))
    assert [t[:20] for t in titles] == ["Senate Seats Second ", "As Part of Trump Ass"]


def test_tables_count_the_articles_that_name_each_fact(two_articles, monkeypatch):
    at = open_page("pages/timeline.py", data_dir=str(two_articles), monkeypatch=monkeypatch)
    shown = shown_tables(at)[0]  # one row per charted event, in the events table's order
    events = read_table(two_articles, "events")
    by_id = dict(zip(events.loc[events["charted"], "event_id"], shown["articles"], strict=True))
    assert by_id["psp-launched"] == 2 and by_id["emanuel-confirmed"] == 1 and by_id["eo-13768-signed"] == 0
    at = open_page("pages/map.py", data_dir=str(two_articles), monkeypatch=monkeypatch)
    cities = shown_tables(at)[0].set_index("name")
    assert cities.loc["Baltimore", "articles"] == 1
    assert cities.loc["Baltimore", "source"].startswith("“As Part of Trump Assault")  # the article that lists it


def test_what_changed_shows_the_last_refresh(two_articles, tmp_path, monkeypatch):
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(two_articles, folder)
    changes = {"articles": {"added": 1, "removed": 0, "changed": 0}, "claims": {"added": 7, "removed": 2, "changed": 3}}
    (folder / ".last-refresh.json").write_text(
        json.dumps({"finished_at": "2017-09-26T08:15:00+00:00", "changes": changes})
    )
    at = open_page(PAGES[0], data_dir=str(folder), monkeypatch=monkeypatch)
    assert any(h.value == say("blocks.changes") for h in at.subheader)
    table = next(d for d in shown_tables(at) if "removed" in d.columns).set_index("table")
    claims, articles = term("tables.claims", "title"), term("tables.articles", "title")  # by title, not the file
    assert table.loc[claims].tolist() == [7, 2, 3] and table.loc[articles].tolist() == [1, 0, 0]
    assert any("2017-09-26 08:15 UTC" in c.value for c in at.caption)
    (folder / ".last-refresh.json").unlink()
    at = open_page(PAGES[0], data_dir=str(folder), monkeypatch=monkeypatch)
    assert any(c.value == say("blocks.changes-none") for c in at.caption)
    assert not [d for d in shown_tables(at) if "removed" in d.columns]


# --- the Sources and method page ---


def reference_urls() -> set[str]:
    """Every URL the reference files cite, read from the CSVs themselves (not from the sources table)."""
    import csv

    from etl.paths import REFERENCE_DIR

    urls = set()
    for path in REFERENCE_DIR.glob("*.csv"):
        if path.name == "source_sites.csv":  # who publishes each domain: it cites nothing itself
            continue
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                for cell in row.values():
                    urls |= {t for t in (cell or "").replace("|", " ").split() if t.startswith(("http://", "https://"))}
    return urls


def test_sources_page_links_every_url_the_reference_cites():
    at = open_page(spec.page("sources").file)
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown)
    urls = reference_urls()
    assert len(urls) > 50  # the reference cites dozens of pages
    assert not [u for u in sorted(urls) if f"]({u})" not in shown]
    anchors = {h.proto.anchor for h in [*at.header, *at.subheader]}
    assert {"as-of", "derived", "corrections", "open-questions", "events", "votes", "psp_sites_2017"} <= anchors


# --- what a reader sees: no repository path, and every inferred as-of date labelled ---

LOOKUPS = {  # each page, and each page with its lookup open (the lookups show data notes and sources)
    "overview": {},
    "map": {"city": "baltimore-md"},
    "senate-vote": {"state": "AZ"},
    "timeline": {"event": "psp-four-cities-letters"},
    "article": {"entity": "san-bernardino-ca"},
    "reports": {},
    "sources": {},
}


def reader_text(at) -> str:
    """visible() plus what shows on hover or is read out: metric help, chart titles, annotations and alt texts."""
    texts = [visible(at), *(m.help or "" for m in at.metric)]
    for s in specs(at):
        layout = s["layout"]
        texts += [layout.get("title", {}).get("text", ""), *(a.get("text", "") for a in layout.get("annotations", []))]
    texts += [e.proto.label for e in at.get("expandable")]
    return " ".join(texts).replace("\\", "")


@pytest.mark.parametrize("slug", list(LOOKUPS))
@pytest.mark.parametrize("lookup", [False, True], ids=["page", "lookup"])
def test_no_screen_names_a_repository_path(slug, lookup):
    from test_blocks import repository_paths

    at = open_page(spec.page(slug).file, LOOKUPS[slug] if lookup else None)
    text = reader_text(at)
    assert text and not repository_paths(text), repository_paths(text)


@pytest.mark.parametrize("slug", list(LOOKUPS))
def test_every_as_of_date_on_screen_says_inferred(slug, built_data):
    from test_blocks import UNLABELLED_AS_OF

    assert read_table(built_data, "articles")["as_of_inferred"].all()  # the seed's date is inferred
    text = reader_text(open_page(spec.page(slug).file, LOOKUPS[slug]))
    assert not UNLABELLED_AS_OF.findall(text)
    if slug in ("overview", "article"):  # the byline, with how the date was inferred one tap away
        assert "as of 3 Aug 2017 (inferred)" in text and "](sources#as-of)" in text


def test_the_share_box_appears_once_a_published_address_is_known(monkeypatch):
    """Without PSP_SITE_URL the app offers no embed code (it would point nowhere); with it, every chart of the map
    page has its code: an iframe of the published embed page and the sizing script."""
    page = spec.page("map").file
    assert [e.label for e in open_page(page).expander if e.label == "Share and embed"] == []
    monkeypatch.setenv("PSP_SITE_URL", "https://news.example.org/psp/")
    at = open_page(page)
    assert [e.label for e in at.expander].count("Share and embed") == 1
    (code,) = [c.value for c in at.code if "<iframe" in c.value]
    assert 'src="https://news.example.org/psp/embed/map.html"' in code
    assert "psp-embed:height" in code


def test_a_page_draws_its_chart_as_exported_with_a_band_above_for_the_tool_bar(built_data):
    """The timeline page's chart is the exported chart at the same width, with theme.TOOLBAR_BAND px more at its top
    (where Plotly's tool bar sits on a phone, clear of the title); the rest of it is the same."""
    at = open_page("pages/timeline.py")
    (shown,) = specs(at)
    exported = figures.build(
        "timeline", lambda name: read_table(built_data, name), reader.meta_from(built_data), (theme.DEFAULT_WIDTH, None)
    ).to_plotly_json()
    band = theme.TOOLBAR_BAND
    assert shown["layout"]["height"] == exported["layout"]["height"] + band
    assert shown["layout"]["margin"]["t"] == exported["layout"]["margin"]["t"] + band
    assert shown["layout"]["title"]["text"] == exported["layout"]["title"]["text"]
    assert len(shown["data"]) == len(exported["data"])


def test_a_column_of_short_words_is_as_wide_as_they_are_and_one_of_long_text_wider():
    """A table's header says how wide its column is drawn: a count or a code, label included, as wide as its words
    ("short"); a column with a cell of over 40 characters wider ("long"); anything else a few words wide."""
    frame = pd.DataFrame({"table": ["vote_positions"], "added": [12], "sentence": ["word " * 9], "state": ["MD"]})
    html = markup.table(frame, "a table", {"state": "the senator's state"})
    widths = dict(re.findall(r'<th data-column="(\w+)"(?: class="(\w+)")?>', html))
    assert widths == {"table": "", "added": "short", "sentence": "long", "state": ""}
