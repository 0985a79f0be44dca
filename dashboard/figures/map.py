"""The map: the excluded cities against the participants, plain Plotly scatter traces over a picture of the states.

State outlines and city positions arrive already projected (EPSG:5070, km) from the ETL, so nothing here
needs geopandas or a tile server. Labels are placed greedily in screen space so none collide.
"""

from __future__ import annotations

import math
import urllib.parse

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import fmt, theme
from dashboard.figures import framing
from dashboard.figures.framing import esc, mention_lines
from dashboard.figures.labels import LABEL_SIZE, Box, place_labels
from dashboard.gloss import Gloss
from dashboard.meta import Meta
from dashboard.words import say, section, term

GROUPS = ("excluded", "operations", "diagnostic")


def group_of(row) -> str:
    return "excluded" if row["status"] == "excluded" else row["psp_site_type"]


def _ranges(shapes: pd.DataFrame) -> tuple[tuple[float, float], tuple[float, float]]:
    xs = np.concatenate([np.asarray(v, float) for v in shapes["x_km"]])
    ys = np.concatenate([np.asarray(v, float) for v in shapes["y_km"]])
    pad = theme.MAP_PAD_KM
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


def _hover(row, sentences: dict[tuple[str, str], str], mentions: dict[str, list[str]], words: dict) -> str:
    """A city's hover: its status, its site type as of the article (and what came later), its population (the
    data set named; cited in full on the Sources page), the article's sentence or the source, and where the
    articles name it. ``words``: the city's site type and source in readers' words (``tables.site_words``,
    ``tables.Words.source``), and, from ``tables.city_words``, its status (with several reports, how many give it)
    and, with several reports, which report its sentence is from (``report``: ``outlet`` and ``as_of``)."""
    pop = f"{int(row['population']):,}" if pd.notna(row["population"]) else say("charts.map.population-unknown")
    g = Gloss()  # a hover is read alone: each term in it spelled out at its first use
    status = say("charts.map.hover-status", status=words.get("status") or term("terms.city-status", row["status"]))
    lines = [
        f"<b>{esc(row['name'])}, {esc(row['state'])}</b>",
        "<br>".join(fmt.wrap_words(esc(g(status)), 70)),
        "<br>".join(fmt.wrap_words(esc(g(say("charts.map.hover-site", site=words["site"]))), 70)),
        say("charts.map.hover-population", population=pop),  # its source in full: on the Sources page
    ]
    if row["status"] == "excluded" and isinstance(row.get("sentence_id"), str):
        said = esc(sentences.get((row["article_id"], row["sentence_id"]), ""))
        if "report" in words:  # several reports: which one the sentence is from (wrapped with it)
            report = {k: esc(v) for k, v in words["report"].items()}
            lines.append("<br>".join(fmt.wrap_words(say("charts.map.hover-report", sentence=said, **report), 70)))
        else:
            lines.append(say("charts.map.hover-article", sentence="<br>".join(fmt.wrap_words(said, 70))))
    lines.append(fmt.source_line(esc(words["source"])))
    return "<br>".join(lines + mention_lines(mentions.get(row["city_id"], []), 70))


def _plain(row) -> dict:
    """A city's site type and source without the other tables (a builder called on its own)."""
    site = row["psp_site_type"]
    return {"site": term("terms.site-type", site) if isinstance(site, str) else "", "source": fmt.domain(row["source"])}


SHOW = {  # the map filter -> the groups drawn at full strength
    "all": set(GROUPS),
    "excluded": {"excluded"},
    "participant": {"operations", "diagnostic"},
    "operations": {"operations"},
    "diagnostic": {"diagnostic"},
}


def _outline_path(shapes: pd.DataFrame, xr, yr) -> str:
    """Every state's rings as one SVG path in whole km from the plot's top-left corner (x right, y down). A km is
    under a pixel at every width the map is drawn (until a reader zooms in about 5 times); a point that rounds onto
    the one before it is left out, and so is a ring's last point when it is its first (``Z`` closes the ring)."""
    rings: list[list[str]] = [[]]
    for xs, ys in zip(shapes["x_km"], shapes["y_km"], strict=True):
        for x, y in zip(xs, ys, strict=True):
            if math.isnan(x) or math.isnan(y):
                rings.append([])
            elif (point := f"{x - xr[0]:.0f},{yr[1] - y:.0f}") != (rings[-1] or [None])[-1]:
                rings[-1].append(point)
        rings.append([])
    closed = [r[:-1] if len(r) > 2 and r[-1] == r[0] else r for r in rings]
    return "".join("M" + "L".join(r) + "Z" for r in closed if len(r) > 1)


def _outlines(shapes: pd.DataFrame, xr, yr) -> dict:
    """Every state outline as one picture behind the cities, stretched over the plot's ranges (equal aspect, so
    it keeps its shape) and moving with them when a reader pans or zooms. A picture, not a filled trace: the
    browser draws one image where Plotly would build and compile a 6,800-vertex fill, the costliest part of
    the map's first draw. Lines stay 0.7 px at any size (``non-scaling-stroke``)."""
    width, height = xr[1] - xr[0], yr[1] - yr[0]
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.1f} {height:.1f}" '
        f'preserveAspectRatio="none"><path d="{_outline_path(shapes, xr, yr)}" fill="{theme.LAND}" '
        f'stroke="{theme.BORDER}" stroke-width="0.7" stroke-linejoin="round" vector-effect="non-scaling-stroke"/></svg>'
    )
    return dict(
        source="data:image/svg+xml," + urllib.parse.quote(svg, safe="=/:.,-"),
        xref="x",
        yref="y",
        x=xr[0],
        y=yr[1],
        sizex=width,
        sizey=height,
        sizing="stretch",
        xanchor="left",
        yanchor="top",
        layer="below",
        name="states",
    )


def _city_traces(fig: go.Figure, cities: pd.DataFrame, selected: set[str], hovers: dict[str, str]) -> None:
    """One trace per group: colour and shape from the theme, the groups not selected dimmed."""
    for group in GROUPS:
        sub = cities[cities["group"] == group]
        colour, symbol, msize = theme.CITY_STYLE[group]
        label = section("charts.map.groups")[group]
        fig.add_trace(
            go.Scatter(
                x=sub["x_km"],
                y=sub["y_km"],
                mode="markers",
                name=say("charts.common.counted", label=label, n=len(sub)),
                marker=dict(
                    color=colour,
                    symbol=symbol,
                    size=msize,
                    line=dict(color=theme.INK, width=1),
                    opacity=1.0 if group in selected else 0.25,
                ),
                text=sub["name"],
                customdata=sub["city_id"],
                hovertext=[hovers[c] for c in sub["city_id"]],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )


def _labels(fig: go.Figure, cities: pd.DataFrame, p: framing.Plan, xr, yr, selected: set[str]) -> None:
    """City names placed in screen space so none collides: every city from medium widths up, the cities not
    considered on narrow ones (the others stay markers the labels avoid)."""
    ordered = cities.sort_values("city_id")
    points, _ = _screen(ordered, xr, yr, p)
    labelled = ordered["status"].eq("excluded") | (p.cls != theme.NARROW)
    others = [pt for pt, keep in zip(points, labelled, strict=True) if not keep]
    ordered, points = ordered[labelled], [pt for pt, keep in zip(points, labelled, strict=True) if keep]
    texts = ordered["name"].astype(str).tolist()
    bounds = Box(p.left, p.top, p.left + p.plot_width, p.top + p.plot_height)
    offsets = place_labels(points, texts, bounds, obstacles=others)
    for (dx, dy), (_, row) in zip(offsets, ordered.iterrows(), strict=True):
        far = math.hypot(dx, dy) > theme.MAP_LABEL_FAR
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
            font=dict(size=LABEL_SIZE, color=theme.INK if row["group"] in selected else theme.BORDER),
            bgcolor=theme.LABEL_BACKING,
            borderpad=1,
            name=f"label:{row['city_id']}",
        )


def _said(meta: Meta, reports: int) -> dict[str, str]:
    """The subtitle and source line: the article's, or, with several articles, the reports' (a role one report gives
    is drawn only when our cited records, a second report or the desk confirm it) and how many give them."""
    if not meta.several:
        return dict(subtitle=say("charts.map.subtitle"), source=say("charts.map.source"))
    one = reports == 1  # then no second report confirms a role: our cited records or the desk do
    counted = say("reports.n-reports-one" if one else "reports.n-reports", n=reports)
    subtitle = say("charts.map.subtitle-several-one" if one else "charts.map.subtitle-several")
    return dict(subtitle=subtitle, source=say("charts.map.source-several", reports=counted))


def city_map(
    cities: pd.DataFrame,
    shapes: pd.DataFrame,
    sentences: dict[tuple[str, str], str],
    meta: Meta,
    *,
    mentions: dict[str, list[str]] | None = None,
    words: dict[str, dict] | None = None,
    show: str = "all",
    size: tuple[int, int | None] = (theme.DEFAULT_WIDTH, None),
    compact: bool = False,
    reports: int = 0,
) -> go.Figure:
    """16 markers on the lower 48. ``show`` dims the groups not selected (all, excluded, participant,
    operations, diagnostic) rather than hiding them, so the comparison stays in view. ``mentions``: city id ->
    where the articles name it, newest first (listed in the hover); ``words``: city id -> its site type and source
    in readers' words (``site``, ``source``; the codes when not given), optionally its ``status`` and the ``report``
    its sentence is from (``tables.city_words``). Labels: every city from medium widths up,
    the cities not considered on narrow ones (the rest are in the hover and the table), none when ``compact``.
    ``reports``: with several articles (``meta.several``), how many reports give the roles of the cities drawn as
    not considered (the source line names them)."""
    cities = cities.assign(group=cities.apply(group_of, axis=1))
    selected = SHOW.get(show, set(GROUPS))
    words = words or {}
    hovers = {
        r["city_id"]: _hover(r, sentences, mentions or {}, words.get(r["city_id"], _plain(r)))
        for _, r in cities.iterrows()
    }
    fig = go.Figure()
    _city_traces(fig, cities, selected, hovers)
    framing.fit_legend(fig, size[0])
    xr, yr = _ranges(shapes)
    fig.add_layout_image(_outlines(shapes, xr, yr))
    p = framing.plan(
        size,
        title=say(
            "charts.map.title",
            n_excluded=int((cities["status"] == "excluded").sum()),
            n_participants=int((cities["status"] == "participant").sum()),
        ),
        **_said(meta, reports),
        meta=meta,
        legend=framing.legend_entries(fig),
        plot_height=lambda w: w * (yr[1] - yr[0]) / (xr[1] - xr[0]),
    )
    if not compact:
        _labels(fig, cities, p, xr, yr, selected)
    fig.update_xaxes(visible=False, range=list(xr), fixedrange=compact)
    fig.update_yaxes(visible=False, range=list(yr), scaleanchor="x", scaleratio=1, fixedrange=compact)
    fig.update_layout(dragmode="pan" if not compact else False)
    return framing.apply(fig, p, "map", meta)
