"""What readers read holds none of our machinery (``devtools.readertext``): every page of the app through
``AppTest`` (each with its lookup open and its folded tables opened) and every page, embed page and chart variant of
the static site, with one article and with two. The check finds a Python repr, a span, sentence or article id, a
slug or other id, a snake_case token, True/False/nan/None as a value, a build command, an as-of date or an inferred
date without "(inferred)", a tally written with a hyphen outside the article's quoted words, a hex stamp, "the
reference" as a noun, and an acronym or legal term not spelled out at its first use on a page or in a chart.

What the dashboard writes is held to zero. What the ETL writes in readers' words (data-quality messages, event
titles and notes, how a date was read) is listed apart, so a finding says which half to fix, and is held to zero
too. The tests at
the end break one thing on purpose each, and the check finds it."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
import streamlit.delta_generator as delta_generator
from streamlit.testing.v1 import AppTest

from dashboard import embed, reader, site, spec, streamlit_page
from dashboard.reader import read_table
from devtools import readertext as rt
from devtools.readertext import Shown
from etl.paths import ROOT

SEED_ID = "000_94e04342a6ea52d8"
LOOKUPS = {  # each page, and each page with its lookup open (the lookups show data notes and sources)
    "overview": {},
    "map": {"city": "baltimore-md", "show": "not-considered"},
    "senate-vote": {"state": "AZ"},
    "timeline": {"event": f"art-{SEED_ID}-s022"},
    "article": {"entity": "san-bernardino-ca", "sentence": "7"},
    "sources": {},
}


def loader(folder: Path):
    return lambda name: read_table(folder, name)


def app_page(slug: str, params: dict, monkeypatch) -> list[Shown]:
    """One page of the app as a reader opens it, every folded table opened, with the names of the files its
    download buttons save (recorded as the buttons are made)."""
    names: list[str] = []
    button = delta_generator.DeltaGenerator.download_button

    def recorded(self, *args, **kwargs):
        names.append(kwargs.get("file_name", ""))
        return button(self, *args, **kwargs)

    monkeypatch.setattr(delta_generator.DeltaGenerator, "download_button", recorded)
    page = spec.page(slug)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if not page.default:
        at.switch_page(page.file).run()
    for b in spec.walk(page.blocks):
        if b.kind == "table" and b.opts.get("expander"):
            at.session_state[streamlit_page.folded_key(slug, b.ref)] = True
    names.clear()
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return rt.app_strings(at, f"app:{slug}{'?' + '&'.join(params) if params else ''}", names)


def app_strings(folder: Path, monkeypatch, params=LOOKUPS) -> list[Shown]:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(folder))
    found = []
    for slug, lookup in params.items():
        found += app_page(slug, {}, monkeypatch)
        if lookup:
            found += app_page(slug, lookup, monkeypatch)
    return found


def site_strings(folder: Path, root: Path) -> list[Shown]:
    site.write(root, embed.Figures(loader(folder), reader.meta_from(folder)), base_url="https://example.org/psp/")
    return rt.site_strings(root)


@pytest.fixture(scope="module")
def two_articles(tmp_path_factory) -> Path:
    from devtools import articles

    return articles.build(tmp_path_factory.mktemp("two"))


@pytest.fixture(scope="module")
def seen(built_data, two_articles, tmp_path_factory) -> dict[str, list[rt.Finding]]:
    """Every finding on every screen: the app and the static site, with the seed alone and with two articles."""
    monkeypatch = pytest.MonkeyPatch()
    try:
        out = {}
        for data, folder in (("one article", built_data), ("two articles", two_articles)):
            inside = rt.Internals.of(loader(folder))
            strings = app_strings(folder, monkeypatch)
            strings += site_strings(folder, tmp_path_factory.mktemp("site"))
            assert len(strings) > 2000  # every page's text, tables, hovers and figure strings
            out[data] = rt.findings(strings, inside) + rt.first_uses(strings, inside)
        return out
    finally:
        monkeypatch.undo()


def listed(findings: list[rt.Finding]) -> list[str]:
    return sorted({f"{f.origin} | {f}"[:260] for f in findings})


@pytest.mark.parametrize("data", ["one article", "two articles"])
def test_no_screen_shows_machinery_the_dashboard_writes(seen, data):
    assert listed([f for f in seen[data] if f.origin == "dashboard"]) == []


@pytest.mark.parametrize("data", ["one article", "two articles"])
def test_no_screen_shows_machinery_the_etl_writes(seen, data):
    assert listed([f for f in seen[data] if f.origin != "dashboard"]) == []


# ---- the check itself -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def inside(built_data) -> rt.Internals:
    return rt.Internals.of(loader(built_data))


def rules(text: str, inside: rt.Internals, how: str = rt.TEXT) -> list[tuple[str, str]]:
    return [(f.rule, f.token) for f in rt.findings([Shown("test", how, text)], inside)]


def test_the_check_finds_each_kind_of_machinery(inside):
    assert rules("<built-in method copy of dict object at 0x7f3a>", inside)[0][0] == "python repr"
    assert rules(f"listed in article:{SEED_ID}#s007", inside) == [("span id", f"article:{SEED_ID}#s007")]
    assert rules("The words run from s002 into s003.", inside) == [("sentence id", "s002"), ("sentence id", "s003")]
    assert rules(f"SHA-256 of {SEED_ID}", inside) == [("article id", SEED_ID)]
    assert rules("matches the recorded vote senate-2017-08-02-kaplan", inside) == [
        ("id or slug", "senate-2017-08-02-kaplan")
    ]
    assert rules("psp_site_type", inside) == [("snake_case", "psp_site_type")]
    assert rules("True", inside) == [("True/False/nan/None", "True")]
    assert rules("Refresh by hand: make etl", inside) == [("build command", "make etl")]
    assert rules("the as-of date 2017-08-03", inside) == [("as-of date without (inferred)", "2017-08-03")]
    assert rules("· Article as of 3 Aug 2017 · data 12ab", inside) == [("as-of date without (inferred)", "3 Aug 2017")]
    headline = inside.titles[0]
    assert rules(f"3 Aug 2017 · {headline} · sentence 7", inside) == [("as-of date without (inferred)", "3 Aug 2017")]
    assert rules("expected, not before Fri 1 Sep 2017", inside) == [
        ("inferred date without (inferred)", "Fri 1 Sep 2017")
    ]
    assert rules("Senate confirms Marvin Kaplan, 50-48", inside) == [("tally with a hyphen", "50-48")]
    assert {rule for rule, _ in rules("map_2017-08-03_769dbf44", inside, rt.FILE)} == {
        "snake_case",
        "as-of date without (inferred)",
        "hex stamp",
    }


def test_the_check_lets_readers_words_through(inside):
    fine = [
        "A sourced reading of one news article, as of 3 Aug 2017 (inferred); publisher unknown.",
        "Senate vote: Marvin Kaplan, 50–48",  # our tally, with an en dash
        "Article tally “50-48”",  # the article's words, quoted as written
        "Marvin Kaplan, was fully confirmed by the Senate on Wednesday in a 50-48 vote.",  # the article's own words
        "Source: https://www.senate.gov/legislative/LIS/roll_call_votes/vote1151/vote_115_1_00179.htm",  # a web page
        "None of the cities joined.",
        "the article, paragraph 4, sentence 7",
        "expected, not before Fri 1 Sep 2017 (inferred)",
        "a 48-hour release notice; the 2017 Values Voter Summit ran 13–14 Oct 2017",
    ]
    assert [(t, rules(t, inside)) for t in fine if rules(t, inside)] == []
    assert rules("map-article-as-of-2017-08-03-inferred-data-as-of-2022-11-04", inside, rt.FILE) == []


def test_a_finding_says_whether_the_dashboard_or_the_etl_wrote_it(inside):
    def origin(text: str) -> list[str]:
        return [f.origin for f in rt.findings([Shown("test", rt.TEXT, text)], inside)]

    assert origin("s007") == ["dashboard"]  # a sentence id shown alone: the dashboard's choice to show it
    plain = [m for m in inside.prose["data_quality.message"] if not rt.THE_REFERENCE.search(m)]
    message = plain[0] + " (psp-launched)"  # an ETL message that names a slug
    planted = dataclasses.replace(inside, prose={**inside.prose, "data_quality.message": [message]})
    assert [f.origin for f in rt.findings([Shown("test", rt.TEXT, message)], planted)] == ["etl: data_quality.message"]


# ---- break one thing on purpose: the check finds it --------------------------------------------------------------


def static_findings(folder: Path, root: Path, inside: rt.Internals) -> list[str]:
    return listed([f for f in rt.findings(site_strings(folder, root), inside) if f.origin == "dashboard"])


def test_a_template_field_that_reads_a_python_attribute_is_found(built_data, tmp_path, inside, monkeypatch):
    """The share box's template once asked its dict for ``s.copy``: Jinja2 gave the dict's method. A field asked
    for by a name the dict lacks (here ``s.items``) prints the same kind of repr, and the check finds it."""
    from jinja2 import ChoiceLoader, DictLoader

    from dashboard import markup

    source = (ROOT / "dashboard" / "templates" / "chart.html").read_text(encoding="utf-8")
    assert "{{ s.copy_label }}" in source
    broken = markup.env().overlay(
        loader=ChoiceLoader([DictLoader({"chart.html": source.replace("{{ s.copy_label }}", "{{ s.items }}")}),
                             markup.env().loader])
    )  # fmt: skip
    monkeypatch.setattr(markup, "env", lambda: broken)
    found = static_findings(built_data, tmp_path, inside)
    assert found and [f for f in found if "python repr" not in f] == []


def test_a_true_or_false_shown_as_it_is_is_found(built_data, tmp_path, inside, monkeypatch):
    from dashboard import shown

    events = shown.SHOWN["events"]
    monkeypatch.setitem(shown.SHOWN, "events", lambda frame, r: events(frame, r).assign(in_article=frame["in_article"]))
    found = static_findings(built_data, tmp_path, inside)
    assert {f.split("'")[1] for f in found if "True/False/nan/None" in f} == {"True", "False"}


def test_an_as_of_date_without_its_label_is_found(built_data, tmp_path, inside, monkeypatch):
    from dashboard import fmt

    monkeypatch.setattr(fmt, "as_of", lambda iso, inferred: fmt.day(iso))
    found = static_findings(built_data, tmp_path, inside)
    assert any("as-of date without (inferred): '3 Aug 2017'" in f for f in found)


def fresh_copy(built_data: Path, tmp_path: Path) -> Path:
    """The data in a folder of its own: the app works a page's blocks out once per data package and shares them,
    so a page drawn with something broken must be drawn from a package no other test has opened."""
    shutil.copytree(built_data, tmp_path / "data")
    return tmp_path / "data"


def test_a_span_id_in_a_metrics_help_is_found(built_data, tmp_path, inside, monkeypatch):
    from dashboard import shown

    monkeypatch.setattr(shown.Reader, "source_words", lambda self, source: source)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(fresh_copy(built_data, tmp_path)))
    found = rt.findings(app_page("overview", {}, monkeypatch), inside)
    assert {f.token for f in found if f.rule == "span id" and f.shown.how == rt.HOVER} == {
        f"article:{SEED_ID}#s007",
        f"article:{SEED_ID}#s021",
    }


def test_a_build_command_back_on_the_overview_is_found(built_data, tmp_path, inside, monkeypatch):
    """The freshness block once told readers to refresh by hand with ``make etl``."""
    from dashboard import words

    stamp = words.all_words()["blocks"]["freshness-stamp"]
    monkeypatch.setitem(words.all_words()["blocks"], "freshness-stamp", stamp + " Refresh by hand: make etl")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(fresh_copy(built_data, tmp_path)))
    found = rt.findings(app_page("article", {}, monkeypatch), inside)  # the freshness block's page (issue 39)
    assert [(f.rule, f.token) for f in found if f.origin == "dashboard"] == [("build command", "make etl")]


# ---- plain words: a hex stamp, "the reference", and each term spelled out at its first use ----------------------


def test_the_check_finds_a_hex_stamp_and_the_reference_as_a_noun(inside):
    assert rules("Static copy; data stamp 62c678a5.", inside) == [("hex stamp", "62c678a5")]
    assert rules("· Article as of 3 Aug 2017 (inferred) · data 769dbf44", inside) == [("hex stamp", "769dbf44")]
    assert rules("psp-dashboard-data-62c678a5.zip", inside, rt.FILE) == [("hex stamp", "62c678a5")]
    assert rules("participants in the reference", inside) == [("the reference, as a noun", "the reference")]
    assert rules("Context event (reference)", inside) == [("the reference, as a noun", "(reference)")]
    fine = [
        "Static copy; data as of 4 Nov 2022.",
        "The article's fingerprint (SHA-256): 1e0cdb0927e164a9…",  # labelled, and cut short: not a stamp
        "Wikipedia, reference work; confirmed",
        "Populations are GeoNames figures (cities15000)",
    ]
    assert [(t, rules(t, inside)) for t in fine if rules(t, inside)] == []


def first_uses(strings: list[tuple[str, str]], inside: rt.Internals) -> list[tuple[str, str]]:
    """(term as written, where) of each term not spelled out at its first use; ``strings``: (unit, text)."""
    shown = [Shown("test", rt.TEXT, text, unit) for unit, text in strings]
    return [(f.token, f.shown.unit) for f in rt.first_uses(shown, inside)]


def test_the_check_finds_a_term_not_spelled_out_at_its_first_use(inside):
    assert first_uses([("", "PSP participants"), ("", "PSP (the Justice Department's Public Safety Partnership)")],
                      inside) == [("PSP", "")]  # fmt: skip
    spelled = "Senate invokes cloture (a vote to end debate) on Kaplan; the NLRB (National Labor Relations Board)"
    assert first_uses([("", spelled), ("", "cloture again, the NLRB again")], inside) == []
    # a chart stands alone: the page spelled it out, its title did not
    assert first_uses([("", spelled), ("chart 3", "Senate invokes cloture on Kaplan")], inside) == [
        ("cloture", "chart 3")
    ]
    assert sorted(first_uses([("", "HELP Committee approves both NLRB nominees, 12–11")], inside)) == [
        ("HELP Committee", ""),
        ("NLRB", ""),
    ]
    assert first_uses([("", "a DOJ-led (DOJ: the Justice Department) Task Force; EO (executive order) 13768")],
                      inside) == []  # fmt: skip
    # the article's own words, shown as written, are no use of ours: "…assistance to ICE agents…"
    sentence = next(s for s in inside.texts[0].split(". ") if "ICE agents" in s)
    assert first_uses([("", sentence), ("", f"The article: “{sentence[-40:]}”")], inside) == []
    assert first_uses([("", "https://www.govinfo.gov/content/pkg/FR-2017-01-30/html/2017-02102.htm")], inside) == []


def test_the_text_layer_spells_each_term_out_once_per_page():
    from dashboard.gloss import Gloss

    g = Gloss()
    assert g("Sessions won't consider them for PSP until they agree to step up assistance to ICE") == (
        "Sessions won't consider them for PSP (the Justice Department's Public Safety Partnership) until they agree "
        "to step up assistance to ICE (U.S. Immigration and Customs Enforcement)"
    )
    assert g("Baltimore named a PSP site") == "Baltimore named a PSP site"  # the second use: short
    assert g("Judge Orrick permanently enjoins EO 13768 Sec. 9(a) nationwide") == (
        "Judge Orrick permanently enjoins (blocks by court order) EO (executive order) 13768 Sec. 9(a) nationwide"
    )
    assert g("comply with 8 U.S.C. 1373; 82 FR 8799–8803") == (
        "comply with 8 U.S.C. (United States Code) 1373; 82 FR (Federal Register) 8799–8803"
    )
    assert g("Senate HELP Committee hearing; HELP Committee approves") == (
        "Senate HELP Committee (the Senate's Health, Education, Labor and Pensions Committee) hearing; HELP "
        "Committee approves"
    )
    assert g("Executive Order 13776 creates a DOJ-led Task Force") == (
        "Executive Order 13776 creates a DOJ-led (DOJ: the Justice Department) Task Force"
    )
    assert Gloss(articles=("assistance to ICE agents",))("“assistance to ICE agents”") == "“assistance to ICE agents”"


def test_a_hex_stamp_back_in_the_byline_is_found(built_data, tmp_path, inside, monkeypatch):
    """The static copy's byline once said "Static copy; data stamp 62c678a5": the hash is found again."""
    from dashboard import blocks

    byline = blocks.CONTENT["byline"]

    def with_stamp(b, ctx):
        text = byline(b, ctx)
        return dataclasses.replace(text, text=f"{text.text} Data stamp {ctx.meta.stamp}.")

    monkeypatch.setitem(blocks.CONTENT, "byline", with_stamp)
    found = static_findings(built_data, tmp_path, inside)
    assert {f.split("'")[1] for f in found if "hex stamp" in f} == {reader.meta_from(built_data).stamp}


def test_a_term_the_pages_no_longer_spell_out_is_found(built_data, tmp_path, inside, monkeypatch):
    """With the text layer off, the static site's first uses of ICE, PSP, NLRB and cloture are found again."""
    from dashboard import gloss

    monkeypatch.setattr(gloss.Gloss, "__call__", lambda self, text: text)
    strings = site_strings(built_data, tmp_path)
    found = {(f.token, f.shown.where) for f in rt.first_uses(strings, inside)}
    assert {("ICE", "site:index.html"), ("PSP", "site:index.html"), ("NLRB", "site:index.html")} <= found
    assert ("cloture", "site:timeline.html") in found
