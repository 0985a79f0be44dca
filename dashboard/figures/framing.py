"""The one helper that makes every chart stand alone: title, subtitle, source line, as-of date and data stamp
inside the figure, on an opaque card, so a screenshot or exported PNG carries its own credit."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

import plotly.graph_objects as go

from dashboard import theme

MARGIN = dict(t=118, b=64, l=24, r=24)  # the title block above, the credit line below


@dataclass(frozen=True)
class Meta:
    """What every chart must say about where it comes from."""

    as_of: str  # ISO date of the article
    stamp: str  # first characters of the datapackage hash
    article_title: str = ""

    @property
    def as_of_human(self) -> str:
        d = dt.date.fromisoformat(self.as_of)
        return f"{d.day} {d:%b %Y}"


def esc(value) -> str:
    """Data text made inert for Plotly's pseudo-HTML (titles, hover, labels): no tags, no links."""
    return html.escape("" if value is None else str(value), quote=False)


def frame(
    fig: go.Figure,
    *,
    title: str,
    subtitle: str,
    source: str,
    meta: Meta,
    size: tuple[int, int] = theme.DEFAULT_SIZE,
    chart_id: str = "",
    margin: dict | None = None,
) -> go.Figure:
    """Add the title block and the credit line; fix the size, fonts and background."""
    width, height = size
    credit = f"Source: {source} · Article as of {meta.as_of_human} · data {meta.stamp}"
    fig.update_layout(
        title=dict(
            text=f"<b>{title}</b>",
            x=0.01,
            xanchor="left",
            y=0.975,
            yanchor="top",
            yref="container",
            font=dict(size=theme.TITLE_SIZE, color=theme.INK),
            subtitle=dict(text=subtitle, font=dict(size=theme.SUBTITLE_SIZE, color=theme.MUTED)),
        ),
        font=dict(family=theme.FONT, size=theme.BODY_SIZE, color=theme.INK),
        paper_bgcolor=theme.CARD,
        plot_bgcolor=theme.CARD,
        width=width,
        height=height,
        margin=MARGIN | (margin or {}),
        hoverlabel=dict(font=dict(family=theme.FONT, size=13), align="left"),
        meta=dict(chart_id=chart_id, stamp=meta.stamp, as_of=meta.as_of),
    )
    fig.add_annotation(
        text=credit,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-44,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        align="left",
        font=dict(size=theme.NOTE_SIZE, color=theme.MUTED),
        name="credit",
    )
    return fig


def credit_text(fig: go.Figure) -> str:
    """The source line of a framed figure (for tests and alt text)."""
    for ann in fig.layout.annotations:
        if ann.name == "credit":
            return ann.text
    return ""
