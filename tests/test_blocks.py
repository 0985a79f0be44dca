"""What the blocks say, for every renderer (``dashboard.blocks``): an inferred as-of date is labelled and linked to
how it was inferred, the story states only confirmed events, the data-quality caption counts corrections and open
questions as the reference files list them, and the labels keep the article's words."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from dashboard import blocks, spec
from dashboard.data import read_table
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
    n_corrections, n_questions = len(rows("corrections.csv")), len(rows("open_questions.csv"))
    assert f"{n_corrections} are corrections" in shown.text
    assert f"{n_questions} open questions" in shown.text
    assert [(link.page.slug, link.anchor) for link in shown.links] == [
        ("sources", "corrections"),
        ("sources", "open-questions"),
    ]


def test_labels_keep_the_articles_words(built_data, article_text):
    assert "wouldn’t consider" in article_text and ARTICLE_WORDS in article_text
    links = {link.page.slug: link.label for link in content("overview", "links", loader(built_data)).links}
    assert links["map"] == "Map: the 4 cities not considered, and the 12 participants"
    assert "derived" in links["senate-vote"]
    assert ARTICLE_WORDS in content("map", "heading", loader(built_data)).text
    cities = content("map", "table", loader(built_data)).frame
    assert (cities["status"].str.contains(ARTICLE_WORDS)).sum() == 4
    assert (cities["status"] == "2017 PSP participant").sum() == 12
