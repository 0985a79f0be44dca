"""Tables as readers see them, shared by the app's pages and the static site (one definition each)."""

from __future__ import annotations

import pandas as pd

from dashboard.figures.timeline import when


def cities_view(cities: pd.DataFrame, sentences: pd.DataFrame, show: str = "all") -> pd.DataFrame:
    rows = cities if show == "all" else cities[(cities["status"] == show) | (cities["psp_site_type"] == show)]
    text = sentences.set_index("sentence_id")["text"]
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


def events_view(events: pd.DataFrame) -> pd.DataFrame:
    return events.assign(when=[when(r) for _, r in events.iterrows()])[
        ["when", "title", "category", "in_article", "surface", "status", "phase", "source", "confidence"]
    ]


def figures_view(figures: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    shown = figures.merge(sentences[["sentence_id", "text"]], on="sentence_id")
    return shown[["surface", "kind", "value", "unit", "method", "text"]]


SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def quality_view(dq: pd.DataFrame) -> pd.DataFrame:
    """Errors first, then reviewed warnings, then agreements and open questions."""
    ordered = dq.assign(_o=dq["severity"].map(SEVERITY_ORDER)).sort_values(["_o", "kind", "check_id"])
    return ordered[["severity", "kind", "surface", "message", "resolution", "sentence_id", "source"]]


def positions_view(positions: pd.DataFrame) -> pd.DataFrame:
    return positions[["senator", "party", "state", "position", "derived", "source"]]


ENTITY_COLUMNS = {"cities": "city_id", "votes": "nominee", "quotes": "speaker_entity_id"}


def entity_rows(entity_id: str, load) -> dict[str, pd.DataFrame]:
    """Rows of the other tables that name an entity (a city's row, a nominee's vote, a speaker's quote)."""
    out = {}
    for table, column in ENTITY_COLUMNS.items():
        frame = load(table)
        rows = frame[frame[column] == entity_id]
        if len(rows):
            out[table] = rows
    return out
