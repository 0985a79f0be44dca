"""Every shareable chart by id, and the pure builders behind them (DataFrames in, ``go.Figure`` out; no
Streamlit). Pages, card mode, the static site and the export all build charts through :func:`build`, so each
chart has exactly one definition. Its words (title, subtitle, source, alt text) are in ``words.toml``.

Add a chart: a builder module here, one line in ``CHARTS``, one line in ``dashboard/spec.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard import reports, tables, theme
from dashboard.figures import map as map_fig
from dashboard.figures import reported as reported_fig
from dashboard.figures import timeline as timeline_fig
from dashboard.figures import vote as vote_fig
from dashboard.meta import Meta
from dashboard.words import say, section

Loader = Callable[[str], pd.DataFrame]


def _mentions(load: Loader, ids) -> dict[str, list[str]]:
    """Id -> where the articles name it, newest article first (for the hover)."""
    cover = tables.coverage(load)
    return {i: tables.mention_lines(cover, i) for i in ids}


def _map(load: Loader, meta: Meta, size, show: str = "all", compact: bool = False, **_) -> go.Figure:
    sentences = tables.sentence_text(load("sentences"))
    cities = load("cities")
    said = tables.Words(load)
    words = {r["city_id"]: tables.city_words(r, load, said) for _, r in cities.iterrows()}
    return map_fig.city_map(
        cities,
        load("state_shapes"),
        sentences,
        meta,
        mentions=_mentions(load, cities["city_id"]),
        words=words,
        show=show,
        size=size,
        compact=compact,
        reports=tables.reports_giving(load, "city", cities.loc[cities["status"] == "excluded", "city_id"], "excluded"),
    )


def _seats(load: Loader, meta: Meta, size, senators: set[str] | None = None, **_) -> go.Figure:
    vote = tables.article_vote(load("votes"))
    reports = tables.reports_giving(load, "vote", [vote["vote_id"]])
    return vote_fig.hemicycle(
        tables.article_positions(load), vote, meta, highlight=senators, size=size, reports=reports
    )


def _tally(load: Loader, meta: Meta, size, **_) -> go.Figure:
    votes = load("votes")
    given = {v: tables.reports_giving(load, "vote", [v]) for v in votes["vote_id"]}
    given[""] = tables.reports_giving(load, "vote", votes["vote_id"])  # any of them: the source line
    return vote_fig.tally_bars(votes, meta, size=size, reports=given)


def _states(load: Loader, meta: Meta, size, state: str | None = None, **_) -> go.Figure:
    return vote_fig.state_grid(tables.article_positions(load), meta, highlight_state=state, size=size)


def _timeline(load: Loader, meta: Meta, size, event: str | None = None, **_) -> go.Figure:
    events = tables.charted_events(load)
    said = tables.Words(load)
    quoted = events[events["in_article"] & events["article_id"].map(lambda a: isinstance(a, str))]
    pairs = zip(quoted["event_id"], quoted["article_id"], strict=True)  # each row gives one report's words
    report_words = {e: tables.report_words(said.articles, a) for e, a in pairs} if said.several else None
    return timeline_fig.timeline(
        events,
        meta,
        sources=load("sources"),
        source_words=dict(zip(events["event_id"], events["source"].map(said.source), strict=True)),
        highlight=event,
        size=size,
        mentions=_mentions(load, events["event_id"]),
        n_articles=len(load("articles")),
        reports=tables.reports_giving(load, ("event", "expected"), events["event_id"]),
        report_words=report_words,
    )


def _reported(load: Loader, meta: Meta, size, **_) -> go.Figure:
    return reported_fig.dot_matrix(reports.matrix(load), meta, size=size)


@dataclass(frozen=True)
class Chart:
    chart_id: str
    build: Callable[..., go.Figure]  # (load, meta, size, **view) -> Figure
    positions: bool = False  # it draws the per-senator positions: its alt text says whether they are derived

    def alt(self, load: Loader) -> str:
        """One sentence for screen readers and captions. A chart of the per-senator positions says they are derived
        when they are, as its subtitle does (``{derived}`` in its words). With several articles, a chart whose alt
        text speaks of the article has words for the reports (``alt-several``)."""
        if not self.positions:
            several = "alt-several" in section(f"charts.{self.chart_id}") and tables.several(load)
            return say(f"charts.{self.chart_id}.alt-several" if several else f"charts.{self.chart_id}.alt")
        derived = tables.article_positions(load)["derived"].all()
        return say(f"charts.{self.chart_id}.alt", derived=say(f"charts.{self.chart_id}.alt-derived") if derived else "")


CHARTS: dict[str, Chart] = {
    c.chart_id: c
    for c in [
        Chart("map", _map),
        Chart("senate-seats", _seats, positions=True),
        Chart("senate-tally", _tally),
        Chart("senate-states", _states, positions=True),
        Chart("timeline", _timeline),
        Chart("reports", _reported),
    ]
}


def build(chart_id: str, load: Loader, meta: Meta, size: tuple[int, int | None] | None = None, **view) -> go.Figure:
    """One chart at ``size`` = (width, height) in CSS px. It lays out for its width class
    (``theme.width_class``); a height of ``None`` (the default) lets the chart take the height its width needs.
    Without a size it is drawn at ``theme.DEFAULT_WIDTH``."""
    return CHARTS[chart_id].build(load, meta, size or (theme.DEFAULT_WIDTH, None), **view)


def _png_date(iso: str, inferred: bool) -> str:
    return say("charts.credit.png-as-of-inferred" if inferred else "charts.credit.png-as-of", date=iso)


def png_name(chart_id: str, meta: Meta) -> str:
    """The name a chart's PNG is saved under: which chart, the article's as-of date (marked inferred when it is)
    and the data's date, in readers' words (``map-article-as-of-2017-08-03-inferred-data-as-of-2022-11-04``); with
    several articles, the as-of dates of the oldest and the newest, as its credit gives them."""
    as_of = _png_date(meta.as_of, meta.as_of_inferred)
    if meta.several:
        first = _png_date(meta.first_as_of, meta.first_inferred)
        return say("charts.credit.png-several", chart=chart_id, first=first, last=as_of, data_as_of=meta.data_as_of)
    return say("charts.credit.png", chart=chart_id, as_of=as_of, data_as_of=meta.data_as_of)


def export_config(chart_id: str, meta: Meta) -> dict:
    """Plotly modebar config: PNG at 2x with a file name that says what and which data."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": "png",
            "scale": theme.EXPORT_SCALE,
            "filename": png_name(chart_id, meta),
        },
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
    }
