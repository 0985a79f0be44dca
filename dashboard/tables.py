"""Tables as readers see them, by id: which rows and columns of ``data/`` each page shows. Shared by the app
and the static site (one definition each); pure pandas, no Streamlit."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from dashboard.fmt import when

Loader = Callable[[str], pd.DataFrame]


def article_vote(votes: pd.DataFrame) -> pd.Series:
    """The vote the article reports (the one with positions to draw)."""
    reported = votes[votes["in_article"]]
    return (reported if len(reported) else votes).sort_values("date").iloc[0]


def article_positions(load: Loader) -> pd.DataFrame:
    """Every senator's position on the article's vote."""
    positions = load("vote_positions")
    return positions[positions["vote_id"] == article_vote(load("votes"))["vote_id"]]


def facts(load: Loader) -> dict[str, object]:
    """The numbers and names the pages' words are filled with (``{nominee}``, ``{yea}``...), from the tables."""
    vote = article_vote(load("votes"))
    status = load("cities")["status"]
    return {
        "article_title": str(load("articles")["title"].iloc[0]),
        "nominee": vote["nominee_name"],
        "yea": vote["yea"],
        "nay": vote["nay"],
        "tally": vote["article_tally"],
        "vote_id": vote["vote_id"],
        "n_excluded": int((status == "excluded").sum()),
        "n_participants": int((status == "participant").sum()),
    }


def sentence_text(sentences: pd.DataFrame) -> dict[str, str]:
    return dict(zip(sentences["sentence_id"], sentences["text"], strict=True))


def cities(load: Loader, show: str = "all") -> pd.DataFrame:
    rows = load("cities")
    if show != "all":
        rows = rows[(rows["status"] == show) | (rows["psp_site_type"] == show)]
    text = sentence_text(load("sentences"))
    return rows.assign(article_sentence=rows["sentence_id"].map(text))[
        [
            "name",
            "state",
            "status",
            "psp_site_type",
            "population",
            "population_source",
            "lat",
            "lon",
            "source",
            "article_sentence",
        ]
    ].sort_values(["status", "name"])


def events(load: Loader) -> pd.DataFrame:
    frame = load("events")
    return frame.assign(when=[when(r) for _, r in frame.iterrows()])[
        ["when", "title", "category", "in_article", "surface", "status", "phase", "source", "confidence"]
    ]


def figures(load: Loader) -> pd.DataFrame:
    shown = load("figures").merge(load("sentences")[["sentence_id", "text"]], on="sentence_id")
    return shown[["surface", "kind", "value", "unit", "method", "text"]]


SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def quality(load: Loader) -> pd.DataFrame:
    """Errors first, then reviewed warnings, then agreements and open questions."""
    dq = load("data_quality")
    ordered = dq.assign(_o=dq["severity"].map(SEVERITY_ORDER)).sort_values(["_o", "kind", "check_id"])
    return ordered[["severity", "kind", "surface", "message", "resolution", "sentence_id", "source"]]


def positions(load: Loader, found: pd.DataFrame | None = None) -> pd.DataFrame:
    rows = article_positions(load) if found is None else found
    return rows[["senator", "party", "state", "position", "derived", "source"]]


VIEWS: dict[str, Callable[..., pd.DataFrame]] = {
    "cities": cities,
    "events": events,
    "figures": figures,
    "quality": quality,
    "positions": positions,
}

ENTITY_COLUMNS = {"cities": "city_id", "votes": "nominee", "quotes": "speaker_entity_id"}


def entity_rows(entity_id: str, load: Loader) -> dict[str, pd.DataFrame]:
    """Rows of the other tables that name an entity (a city's row, a nominee's vote, a speaker's quote)."""
    out = {}
    for table, column in ENTITY_COLUMNS.items():
        frame = load(table)
        rows = frame[frame[column] == entity_id]
        if len(rows):
            out[table] = rows
    return out
