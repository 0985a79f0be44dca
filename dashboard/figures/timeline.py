"""The policy timeline: the story's events on lanes by category, what came after the article past a dashed
as-of line, later outcomes behind a visible break.

Wide and medium: time runs left to right, one lane per category, later outcomes in a panel on the right.
Narrow: time runs down, one column per category, later outcomes in a panel below, the article's words to the
right of the columns."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard import fmt, theme
from dashboard.figures import framing
from dashboard.figures.framing import esc, mention_lines
from dashboard.figures.labels import Box, place_labels
from dashboard.fmt import when
from dashboard.meta import Meta
from dashboard.words import say, section


def _wrap(text: str) -> str:
    return "<br>".join(fmt.wrap_words(text, 60))


def hover(row, events_by_id: dict[str, pd.Series], mentions: list[str] | None = None) -> str:
    lines = [f"<b>{_wrap(esc(row['title']))}</b>", when(row)]
    if row["in_article"]:
        lines.append(say("charts.timeline.in-article", surface=esc(row["surface"])))
        if isinstance(row.get("resolution"), str):
            lines.append(_wrap(esc(row["resolution"])))
    else:
        lines.append(say("charts.timeline.not-in-article"))
    if isinstance(row.get("outcome_event_id"), str) and row["outcome_event_id"] in events_by_id:
        out = events_by_id[row["outcome_event_id"]]
        lines.append(say("charts.timeline.outcome", title=_wrap(esc(out["title"])), when=when(out)))
    if isinstance(row.get("note"), str):
        lines.append(_wrap(esc(row["note"])))
    lines += mention_lines(mentions or [])
    src = str(row["source"])
    lines.append("Source: " + esc(fmt.domain(src)) + f" · {esc(row['confidence'])}")
    return "<br>".join(lines)


COPY_OF = re.compile(r"copy of (?P<what>[^)]+)\)")  # what a copy copies, as etl/reference/source_sites.csv says it
CITED_ORDER = ("official", "press", "blog", "reference", "mirror", "copy")  # the kinds, as the line names them


def _count(kind: str, n: int) -> str:
    words = section("charts.timeline.cited")
    return words[f"{kind}-one"] if n == 1 and f"{kind}-one" in words else words[kind].format(n=n)


def cited_line(events: pd.DataFrame, sources: pd.DataFrame) -> str:
    """The timeline's source line, written from the pages its events cite (``sources`` rows of the group
    ``events``), by kind: pages counted, copies named by what they copy, mirrors named as mirrors."""
    ids = set(events["event_id"])
    cited = sources[
        (sources["group"] == "events") & sources["cited_by"].map(lambda c: bool(ids & set(c.split(" | "))))
    ]
    parts = []
    for kind in CITED_ORDER:
        sub = cited[cited["kind"] == kind]
        if sub.empty:
            continue
        if kind == "reference":
            parts.append(fmt.listing(sorted(set(sub["site"]))))
        elif kind == "mirror":
            parts.append(_count(kind, sub["site"].nunique()))
        elif kind == "copy":
            what = [m["what"] if (m := COPY_OF.search(s)) else s for s in sub["site"]]
            parts.append(say("charts.timeline.cited.copy", what=fmt.listing(sorted(set(what)))))
        else:
            parts.append(_count(kind, len(sub)))
    return say("charts.timeline.cited.line", kinds="; ".join(parts))


MAIN_SHARE = 0.8  # of the time axis: the story's panel; the rest holds the later outcomes


@dataclass(frozen=True)
class Geometry:
    """Where the two panels sit, in px, and how a (date, lane) becomes a point on screen."""

    vertical: bool
    x0: float  # the main panel's box
    y0: float
    x1: float
    y1: float
    lo: pd.Timestamp
    hi: pd.Timestamp
    lane_range: tuple[float, float]

    def px(self, when: pd.Timestamp, lane: float) -> tuple[float, float]:
        ft = (when - self.lo).total_seconds() / (self.hi - self.lo).total_seconds()
        fl = (lane - self.lane_range[0]) / (self.lane_range[1] - self.lane_range[0])
        if self.vertical:
            return self.x0 + fl * (self.x1 - self.x0), self.y0 + ft * (self.y1 - self.y0)
        return self.x0 + ft * (self.x1 - self.x0), self.y1 - fl * (self.y1 - self.y0)


def main_panel(events: pd.DataFrame) -> pd.Series:
    """Events drawn in the main panel: the story and what came after it (phase ``story`` or ``after``)."""
    return events["phase"] != "later"


def after_article(events: pd.DataFrame, as_of: str) -> pd.Series:
    """Events after the article's as-of date: phase ``after``, or (data with only two phases) a ``story`` event
    dated past the as-of date. Expected events keep their own marker."""
    late = pd.to_datetime(events["date_start"]) > pd.Timestamp(as_of)
    return (events["phase"] == "after") | ((events["phase"] == "story") & late)


def story_range(ev: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The main panel's span: from the first of the month of its first event to ten days past its last."""
    story = ev[main_panel(ev)]
    ends = pd.to_datetime(story["date_end"].fillna(story["date_start"]))
    first = pd.to_datetime(story["date_start"]).min()
    return first.replace(day=1), max(ends.max(), story["mid"].max()) + pd.Timedelta(days=10)


def _label_article_events(fig: go.Figure, ev: pd.DataFrame, geo: Geometry, size: int, blocked) -> None:
    """The article's own words next to its events, placed so no label covers another or a marker."""
    main = ev[main_panel(ev)]
    labelled = main[main["in_article"]].sort_values("mid")
    points = [geo.px(r["mid"], r["lane"]) for _, r in labelled.iterrows()]
    texts = [f"“{s}”" for s in labelled["surface"]]  # measured as shown; escaped when drawn
    others = [geo.px(r["mid"], r["lane"]) for _, r in main[~main["in_article"]].iterrows()]
    bounds = Box(geo.x0, geo.y0, geo.x1, geo.y1)
    offsets = place_labels(
        points,
        texts,
        bounds,
        size,
        obstacles=others,
        radii=(16, 34, 56, 80),
        blocked=blocked,
        prefer_right=geo.vertical,
    )
    for (dx, dy), (_, r), text in zip(offsets, labelled.iterrows(), texts, strict=True):
        x, y = (r["lane"], r["mid"]) if geo.vertical else (r["mid"], r["lane"])
        fig.add_annotation(
            x=x,
            y=y,
            text=esc(text),
            showarrow=True,
            arrowhead=0,
            arrowwidth=0.8,
            arrowcolor=theme.MUTED,
            ax=dx,
            ay=dy,
            axref="pixel",
            ayref="pixel",
            standoff=8,
            font=dict(size=size, color=theme.INK),
            bgcolor="rgba(255,255,255,0.85)",
            name=f"label:{r['event_id']}",
            row=1,
            col=1,
        )


def timeline(
    events: pd.DataFrame,
    meta: Meta,
    *,
    sources: pd.DataFrame,
    highlight: str | None = None,
    size: tuple[int, int | None] = (theme.DEFAULT_WIDTH, None),
    mentions: dict[str, list[str]] | None = None,
    n_articles: int = 1,
) -> go.Figure:
    """Events as markers on category lanes; month-precision events span their month; expected events point at
    what happened. ``highlight`` rings one event id; ``mentions``: event id -> where the articles name it,
    newest first (listed in the hover)."""
    mentions = mentions or {}
    vertical = theme.width_class(size[0]) == theme.NARROW
    lanes = [c for c in section("lanes") if c in set(events["category"])]
    lane_of = {c: (i if vertical else len(lanes) - 1 - i) for i, c in enumerate(lanes)}
    by_id = {r["event_id"]: r for _, r in events.iterrows()}
    ev = events.assign(
        lane=events["category"].map(lane_of),
        mid=pd.to_datetime(events["date_start"]),
        after=after_article(events, meta.as_of),
        panel=main_panel(events).map({True: 1, False: 2}),
    )
    month = ev["date_precision"].isin(["month", "year"])
    ev.loc[month, "mid"] = (
        pd.to_datetime(ev.loc[month, "date_start"])
        + (pd.to_datetime(ev.loc[month, "date_end"]) - pd.to_datetime(ev.loc[month, "date_start"])) / 2
    )
    later = ev[ev["phase"] == "later"]
    if vertical:
        fig = make_subplots(
            rows=2, cols=1, shared_xaxes=True, row_heights=[MAIN_SHARE, 1 - MAIN_SHARE], vertical_spacing=0.06
        )
    else:
        fig = make_subplots(
            rows=1, cols=2, shared_yaxes=True, column_widths=[MAIN_SHARE, 1 - MAIN_SHARE], horizontal_spacing=0.035
        )

    def cell(panel: int) -> dict:
        return dict(row=panel, col=1) if vertical else dict(row=1, col=panel)

    def xy(when, lane) -> dict:
        return dict(x=lane, y=when) if vertical else dict(x=when, y=lane)

    for panel in (1, 2):
        part = ev[ev["panel"] == panel]
        for _, r in part[part["date_precision"].isin(["month", "year"])].iterrows():  # month/year spans
            fig.add_trace(
                go.Scatter(
                    **xy([r["date_start"], r["date_end"]], [r["lane"], r["lane"]]),
                    mode="lines",
                    line=dict(color=theme.CATEGORY_COLOUR[r["category"]], width=6),
                    opacity=0.35,
                    hoverinfo="skip",
                    showlegend=False,
                ),
                **cell(panel),
            )
        happened = part["status"] == "happened"
        kinds = {
            "context": part[happened & ~part["in_article"] & ~part["after"]],
            "article": part[happened & part["in_article"] & ~part["after"]],
            "after": part[happened & part["after"]],
            "expected": part[part["status"] == "expected"],
        }
        for kind, sub in kinds.items():
            if sub.empty:
                continue
            colours = [theme.CATEGORY_COLOUR[c] for c in sub["category"]]
            marker = {
                "context": dict(symbol="circle", size=11, color=colours, line=dict(color=theme.INK, width=0.8)),
                "article": dict(symbol="diamond", size=17, color=colours, line=dict(color=theme.INK, width=2)),
                "after": dict(symbol="circle-open", size=12, color=colours, line=dict(width=2.5)),
                "expected": dict(symbol="diamond-open", size=17, color=colours, line=dict(width=2.5)),
            }[kind]
            fig.add_trace(
                go.Scatter(
                    **xy(sub["mid"], sub["lane"]),
                    mode="markers",
                    marker=marker,
                    name=say(f"charts.timeline.{kind}"),
                    legendgroup=kind,
                    showlegend=panel == 1,
                    customdata=sub["event_id"],
                    hovertext=[hover(r, by_id, mentions.get(r["event_id"])) for _, r in sub.iterrows()],
                    hovertemplate="%{hovertext}<extra></extra>",
                ),
                **cell(panel),
            )
    for _, r in ev[(ev["status"] == "expected") & ev["outcome_event_id"].notna()].iterrows():
        out = ev[ev["event_id"] == r["outcome_event_id"]]
        if out.empty:
            continue
        o = out.iloc[0]
        head, tail = xy(o["mid"], o["lane"]), xy(r["mid"], r["lane"])
        fig.add_annotation(
            x=head["x"],
            y=head["y"],
            ax=tail["x"],
            ay=tail["y"],
            axref="x",
            ayref="y",
            xref="x",
            yref="y",
            showarrow=True,
            arrowhead=2,
            arrowwidth=1.4,
            arrowcolor=theme.MUTED,
            standoff=9,
            startstandoff=9,
            text="",
        )
    if highlight and highlight in by_id:
        h = ev[ev["event_id"] == highlight].iloc[0]
        fig.add_trace(
            go.Scatter(
                **xy([h["mid"]], [h["lane"]]),
                mode="markers",
                name="Selected",
                hoverinfo="skip",
                marker=dict(symbol="circle-open", size=30, color=theme.INK, line=dict(width=3)),
            ),
            **cell(int(h["panel"])),
        )
    n_art = int(ev["in_article"].sum())
    title = "title-several" if n_articles > 1 else "title"
    lo, hi = story_range(ev)
    lane_names = section("lanes-short" if vertical else "lanes")
    if theme.width_class(size[0]) == theme.MEDIUM:  # two lines each, so the plot keeps its width
        lane_names = {c: "<br>".join(fmt.wrap_words(n, 14)) for c, n in lane_names.items()}
    words = dict(
        title=say(f"charts.timeline.{title}", n_article=n_art, n_articles=n_articles),
        subtitle=say("charts.timeline.subtitle", n_context=len(ev) - n_art),
        source=cited_line(events, sources),
        meta=meta,
        legend=framing.legend_entries(fig),
    )
    if vertical:  # month labels on the left, lane names standing above their columns
        top = max(len(lane_names[c]) for c in lanes) * 7 + 10
        p = framing.plan(size, **words, margin=dict(l=62), axis_top=top, plot_height=(hi - lo).days * 2.6 / MAIN_SHARE)
        lane_px = min(30, p.plot_width * 0.45 / len(lanes))
        lane_range = (-0.6, -0.6 + p.plot_width / lane_px)
        main_h = p.plot_height * (1 - 0.06) * MAIN_SHARE
        geo = Geometry(True, p.left, p.top, p.left + p.plot_width, p.top + main_h, lo, hi, lane_range)
    else:  # lane names on the left
        left = (190 if theme.width_class(size[0]) == theme.WIDE else 124) - framing.fonts(size[0]).pad
        p = framing.plan(size, **words, margin=dict(l=left), axis_room=40, plot_height=86 * len(lanes))
        lane_range = (-0.6, len(lanes) - 0.4)
        main_w = p.plot_width * (1 - 0.035) * MAIN_SHARE
        geo = Geometry(False, p.left, p.top, p.left + main_w, p.top + p.plot_height, lo, hi, lane_range)
    label_px = 11 if vertical else 12
    blocked = []
    if ev["after"].any():
        as_of = pd.Timestamp(meta.as_of)
        text = say("charts.timeline.as-of", date=meta.as_of_human)
        line = dict(color=theme.MUTED, width=1.2, dash="dash")
        note = dict(text=text, font=dict(size=11, color=theme.MUTED), bgcolor="rgba(255,255,255,0.85)")
        w = framing.text_width(text, 11) + 16
        if vertical:
            fig.add_hline(
                y=as_of.timestamp() * 1000, line=line, annotation=note, annotation_position="bottom right", row=1, col=1
            )
            _, y = geo.px(as_of, 0)
            blocked.append(Box(geo.x1 - w, y - 2, geo.x1, y + 22))
        else:
            fig.add_vline(
                x=as_of.timestamp() * 1000, line=line, annotation=note, annotation_position="top right", row=1, col=1
            )
            x, _ = geo.px(as_of, 0)
            blocked.append(Box(x, geo.y0, x + w, geo.y0 + 18))
    _label_article_events(fig, ev, geo, label_px, blocked)
    lane_axis = dict(
        tickvals=list(lane_of.values()),
        ticktext=[lane_names[c] for c in lane_of],
        range=list(lane_range),
        gridcolor=theme.GRID,
        zeroline=False,
    )
    months = dict(range=list(story_range(ev)), dtick="M1", gridcolor=theme.GRID)
    later_range = (
        [later["mid"].min() - pd.Timedelta(days=200), later["mid"].max() + pd.Timedelta(days=200)]
        if not later.empty
        else None
    )
    if vertical:
        fig.update_xaxes(**lane_axis, side="top", tickangle=-90, showticklabels=True, row=1, col=1)
        fig.update_xaxes(showticklabels=False, zeroline=False, range=list(lane_range), row=2, col=1)
        fig.update_yaxes(**months | {"range": [hi, lo]}, tickformat="%b %Y", row=1, col=1)  # time runs down
    else:
        fig.update_yaxes(**lane_axis, row=1, col=1)
        fig.update_yaxes(zeroline=False, row=1, col=2)
        per_month = (geo.x1 - geo.x0) / max(1, (hi - lo).days / 30.4)
        fig.update_xaxes(**months | {"dtick": "M1" if per_month >= 44 else "M2"}, tickformat="%b<br>%Y", row=1, col=1)
    if later_range:
        span = dict(
            tickformat="%Y",
            dtick="M48" if theme.width_class(size[0]) == theme.MEDIUM else "M12" if vertical else "M24",
            gridcolor=theme.GRID,
        )
        if vertical:
            fig.update_yaxes(range=list(reversed(later_range)), **span, row=2, col=1)
            fig.add_annotation(
                xref="x2 domain",
                yref="y2 domain",
                x=1,
                y=1,
                xanchor="right",
                yanchor="top",
                showarrow=False,
                text=f"<i>{say('charts.timeline.later')}</i>",
                font=dict(size=12, color=theme.MUTED),
            )
            fig.add_hrect(
                y0=later_range[0], y1=later_range[1], fillcolor="#F6F6F6", line_width=0, layer="below", row=2, col=1
            )
        else:
            fig.update_xaxes(range=later_range, **span, row=1, col=2)
            fig.add_annotation(
                xref="x2 domain",
                yref="paper",
                x=0.5,
                y=0,
                yanchor="bottom",  # the as-of note takes the top edge
                showarrow=False,
                text=f"<i>{say('charts.timeline.later')}</i>",
                font=dict(size=12, color=theme.MUTED),
            )
            fig.add_vrect(
                x0=later_range[0], x1=later_range[1], fillcolor="#F6F6F6", line_width=0, layer="below", row=1, col=2
            )
    return framing.apply(fig, p, "timeline", meta)
