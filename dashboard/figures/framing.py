"""The one helper that makes every chart stand alone: title, subtitle, legend, source line, as-of date and data
stamp inside the figure, on an opaque card, so a screenshot or exported PNG carries its own credit.

Every chart is built for the width it will be drawn at (``size[0]``, CSS px) and lays out for its width class
(``theme.width_class``): fonts, wrapping and the legend's place follow the width. Plotly does not wrap text or
keep its legend clear of titles, so the layout is computed here, in pixels, top to bottom:

    title lines · subtitle lines · [legend rows: wide] · plot · axis room · [legend rows: narrow, medium] · credit
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import dataclass

import plotly.graph_objects as go

from dashboard import fmt, theme
from dashboard.gloss import Gloss
from dashboard.meta import Meta
from dashboard.words import say

CHAR_EM = 0.55  # average glyph width of the sans-serif stack, in ems
BOLD = 1.1  # bold glyphs are wider
LEGEND_FONT = 12
LEGEND_ROW = 20  # px per legend row (12 px text)
LEGEND_SYMBOL = 56  # px Plotly adds to an entry's text: the symbol, its gap, the space to the next entry
# Plotly (4.x) sets a title of one line with its top at y, and a title of several lines with its first baseline at
# y: such a title is moved down this many ems so that its first line, too, starts at the card's padding.
TITLE_HANG = 0.7


@dataclass(frozen=True)
class Fonts:
    title: int
    subtitle: int
    note: int
    pad: int  # px of card around the text


FONTS = {
    theme.NARROW: Fonts(title=18, subtitle=13, note=11, pad=10),
    theme.MEDIUM: Fonts(title=20, subtitle=14, note=11, pad=16),
    theme.WIDE: Fonts(title=theme.TITLE_SIZE, subtitle=theme.SUBTITLE_SIZE, note=theme.NOTE_SIZE, pad=20),
}


def fonts(width: float) -> Fonts:
    return FONTS[theme.width_class(width)]


def text_width(text: str, font_px: float) -> float:
    """Estimated px width of one line of plain text."""
    return len(text) * CHAR_EM * font_px


def wrap(text: str, width_px: float, font_px: float, tail: str | tuple[str, ...] = "") -> str:
    """Break ``text`` at spaces into lines that fit ``width_px``; ``tail`` (or each of several) is kept whole."""
    return "<br>".join(fmt.wrap_words(text, max(12, int(width_px / (CHAR_EM * font_px))), tail))


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


def legend_entries(fig: go.Figure) -> list[str]:
    return [t.name for t in fig.data if t.name and t.showlegend is not False]


def legend_rows(names: list[str], width: float) -> tuple[int, int]:
    """(rows of text, text width in px of every entry) of a horizontal legend with equal entries across ``width``
    px; Plotly adds the symbol's room to each entry's text width. An entry of several lines (``fit_legend``) makes
    its row as many lines tall."""
    if not names:
        return 0, 0
    lines = [html.unescape(n).split("<br>") for n in names]
    text = math.ceil(max(text_width(line, LEGEND_FONT) for entry in lines for line in entry) + 10)
    per_row = max(1, int(width // (text + LEGEND_SYMBOL)))
    return sum(max(len(e) for e in lines[i : i + per_row]) for i in range(0, len(lines), per_row)), text


def fit_legend(fig: go.Figure, width: float) -> go.Figure:
    """Each legend entry too long for the chart's width (``width``, the figure's) wrapped onto lines that fit, so a
    label that keeps the article's words whole is never cut off at the chart's edge on a phone."""
    room = width - 2 * fonts(width).pad - LEGEND_SYMBOL - 10
    for trace in fig.data:
        if trace.name and text_width(html.unescape(trace.name), LEGEND_FONT) > room:
            trace.name = wrap(trace.name, room, LEGEND_FONT)
    return fig


@dataclass(frozen=True)
class Plan:
    """Where everything goes, in px: the wrapped texts, the margins Plotly gets, the legend's row."""

    width: int
    height: int
    top: int
    bottom: int
    left: int
    right: int
    title: str
    subtitle: str
    credit: str
    credit_h: int
    legend_y: int
    legend_entry: int
    fonts: Fonts

    @property
    def plot_width(self) -> int:
        return self.width - self.left - self.right

    @property
    def plot_height(self) -> int:
        return self.height - self.top - self.bottom

    @property
    def cls(self) -> str:
        return theme.width_class(self.width)


def dated(meta: Meta) -> tuple[str, ...]:
    """The credit's date of what a chart draws: the article's as-of date, or, when the data holds several articles
    (every chart draws from all of them), the as-of dates of the oldest and the newest. Each piece is kept whole
    when the credit wraps."""
    if not meta.several:
        return (say("charts.credit.tail", as_of=meta.as_of_human),)
    first = say("charts.credit.tail-reports", first=meta.first_as_of_human)
    if meta.first_as_of == meta.as_of and meta.first_inferred == meta.as_of_inferred:
        return (first,)
    return first, say("charts.credit.tail-reports-to", last=meta.as_of_human)


def plan(
    size: tuple[int, int | None],
    *,
    title: str,
    subtitle: str,
    source: str,
    meta: Meta,
    legend: list[str] = (),
    margin: dict | None = None,
    axis_room: int = 0,
    axis_top: int = 0,
    plot_height: float | Callable[[int], float] | None = None,
) -> Plan:
    """Lay a chart out for its width. ``size``: (width, height); a height of ``None`` is the title block + the
    plot's height (``plot_height``: px, or a function of the plot's width) + the bottom block. ``legend``: the
    entries' names. ``margin``: extra left/right px the plot needs (tick labels). ``axis_room``: px under the
    plot for its axis; ``axis_top``: above it."""
    width, height = size
    f = fonts(width)
    room = width - 2 * f.pad
    spelled = Gloss()  # a chart stands alone: its title block spells out each term at its first use
    title = wrap(spelled(title), room, f.title * BOLD)
    subtitle = wrap(spelled(subtitle), room, f.subtitle)
    tail = (*dated(meta), say("charts.credit.data", date=meta.data_as_of_human))
    credit = wrap(spelled(fmt.source_line(source)), room, f.note, tail=tail)
    n_title, n_sub, n_credit = (t.count("<br>") + 1 for t in (title, subtitle, credit))
    margin = margin or {}
    left, right = f.pad + margin.get("l", 0), f.pad + margin.get("r", 0)
    rows, entry = legend_rows(list(legend), width - left - right)  # Plotly wraps a legend to the plot's width
    legend_h = rows * LEGEND_ROW + (6 if rows else 0)
    top_of_legend = f.pad + round(n_title * f.title * 1.3) + round(n_sub * f.subtitle * 1.4) + 12
    on_top = theme.width_class(width) == theme.WIDE
    top = top_of_legend + (legend_h if on_top else 0) + 10 + axis_top
    credit_h = round(n_credit * f.note * 1.35) + f.pad
    bottom = axis_room + (0 if on_top else legend_h + 4) + credit_h + 6
    if height is None:
        ph = plot_height(width - left - right) if callable(plot_height) else plot_height
        height = round(top + (ph if ph is not None else 0.55 * width) + bottom)
    legend_y = top_of_legend if on_top else height - credit_h - legend_h - 2
    return Plan(width, height, top, bottom, left, right, title, subtitle, credit, credit_h, legend_y, entry, f)


def apply(fig: go.Figure, p: Plan, chart_id: str, meta: Meta) -> go.Figure:
    """Put the planned title block, legend and credit line on ``fig``; fix the size, fonts and background."""
    f = p.fonts
    fig.update_layout(
        title=dict(
            text=f"<b>{p.title}</b>",
            x=f.pad / p.width,
            xanchor="left",
            y=1 - (f.pad + (TITLE_HANG * f.title if "<br>" in p.title else 0)) / p.height,
            yanchor="top",
            yref="container",
            pad=dict(t=0, b=0, l=0, r=0),
            font=dict(size=f.title, color=theme.INK),
            subtitle=dict(text=p.subtitle, font=dict(size=f.subtitle, color=theme.MUTED)),
        ),
        font=dict(family=theme.FONT, size=theme.BODY_SIZE, color=theme.INK),
        paper_bgcolor=theme.CARD,
        plot_bgcolor=theme.CARD,
        width=p.width,
        height=p.height,
        margin=dict(t=p.top, b=p.bottom, l=p.left, r=p.right, autoexpand=False),
        showlegend=bool(p.legend_entry),
        legend=dict(
            orientation="h",
            x=f.pad / p.width,
            xanchor="left",
            y=1 - p.legend_y / p.height,
            yanchor="top",
            yref="container",
            entrywidth=p.legend_entry,
            entrywidthmode="pixels",
            font=dict(size=LEGEND_FONT),
            tracegroupgap=0,
            itemsizing="constant",
        ),
        hoverlabel=dict(font=dict(family=theme.FONT, size=13), align="left"),
        meta=dict(chart_id=chart_id, stamp=meta.stamp, as_of=meta.as_of, width=p.width, width_class=p.cls),
    )
    fig.add_annotation(
        text=p.credit,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-(p.bottom - p.credit_h + 2),
        xshift=-(p.left - f.pad),
        xanchor="left",
        yanchor="top",
        showarrow=False,
        align="left",
        font=dict(size=f.note, color=theme.MUTED),
        name="credit",
    )
    return fig


def with_tool_band(fig: go.Figure, band: int) -> go.Figure:
    """``fig`` (just built, not yet shared) with ``band`` px of room added above its title, for the tool bar a page
    of the app shows at the chart's top right: at all times where a reader cannot hover (a phone, a tablet), where it
    would cover the end of the title's first line. Everything keeps its place from the chart's bottom: the plot
    area and what is placed on it, and the title and legend (placed from the top of the chart, so moved down)."""
    height = fig.layout.height
    fig.layout.height = height + band
    fig.layout.margin.t += band
    for placed in (fig.layout.title, fig.layout.legend):
        if placed.yref == "container" and placed.y is not None:
            placed.y = placed.y * height / (height + band)
    return fig


def frame(
    fig: go.Figure,
    *,
    title: str,
    subtitle: str,
    source: str,
    meta: Meta,
    size: tuple[int, int | None],
    chart_id: str = "",
    **layout,
) -> go.Figure:
    """``plan`` + ``apply`` for a chart that needs no pixel positions before it is framed (the README's recipe
    for adding a chart)."""
    p = plan(size, title=title, subtitle=subtitle, source=source, meta=meta, legend=legend_entries(fig), **layout)
    return apply(fig, p, chart_id, meta)
