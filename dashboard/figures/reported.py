"""Who reported what as a chart: the story's facts down, the reports across (oldest first), a dot where a report
speaks of a fact, coloured and shaped by whether it agrees with our cited records (``dashboard.reports``). The
page's grid holds the words; this is its picture, for the share box and the PNG card."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard import fmt, reports, theme
from dashboard.figures import framing
from dashboard.gloss import Gloss
from dashboard.meta import Meta
from dashboard.words import say

STYLE = {  # status -> (colour, symbol, size): the colour-blind safe palette, told apart by shape too
    reports.AGREES: (theme.BLUE, "circle", 11),
    reports.DISAGREES: (theme.VERMILLION, "x", 15),
    reports.SILENT: (theme.BORDER, "circle-open", 7),
}
LABEL_SHARE = {theme.NARROW: 0.42, theme.MEDIUM: 0.36, theme.WIDE: 0.32}  # of the width, for the facts' names
LABEL_FONT = 12
LINE_PX = 15  # a line of a fact's name
ROW_MIN_PX = 26
MIN_DOT = 4  # px: the smallest dot, however many reports share the width
RIGHT = 36  # px right of the plot: room for half of the last report's date


def _labels(m: reports.Matrix, room: float) -> list[str]:
    """The facts' names, read top to bottom: each term spelled out at its first use."""
    g = Gloss()
    return [framing.wrap(framing.esc(g(f.label)), room, LABEL_FONT) for f in m.facts]


def _hover(m: reports.Matrix, fact: reports.Fact, r: reports.Report) -> str:
    c = m.cell(fact.key, r.report_id)
    lines = [framing.esc(r.label), framing.esc(fact.label), say(f"reports.{c.status}")]
    if c.quote:
        lines.append(framing.esc(say("blocks.quoted", text=c.quote)))
    if c.alarm:
        lines.append(framing.esc(say("reports.found", alarm=c.alarm)))
    if c.resolution:
        lines.append(framing.esc(c.resolution))
    g = Gloss()  # a hover is read alone: each term in it spelled out at its first use
    return "<br>".join(framing.wrap(g(line), 320, 13) for line in lines)


def _traces(fig: go.Figure, m: reports.Matrix, ys: list[float], dot: float) -> None:
    """One trace per status; ``ys``: each fact's row, ``dot``: the px a column leaves for a dot."""
    for status, (colour, symbol, size) in STYLE.items():
        xs, at, hover = [], [], []
        for fact, y in zip(m.facts, ys, strict=True):
            for i, r in enumerate(m.reports):
                if m.cell(fact.key, r.report_id).status == status:
                    xs.append(i)
                    at.append(y)
                    hover.append(_hover(m, fact, r))
        size = max(MIN_DOT, min(size, dot * size / STYLE[reports.AGREES][2]))
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=at,
                mode="markers",
                name=say(f"charts.reports.{status}"),
                marker=dict(color=colour, symbol=symbol, size=size, line=dict(width=1.5, color=colour)),
                hovertext=hover,
                hoverinfo="text",
            )
        )


def _rows(labels: list[str]) -> tuple[list[float], float]:
    """Each fact's row centre, in px from the top, as tall as its name's lines; and the rows' height."""
    heights = [max(ROW_MIN_PX, (label.count("<br>") + 1) * LINE_PX + 8) for label in labels]
    centres, top = [], 0.0
    for h in heights:
        centres.append(top + h / 2)
        top += h
    return centres, top


def _ticks(m: reports.Matrix) -> tuple[list[int], list[str]]:
    """The first and the last report's date under the axis (each column is named in the hover and on the page)."""
    ends = sorted({0, len(m.reports) - 1})
    return ends, [fmt.day(m.reports[i].as_of) for i in ends]


def dot_matrix(m: reports.Matrix, meta: Meta, size: tuple[int, int | None] = (theme.DEFAULT_WIDTH, None)) -> go.Figure:
    """The facts against the reports, one dot each (see the module's docstring)."""
    width = size[0]
    room = round(width * LABEL_SHARE[theme.width_class(width)])
    labels = _labels(m, room - 8)
    ys, rows_px = _rows(labels)
    plot_w = width - room - 2 * framing.fonts(width).pad - RIGHT
    fig = go.Figure()
    _traces(fig, m, ys, plot_w / max(len(m.reports), 1) * 0.8)
    framing.fit_legend(fig, width)
    p = framing.plan(
        size,
        title=say("charts.reports.title"),
        subtitle=m.summary(),
        source=say("charts.reports.source", n=m.n_articles),
        meta=meta,
        legend=framing.legend_entries(fig),
        margin={"l": room, "r": RIGHT},
        axis_room=44,
        plot_height=rows_px + 10,
    )
    tickvals, ticktext = _ticks(m)
    fig.update_xaxes(
        range=[-0.7, len(m.reports) - 0.3],
        tickvals=tickvals,
        ticktext=ticktext,
        showgrid=False,
        zeroline=False,
        title=dict(text=say("charts.reports.axis", n=len(m.reports)), standoff=6, font=dict(size=12)),
    )
    fig.update_yaxes(
        range=[rows_px + 5, -5],  # the first fact on top
        tickvals=ys,
        ticktext=labels,
        tickfont=dict(size=LABEL_FONT),
        gridcolor=theme.GRID,
        zeroline=False,
        automargin=False,
    )
    fig = framing.apply(fig, p, "reports", meta)
    fig.update_layout(legend_xref="container")  # under the facts' names too: the plot starts far right of the edge
    return fig
