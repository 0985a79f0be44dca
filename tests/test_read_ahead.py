"""The articles read in a process of their own (``etl.read.ahead``) are the articles the refresh would read itself,
and a refresh whose reading process fails reads them itself."""

from __future__ import annotations

import shutil

from etl.build import build
from etl.gazetteer import Gazetteer
from etl.lexicon import load_lexicon
from etl.paths import DATA_DIR, REFERENCE_DIR, ROOT, SEEDS_DIR
from etl.read import ahead
from etl.read.known import Known
from etl.read.pipeline import Reader
from etl.seed import read_seeds

CORPUS = ROOT / "tests" / "articles" / "corpus"


def test_the_reading_process_reads_what_the_refresh_would(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, seeds)
    for suffix in (".txt", ".toml"):
        shutil.copy(CORPUS / f"wire_dateline_albuquerque{suffix}", seeds)
    early = ahead.Ahead(seeds, REFERENCE_DIR).readings()
    reader = Reader(Known.read(REFERENCE_DIR), Gazetteer(), load_lexicon())
    here = [reader.read(s) for s in read_seeds(seeds)]
    assert early is not None and len(early) == 2
    for a, b in zip(early, here, strict=True):
        assert a.article == b.article
        assert (a.sentences, a.mentions, a.places, a.dates) == (b.sentences, b.mentions, b.places, b.dates)
        assert (a.counts, a.tallies, a.quotes, a.people) == (b.counts, b.tallies, b.quotes, b.people)


def test_a_failed_reading_process_leaves_the_refresh_to_read(monkeypatch, tmp_path):
    def broken(*args):
        raise RuntimeError("the reading process died")

    monkeypatch.setattr(ahead, "read_all", broken)
    early = ahead.Ahead(SEEDS_DIR, REFERENCE_DIR)
    assert early.readings() is None
    tables = build(SEEDS_DIR, REFERENCE_DIR, previous=DATA_DIR, ahead=early.readings)
    assert len(tables["sentences"]) == 22 and len(tables["claims"]) == 15


def test_readings_of_other_articles_are_not_used(tmp_path):
    """Readings of a folder that has changed since (another article) are read again, not trusted."""
    other = tmp_path / "seeds"
    other.mkdir()
    for suffix in (".txt", ".toml"):
        shutil.copy(CORPUS / f"law_blog_nlrb{suffix}", other)
    stale = ahead.Ahead(other, REFERENCE_DIR).readings()
    tables = build(SEEDS_DIR, REFERENCE_DIR, previous=DATA_DIR, ahead=lambda: stale)
    assert set(tables["articles"]["article_id"]) == {"000_94e04342a6ea52d8"}
