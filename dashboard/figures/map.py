"""The map: the excluded cities against the participants, drawn as plain Plotly traces.

State outlines and city positions arrive already projected (EPSG:5070, km) from the ETL, so nothing here
needs geopandas or a tile server. Labels are placed greedily in screen space so none collide.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import fmt, theme
from dashboard.figures import framing
from dashboard.figures.framing import esc, mention_lines
from dashboard.figures.labels import LABEL_SIZE, Box, place_labels
from dashboard.meta import Meta
from dashboard.words import say, section

GROUPS = ("excluded", "operations", "diagnostic")


def group_of(row) -> str:
    return "excluded" if row["status"] == "excluded" else row["psp_site_type"]


def _ranges(shapes: pd.DataFrame) -> tuple[tuple[float, float], tuple[float, float]]:
    xs = np.concatenate([np.asarray(v, float) for v in shapes["x_km"]])
    ys = np.concatenate([np.asarray(v, float) for v in shapes["y_km"]])
    pad = 60
    return (np.nanmin(xs) - pad, np.nanmax(xs) + pad), (np.nanmin(ys) - pad, np.nanmax(ys) + pad)


def _screen(cities: pd.DataFrame, xr, yr, p: framing.Plan) -> tuple[list[tuple[float, float]], Box]:
    """Data km -> screen px, as Plotly lays out an equal-aspect plot centred in its area."""
    pw, ph = p.plot_width, p.plot_height
    scale = min(pw / (xr[1] - xr[0]), ph / (yr[1] - yr[0]))
    ox = p.left + (pw - scale * (xr[1] - xr[0])) / 2
    oy = p.top + (ph - scale * (yr[1] - yr[0])) / 2
    pts = [
        (ox + (x - xr[0]) * scale, oy + (yr[1] - y) * scale)
        for x, y in zip(cities["x_km"], cities["y_km"], strict=True)
    ]
    return pts, Box(ox, oy, ox + scale * (xr[1] - xr[0]), oy + scale * (yr[1] - yr[0]))


def _hover(row, sentences: dict[tuple[str, str], str], mentions: dict[str, list[str]]) -> str:
    pop = f"{int(row['population']):,}" if pd.notna(row["population"]) else "unknown"
    lines = [
        f"<b>{esc(row['name'])}, {esc(row['state'])}</b>",
        "Status: " + say(f"charts.map.status-{row['status']}"),
        say("charts.map.site-type")
        + ": "
        + (esc(row["psp_site_type"]) if isinstance(row["psp_site_type"], str) else say("charts.map.no-site")),
        f"Population: {pop}<br><span style='font-size:11px'>{esc(row['population_source'])}</span>",
    ]
    if row["status"] == "excluded" and isinstance(row.get("sentence_id"), str):
        said = sentences.get((row["article_id"], row["sentence_id"]), "")
        lines.append("Article: “" + "<br>".join(fmt.wrap_words(esc(said), 70)) + "”")
    else:
        lines.append(f"Source: {esc(row['source'])}")
    return "<br>".join(lines + mention_lines(mentions.get(row["city_id"], []), 70))


def city_map(
    cities: pd.DataFrame,
    shapes: pd.DataFrame,
    sentences: dict[tuple[str, str], str],
    meta: Meta,
    *,
    mentions: dict[str, list[str]] | None = None,
    show: str = "all",
    size: tuple[int, int | None] = (theme.DEFAULT_WIDTH, None),
    compact: bool = False,
) -> go.Figure:
    """16 markers on the lower 48. ``show`` dims the groups not selected (all, excluded, participant,
    operations, diagnostic) rather than hiding them, so the comparison stays in view. ``mentions``: city id ->
    where the articles name it, newest first (listed in the hover). Labels: every city from medium widths up,
    the cities not considered on narrow ones (the rest are in the hover and the table), none when ``compact``."""
    mentions = mentions or {}
    fig = go.Figure()
    xs: list[float | None] = []
    ys: list[float | None] = []
    for x, y in zip(shapes["x_km"], shapes["y_km"], strict=True):
        xs += [None if math.isnan(v) else v for v in x] + [None]
        ys += [None if math.isnan(v) else v for v in y] + [None]
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            fill="toself",
            fillcolor=theme.LAND,
            line=dict(color=theme.BORDER, width=0.7),
            hoverinfo="skip",
            showlegend=False,
            name="states",
        )
    )
    cities = cities.assign(group=cities.apply(group_of, axis=1))
    selected = {
        "all": set(GROUPS),
        "excluded": {"excluded"},
        "participant": {"operations", "diagnostic"},
        "operations": {"operations"},
        "diagnostic": {"diagnostic"},
    }.get(show, set(GROUPS))
    for group in GROUPS:
        sub = cities[cities["group"] == group]
        colour, symbol, msize = theme.CITY_STYLE[group]
        label = section("charts.map.groups")[group]
        on = group in selected
        fig.add_trace(
            go.Scatter(
                x=sub["x_km"],
                y=sub["y_km"],
                mode="markers",
                name=f"{label} ({len(sub)})",
                marker=dict(
                    color=colour,
                    symbol=symbol,
                    size=msize,
                    line=dict(color=theme.INK, width=1),
                    opacity=1.0 if on else 0.25,
                ),
                text=sub["name"],
                customdata=sub["city_id"],
                hovertext=[_hover(r, sentences, mentions) for _, r in sub.iterrows()],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    xr, yr = _ranges(shapes)
    n_ex = int((cities["status"] == "excluded").sum())
    n_part = int((cities["status"] == "participant").sum())
    p = framing.plan(
        size,
        title=say("charts.map.title", n_excluded=n_ex, n_participants=n_part),
        subtitle=say("charts.map.subtitle"),
        source=say("charts.map.source"),
        meta=meta,
        legend=framing.legend_entries(fig),
        plot_height=lambda w: w * (yr[1] - yr[0]) / (xr[1] - xr[0]),
    )
    if not compact:
        ordered = cities.sort_values("city_id")
        points, _ = _screen(ordered, xr, yr, p)
        labelled = ordered["status"].eq("excluded") | (p.cls != theme.NARROW)
        others = [pt for pt, keep in zip(points, labelled, strict=True) if not keep]
        ordered, points = ordered[labelled], [pt for pt, keep in zip(points, labelled, strict=True) if keep]
        texts = ordered["name"].astype(str).tolist()
        bounds = Box(p.left, p.top, p.left + p.plot_width, p.top + p.plot_height)
        offsets = place_labels(points, texts, bounds, obstacles=others)
        for (dx, dy), (_, row) in zip(offsets, ordered.iterrows(), strict=True):
            far = math.hypot(dx, dy) > 45
            on = row["group"] in selected
            fig.add_annotation(
                x=row["x_km"],
                y=row["y_km"],
                text=f"<b>{esc(row['name'])}</b>" if row["status"] == "excluded" else esc(row["name"]),
                showarrow=far,
                ax=dx if far else None,
                ay=dy if far else None,
                axref="pixel",
                ayref="pixel",
                arrowhead=0,
                arrowwidth=0.8,
                arrowcolor=theme.MUTED,
                standoff=7,
                xshift=0 if far else dx,
                yshift=0 if far else -dy,
                font=dict(size=LABEL_SIZE, color=theme.INK if on else theme.BORDER),
                bgcolor="rgba(255,255,255,0.75)",
                borderpad=1,
                name=f"label:{row['city_id']}",
            )
    fig.update_xaxes(visible=False, range=list(xr), fixedrange=compact)
    fig.update_yaxes(visible=False, range=list(yr), scaleanchor="x", scaleratio=1, fixedrange=compact)
    fig.update_layout(dragmode="pan" if not compact else False)
    return framing.apply(fig, p, "map", meta)
