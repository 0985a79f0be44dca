"""The scale benchmark's synthetic articles are real inputs: the ETL reads each one as its own article."""

from __future__ import annotations

import random

from benchmarks.etl_scale import synthetic_articles
from etl.build import build
from etl.paths import REFERENCE_DIR


def test_synthetic_articles_vary_the_seed_and_all_reach_the_tables(tmp_path):
    synthetic_articles(3, tmp_path, random.Random(7))
    tables = build(tmp_path, REFERENCE_DIR)
    assert sorted(tables["articles"]["article_id"]) == ["synthetic_0000", "synthetic_0001", "synthetic_0002"]
    excluded = tables["claims"].query("kind == 'city'").groupby("article_id")["ref_id"].apply(frozenset)
    assert len(excluded) == 3 and all(len(cities) == 4 for cities in excluded)
    assert len(set(excluded)) == 3  # each article lists its own four cities
    assert "baltimore-md" not in set(tables["claims"]["ref_id"])
    tallies = tables["figures"].query("kind == 'vote_tally'")
    assert len(tallies) == 3 and all(sum(map(int, v.split("-"))) == 98 for v in tallies["value"])
