"""The policy timeline: the story's events on lanes by category, what came after the article past a dashed
as-of line, later outcomes behind a visible break."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard import fmt, theme
from dashboard.figures.framing import MARGIN, esc, frame, mention_lines
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


LEFT = 190  # room for the lane names
MAIN_WIDTH = 0.8


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


def _label_article_events(fig: go.Figure, ev: pd.DataFrame, lanes: list[str], size: tuple[int, int]) -> None:
    """The article's own words next to its events, placed so no label covers another or a marker."""
    width, height = size
    x0, x1 = LEFT, LEFT + (width - LEFT - MARGIN["r"]) * (MAIN_WIDTH - 0.0175)
    y0, y1 = MARGIN["t"], height - MARGIN["b"]
    lo, hi = story_range(ev)
    span = (hi - lo).total_seconds()

    def px(row) -> tuple[float, float]:
        fx = (row["mid"] - lo).total_seconds() / span
        fy = (row["y"] + 0.6) / len(lanes)
        return x0 + fx * (x1 - x0), y1 - fy * (y1 - y0)

    main = ev[main_panel(ev)]
    labelled = main[main["in_article"]].sort_values("mid")
    points = [px(r) for _, r in labelled.iterrows()]
    texts = [f"“{s}”" for s in labelled["surface"]]  # measured as shown; escaped when drawn
    others = [px(r) for _, r in main[~main["in_article"]].iterrows()]
    offsets = place_labels(points, texts, Box(x0, y0, x1, y1), obstacles=others, radii=(16, 34, 56))
    for (dx, dy), (_, r), text in zip(offsets, labelled.iterrows(), texts, strict=True):
        fig.add_annotation(
            x=r["mid"],
            y=r["y"],
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
            font=dict(size=12, color=theme.INK),
            bgcolor="rgba(255,255,255,0.85)",
            name=f"label:{r['event_id']}",
            row=1,
            col=1,
        )


def timeline(
    events: pd.DataFrame,
    meta: Meta,
    *,
    highlight: str | None = None,
    size: tuple[int, int] = theme.DEFAULT_SIZE,
    mentions: dict[str, list[str]] | None = None,
    n_articles: int = 1,
) -> go.Figure:
    """Events as markers on category lanes; month-precision events span their month; expected events point at
    what happened. ``highlight`` rings one event id; ``mentions``: event id -> where the articles name it,
    newest first (listed in the hover)."""
    mentions = mentions or {}
    lanes = [c for c in section("lanes") if c in set(events["category"])]
    lane_y = {c: len(lanes) - 1 - i for i, c in enumerate(lanes)}
    by_id = {r["event_id"]: r for _, r in events.iterrows()}
    fig = make_subplots(
        rows=1, cols=2, shared_yaxes=True, column_widths=[MAIN_WIDTH, 1 - MAIN_WIDTH], horizontal_spacing=0.035
    )
    ev = events.assign(
        y=events["category"].map(lane_y),
        mid=pd.to_datetime(events["date_start"]),
        after=after_article(events, meta.as_of),
        col=main_panel(events).map({True: 1, False: 2}),
    )
    month = ev["date_precision"].isin(["month", "year"])
    ev.loc[month, "mid"] = (
        pd.to_datetime(ev.loc[month, "date_start"])
        + (pd.to_datetime(ev.loc[month, "date_end"]) - pd.to_datetime(ev.loc[month, "date_start"])) / 2
    )
    for col in (1, 2):
        part = ev[ev["col"] == col]
        for _, r in part[part["date_precision"].isin(["month", "year"])].iterrows():  # month/year spans
            fig.add_trace(
                go.Scatter(
                    x=[r["date_start"], r["date_end"]],
                    y=[r["y"], r["y"]],
                    mode="lines",
                    line=dict(color=theme.CATEGORY_COLOUR[r["category"]], width=6),
                    opacity=0.35,
                    hoverinfo="skip",
                    showlegend=False,
                ),
                row=1,
                col=col,
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
            name = say(f"charts.timeline.{kind}")
            fig.add_trace(
                go.Scatter(
                    x=sub["mid"],
                    y=sub["y"],
                    mode="markers",
                    marker=marker,
                    name=name,
                    legendgroup=kind,
                    showlegend=col == 1,
                    customdata=sub["event_id"],
                    hovertext=[hover(r, by_id, mentions.get(r["event_id"])) for _, r in sub.iterrows()],
                    hovertemplate="%{hovertext}<extra></extra>",
                ),
                row=1,
                col=col,
            )
    for _, r in ev[(ev["status"] == "expected") & ev["outcome_event_id"].notna()].iterrows():
        out = ev[ev["event_id"] == r["outcome_event_id"]]
        if out.empty:
            continue
        o = out.iloc[0]
        fig.add_annotation(
            x=o["mid"],
            y=o["y"],
            ax=r["mid"],
            ay=r["y"],
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
    _label_article_events(fig, ev, lanes, size)
    if highlight and highlight in by_id:
        h = ev[ev["event_id"] == highlight].iloc[0]
        col = int(h["col"])
        fig.add_trace(
            go.Scatter(
                x=[h["mid"]],
                y=[h["y"]],
                mode="markers",
                name="Selected",
                hoverinfo="skip",
                marker=dict(symbol="circle-open", size=30, color=theme.INK, line=dict(width=3)),
            ),
            row=1,
            col=col,
        )
    fig.update_yaxes(
        tickvals=list(lane_y.values()),
        ticktext=[section("lanes")[c] for c in lane_y],
        range=[-0.6, len(lanes) - 0.4],
        gridcolor=theme.GRID,
        zeroline=False,
        row=1,
        col=1,
    )
    fig.update_yaxes(zeroline=False, row=1, col=2)
    fig.update_xaxes(range=list(story_range(ev)), dtick="M1", tickformat="%b<br>%Y", gridcolor=theme.GRID, row=1, col=1)
    if ev["after"].any():
        fig.add_vline(
            x=pd.Timestamp(meta.as_of).timestamp() * 1000,
            line=dict(color=theme.MUTED, width=1.2, dash="dash"),
            annotation=dict(
                text=say("charts.timeline.as-of", date=meta.as_of_human),
                font=dict(size=11, color=theme.MUTED),
                bgcolor="rgba(255,255,255,0.85)",
            ),
            annotation_position="top right",
            row=1,
            col=1,
        )
    later = ev[ev["phase"] == "later"]
    if not later.empty:
        fig.update_xaxes(
            range=[later["mid"].min() - pd.Timedelta(days=200), later["mid"].max() + pd.Timedelta(days=200)],
            dtick="M24",
            tickformat="%Y",
            gridcolor=theme.GRID,
            row=1,
            col=2,
        )
        fig.add_annotation(
            xref="x2 domain",
            yref="paper",
            x=0.5,
            y=1.0,
            yanchor="top",  # inside the panel: the legend runs along the top edge
            showarrow=False,
            text=f"<i>{say('charts.timeline.later')}</i>",
            font=dict(size=12, color=theme.MUTED),
        )
        fig.add_vrect(
            x0=later["mid"].min() - pd.Timedelta(days=200),
            x1=later["mid"].max() + pd.Timedelta(days=200),
            fillcolor="#F6F6F6",
            line_width=0,
            layer="below",
            row=1,
            col=2,
        )
    fig.update_layout(legend=dict(orientation="h", x=0.01, y=1.0, yanchor="bottom", font=dict(size=12)))
    n_art = int(ev["in_article"].sum())
    title = "title-several" if n_articles > 1 else "title"
    return frame(
        fig,
        title=say(f"charts.timeline.{title}", n_article=n_art, n_articles=n_articles),
        subtitle=say("charts.timeline.subtitle", n_context=len(ev) - n_art),
        source=say("charts.timeline.source"),
        meta=meta,
        size=size,
        chart_id="timeline",
        margin=dict(l=LEFT),
    )
