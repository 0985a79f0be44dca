"""The static copy of the dashboard: one self-contained HTML page per dashboard page, for when a crowd arrives.

It reads the same ``data/`` and draws the same figures (``dashboard.charts``), the same story
(``dashboard.story``) and the same article view (``dashboard.article_view``) as the app. Plotly's JS is copied
beside the pages, so the site opens from ``file://`` with no network.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard import article_view, charts, story, views
from dashboard.figures.framing import Meta

Loader = Callable[[str], pd.DataFrame]

CSS = """
body{font-family:'Source Sans Pro','DejaVu Sans',Arial,sans-serif;color:#1A1A1A;margin:0;background:#FAFAF8}
header{background:#1A1A1A;color:#fff;padding:10px 24px}header a{color:#fff;margin-right:18px;text-decoration:none}
header a.on{border-bottom:2px solid #D55E00}main{padding:16px 24px;max-width:1280px}
.chart{overflow-x:auto;margin:12px 0}.caption{color:#5A5A5A;font-size:.9rem;margin:2px 0 18px}
table{border-collapse:collapse;font-size:.85rem;margin:8px 0 20px}th,td{border:1px solid #ddd;padding:3px 6px;
vertical-align:top;text-align:left}th{background:#F1F1EF}.metrics{display:flex;gap:28px;flex-wrap:wrap}
.metric b{display:block;font-size:1.9rem}.note{background:#EAF2FB;padding:8px 12px;border-radius:6px}
"""


@dataclass(frozen=True)
class SitePage:
    slug: str  # file name without .html
    title: str
    body: Callable[[Loader, Meta], str]


def esc(text) -> str:
    return html.escape("" if text is None else str(text))


def table_html(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, escape=True, na_rep="", border=0)


def figure_html(fig: go.Figure, chart_id: str, meta: Meta, n: int) -> str:
    """A div and the script that draws the figure into it. The JSON is made safe for a <script> block."""
    payload = fig.to_json().replace("</", "<\\/")
    config = json.dumps(charts.export_config(chart_id, meta) | {"responsive": False})
    div = f"chart-{chart_id}-{n}"
    return (
        f'<div class="chart"><div id="{div}" data-chart="{esc(chart_id)}"></div></div>'
        f'<script>(function(){{var f={payload};Plotly.newPlot("{div}",f.data,f.layout,{config});}})();</script>'
        f'<p class="caption">{esc(charts.CHARTS[chart_id].alt)}</p>'
    )


def _chart(load: Loader, meta: Meta, chart_id: str, n: int = 0, **view) -> str:
    return figure_html(charts.build(chart_id, load, meta, **view), chart_id, meta, n)


def _overview(load: Loader, meta: Meta) -> str:
    cities, events, votes = load("cities"), load("events"), load("votes")
    metrics = "".join(
        f'<div class="metric" title="{esc(m.help)}">{esc(m.label)}<b>{esc(m.value)}</b></div>'
        for m in story.metrics(cities, events, votes)
    )
    sentences = "".join(f"<p>{esc(s)}</p>" for s in story.story(events))
    return (
        f"<h1>{esc(meta.article_title)}</h1><p class='caption'>{esc(story.byline(load('articles')))} "
        f"Static copy; data stamp {esc(meta.stamp)}.</p>"
        f"{sentences}<div class='metrics'>{metrics}</div>{_chart(load, meta, 'map', size=(620, 470), compact=True)}"
    )


def _map(load: Loader, meta: Meta) -> str:
    table = views.cities_view(load("cities"), load("sentences"))
    return f"<h1>Shut out, and already in</h1>{_chart(load, meta, 'map')}{table_html(table)}"


def _senate(load: Loader, meta: Meta) -> str:
    vote = charts.article_vote(load("votes"))
    positions = load("vote_positions")
    positions = positions[positions["vote_id"] == vote["vote_id"]]
    note = (
        "<p class='note'>Per-senator positions are <b>derived</b> from the party-line record and the two named "
        "absences, not copied from the official roll call.</p>"
        if positions["derived"].all()
        else ""
    )
    return (
        f"<h1>Senate vote: {esc(vote['nominee_name'])}, {esc(vote['yea'])}–{esc(vote['nay'])}</h1>{note}"
        + "".join(_chart(load, meta, c) for c in ("senate-seats", "senate-tally", "senate-states"))
        + table_html(views.positions_view(positions))
    )


def _timeline(load: Loader, meta: Meta) -> str:
    table = views.events_view(load("events"))
    return f"<h1>Policy timeline</h1>{_chart(load, meta, 'timeline')}{table_html(table)}"


def _article(load: Loader, meta: Meta) -> str:
    from etl.schema import TABLES

    text = load("articles")["text"].iloc[0]
    links = " · ".join(f'<a href="data/{n}.csv">{n}.csv</a>' for n in TABLES)
    return (
        "<h1>The article, and what the data took from it</h1>"
        + article_view.legend()
        + article_view.article_html(text, load("mentions"), load("entities"))
        + "<h2>Every figure, next to its sentence</h2>"
        + table_html(views.figures_view(load("figures"), load("sentences")))
        + "<h2>Data quality</h2>"
        + table_html(views.quality_view(load("data_quality")))
        + f"<h2>Downloads</h2><p>{links}</p><p><a href='data/data.zip'>All Parquet files (zip)</a> · "
        "<a href='data/datapackage.json'>datapackage.json</a></p>"
    )


PAGES = [
    SitePage("index", "Overview", _overview),
    SitePage("map", "Map", _map),
    SitePage("senate-vote", "Senate vote", _senate),
    SitePage("timeline", "Policy timeline", _timeline),
    SitePage("article", "Article & data", _article),
]


def render_page(page: SitePage, load: Loader, meta: Meta) -> str:
    nav = "".join(f'<a href="{p.slug}.html"{" class=on" if p is page else ""}>{esc(p.title)}</a>' for p in PAGES)
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{esc(page.title)} · "
        f"{esc(meta.article_title)}</title><meta name='viewport' content='width=device-width,initial-scale=1'>"
        f"<style>{CSS}</style><script src='plotly.min.js'></script></head><body><header>{nav}</header>"
        f"<main>{page.body(load, meta)}</main></body></html>"
    )
