"""Every shareable chart by id: which tables it needs and how it is built. Pages, card mode and the export
all go through here, so there is exactly one definition of each chart."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard import theme
from dashboard.figures import map as map_fig
from dashboard.figures import timeline as timeline_fig
from dashboard.figures import vote as vote_fig
from dashboard.figures.framing import Meta

Loader = Callable[[str], pd.DataFrame]


def article_vote(votes: pd.DataFrame) -> pd.Series:
    """The vote the article reports (the one with positions to draw)."""
    reported = votes[votes["in_article"]]
    return (reported if len(reported) else votes).sort_values("date").iloc[0]


def _sentences(load: Loader) -> dict[str, str]:
    s = load("sentences")
    return dict(zip(s["sentence_id"], s["text"], strict=True))


def _map(load: Loader, meta: Meta, size, show: str = "all", compact: bool = False, **_) -> go.Figure:
    return map_fig.city_map(
        load("cities"), load("state_shapes"), _sentences(load), meta, show=show, size=size, compact=compact
    )


def _seats(load: Loader, meta: Meta, size, senators: set[str] | None = None, **_) -> go.Figure:
    vote = article_vote(load("votes"))
    positions = load("vote_positions")
    return vote_fig.hemicycle(
        positions[positions["vote_id"] == vote["vote_id"]], vote, meta, highlight=senators, size=size
    )


def _tally(load: Loader, meta: Meta, size, **_) -> go.Figure:
    return vote_fig.tally_bars(load("votes"), meta, size=size)


def _states(load: Loader, meta: Meta, size, state: str | None = None, **_) -> go.Figure:
    vote = article_vote(load("votes"))
    positions = load("vote_positions")
    return vote_fig.state_grid(
        positions[positions["vote_id"] == vote["vote_id"]], meta, highlight_state=state, size=size
    )


def _timeline(load: Loader, meta: Meta, size, event: str | None = None, **_) -> go.Figure:
    return timeline_fig.timeline(load("events"), meta, highlight=event, size=size)


@dataclass(frozen=True)
class Chart:
    chart_id: str
    alt: str  # one sentence for screen readers and captions
    build: Callable[..., go.Figure]
    size: tuple[int, int] = theme.DEFAULT_SIZE


CHARTS: dict[str, Chart] = {
    c.chart_id: c
    for c in [
        Chart(
            "map",
            "Map of the lower 48 states: the excluded cities marked with vermillion diamonds, the participants "
            "with blue circles (operations sites) and light-blue squares (diagnostic sites).",
            _map,
            (1100, 680),
        ),
        Chart(
            "senate-seats",
            "Half-circle with one marker per senator: blue yea markers on the left, grey not-voting in the "
            "middle, orange nay on the right; circles are Republicans, squares Democrats, diamonds independents.",
            _seats,
        ),
        Chart(
            "senate-tally",
            "Stacked bars of yea, nay and not-voting counts for each recorded confirmation vote, with the "
            "majority of senators voting marked by a dotted line.",
            _tally,
            (1100, 420),
        ),
        Chart(
            "senate-states",
            "A tile per state with its two senators, coloured by vote and shaped by party.",
            _states,
            (1100, 640),
        ),
        Chart(
            "timeline",
            "Timeline of the story's events on lanes by topic; diamonds mark events the article mentions, circles "
            "context from cited sources, and later outcomes sit in a separate panel on the right.",
            _timeline,
            (1200, 640),
        ),
    ]
}


def build(chart_id: str, load: Loader, meta: Meta, size: tuple[int, int] | None = None, **view) -> go.Figure:
    chart = CHARTS[chart_id]
    return chart.build(load, meta, size or chart.size, **view)


def export_config(chart_id: str, meta: Meta) -> dict:
    """Plotly modebar config: PNG at 2x with a file name that says what and which data."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": "png",
            "scale": theme.EXPORT_SCALE,
            "filename": f"{chart_id}_{meta.as_of}_{meta.stamp}",
        },
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
    }
