"""The Senate vote: a seat chart of the senators, a tally bar with the majority line, and a state grid.

Each builder runs in steps: seat the senators (data → x, y) → traces → plan (``framing.plan``) → marks sized
for the planned px → annotations → axes → ``framing.apply``."""

from __future__ import annotations

import math
from importlib import resources

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import fmt, tables, theme
from dashboard.figures import framing
from dashboard.figures.framing import esc
from dashboard.meta import Meta
from dashboard.words import say, term

POSITION_ORDER = ("Yea", "Not Voting", "Present", "Nay")  # the roll call's positions, left to right
PARTY_ORDER = {"R": 0, "I": 1, "D": 2}
TALLY_COLUMNS = {"yea": "Yea", "nay": "Nay", "not_voting": "Not Voting"}  # votes column -> position


def position_label(position: str) -> str:
    return term("charts.positions", position)


def seat_positions(n: int, rows: int = 5, inner: float = 0.42) -> np.ndarray:
    """(x, y) of ``n`` seats on ``rows`` concentric half-rings, ordered from the left end to the right end."""
    radii = np.linspace(inner, 1.0, rows)
    share = radii / radii.sum()
    per_row = np.floor(share * n).astype(int)
    for i in np.argsort(-(share * n - per_row))[: n - per_row.sum()]:
        per_row[i] += 1
    seats = []
    for r, k in zip(radii, per_row, strict=True):
        for j in range(k):
            angle = math.pi * (1 - j / (k - 1)) if k > 1 else math.pi / 2
            seats.append((angle, r))
    seats.sort(key=lambda s: (-round(s[0], 6), s[1]))
    return np.array([(r * math.cos(a), r * math.sin(a)) for a, r in seats])


def _order(positions: pd.DataFrame) -> pd.DataFrame:
    rank = {p: i for i, p in enumerate(POSITION_ORDER)}
    return (
        positions.assign(_p=positions["position"].map(rank), _q=positions["party"].map(PARTY_ORDER))
        .sort_values(["_p", "_q", "state", "senator"], kind="mergesort")
        .drop(columns=["_p", "_q"])
    )


def _senator_hover(r) -> str:
    derived = say("charts.senate-seats.hover-derived") if r["derived"] else ""
    vote = say("charts.senate-seats.hover-vote", position=f"<b>{position_label(r['position'])}</b>", derived=derived)
    return f"<b>{esc(r['senator'])}</b> ({r['party']}-{r['state']})<br>{term('parties', r['party'])}<br>{vote}"


def _senator_traces(fig: go.Figure, seated: pd.DataFrame, *, size: int, counted: bool, customdata: str) -> None:
    """One trace per (vote, party): colour = vote, shape = party, so the legend explains both."""
    for pos in POSITION_ORDER:
        for party in ("R", "D", "I"):
            sub = seated[(seated["position"] == pos) & (seated["party"] == party)]
            if sub.empty:
                continue
            name = say("charts.senate-seats.legend", position=position_label(pos), party=term("parties", party))
            if counted:
                name = say("charts.common.counted", label=name, n=len(sub))
            marker = dict(
                color=theme.POSITION_COLOUR[pos],
                symbol=theme.PARTY_SYMBOL[party],
                size=size,
                line=dict(color=theme.INK, width=0.8),
            )
            fig.add_trace(
                go.Scatter(
                    x=sub["x"],
                    y=sub["y"],
                    mode="markers",
                    name=name,
                    marker=marker,
                    customdata=sub[customdata],
                    hovertext=[_senator_hover(r) for _, r in sub.iterrows()],
                    hovertemplate="%{hovertext}<extra></extra>",
                )
            )


def _is_senators(trace) -> bool:
    """The senators' traces carry an id per marker; a chosen senator's ring or a legend-only entry does not."""
    return trace.customdata is not None


def _domain(url: str) -> str:
    return esc(fmt.domain(url))


def _domains(urls) -> str:
    return ", ".join(sorted({_domain(u) for u in urls}))


def _derived_note(positions: pd.DataFrame, chart_id: str) -> str:
    return say(f"charts.{chart_id}.derived") if positions["derived"].all() else ""


# ---- the seat chart -----------------------------------------------------------------------------------------


def _seated(positions: pd.DataFrame) -> pd.DataFrame:
    """The senators in chamber order, each at a seat (x, y) of the half-circle."""
    seated = _order(positions).reset_index(drop=True)
    xy = seat_positions(len(seated))
    seated["x"], seated["y"] = xy[:, 0], xy[:, 1]
    return seated


def _rings(fig: go.Figure, seated: pd.DataFrame, highlight: set[str]) -> None:
    """Rings (sized with the seats, once laid out) and names over the chosen senators."""
    sub = seated[seated["senator"].isin(highlight)]
    fig.add_trace(
        go.Scatter(
            x=sub["x"],
            y=sub["y"],
            mode="markers+text",
            text=sub["senator"].map(esc),
            textposition="top center",
            name=say("charts.common.selected"),
            marker=dict(symbol="circle-open", color=theme.INK, line=dict(width=2.5)),
            hoverinfo="skip",
        )
    )


def _centre(fig: go.Figure, vote: pd.Series, seat: float, ppu: float, narrow: bool) -> None:
    """The tally in the middle of the chamber, and the line under it (clear of the innermost seats)."""
    fig.add_annotation(
        x=0,
        y=0.02,
        yanchor="bottom",
        text=f"<b>{vote['yea']}–{vote['nay']}</b>",
        showarrow=False,
        font=dict(size=min(44.0, 0.2 * ppu), color=theme.INK),
    )
    under = say(
        "charts.senate-seats.under",
        not_voting=vote["not_voting"],
        result=esc(vote["result"].lower()),
        date=fmt.day(vote["date"]),
    )
    fig.add_annotation(
        x=0,
        y=0,
        yshift=-(seat / 2 + 4),
        yanchor="top",
        text=under,
        showarrow=False,
        font=dict(size=14 if not narrow else 13, color=theme.MUTED),
    )


def hemicycle(
    positions: pd.DataFrame,
    vote: pd.Series,
    meta: Meta,
    *,
    highlight: set[str] | None = None,
    size: tuple[int, int | None] = (theme.DEFAULT_WIDTH, None),
    reports: int = 0,
) -> go.Figure:
    """One marker per senator: colour = how they voted, shape = party. ``highlight`` rings chosen senators.
    Markers and the tally in the middle scale with the width; the line under the chamber sits clear of it.
    ``reports``: with several articles (``meta.several``), how many give the vote's tally (its source line)."""
    seated = _seated(positions)
    fig = go.Figure()
    _senator_traces(fig, seated, size=15, counted=True, customdata="senator")  # sized below, once laid out
    if highlight:
        _rings(fig, seated, highlight)
    x_span, y_top = 2.2, 1.25 if highlight else 1.1  # room above the chamber for a chosen senator's name
    p = framing.plan(
        size,
        title=say("charts.senate-seats.title", nominee=esc(vote["nominee_name"]), yea=vote["yea"], nay=vote["nay"]),
        subtitle=say("charts.senate-seats.subtitle") + _derived_note(positions, "senate-seats"),
        source=say(
            "charts.senate-seats.source-several" if meta.several else "charts.senate-seats.source",
            record=_domain(vote["source"]),
            positions=_domains(positions["source"]),
            reports=_reports(reports),
        ),
        meta=meta,
        legend=framing.legend_entries(fig),
        plot_height=lambda w: w / x_span * (y_top + 0.3),
    )
    ppu = min(p.plot_width / x_span, p.plot_height / (y_top + 0.3))  # px per unit of the chamber's radius
    smallest, largest = theme.SEAT_PX
    seat = max(smallest, min(largest, 0.041 * ppu))
    for trace in fig.data:
        trace.marker.size = seat if _is_senators(trace) else seat * theme.RING_SCALE
    _centre(fig, vote, seat, ppu, p.cls == theme.NARROW)
    y_bottom = -(seat / 2 + 4 + 24) / ppu
    fig.update_xaxes(visible=False, range=[-x_span / 2, x_span / 2])
    fig.update_yaxes(visible=False, range=[y_bottom, y_top], scaleanchor="x", scaleratio=1)
    return framing.apply(fig, p, "senate-seats", meta)


# ---- the tally bars -----------------------------------------------------------------------------------------


def chamber_size(votes: pd.DataFrame) -> int:
    """Seats in the chamber, from the votes themselves: every member is yea, nay or not voting on a roll call
    (the largest total in any chamber drawn)."""
    members = votes["yea"] + votes["nay"] + votes["not_voting"]
    return int(members.groupby(votes["chamber"]).max().max())


def _bars(fig: go.Figure, votes: pd.DataFrame) -> None:
    """Yea, nay and not voting stacked per vote; the count inside each slice that holds it."""
    for col, pos in TALLY_COLUMNS.items():
        name = position_label(pos)
        fig.add_trace(
            go.Bar(
                y=list(range(len(votes))),
                x=votes[col],
                orientation="h",
                name=name,
                marker=dict(
                    color=theme.POSITION_COLOUR[pos],
                    line=dict(color=theme.INK, width=0.6),
                    pattern=dict(shape="/" if pos == "Not Voting" else ""),
                ),
                text=["" if pd.isna(n) else int(n) for n in votes[col]],  # no count where it is unconfirmed
                textposition="inside",
                insidetextanchor="middle",
                textfont=dict(color="white" if pos != "Not Voting" else theme.INK, size=15),
                hovertext=[esc(n) for n in votes["nominee_name"]],
                hovertemplate=f"%{{hovertext}}<br>{name}: %{{x}}<extra></extra>",
            )
        )


def _tally_title(votes: pd.DataFrame) -> str:
    """The first confirmation's result, then the later ones (a cloture vote is on the chart, not in its title)."""
    confirmations = votes[votes["motion"] == tables.CONFIRMATION]
    first = confirmations.iloc[0]
    later = ", ".join(
        say("charts.senate-tally.title-later", nominee=esc(r.nominee_name), yea=r.yea, nay=r.nay)
        for r in confirmations.iloc[1:].itertuples()
    )
    head = say("charts.senate-tally.title", first=esc(first["nominee_name"]), yea=first["yea"], nay=first["nay"])
    return "; ".join([head, later]).rstrip("; ")


def _reports(n: int) -> str:
    """'19 reports': how many of several articles give what a chart draws (its source line)."""
    return say("reports.n-reports-one" if n == 1 else "reports.n-reports", n=n)


def _when(r, day: str, given: dict[str, int] | None) -> str:
    """Whether an article gives the vote, or it came after the article's vote, or neither (its cloture). With several
    articles (``given``: vote id -> how many give its tally), how many reports give it."""
    if given is not None and (n := given.get(r.vote_id, 0)):
        return say("charts.senate-tally.in-reports-one" if n == 1 else "charts.senate-tally.in-reports", n=n)
    if given is not None and r.date <= day:
        return say("charts.senate-tally.not-in-reports")
    if r.in_article:
        return say("charts.senate-tally.in-article")
    return say("charts.senate-tally.later" if r.date > day else "charts.senate-tally.not-in-article")


def _label(r, day: str, given: dict[str, int] | None = None) -> str:
    """A vote's line above its bar: nominee, what was decided, day, tally (and how many did not vote, where known)."""
    fields = dict(
        nominee=esc(r.nominee_name),
        motion=term("charts.motions", r.motion),
        date=fmt.day(r.date),
        yea=r.yea,
        nay=r.nay,
        when=_when(r, day, given),
    )
    not_voting = tables.count(r.not_voting)
    if not_voting is None:
        return say("charts.senate-tally.row-unconfirmed", **fields)
    return say("charts.senate-tally.row", not_voting=not_voting, **fields)


def _row(fig: go.Figure, i: int, r, p: framing.Plan, row_px: float, day: str, given: dict[str, int] | None) -> None:
    """One vote's label above its bar, and the majority of those voting as a dotted line with its note."""
    label_px = 13 if p.cls == theme.NARROW else 14
    bar = theme.TALLY_BAR_PX
    label = _label(r, day, given)
    fig.add_annotation(
        xref="paper",
        x=0,
        y=i,
        yshift=bar / 2 + 2,
        xanchor="left",
        yanchor="bottom",
        align="left",
        text=framing.wrap(label, p.plot_width, label_px),
        showarrow=False,
        font=dict(size=label_px, color=theme.INK),
        name=f"row:{r.vote_id}",
    )
    voting = int(r.yea) + int(r.nay)
    needed = voting // 2 + 1
    half = bar / 2 / row_px  # half a bar, in rows
    fig.add_shape(
        type="line",
        x0=needed,
        x1=needed,
        y0=i - half - 4 / row_px,
        y1=i + half + 4 / row_px,
        line=dict(color=theme.INK, width=2, dash="dot"),
    )
    fig.add_annotation(
        x=needed,
        y=i,
        yshift=-(bar / 2 + 6),
        text=say("charts.senate-tally.majority", voting=voting, needed=needed),
        showarrow=False,
        yanchor="top",
        font=dict(size=11, color=theme.INK),
    )


def tally_bars(
    votes: pd.DataFrame,
    meta: Meta,
    size: tuple[int, int | None] = (theme.DEFAULT_WIDTH, None),
    reports: dict[str, int] | None = None,
) -> go.Figure:
    """Yea, nay and not voting for each recorded vote (a day's cloture above its confirmation), with the majority
    of those voting marked. Each bar's label sits above it (the tally in words, so a number too big for its slice
    is still on the chart), the majority note below it. The axis runs to the chamber's size, read from the votes.
    ``reports``: with several articles (``meta.several``), vote id -> how many give its tally, and ``""`` -> how
    many give any of them (each row and the source line say so)."""
    given = reports if meta.several and reports is not None else None
    votes = tables.in_order(votes).reset_index(drop=True)
    day = tables.article_vote(votes)["date"]
    fig = go.Figure()
    _bars(fig, votes)
    p = framing.plan(
        size,
        title=_tally_title(votes),
        subtitle=say("charts.senate-tally.subtitle", n=votes["nominee"].nunique()),
        source=say(
            "charts.senate-tally.source-several" if given is not None else "charts.senate-tally.source",
            records=_domains(votes["source"]),
            reports=_reports((given or {}).get("", 0)),
        ),
        meta=meta,
        legend=framing.legend_entries(fig),
        axis_room=theme.TALLY_AXIS_ROOM,
        plot_height=theme.TALLY_ROW_PX * len(votes),
    )
    row_px = p.plot_height / len(votes)
    for i, r in enumerate(votes.itertuples()):
        _row(fig, i, r, p, row_px, day, given)
    fig.update_layout(
        barmode="stack",
        bargap=1 - theme.TALLY_BAR_PX / row_px,
        uniformtext=dict(mode="hide", minsize=12),
        legend_traceorder="normal",
    )
    seats = chamber_size(votes)
    fig.update_xaxes(
        range=[0, seats],
        dtick=25 if p.cls == theme.NARROW else 10,
        gridcolor=theme.GRID,
        title=dict(text=say("charts.senate-tally.axis", n=seats), standoff=6, font=dict(size=12)),
    )
    fig.update_yaxes(visible=False, autorange="reversed", range=None)
    return framing.apply(fig, p, "senate-tally", meta)


# ---- the state grid -----------------------------------------------------------------------------------------


def tile_layout() -> pd.DataFrame:
    """Tile-grid positions of the states (a layout, not data)."""
    path = resources.files("dashboard") / "assets" / "state_tiles.csv"
    with path.open(encoding="utf-8") as f:
        return pd.read_csv(f)


def _grid_seats(positions: pd.DataFrame, tiles: pd.DataFrame) -> pd.DataFrame:
    """Each senator under their state's code: the state's two side by side."""
    seated = positions.merge(tiles, on="state").sort_values(["state", "party", "senator"])
    seated["slot"] = seated.groupby("state").cumcount()
    seated["x"] = seated["col"] + np.where(seated["slot"] == 0, -0.2, 0.2)
    seated["y"] = -seated["row"] - 0.18
    return seated


def _chosen_state(fig: go.Figure, state: str) -> None:
    """The chosen tile's thick outline, explained in the legend (a legend-only entry)."""
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=say("charts.common.selected-state", state=state),
            marker=dict(symbol="square-open", size=14, color=theme.INK, line=dict(width=3)),
        )
    )


def _tile_trace(tiles: pd.DataFrame, line: dict, name: str) -> go.Scatter:
    """``tiles`` as filled squares in one trace, set apart by gaps. Each ring goes once more along its first side,
    so its first corner is joined like the others (Plotly leaves a line open: two butt ends would notch it)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for t in tiles.itertuples():
        left, right, top, bottom = t.col - 0.46, t.col + 0.46, -t.row + 0.46, -t.row - 0.46
        xs += [left, right, right, left, left, right, None]
        ys += [bottom, bottom, top, top, bottom, bottom, None]
    return go.Scatter(
        x=xs, y=ys, mode="lines", fill="toself", fillcolor=theme.LAND, line=line, hoverinfo="skip",
        showlegend=False, name=name,
    )  # fmt: skip


def _tiles(fig: go.Figure, has: pd.DataFrame, chosen_state: str | None) -> None:
    """The states' tiles, drawn first so they lie under everything else: two traces, the chosen tile's thick
    outline on top. Not 50 layout shapes, which Plotly draws one by one: they cost a visit about 50 ms more."""
    chosen = has["state"] == chosen_state
    tiles = [_tile_trace(has[~chosen], dict(color=theme.BORDER, width=1), "tiles")]
    if chosen.any():
        tiles.append(_tile_trace(has[chosen], dict(color=theme.INK, width=3), "chosen-tile"))
    fig.add_traces(tiles)


def _codes(fig: go.Figure, has: pd.DataFrame, ppu: float) -> None:
    """Each state's code above its two senators."""
    fig.add_trace(
        go.Scatter(
            x=has["col"],
            y=-has["row"] + 0.2,
            mode="text",
            text=has["state"],
            textfont=dict(size=max(9.0, min(13.0, 0.3 * ppu)), color=theme.INK),
            hoverinfo="skip",
            showlegend=False,
            name="codes",
        )
    )


def state_grid(
    positions: pd.DataFrame,
    meta: Meta,
    *,
    highlight_state: str | None = None,
    size: tuple[int, int | None] = (theme.DEFAULT_WIDTH, None),
) -> go.Figure:
    """Each state a tile: its code on top, its two senators side by side below it, coloured by vote, shaped by
    party. Codes and markers scale with the tile, and never cover one another."""
    tiles = tile_layout()
    cols, rows = int(tiles["col"].max()) + 1, int(tiles["row"].max()) + 1
    has = tiles[tiles["state"].isin(positions["state"])]
    fig = go.Figure()
    _tiles(fig, has, highlight_state)
    _senator_traces(fig, _grid_seats(positions, tiles), size=13, counted=False, customdata="state")
    if highlight_state:
        _chosen_state(fig, highlight_state)
    p = framing.plan(
        size,
        title=say(
            "charts.senate-states.title",
            derived=say("charts.senate-states.title-derived") if positions["derived"].all() else "",
        ),
        subtitle=say("charts.senate-states.subtitle") + _derived_note(positions, "senate-states"),
        source=say("charts.senate-states.source", positions=_domains(positions["source"])),
        meta=meta,
        legend=framing.legend_entries(fig),
        plot_height=lambda w: w * (rows + 0.2) / (cols + 0.2),
    )
    ppu = min(p.plot_width / (cols + 0.2), p.plot_height / (rows + 0.2))  # px per tile
    mark = max(5.0, min(13.0, 0.24 * ppu))
    for trace in fig.data:
        if _is_senators(trace):
            trace.marker.size = mark
    _codes(fig, has, ppu)
    fig.update_xaxes(visible=False, range=[-0.6, cols - 0.4])
    fig.update_yaxes(visible=False, range=[-rows + 0.4, 0.6], scaleanchor="x", scaleratio=1)
    return framing.apply(fig, p, "senate-states", meta)
