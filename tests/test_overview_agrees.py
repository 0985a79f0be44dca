"""The overview's count of cities not considered is the map's (issue 39): a newer report that names only some of the
four, or a fifth, changes neither; the report's own count is said in the metric's help."""

from __future__ import annotations

import pandas as pd

from dashboard import story

TWO = (
    "Two cities answer Sessions\n\n"
    "The Justice Department would not consider Baltimore and Stockton for its partnership until they agree to step "
    "up assistance to immigration agents, officials said on Friday.\n"
)


def test_the_newest_reports_count_does_not_replace_the_maps(workspace):
    (workspace.seeds / "zz_two.txt").write_text(TWO, encoding="utf-8")
    (workspace.seeds / "zz_two.toml").write_text(
        'as_of = 2017-08-05\nas_of_method = "Set by the test."\npublisher = "Test desk"\n', encoding="utf-8"
    )
    assert workspace.etl().returncode == 0
    cache: dict[str, pd.DataFrame] = {}

    def load(name: str) -> pd.DataFrame:
        return cache.setdefault(name, workspace.read(name))

    first = story.metrics(load, "zz_two", source=lambda s: s)[0]
    assert first.value == "4"
    assert first.help == (
        "Not considered for the program until they agree to step up assistance to ICE agents: the cities on the map, "
        "which our cited records and the reports agree on. This article names 2 of them, in article:zz_two#s002; "
        "see Article & data."
    )
    cities = load("cities")
    assert int((cities["status"] == "excluded").sum()) == 4
