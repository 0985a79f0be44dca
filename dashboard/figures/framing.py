"""The one helper that makes every chart stand alone: title, subtitle, source line, as-of date and data stamp
inside the figure, on an opaque card, so a screenshot or exported PNG carries its own credit."""

from __future__ import annotations

import html

import plotly.graph_objects as go

from dashboard import fmt, theme
from dashboard.meta import Meta
from dashboard.words import say

MARGIN = dict(t=118, b=64, l=24, r=24)  # the title block above, the credit line below


WRAP_MAX = 900  # px: on screen a chart stretches to its column; wrap as if it were at most this wide
CHAR_EM = 0.55  # average glyph width of the sans-serif stack, in ems
BOLD = 1.1  # bold glyphs are wider
TITLE_LINE = 28  # px per extra line of a wrapped title


def wrap(text: str, width_px: float, font_px: int, tail: str = "") -> str:
    """Break ``text`` at spaces into lines that fit ``width_px``; ``tail`` is kept whole on the last line."""
    return "<br>".join(fmt.wrap_words(text, max(20, int(width_px / (CHAR_EM * font_px))), tail))


def esc(value) -> str:
    """Data text made inert for Plotly's pseudo-HTML (titles, hover, labels): no tags, no links."""
    return html.escape("" if value is None else str(value), quote=False)


def mention_lines(mentions: list[str], limit: int = 60) -> list[str]:
    """Hover lines listing where a fact is named, newest article first (``tables.mention_lines``), escaped."""
    if not mentions:
        return []
    return [say("coverage.hover", n=len(mentions))] + [
        "· " + "<br>  ".join(fmt.wrap_words(esc(m), limit)) for m in mentions
    ]


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
    """Add the title block and the credit line; fix the size, fonts and background. Long subtitles and credit
    lines wrap to the figure's width (Plotly does not wrap text), and the margins grow to hold them."""
    width, height = size
    room = min(width, WRAP_MAX) - 40
    title = wrap(title, room, round(theme.TITLE_SIZE * BOLD))
    subtitle = wrap(subtitle, room, theme.SUBTITLE_SIZE)
    credit = wrap(
        f"Source: {source}", room, theme.NOTE_SIZE, tail=f"· Article as of {meta.as_of_human} · data {meta.stamp}"
    )
    title_lines = title.count("<br>")
    extra_top = (TITLE_LINE + 12) * title_lines + 18 * subtitle.count("<br>")  # the subtitle moves down more
    extra_bottom = 14 * credit.count("<br>")
    margin = dict(margin or {})
    margin["t"] = margin.get("t", MARGIN["t"]) + extra_top
    margin["b"] = margin.get("b", MARGIN["b"]) + extra_bottom
    fig.update_layout(
        title=dict(
            text=f"<b>{title}</b>",
            x=0.01,
            xanchor="left",
            y=0.975 - TITLE_LINE * title_lines / height,  # Plotly sets a wrapped title's first line above y
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
        margin=MARGIN | margin,
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
            return ann.text.replace("<br>", " ")
    return ""
