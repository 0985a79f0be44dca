"""The Senate vote: a seat chart of the 100 senators, a tally bar with the majority line, and a state grid."""

from __future__ import annotations

import math
from importlib import resources

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import fmt, theme
from dashboard.figures.framing import esc, frame
from dashboard.meta import Meta
from dashboard.words import say

POSITION_ORDER = ("Yea", "Not Voting", "Present", "Nay")  # left to right across the chamber
PARTY_ORDER = {"R": 0, "I": 1, "D": 2}


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
    derived = " (derived)" if r["derived"] else ""
    return (
        f"<b>{esc(r['senator'])}</b> ({r['party']}-{r['state']})<br>{say('parties.' + r['party'])}<br>"
        f"Vote: <b>{r['position']}</b>{derived}"
    )


def _senator_traces(fig: go.Figure, seated: pd.DataFrame, *, size: int, counted: bool, customdata: str) -> None:
    """One trace per (vote, party): colour = vote, shape = party, so the legend explains both."""
    for pos in POSITION_ORDER:
        for party in ("R", "D", "I"):
            sub = seated[(seated["position"] == pos) & (seated["party"] == party)]
            if sub.empty:
                continue
            name = f"{pos} · {say('parties.' + party)}" + (f" ({len(sub)})" if counted else "")
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


def hemicycle(
    positions: pd.DataFrame,
    vote: pd.Series,
    meta: Meta,
    *,
    highlight: set[str] | None = None,
    size: tuple[int, int] = theme.DEFAULT_SIZE,
) -> go.Figure:
    """One marker per senator: colour = how they voted, shape = party. ``highlight`` rings chosen senators."""
    seated = _order(positions).reset_index(drop=True)
    xy = seat_positions(len(seated))
    seated["x"], seated["y"] = xy[:, 0], xy[:, 1]
    fig = go.Figure()
    _senator_traces(fig, seated, size=15, counted=True, customdata="senator")
    if highlight:
        sub = seated[seated["senator"].isin(highlight)]
        fig.add_trace(
            go.Scatter(
                x=sub["x"],
                y=sub["y"],
                mode="markers+text",
                text=sub["senator"].map(esc),
                textposition="top center",
                name="Selected",
                marker=dict(size=26, symbol="circle-open", color=theme.INK, line=dict(width=2.5)),
                hoverinfo="skip",
            )
        )
    fig.add_annotation(
        x=0, y=0.08, text=f"<b>{vote['yea']}–{vote['nay']}</b>", showarrow=False, font=dict(size=44, color=theme.INK)
    )
    fig.add_annotation(
        x=0,
        y=-0.06,
        text=f"{vote['not_voting']} not voting · {esc(vote['result'].lower())} {fmt.day(vote['date'])}",
        showarrow=False,
        font=dict(size=14, color=theme.MUTED),
    )
    fig.update_xaxes(visible=False, range=[-1.1, 1.1])
    fig.update_yaxes(visible=False, range=[-0.15, 1.1], scaleanchor="x", scaleratio=1)
    fig.update_layout(legend=dict(orientation="h", x=0.01, y=1.0, yanchor="bottom", font=dict(size=12)))
    derived = bool(positions["derived"].all())
    return frame(
        fig,
        title=say("charts.senate-seats.title", nominee=esc(vote["nominee_name"]), yea=vote["yea"], nay=vote["nay"]),
        subtitle=say("charts.senate-seats.subtitle") + (say("charts.senate-seats.derived") if derived else ""),
        source=say(
            "charts.senate-seats.source", record=_domain(vote["source"]), positions=_domains(positions["source"])
        ),
        meta=meta,
        size=size,
        chart_id="senate-seats",
    )


def _domain(url: str) -> str:
    return esc(fmt.domain(url))


def _domains(urls) -> str:
    return ", ".join(sorted({_domain(u) for u in urls}))


def tally_bars(votes: pd.DataFrame, meta: Meta, size: tuple[int, int] = (1100, 420)) -> go.Figure:
    """Yea, nay and not voting for each recorded vote, with the majority of those voting marked."""
    votes = votes.sort_values("date")
    labels = [
        f"{esc(r.nominee_name)}<br><span style='font-size:11px'>{fmt.day(r.date)}"
        f" · {say('charts.senate-tally.in-article' if r.in_article else 'charts.senate-tally.later')}</span>"
        for r in votes.itertuples()
    ]
    fig = go.Figure()
    for col, name in (("yea", "Yea"), ("nay", "Nay"), ("not_voting", "Not Voting")):
        fig.add_trace(
            go.Bar(
                y=labels,
                x=votes[col],
                orientation="h",
                name=name,
                marker=dict(
                    color=theme.POSITION_COLOUR[name],
                    line=dict(color=theme.INK, width=0.6),
                    pattern=dict(shape="/" if name == "Not Voting" else ""),
                ),
                text=votes[col],
                textposition="inside",
                insidetextanchor="middle",
                textfont=dict(color="white" if name != "Not Voting" else theme.INK, size=15),
                hovertemplate=f"%{{y}}<br>{name}: %{{x}}<extra></extra>",
            )
        )
    for i, r in enumerate(votes.itertuples()):
        voting = int(r.yea) + int(r.nay)
        needed = voting // 2 + 1
        fig.add_shape(
            type="line", x0=needed, x1=needed, y0=i - 0.45, y1=i + 0.45, line=dict(color=theme.INK, width=2, dash="dot")
        )
        fig.add_annotation(
            x=needed,
            y=i + 0.45,
            text=say("charts.senate-tally.majority", voting=voting, needed=needed),
            showarrow=False,
            yanchor="bottom",
            font=dict(size=11, color=theme.INK),
        )
    fig.update_layout(barmode="stack", legend=dict(orientation="h", x=0.01, y=1.0, yanchor="bottom"), bargap=0.45)
    fig.update_xaxes(range=[0, 100], dtick=10, gridcolor=theme.GRID, title="senators (of 100)")
    fig.update_yaxes(autorange="reversed")
    first = votes.iloc[0]
    return frame(
        fig,
        title="; ".join(
            [
                say("charts.senate-tally.title", first=esc(first["nominee_name"]), yea=first["yea"], nay=first["nay"]),
                ", ".join(
                    say("charts.senate-tally.title-later", nominee=esc(r.nominee_name), yea=r.yea, nay=r.nay)
                    for r in votes.iloc[1:].itertuples()
                ),
            ]
        ).rstrip("; "),
        subtitle=say("charts.senate-tally.subtitle", n=len(votes)),
        source=say("charts.senate-tally.source", records=_domains(votes["source"])),
        meta=meta,
        size=size,
        chart_id="senate-tally",
    )


def tile_layout() -> pd.DataFrame:
    """Tile-grid positions of the states (a layout, not data)."""
    path = resources.files("dashboard") / "assets" / "state_tiles.csv"
    with path.open(encoding="utf-8") as f:
        return pd.read_csv(f)


def state_grid(
    positions: pd.DataFrame, meta: Meta, *, highlight_state: str | None = None, size: tuple[int, int] = (1100, 620)
) -> go.Figure:
    """Each state a tile with its two senators side by side, coloured by vote, shaped by party."""
    tiles = tile_layout()
    fig = go.Figure()
    has = tiles[tiles["state"].isin(positions["state"])]
    fig.add_trace(
        go.Scatter(
            x=has["col"],
            y=-has["row"],
            mode="markers+text",
            text=has["state"],
            textposition="top center",
            textfont=dict(size=12, color=theme.INK),
            marker=dict(symbol="square", size=46, color=theme.LAND, line=dict(color=theme.BORDER, width=1)),
            hoverinfo="skip",
            showlegend=False,
            name="tiles",
        )
    )
    seated = positions.merge(tiles, on="state").sort_values(["state", "party", "senator"])
    seated["slot"] = seated.groupby("state").cumcount()
    seated["x"] = seated["col"] + np.where(seated["slot"] == 0, -0.17, 0.17)
    seated["y"] = -seated["row"] - 0.12
    _senator_traces(fig, seated, size=13, counted=False, customdata="state")
    if highlight_state:
        t = tiles[tiles["state"] == highlight_state]
        fig.add_trace(
            go.Scatter(
                x=t["col"],
                y=-t["row"],
                mode="markers",
                name=f"Selected: {highlight_state}",
                marker=dict(symbol="square-open", size=54, color=theme.INK, line=dict(width=3)),
                hoverinfo="skip",
            )
        )
    fig.update_xaxes(visible=False, range=[-0.7, tiles["col"].max() + 0.7])
    fig.update_yaxes(visible=False, range=[-tiles["row"].max() - 0.7, 0.7], scaleanchor="x", scaleratio=1)
    fig.update_layout(legend=dict(orientation="h", x=0.01, y=1.0, yanchor="bottom", font=dict(size=12)))
    return frame(
        fig,
        title=say("charts.senate-states.title"),
        subtitle=say("charts.senate-states.subtitle")
        + (say("charts.senate-states.derived") if positions["derived"].all() else ""),
        source=say("charts.senate-states.source", positions=_domains(positions["source"])),
        meta=meta,
        size=size,
        chart_id="senate-states",
    )
