"""The policy timeline: the story's events on lanes by category, what came after the article past a dashed
as-of line, later outcomes behind a visible break.

Wide and medium: time runs left to right, one lane per category, later outcomes in a panel on the right.
Narrow: time runs down, one column per category, later outcomes in a panel below, the article's words to the
right of the columns.

Built in steps: ``prepare`` (events on lanes, with a point in time each) → traces (spans, markers, arrows, the
chosen event) → ``_lay_out`` (the plan and the ``Geometry`` in px) → annotations (the as-of line, the article's
words) → axes and the later-outcomes panel. Everything that depends on the orientation asks the ``Geometry``."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard import fmt, theme
from dashboard.figures import framing
from dashboard.figures.framing import esc, mention_lines
from dashboard.figures.labels import Box, place_labels
from dashboard.fmt import when
from dashboard.gloss import Gloss
from dashboard.meta import Meta
from dashboard.words import say, section, term

MAIN_SHARE = theme.TIMELINE_MAIN_SHARE
SPANNED = ("month", "year")  # date precisions drawn as a span over their month or year
KINDS = ("context", "article", "after", "expected")  # marker kinds, in legend order


def _wrap(text: str) -> str:
    return "<br>".join(fmt.wrap_words(text, 60))


def hover(
    row,
    events_by_id: dict[str, pd.Series],
    mentions: list[str] | None = None,
    source: str = "",
    report: dict[str, str] | None = None,
    several: bool = False,
) -> str:
    """An event's hover: its title and date, the article's words and how they were read, what came of an expected
    event, the reference's caveats, where the articles name it, and its source (``source``: in readers' words; its
    domain when not given) with its confidence. With several articles (``several``), the report whose words these
    are (``report``: its ``outlet`` and ``as_of``, ``tables.report_words``), and a context event is in none of the
    reports. A hover is read alone: each term in it is spelled out at its first use (``dashboard.gloss``)."""
    g = Gloss()
    lines = [f"<b>{_wrap(esc(g(row['title'])))}</b>", when(row)]
    if row["in_article"]:
        if several and report:
            said = {k: esc(v) for k, v in report.items()}
            lines.append(_wrap(say("charts.timeline.in-report", surface=esc(row["surface"]), **said)))
        elif several:  # a row that names no report of its own
            lines.append(say("charts.timeline.in-reports", surface=esc(row["surface"])))
        else:
            lines.append(say("charts.timeline.in-article", surface=esc(row["surface"])))
        if isinstance(row.get("resolution"), str):
            lines.append(_wrap(esc(g(row["resolution"]))))
    else:
        lines.append(say("charts.timeline.not-in-reports" if several else "charts.timeline.not-in-article"))
    if isinstance(row.get("outcome_event_id"), str) and row["outcome_event_id"] in events_by_id:
        out = events_by_id[row["outcome_event_id"]]
        lines.append(say("charts.timeline.outcome", title=_wrap(esc(g(out["title"]))), when=when(out)))
    if isinstance(row.get("note"), str):
        lines.append(_wrap(esc(g(row["note"]))))
    lines += mention_lines(mentions or [])
    where = source or fmt.domain(str(row["source"]))
    lines.append(fmt.source_line(f"{esc(where)} · {esc(term('terms.confidence', row['confidence']))}"))
    return "<br>".join(lines)


CITED_ORDER = ("official", "press", "blog", "reference", "mirror", "copy")  # the kinds, as the line names them


def _count(kind: str, n: int) -> str:
    words = section("charts.timeline.cited")
    return words[f"{kind}-one"] if n == 1 and f"{kind}-one" in words else words[kind].format(n=n)


def cited_line(events: pd.DataFrame, sources: pd.DataFrame, reports: int | None = None) -> str:
    """The timeline's source line, written from the pages its events cite (``sources`` rows of the group
    ``events``), by kind: pages counted, copies named by what they copy, mirrors named as mirrors. ``reports``: with
    several articles, how many date its events (named first, where one article's line names "the article")."""
    ids = set(events["event_id"])
    cited = sources[(sources["group"] == "events") & sources["cited_by"].map(lambda c: bool(ids & set(c.split(" | "))))]
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
            parts.append(say("charts.timeline.cited.copy", what=fmt.listing(sorted(set(sub["copy_of"])))))
        else:
            parts.append(_count(kind, len(sub)))
    if reports is None:
        return say("charts.timeline.cited.line", kinds="; ".join(parts))
    counted = say("reports.n-reports-one" if reports == 1 else "reports.n-reports", n=reports)
    return say("charts.timeline.cited.line-several", reports=counted, kinds="; ".join(parts))


UNPLACED = Box(0, 0, 1, 1)  # a Geometry's box before the chart is planned


@dataclass(frozen=True)
class Geometry:
    """The orientation, and (once the chart is planned, ``placed``) where the main panel sits in px and how a
    (date, lane) becomes a point on screen. Every step that differs across and down asks this object."""

    vertical: bool  # time runs down (narrow widths)
    lo: pd.Timestamp  # the main panel's time span
    hi: pd.Timestamp
    box: Box = UNPLACED  # the main panel, px
    lane_range: tuple[float, float] = (0.0, 1.0)

    def placed(self, box: Box, lane_range: tuple[float, float]) -> Geometry:
        return dataclasses.replace(self, box=box, lane_range=lane_range)

    def subplots(self) -> go.Figure:
        """The main panel and the later-outcomes panel: side by side across, one above the other down."""
        if self.vertical:
            return make_subplots(
                rows=2,
                cols=1,
                shared_xaxes=True,
                row_heights=[MAIN_SHARE, 1 - MAIN_SHARE],
                vertical_spacing=theme.TIMELINE_GAP["down"],
            )
        return make_subplots(
            rows=1,
            cols=2,
            shared_yaxes=True,
            column_widths=[MAIN_SHARE, 1 - MAIN_SHARE],
            horizontal_spacing=theme.TIMELINE_GAP["across"],
        )

    def cell(self, panel: int) -> dict:
        return dict(row=panel, col=1) if self.vertical else dict(row=1, col=panel)

    def xy(self, when, lane) -> dict:
        return dict(x=lane, y=when) if self.vertical else dict(x=when, y=lane)

    def px(self, when: pd.Timestamp, lane: float) -> tuple[float, float]:
        b = self.box
        ft = (when - self.lo).total_seconds() / (self.hi - self.lo).total_seconds()
        fl = (lane - self.lane_range[0]) / (self.lane_range[1] - self.lane_range[0])
        if self.vertical:
            return b.x0 + fl * (b.x1 - b.x0), b.y0 + ft * (b.y1 - b.y0)
        return b.x0 + ft * (b.x1 - b.x0), b.y1 - fl * (b.y1 - b.y0)


def main_panel(events: pd.DataFrame) -> pd.Series:
    """Events drawn in the main panel: the story and what came after it (phase ``story`` or ``after``)."""
    return events["phase"] != "later"


def after_article(events: pd.DataFrame, as_of: str) -> pd.Series:
    """Events after the article's as-of date: phase ``after``, or (data with only two phases) a ``story`` event
    dated past the as-of date. Expected events keep their own marker."""
    late = pd.to_datetime(events["date_start"]) > pd.Timestamp(as_of)
    return (events["phase"] == "after") | ((events["phase"] == "story") & late)


def story_range(ev: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The main panel's span: from the first of the month of its first event to a few days past its last."""
    story = ev[main_panel(ev)]
    ends = pd.to_datetime(story["date_end"].fillna(story["date_start"]))
    first = pd.to_datetime(story["date_start"]).min()
    pad = pd.Timedelta(days=theme.TIMELINE_STORY_PAD_DAYS)
    return first.replace(day=1), max(ends.max(), story["mid"].max()) + pad


# ---- prepare ----------------------------------------------------------------------------------------------------


def prepare(events: pd.DataFrame, meta: Meta, vertical: bool) -> tuple[pd.DataFrame, dict[str, int]]:
    """Each event on its lane (across: the first lane on top; down: on the left), at its point in time (a
    month- or year-precision event at the middle of its span), in its panel, and whether it came after the
    article. Returns the events and lane id -> position."""
    lanes = [c for c in section("lanes") if c in set(events["category"])]
    lane_of = {c: (i if vertical else len(lanes) - 1 - i) for i, c in enumerate(lanes)}
    ev = events.assign(
        lane=events["category"].map(lane_of),
        mid=pd.to_datetime(events["date_start"]),
        after=after_article(events, meta.as_of),
        panel=main_panel(events).map({True: 1, False: 2}),
    )
    spanned = ev["date_precision"].isin(SPANNED)
    start, end = pd.to_datetime(ev.loc[spanned, "date_start"]), pd.to_datetime(ev.loc[spanned, "date_end"])
    ev.loc[spanned, "mid"] = start + (end - start) / 2
    return ev, lane_of


# ---- traces -----------------------------------------------------------------------------------------------------


MARKERS = {  # kind -> marker (its colour comes from the lane)
    "context": dict(symbol="circle", size=11, line=dict(color=theme.INK, width=0.8)),
    "article": dict(symbol="diamond", size=17, line=dict(color=theme.INK, width=2)),
    "after": dict(symbol="circle-open", size=12, line=dict(width=2.5)),
    "expected": dict(symbol="diamond-open", size=17, line=dict(width=2.5)),
}


def _kinds(part: pd.DataFrame) -> dict[str, pd.DataFrame]:
    happened = part["status"] == "happened"
    return {
        "context": part[happened & ~part["in_article"] & ~part["after"]],
        "article": part[happened & part["in_article"] & ~part["after"]],
        "after": part[happened & part["after"]],
        "expected": part[part["status"] == "expected"],
    }


def _spans(fig: go.Figure, part: pd.DataFrame, geo: Geometry, panel: int) -> None:
    """A month- or year-precision event as a translucent bar over its span."""
    for _, r in part[part["date_precision"].isin(SPANNED)].iterrows():
        fig.add_trace(
            go.Scatter(
                **geo.xy([r["date_start"], r["date_end"]], [r["lane"], r["lane"]]),
                mode="lines",
                line=dict(color=theme.CATEGORY_COLOUR[r["category"]], width=6),
                opacity=0.35,
                hoverinfo="skip",
                showlegend=False,
            ),
            **geo.cell(panel),
        )


def _markers(fig: go.Figure, part: pd.DataFrame, geo: Geometry, panel: int, hovers: dict[str, str]) -> None:
    """One trace per kind of event, named once in the legend (from the main panel)."""
    for kind, sub in _kinds(part).items():
        if sub.empty:
            continue
        colours = [theme.CATEGORY_COLOUR[c] for c in sub["category"]]
        marker = MARKERS[kind]
        fig.add_trace(
            go.Scatter(
                **geo.xy(sub["mid"], sub["lane"]),
                mode="markers",
                marker={**marker, "color": colours},
                name=say(f"charts.timeline.{kind}"),
                legendgroup=kind,
                showlegend=panel == 1,
                customdata=sub["event_id"],
                hovertext=[hovers[i] for i in sub["event_id"]],
                hovertemplate="%{hovertext}<extra></extra>",
            ),
            **geo.cell(panel),
        )


def _outcome_arrows(fig: go.Figure, ev: pd.DataFrame, geo: Geometry) -> None:
    """From an expected event to what happened."""
    for _, r in ev[(ev["status"] == "expected") & ev["outcome_event_id"].notna()].iterrows():
        out = ev[ev["event_id"] == r["outcome_event_id"]]
        if out.empty:
            continue
        o = out.iloc[0]
        head, tail = geo.xy(o["mid"], o["lane"]), geo.xy(r["mid"], r["lane"])
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


def _chosen(fig: go.Figure, ev: pd.DataFrame, geo: Geometry, event_id: str) -> None:
    """A ring around the chosen event, named in the legend."""
    h = ev[ev["event_id"] == event_id].iloc[0]
    fig.add_trace(
        go.Scatter(
            **geo.xy([h["mid"]], [h["lane"]]),
            mode="markers",
            name=say("charts.common.selected"),
            hoverinfo="skip",
            marker=dict(symbol="circle-open", size=30, color=theme.INK, line=dict(width=3)),
        ),
        **geo.cell(int(h["panel"])),
    )


def traces(
    fig: go.Figure, ev: pd.DataFrame, geo: Geometry, highlight: str | None, mentions, sources=None, reports=None
) -> None:
    """The markers, spans and arrows. ``reports``: with several articles, event id -> the report whose words its
    row gives (``outlet``, ``as_of``); ``None`` with one article."""
    by_id = {r["event_id"]: r for _, r in ev.iterrows()}
    several = reports is not None
    hovers = {
        i: hover(r, by_id, mentions.get(i), (sources or {}).get(i, ""), (reports or {}).get(i), several)
        for i, r in by_id.items()
    }
    for panel in (1, 2):
        part = ev[ev["panel"] == panel]
        _spans(fig, part, geo, panel)
        _markers(fig, part, geo, panel, hovers)
    _outcome_arrows(fig, ev, geo)
    if highlight and highlight in by_id:
        _chosen(fig, ev, geo, highlight)


# ---- lay out ----------------------------------------------------------------------------------------------------


def _lane_names(lanes, width: int, vertical: bool) -> dict[str, str]:
    """Short names above narrow columns; on medium widths two lines each, so the plot keeps its width."""
    names = section("lanes-short" if vertical else "lanes")
    if theme.width_class(width) == theme.MEDIUM:
        names = {c: "<br>".join(fmt.wrap_words(n, 14)) for c, n in names.items()}
    return {c: names[c] for c in lanes}


def _lay_out(geo: Geometry, lane_names: dict[str, str], words: dict, size) -> tuple[framing.Plan, Geometry]:
    """The plan (title, legend, credit, margins) and where the main panel then sits, in px."""
    n_lanes = len(lane_names)
    if geo.vertical:  # month labels on the left, lane names standing above their columns
        top = max(len(n) for n in lane_names.values()) * theme.TIMELINE_TURNED_CHAR_PX + 10
        days = (geo.hi - geo.lo).days
        p = framing.plan(
            size,
            **words,
            margin=dict(l=theme.TIMELINE_MONTH_AXIS),
            axis_top=top,
            plot_height=days * theme.TIMELINE_DAY_PX / MAIN_SHARE,
        )
        lane_px = min(theme.TIMELINE_COLUMN_PX, p.plot_width * 0.45 / n_lanes)
        main_h = p.plot_height * (1 - theme.TIMELINE_GAP["down"]) * MAIN_SHARE
        box = Box(p.left, p.top, p.left + p.plot_width, p.top + main_h)
        return p, geo.placed(box, (-0.6, -0.6 + p.plot_width / lane_px))
    left = theme.TIMELINE_LANE_LABELS[theme.width_class(size[0])] - framing.fonts(size[0]).pad  # lane names
    p = framing.plan(
        size,
        **words,
        margin=dict(l=left),
        axis_room=theme.TIMELINE_AXIS_ROOM,
        plot_height=theme.TIMELINE_LANE_PX * n_lanes,
    )
    main_w = p.plot_width * (1 - theme.TIMELINE_GAP["across"]) * MAIN_SHARE
    box = Box(p.left, p.top, p.left + main_w, p.top + p.plot_height)
    return p, geo.placed(box, (-0.6, n_lanes - 0.4))


# ---- annotate ---------------------------------------------------------------------------------------------------


def _as_of_line(fig: go.Figure, ev: pd.DataFrame, meta: Meta, geo: Geometry) -> list[Box]:
    """The dashed as-of line with its note, when anything came after the article; returns the note's box."""
    if not ev["after"].any():
        return []
    as_of = pd.Timestamp(meta.as_of)
    text = say("charts.timeline.as-of", date=meta.as_of_human)
    line = dict(color=theme.MUTED, width=1.2, dash="dash")
    note = dict(text=text, font=dict(size=11, color=theme.MUTED), bgcolor=theme.TRANSLUCENT)
    w = framing.text_width(text, 11) + 16
    at = as_of.timestamp() * 1000
    b = geo.box
    if geo.vertical:
        fig.add_hline(y=at, line=line, annotation=note, annotation_position="bottom right", row=1, col=1)
        _, y = geo.px(as_of, 0)
        return [Box(b.x1 - w, y - 2, b.x1, y + 22)]
    fig.add_vline(x=at, line=line, annotation=note, annotation_position="top right", row=1, col=1)
    x, _ = geo.px(as_of, 0)
    return [Box(x, b.y0, x + w, b.y0 + 18)]


def one_label_a_spot(labelled: pd.DataFrame) -> pd.DataFrame:
    """With several reports, many give the same event, each in its own words, at one spot: the words most of them
    use label it (the first of those in date order on a tie), and the hover lists every report's."""
    spot = labelled.groupby(["lane", "mid"], sort=False)["surface"]
    count = spot.transform(lambda s: s.map(s.value_counts()))
    most = labelled[count == count.groupby([labelled["lane"], labelled["mid"]]).transform("max")]
    return most.drop_duplicates(["lane", "mid"])


def _label_article_events(fig: go.Figure, ev: pd.DataFrame, geo: Geometry, size: int, blocked, several: bool) -> None:
    """The article's own words next to its events, placed so no label covers another or a marker; with several
    reports, one label a spot (``one_label_a_spot``)."""
    main = ev[main_panel(ev)]
    labelled = main[main["in_article"]].sort_values(["mid", "event_id"])
    if several:
        labelled = one_label_a_spot(labelled)
    points = [geo.px(r["mid"], r["lane"]) for _, r in labelled.iterrows()]
    expected = say("charts.timeline.label-expected")  # its date is ours: said beside it, not only in its hover
    texts = [
        f"“{s}”" + (expected if st == "expected" else "")
        for s, st in zip(labelled["surface"], labelled["status"], strict=True)
    ]
    others = [geo.px(r["mid"], r["lane"]) for _, r in main[~main["in_article"]].iterrows()]
    offsets = place_labels(
        points,
        texts,
        geo.box,
        size,
        obstacles=others,
        radii=(16, 34, 56, 80),
        blocked=blocked,
        prefer_right=geo.vertical,
    )
    for (dx, dy), (_, r), text in zip(offsets, labelled.iterrows(), texts, strict=True):
        fig.add_annotation(
            **geo.xy(r["mid"], r["lane"]),
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
            bgcolor=theme.TRANSLUCENT,
            name=f"label:{r['event_id']}",
            row=1,
            col=1,
        )


# ---- axes -------------------------------------------------------------------------------------------------------


def _axes(fig: go.Figure, geo: Geometry, lane_of: dict[str, int], lane_names) -> None:
    """Lanes on one axis, months on the other (time runs down on a phone)."""
    lane_axis = dict(
        tickvals=list(lane_of.values()),
        ticktext=[lane_names[c] for c in lane_of],
        range=list(geo.lane_range),
        gridcolor=theme.GRID,
        zeroline=False,
    )
    lo, hi = geo.lo, geo.hi
    months = dict(range=[lo, hi], dtick="M1", gridcolor=theme.GRID)
    if geo.vertical:
        fig.update_xaxes(**lane_axis, side="top", tickangle=-90, showticklabels=True, row=1, col=1)
        fig.update_xaxes(showticklabels=False, zeroline=False, range=list(geo.lane_range), row=2, col=1)
        fig.update_yaxes(**months | {"range": [hi, lo]}, tickformat="%b %Y", row=1, col=1)
        return
    fig.update_yaxes(**lane_axis, row=1, col=1)
    fig.update_yaxes(zeroline=False, row=1, col=2)
    per_month = (geo.box.x1 - geo.box.x0) / max(1, (hi - lo).days / 30.4)
    dtick = "M1" if per_month >= theme.TIMELINE_MONTH_MIN_PX else "M2"
    fig.update_xaxes(**months | {"dtick": dtick}, tickformat="%b<br>%Y", row=1, col=1)


def _later_panel(fig: go.Figure, ev: pd.DataFrame, geo: Geometry, width: int) -> None:
    """The later outcomes behind a visible break: their own years axis, a grey panel and its name."""
    later = ev[ev["phase"] == "later"]
    if later.empty:
        return
    pad = pd.Timedelta(days=theme.TIMELINE_LATER_PAD_DAYS)
    span_range = [later["mid"].min() - pad, later["mid"].max() + pad]
    every = "M48" if theme.width_class(width) == theme.MEDIUM else "M12" if geo.vertical else "M24"
    span = dict(tickformat="%Y", dtick=every, gridcolor=theme.GRID)
    name = dict(showarrow=False, text=f"<i>{say('charts.timeline.later')}</i>", font=dict(size=12, color=theme.MUTED))
    grey = dict(fillcolor=theme.LATER_PANEL, line_width=0, layer="below")
    if geo.vertical:
        fig.update_yaxes(range=list(reversed(span_range)), **span, row=2, col=1)
        fig.add_annotation(xref="x2 domain", yref="y2 domain", x=1, y=1, xanchor="right", yanchor="top", **name)
        fig.add_hrect(y0=span_range[0], y1=span_range[1], **grey, row=2, col=1)
        return
    fig.update_xaxes(range=span_range, **span, row=1, col=2)
    fig.add_annotation(xref="x2 domain", yref="paper", x=0.5, y=0, yanchor="bottom", **name)  # as-of note on top
    fig.add_vrect(x0=span_range[0], x1=span_range[1], **grey, row=1, col=2)


# ---- the chart --------------------------------------------------------------------------------------------------


def _words(ev: pd.DataFrame, sources: pd.DataFrame, n_articles: int, reports: int | None) -> dict:
    n_art = int(ev["in_article"].sum())
    n_expected = int((ev["in_article"] & (ev["status"] == "expected")).sum())  # counted apart: not yet events
    title = ("title-several" if n_articles > 1 else "title") + ("-expected" if n_expected else "")
    subtitle = "subtitle-several" if reports is not None else "subtitle"
    return dict(
        title=say(
            f"charts.timeline.{title}", n_article=n_art - n_expected, n_expected=n_expected, n_articles=n_articles
        ),
        subtitle=say(f"charts.timeline.{subtitle}", n_context=len(ev) - n_art),
        source=cited_line(ev, sources, reports),
    )


def _several_legend(fig: go.Figure) -> None:
    """With several articles, the legend names the reports (and the newest of them) where it names the article."""
    words = section("charts.timeline")
    for trace in fig.data:
        if trace.showlegend is not False and f"{trace.legendgroup}-several" in words:
            trace.name = words[f"{trace.legendgroup}-several"]


def timeline(
    events: pd.DataFrame,
    meta: Meta,
    *,
    sources: pd.DataFrame,
    highlight: str | None = None,
    size: tuple[int, int | None] = (theme.DEFAULT_WIDTH, None),
    mentions: dict[str, list[str]] | None = None,
    n_articles: int = 1,
    source_words: dict[str, str] | None = None,
    reports: int = 0,
    report_words: dict[str, dict[str, str]] | None = None,
) -> go.Figure:
    """Events as markers on category lanes; month-precision events span their month; expected events point at
    what happened. ``highlight`` rings one event id; ``mentions``: event id -> where the articles name it,
    newest first (listed in the hover); ``sources``: the sources table, for the source line; ``source_words``: event
    id -> its source in readers' words (the hover); ``reports``: with several articles (``meta.several``), how many
    date its events (the source line); ``report_words``: with several articles, event id -> the report whose
    words its row gives (``tables.report_words``: its hover names it)."""
    vertical = theme.width_class(size[0]) == theme.NARROW
    ev, lane_of = prepare(events, meta, vertical)
    geo = Geometry(vertical, *story_range(ev))
    fig = geo.subplots()
    traces(fig, ev, geo, highlight, mentions or {}, source_words, (report_words or {}) if meta.several else None)
    lane_names = _lane_names(lane_of, size[0], vertical)
    if meta.several:
        _several_legend(fig)
    words = _words(ev, sources, n_articles, reports if meta.several else None)
    words |= dict(meta=meta, legend=framing.legend_entries(fig))
    p, geo = _lay_out(geo, lane_names, words, size)
    blocked = _as_of_line(fig, ev, meta, geo)
    _label_article_events(fig, ev, geo, 11 if vertical else 12, blocked, meta.several)
    _axes(fig, geo, lane_of, lane_names)
    _later_panel(fig, ev, geo, size[0])
    return framing.apply(fig, p, "timeline", meta)
