"""What the blocks say, for every renderer (``dashboard.blocks``): an inferred as-of date is labelled and linked to
how it was inferred, the story states only confirmed events, the data-quality caption counts corrections and open
questions as the reference files list them, and the labels keep the article's words."""

from __future__ import annotations

import csv
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from dashboard import blocks, spec
from dashboard.reader import read_table
from etl.paths import REFERENCE_DIR

ARTICLE_WORDS = "until they agree to step up assistance to ICE agents"  # the article's own words (checked below)


def loader(folder: Path, **changed):
    """The built tables, with some replaced by ``changed[name](frame)``."""

    def load(name: str) -> pd.DataFrame:
        frame = read_table(folder, name)
        return changed[name](frame.copy()) if name in changed else frame

    return load


def content(slug: str, kind: str, load, static: bool = False):
    page = spec.page(slug)
    (b,) = [b for b in spec.walk(page.blocks) if b.kind == kind]
    return blocks.content(b, blocks.Context(page, load, static=static))


def set_inferred(value: bool):
    return lambda articles: articles.assign(as_of_inferred=value)


@pytest.mark.parametrize("static", [False, True], ids=["app", "site"])
def test_an_inferred_as_of_date_says_so_and_links_to_how(built_data, static):
    shown = content("overview", "byline", loader(built_data, articles=set_inferred(True)), static)
    assert "as of 3 Aug 2017 (inferred)" in shown.text
    (link,) = shown.links
    assert (link.page.slug, link.anchor) == ("sources", "as-of")


@pytest.mark.parametrize("static", [False, True], ids=["app", "site"])
def test_a_printed_as_of_date_has_no_inferred_label(built_data, static):
    shown = content("article", "byline", loader(built_data, articles=set_inferred(False)), static)
    assert "as of 3 Aug 2017" in shown.text and "inferred" not in shown.text
    assert shown.links == ()


def test_the_seed_says_its_as_of_date_is_not_printed(built_data):
    """The sidecar's own answer, so the label above is on for the seed."""
    articles = read_table(built_data, "articles")
    assert articles["as_of_inferred"].tolist() == [True]
    shown = content("overview", "metrics", loader(built_data))
    latest = next(m for m in shown.metrics if m.value == "3 Aug 2017")
    assert "3 Aug 2017 (inferred)" in latest.help


def test_the_story_states_only_confirmed_events(built_data):
    story = content("overview", "story", loader(built_data)).lines
    assert story[0].startswith("Thursday 3 August 2017: ")

    def demote(events):  # the event of 3 Aug 2017 loses its confirmation
        events.loc[events["date_start"] == "2017-08-03", "confidence"] = "derived"
        return events

    story = content("overview", "story", loader(built_data, events=demote)).lines
    assert not any(line.startswith("Thursday 3 August 2017") for line in story)
    assert story[0].startswith("Wednesday 2 August 2017: ")


def rows(name: str) -> list[dict]:
    with (REFERENCE_DIR / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_quality_caption_counts_corrections_and_open_questions_as_the_reference_lists_them(built_data):
    shown = content("article", "quality-counts", loader(built_data))
    # not "0 error · 7 warning · 27 info"; 27 notes: 22, and the 5 facts kept off the charts (a mirror holds them alone)
    assert shown.text.startswith("No errors · 7 warnings · 27 notes. ")
    n_corrections, n_questions = len(rows("corrections.csv")), len(rows("open_questions.csv"))
    off_charts = int((~read_table(built_data, "events")["charted"].astype(bool)).sum())  # each an open question too
    assert (n_questions, off_charts) == (12, 5)
    assert f"{n_corrections} are corrections" in shown.text
    assert f"{n_questions + off_charts} open questions" in shown.text
    assert [(link.page.slug, link.anchor) for link in shown.links] == [
        ("sources", "corrections"),
        ("sources", "open-questions"),
    ]


def test_labels_keep_the_articles_words(built_data, article_text):
    assert "wouldn’t consider" in article_text and ARTICLE_WORDS in article_text
    links = {link.page.slug: link.label for link in content("overview", "links", loader(built_data)).links}
    assert links["map"] == f"Map: the 4 cities not considered {ARTICLE_WORDS}, and the 12 participants"
    assert "derived" in links["senate-vote"]
    assert ARTICLE_WORDS in content("map", "heading", loader(built_data)).text
    cities = content("map", "table", loader(built_data)).shown
    assert (cities["status"].str.contains(ARTICLE_WORDS)).sum() == 4
    assert (cities["status"] == "2017 participant in the partnership").sum() == 12
    assert "population_source" not in cities  # the data set's full citation: once, on the Sources page


# --- what a reader sees: no repository path, every source a link, every inferred date labelled ---

# A repository path on screen: a reader can't open it (issue 16). Data files are allowed only as the labels of
# their own download links (the static site's "cities.csv" links): those are links to the file itself.
REPO_PATH = re.compile(r"etl/|seeds/|shared/|data/\S*\.parquet|\w\.py\b|\w\.csv\b|SOURCES\.md|FACTS\.md")
# An as-of date shown without its label: "as of 3 Aug 2017" must read "as of 3 Aug 2017 (inferred)".
URL = re.compile(r"https?://\S+")  # a web address may end in .csv: it is no repository path


def repository_paths(text: str) -> list[str]:
    return REPO_PATH.findall(URL.sub("", text))


UNLABELLED_AS_OF = re.compile(r"(?<!data )as of (\d{1,2} \w{3} \d{4})(?! \(inferred\))", re.IGNORECASE)  # the article's


class ReaderText(HTMLParser):
    """The text of a static page as a reader meets it: what is drawn (not scripts or styles) and what is read out
    or shown on hover (alt, aria-label, title). The label of a download link to a data file is left out."""

    HIDDEN = frozenset({"script", "style", "template"})

    def __init__(self, html: str):
        super().__init__()
        self.parts: list[str] = []
        self.links: list[str] = []
        self.stack: list[tuple[str, bool]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.parts += [attrs[a] for a in ("alt", "aria-label", "title") if attrs.get(a)]
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        download = tag == "a" and (attrs.get("href") or "").startswith("data/")
        if tag not in VOID:
            self.stack.append((tag, tag in self.HIDDEN or download))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, text):
        if not any(hidden for _, hidden in self.stack):
            self.parts.append(text)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def static_page(page: spec.Page, load) -> str:
    """One static page's HTML (its chart pictures are listed, not rendered)."""
    from dashboard import embed, site

    return site.render(page, embed.Figures(load, load.meta), embed.Output())


@pytest.fixture(scope="module")
def static_pages(built_data) -> dict[str, ReaderText]:
    from dashboard.reader import meta_from

    load = loader(built_data)
    load.meta = meta_from(built_data)
    return {p.slug: ReaderText(static_page(p, load)) for p in spec.PAGES}


def reference_urls() -> set[str]:
    """Every URL the reference files cite, read from the CSVs themselves (not from the sources table)."""
    urls = set()
    for path in REFERENCE_DIR.glob("*.csv"):
        if path.name == "source_sites.csv":  # who publishes each domain: it cites nothing itself
            continue
        for row in rows(path.name):
            for cell in row.values():
                urls |= {t for t in (cell or "").replace("|", " ").split() if t.startswith(("http://", "https://"))}
    return urls


@pytest.mark.parametrize("slug", [p.slug for p in spec.PAGES])
def test_no_static_page_names_a_repository_path(static_pages, slug):
    text = static_pages[slug].text
    assert text and not repository_paths(text), repository_paths(text)


def test_the_static_sources_page_links_every_url_the_reference_cites(static_pages):
    urls = reference_urls()
    assert len(urls) > 50
    assert not urls - set(static_pages["sources"].links)
    anchors = {"sources.html#as-of", "sources.html#derived", "sources.html#corrections", "sources.html#open-questions"}
    linked = {link for page in static_pages.values() for link in page.links}
    assert anchors <= linked  # byline, derived note and data-quality caption point there


@pytest.mark.parametrize("slug", [p.slug for p in spec.PAGES])
def test_every_static_as_of_date_says_inferred(static_pages, slug, built_data):
    assert read_table(built_data, "articles")["as_of_inferred"].all()  # the seed's date is inferred
    text = static_pages[slug].text
    assert not UNLABELLED_AS_OF.findall(text)
    if slug in ("overview", "article"):  # the byline
        assert "as of 3 Aug 2017 (inferred)" in text


def test_what_derived_means_links_the_roster_the_positions_rest_on(built_data):
    """SOURCES.md's method applies the party-line record to the senators' roster on 2 Aug 2017: a reader of the
    Sources page can open that roster (the congress-legislators file at its dated commit), not only the tally."""
    section = blocks.derived_method(None, blocks.Context(spec.page("sources"), loader(built_data)))
    urls = [item.url for row in section.items for item in row]
    roster = "https://github.com/unitedstates/congress-legislators/blob/80fb2f179074aeab340919c4a2dd0015ce372080/"
    assert roster + "legislators-current.yaml" in urls
    assert "https://ddifo.org/nlrb-one-go/" in urls  # names the two senators not voting
    assert "https://www.law360.com/articles/967332/senate-oks-trump-pick-of-littler-mendelson-vet-for-nlrb" not in urls


# --- what issue 32 adds to the data: the dashboard shows it once it arrives ---


def test_people_the_reference_does_not_hold_are_listed_with_where_the_article_names_them(built_data):
    """entities.resolved false: a person the article names whom the reference does not hold. The Sources page
    lists each as "named in the article, not in the reference", with a link to each sentence that names them."""

    def unresolved(entities):
        return entities.assign(resolved=entities["entity_id"] != "gage-skidmore")

    load = loader(built_data, entities=unresolved)
    section = blocks.unresolved_people(None, blocks.Context(spec.page("sources"), load))
    assert (section.title, section.anchor) == (
        "Named in the article, not in our cited records",
        "named-not-in-reference",
    )
    (item,) = section.items
    assert item[0] == "Gage Skidmore, named in"
    links = [p for p in item if isinstance(p, blocks.Link)]
    assert [link.label for link in links] == [
        "the article, paragraph 2, sentence\u00a03",  # the caption's credit, printed twice
        "the article, paragraph 2, sentence\u00a04",
    ]
    assert all(link.page.slug == "article" and link.query[0][0] == "sentence" for link in links)
    assert blocks.unresolved_people(None, blocks.Context(spec.page("sources"), loader(built_data))) is None


def test_the_data_sets_group_and_the_rosters_source_appear_on_the_sources_page(built_data):
    """The sources rows of the group datasets (GeoNames, the Census outlines and the packages that carry them) get
    their own part, and each senator's position names the roster it rests on (vote_positions.roster_source)."""
    load = loader(built_data)
    sources = load("sources")
    ctx = blocks.Context(spec.page("sources"), load)
    parts = {p.anchor: p for p in blocks.source_groups(None, ctx).parts}
    assert parts["datasets"].title == "The data sets: places and state outlines"
    urls = [item[0].url for item in parts["datasets"].items]
    assert sorted(urls) == sorted(sources.loc[sources["group"] == "datasets", "url"])
    assert "https://download.geonames.org/export/dump/" in urls
    assert "https://www.census.gov/geographies/mapping-files/time-series/geo/carto-boundary-file.html" in urls
    table = content("senate-vote", "table", load)
    assert set(table.shown["roster"].map(lambda link: link.label)) == {"roster"}  # cited in full on the Sources page
    assert set(table.shown["roster"].map(lambda link: link.url)) == set(load("vote_positions")["roster_source"])
    assert table.headers["roster"] == "roster of senators"


def test_a_count_tied_to_an_event_does_not_become_the_events_words(built_data):
    """A count's claim ("four cities") points at the event it counts for (psp-four-cities-letters): the overview's
    latest event still quotes the article's words for its date (“Thursday”), not the count's, in whatever order
    the claims come."""
    claims = loader(built_data)("claims")
    assert set(claims.loc[claims["kind"] == "city_count", "ref_id"]) == {"psp-four-cities-letters", "psp-launched"}
    shown = content("overview", "metrics", loader(built_data, claims=lambda c: c.iloc[::-1]))  # counts first
    latest = next(m for m in shown.metrics if m.value == "3 Aug 2017")
    assert "the article's “Thursday”" in latest.help and "four cities" not in latest.help.lower()


# --- wording that says what the sources say, no more and no less (issue 37) ---


def page_content(slug: str, kind: str, load, static: bool = False):
    """A block's content as the page shows it: its terms spelled out at their first use on the page."""
    page = spec.page(slug)
    ctx = blocks.Context(page, load, static=static)
    for b in spec.walk(page.blocks):  # every block before it, in reading order: a term is spelled out once
        shown = blocks.content(b, ctx) if b.kind != "slot" and spec.SITE in b.on else None
        shown = blocks.glossed(shown, ctx) if shown is not None else None
        if b.kind == kind:
            return shown
    raise LookupError(kind)


def test_the_filter_and_the_metric_say_agree_to(built_data):
    from dashboard.words import say

    words = "Not considered until they agree to step up assistance to ICE"
    assert say("show.not-considered") == say("metrics.excluded") == words
    labels = [m.label for m in content("overview", "metrics", loader(built_data)).metrics]
    assert labels[:2] == [words, "Partnership participants"]


def test_page_titles_are_ours_and_the_headline_is_quoted_and_attributed(built_data, static_pages):
    html = static_page(spec.page("map"), _with_meta(loader(built_data), built_data))
    assert "<title>Map of the cities · One news article, read fact by fact</title>" in html
    assert '<meta property="og:title" content="Map of the cities · One news article, read fact by fact">' in html
    assert "Sessions Dangles Carrot" not in re.search(r"<head>.*</head>", html, re.S).group(0)
    assert content("overview", "heading", loader(built_data)).text == (
        "“As Part of Trump Assault on Immigrant Communities, Sessions Dangles Carrot to Cops in Four Cities”"
        " — headline of the article"
    )


def _with_meta(load, folder: Path):
    from dashboard.reader import meta_from

    load.meta = meta_from(folder)
    return load


def test_the_data_is_dated_in_words_not_by_its_hash(built_data):
    load = _with_meta(loader(built_data), built_data)
    page = spec.page("overview")
    byline = blocks.content(next(b for b in page.blocks if b.kind == "byline"), blocks.Context(page, load, load.meta,
                                                                                          static=True))  # fmt: skip
    assert byline.text.endswith("publisher unknown. Static copy; data as of 4 Nov 2022.")
    downloads = blocks.content(spec.block("downloads"), blocks.Context(spec.page("article"), load, load.meta))
    assert downloads.zip_name == "psp-dashboard-data-as-of-2022-11-04.zip"
    assert load.meta.stamp not in byline.text + downloads.zip_name


def test_the_method_lists_every_confidence_word(built_data):
    method = content("article", "method", loader(built_data)).markdown
    assert "a confidence (confirmed, medium, derived or inferred); Sources and method says what each means" in method
    assert "reference" not in method.lower() and "ETL" not in method


def test_each_inferred_date_is_labelled_in_its_own_cell(built_data):
    page = spec.page("article")
    figures = next(b for b in spec.walk(page.blocks) if b.ref == "figures")
    table = blocks.content(figures, blocks.Context(page, loader(built_data)))
    assert list(table.shown.columns) == ["surface", "reads", "method", "sentence"] and table.fit
    reads = dict(zip(table.shown["surface"], table.shown["reads"], strict=False))
    assert reads["“Thursday”"] == "3 Aug 2017 (inferred)"
    assert reads["“Wednesday”"] == "2 Aug 2017 (inferred)"
    assert reads["“June”"] == "June 2017 (inferred)"
    assert reads["“October 11, 2017”"] == "11 Oct 2017"  # printed whole in the article: not inferred
    assert reads["“Twelve cities”"] == "12 cities"


def test_events_and_expected_events_are_counted_apart(built_data):
    table = content("timeline", "table", loader(built_data))
    n = len(table.frame)
    assert (table.frame["status"] == "expected").sum() == 1
    assert table.title == f"All {n - 1} events, and 1 the article expects, with sources"


def test_the_sources_page_lists_each_term_spelled_out(built_data):
    section = content("sources", "glossary", loader(built_data))
    assert (section.title, section.anchor) == ("Abbreviations and terms", "glossary")
    assert [item[0] for item in section.items] == [
        "ICE (U.S. Immigration and Customs Enforcement)",
        "PSP (the Justice Department's Public Safety Partnership)",
        "NLRB (National Labor Relations Board)",
        "HELP Committee (the Senate's Health, Education, Labor and Pensions Committee)",
        "cloture (a vote to end debate)",
        "DOJ (the Justice Department)",
        "EO (executive order)",
        "enjoins (blocks by court order)",
        "FR (Federal Register)",
        "U.S.C. (United States Code)",
    ]


def test_the_overview_spells_out_psp_and_ice_before_it_shortens_them(built_data):
    load = loader(built_data)
    story = page_content("overview", "story", load)
    assert story.lines[0] == (
        "Thursday 3 August 2017: Sessions won't consider Baltimore, Albuquerque, San Bernardino and Stockton for PSP"
        " (the Justice Department's Public Safety Partnership) until they agree to step up assistance to ICE (U.S."
        " Immigration and Customs Enforcement)."
    )
    assert story.lines[1].startswith("Wednesday 2 August 2017: Senate confirms Marvin Kaplan to the NLRB (National")
