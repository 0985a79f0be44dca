"""Many articles in data/ (the seed, the follow-up and every article of the annotated corpus, twenty-five today; the
issue asks for fifteen): the refresh takes them all, and every page of the app and of the static site still runs."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import embed, site, spec
from dashboard.reader import meta_from, read_table
from etl.paths import ROOT, SEEDS_DIR

CORPUS = ROOT / "tests" / "articles" / "corpus"
FOLLOW_UP = ROOT / "tests" / "articles" / "followup_2017-09-26"


ARTICLES = [*sorted(SEEDS_DIR.glob("*.txt")), FOLLOW_UP.with_suffix(".txt"), *sorted(CORPUS.glob("*.txt"))]


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("many")
    seeds = root / "seeds"
    shutil.copytree(SEEDS_DIR, seeds)
    for source in [FOLLOW_UP.with_suffix(".txt"), *sorted(CORPUS.glob("*.txt"))]:
        for suffix in (".txt", ".toml"):
            shutil.copy(source.with_suffix(suffix), seeds)
    cmd = [sys.executable, "-m", "etl", "--seeds", str(seeds), "--out", str(root / "out")]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return str(root / "out")


def test_the_refresh_takes_many_articles(many):
    articles = pd.read_parquet(f"{many}/articles.parquet")
    assert len(ARTICLES) >= 15
    assert sorted(articles["article_id"]) == sorted(path.stem for path in ARTICLES)
    claims = pd.read_parquet(f"{many}/claims.parquet")
    # the nine on the vote alone (the follow-up, the law blog, the legal update, the political site, the advocacy
    # page, the senator's release, a union bulletin, a law firm's client alert, a Senate floor log) name none (the
    # Spanish weekly's edition, whose list is split over two clauses after its count, now names all four); nor do a
    # news quiz, whose questions and answers give no city that role, and a corrections column whose "They were sent
    # … to Stockton, Calif., not Sacramento, and to …" the reader does not tie to the letters (a known gap)
    naming = set(claims.loc[(claims["kind"] == "city") & (claims["value"] == "excluded"), "article_id"])
    assert sorted({a for a in articles["article_id"]} - naming) == [
        "advocacy_workers",
        "followup_2017-09-26",
        "heldout12_news_quiz",
        "heldout13_corrections_column",
        "heldout2_legal_update",
        "heldout3_senator_release",
        "heldout5_union_bulletin",
        "heldout6_client_alert",
        "heldout7_floor_log",
        "law_blog_nlrb",
        "politics_site_kaplan",
    ]
    cities = pd.read_parquet(f"{many}/cities.parquet")
    assert sorted(cities.loc[cities["status"] == "excluded", "city_id"]) == [
        "albuquerque-nm",
        "baltimore-md",
        "san-bernardino-ca",
        "stockton-ca",
    ]
    assert int((cities["status"] == "participant").sum()) == 12


@pytest.mark.parametrize("page", spec.PAGES, ids=lambda p: p.slug)
def test_every_page_runs_with_many_articles(many, page, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", many)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    if page != spec.PAGES[0]:
        at.switch_page(page.file).run()
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    if page.slug in ("overview", "article"):
        (picker,) = [s for s in at.selectbox if len(s.options) == len(ARTICLES)]  # the picker lists them all
        # the overview opens on every report's story (no article picked); the Article page on the newest article
        assert (picker.value is None) == (page.slug == "overview")


def test_the_static_site_renders_every_page_with_many_articles(many):
    from pathlib import Path

    folder = Path(many)
    figs = embed.Figures(lambda name: read_table(folder, name), meta_from(folder))
    for page in spec.PAGES:
        html = site.render(page, figs, embed.Output())
        assert "</html>" in html and "Traceback" not in html
