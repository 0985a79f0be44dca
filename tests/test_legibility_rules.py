"""The legibility rules (devtools/legibility.py) on synthetic boxes: exactly which defects they report.
Boxes are [left, top, right, bottom] in CSS pixels."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from devtools import legibility
from devtools.legibility import (
    Defect,
    boxes_overlap,
    check,
    corners,
    inset,
    page_too_wide,
    polygons_overlap,
    report,
    text_clipped,
    text_offscreen,
    text_overlaps,
    text_under_markers,
)

V = "app:map@390x844"


def t(text: str, x0: float, y0: float, x1: float, y1: float, quad=None) -> dict:
    return {"text": text, "box": [x0, y0, x1, y1], "quad": quad, "cls": ""}


def m(x0: float, y0: float, x1: float, y1: float, opacity: float = 1.0) -> dict:
    return {"box": [x0, y0, x1, y1], "opacity": opacity}


def chart(texts=(), markers=(), box=(0, 0, 400, 300), name="map") -> dict:
    return {"name": name, "index": 0, "box": list(box), "texts": list(texts), "markers": list(markers)}


def turned(cx: float, cy: float, w: float, h: float, degrees: float) -> dict:
    """A w x h label turned about its centre, as the probe reports it: its quad and the quad's bounding box."""
    a = math.radians(degrees)
    quad = [
        [cx + dx * math.cos(a) - dy * math.sin(a), cy + dx * math.sin(a) + dy * math.cos(a)]
        for dx, dy in ((-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2))
    ]
    xs, ys = [p[0] for p in quad], [p[1] for p in quad]
    return {"box": [min(xs), min(ys), max(xs), max(ys)], "quad": quad}


# ------------------------------------------------------------------------------------------------- text on text


def test_overlapping_texts_are_one_defect_per_pair():
    c = chart([t("Albuquerque", 10, 10, 90, 24), t("Baltimore", 80, 20, 150, 34), t("Toledo", 200, 10, 250, 24)])
    assert text_overlaps(c, V) == [Defect("text-overlap", V, "map", ("Albuquerque", "Baltimore"))]
    assert text_overlaps(c, V)[0].detail == "10x4 px"


def test_overlap_must_exceed_one_pixel_both_ways():
    touching = chart([t("A", 0, 0, 50, 14), t("B", 50, 0, 90, 14)])  # side by side
    one_px = chart([t("A", 0, 0, 50, 14), t("B", 49, 0, 90, 14)])  # 1 px: rounding
    thin = chart([t("A", 0, 0, 50, 14), t("B", 10, 13.5, 40, 30)])  # 40 px across but 0.5 px deep
    just = chart([t("A", 0, 0, 50, 14), t("B", 48.5, 12.5, 90, 30)])  # 1.5 x 1.5 px
    assert text_overlaps(touching, V) == []
    assert text_overlaps(one_px, V) == []
    assert text_overlaps(thin, V) == []
    assert text_overlaps(just, V) == [Defect("text-overlap", V, "map", ("A", "B"))]


def test_a_text_never_overlaps_itself_but_the_same_string_twice_does():
    assert text_overlaps(chart([t("Stockton", 10, 10, 70, 24)]), V) == []
    twice = chart([t("Stockton", 10, 10, 70, 24), t("Stockton", 10, 10, 70, 24)])
    assert text_overlaps(twice, V) == [Defect("text-overlap", V, "map", ("Stockton", "Stockton"))]


def test_three_texts_in_one_place_are_three_pairs():
    c = chart([t("x", 0, 0, 20, 10), t("y", 2, 2, 22, 12), t("z", 4, 4, 24, 14)])
    assert [d.texts for d in text_overlaps(c, V)] == [("x", "y"), ("x", "z"), ("y", "z")]


def test_turned_labels_are_compared_as_drawn_not_by_their_bounding_boxes():
    # two 60 x 12 labels at 45 degrees, 30 px apart along x (21 px apart across their length): their bounding
    # boxes overlap by ~21 px both ways, the labels themselves are parallel strips that never meet
    a, b = turned(100, 100, 60, 12, 45), turned(130, 100, 60, 12, 45)
    assert boxes_overlap(a["box"], b["box"])
    apart = chart([t("Mar 2017", *a["box"], quad=a["quad"]), t("Apr 2017", *b["box"], quad=b["quad"])])
    assert text_overlaps(apart, V) == []
    c = turned(108, 100, 60, 12, 45)  # 8 px further along the same line: the strips cross
    crossing = chart([t("Mar 2017", *a["box"], quad=a["quad"]), t("May 2017", *c["box"], quad=c["quad"])])
    assert text_overlaps(crossing, V) == [Defect("text-overlap", V, "map", ("Mar 2017", "May 2017"))]


def test_a_turned_label_against_an_upright_one():
    a = turned(100, 100, 60, 12, 45)
    clear = chart([t("Mar 2017", *a["box"], quad=a["quad"]), t("title", 112, 76, 124, 88)])  # empty corner
    hit = chart([t("Mar 2017", *a["box"], quad=a["quad"]), t("title", 94, 94, 106, 106)])  # on the centre
    assert text_overlaps(clear, V) == []
    assert text_overlaps(hit, V) == [Defect("text-overlap", V, "map", ("Mar 2017", "title"))]


@given(
    st.lists(st.integers(-50, 50), min_size=4, max_size=4),
    st.lists(st.integers(1, 60), min_size=4, max_size=4),
)
def test_separating_axes_agree_with_boxes_for_upright_boxes(xy, wh):
    a = [xy[0], xy[1], xy[0] + wh[0], xy[1] + wh[1]]
    b = [xy[2], xy[3], xy[2] + wh[2], xy[3] + wh[3]]
    assert polygons_overlap(corners(a), corners(b)) == boxes_overlap(a, b)


# ---------------------------------------------------------------------------------------------- text and markers


def test_a_marker_on_a_text_is_a_defect_once_per_text():
    c = chart(
        [t("Indianapolis", 100, 50, 180, 64), t("Memphis", 10, 200, 70, 214)],
        [m(150, 55, 166, 71), m(170, 40, 186, 56), m(300, 300, 316, 316)],
    )
    assert text_under_markers(c, V) == [Defect("text-under-marker", V, "map", ("Indianapolis",))]
    assert text_under_markers(c, V)[0].detail == "2 marker(s)"


def test_a_markers_stroke_is_not_counted():
    # the marker's box reaches 2.5 px into the text; less its 1 px stroke inset that is 1.5 px: a defect.
    # 2 px in, less the inset, is 1 px: not.
    assert text_under_markers(chart([t("NH", 0, 0, 20, 14)], [m(17.5, 11.5, 40, 40)]), V) == [
        Defect("text-under-marker", V, "map", ("NH",))
    ]
    assert text_under_markers(chart([t("NH", 0, 0, 20, 14)], [m(18, 12, 40, 40)]), V) == []


def test_transparent_markers_are_hover_targets_not_ink():
    c = chart([t("Houston", 0, 0, 50, 14)], [m(10, 0, 30, 14, opacity=0.0), m(10, 0, 30, 14, opacity=0.005)])
    assert text_under_markers(c, V) == []
    faint = chart([t("Houston", 0, 0, 50, 14)], [m(10, 0, 30, 14, opacity=0.3)])
    assert text_under_markers(faint, V) == [Defect("text-under-marker", V, "map", ("Houston",))]


def test_inset_never_turns_a_box_inside_out():
    assert inset([0, 0, 10, 20], 1) == (1, 1, 9, 19)
    assert inset([0, 0, 1, 20], 1) == (0.5, 1, 0.5, 19)


# ------------------------------------------------------------------------------------------- cut off, off screen


def test_text_past_the_chart_box_is_cut_off():
    c = chart(
        [
            t("inside", 10, 10, 100, 24),
            t("a hair over", 380, 10, 400.9, 24),  # 0.9 px: rounding
            t("Marvin Kaplan", -120.5, 100, 60, 114),
            t("Source: …", 20, 290, 430, 304),
        ],
        box=(0, 0, 400, 300),
    )
    assert text_clipped(c, V) == [
        Defect("text-clipped", V, "map", ("Marvin Kaplan",)),
        Defect("text-clipped", V, "map", ("Source: …",)),
    ]
    assert [d.detail for d in text_clipped(c, V)] == ["left 120.5 px", "right 30 px, bottom 4 px"]


def test_text_outside_the_viewport_sideways():
    c = chart(
        [t("left", -3, 0, 40, 14), t("fits", 0, 0, 390, 14), t("right", 300, 0, 391, 14), t("far", 350, 0, 420, 14)],
        box=(-100, 0, 500, 300),
    )
    assert text_offscreen(c, V, width=390) == [
        Defect("text-offscreen", V, "map", ("left",)),
        Defect("text-offscreen", V, "map", ("far",)),
    ]
    assert [d.detail for d in text_offscreen(c, V, width=390)] == ["left 3 px", "right 30 px"]


# ---------------------------------------------------------------------------------------------------- the page


def test_a_page_wider_than_the_viewport():
    ok = {"inner_width": 390, "scroll_width": 391, "main_scroll_width": 390, "charts": []}
    static = {"inner_width": 390, "scroll_width": 1465, "main_scroll_width": None, "charts": []}
    app = {"inner_width": 390, "scroll_width": 390, "main_scroll_width": 702, "charts": []}
    assert page_too_wide(ok, V) == []
    assert page_too_wide(static, "site:map@390x844") == [Defect("page-too-wide", "site:map@390x844", "", ("document",))]
    assert page_too_wide(static, "site:map@390x844")[0].detail == "scrollWidth 1465 > 390"
    assert page_too_wide(app, V) == [Defect("page-too-wide", V, "", ("stMain",))]


def test_check_reports_the_page_then_each_chart_rule_by_rule():
    probe = {
        "inner_width": 390,
        "scroll_width": 400,
        "main_scroll_width": None,
        "charts": [
            chart(
                [t("Mar", 10, 10, 40, 24), t("Apr", 30, 10, 60, 24), t("wide title", 10, 280, 420, 296)],
                [m(0, 5, 16, 21)],
                box=(0, 0, 400, 300),
                name="timeline",
            ),
            chart([t("fine", 10, 400, 60, 414)], box=(0, 320, 400, 620), name="1"),
        ],
    }
    assert check(V, probe) == [
        Defect("page-too-wide", V, "", ("document",)),
        Defect("text-overlap", V, "timeline", ("Mar", "Apr")),
        Defect("text-under-marker", V, "timeline", ("Mar",)),
        Defect("text-clipped", V, "timeline", ("wide title",)),
        Defect("text-offscreen", V, "timeline", ("wide title",)),
    ]


def test_a_legible_page_has_no_defects():
    probe = {
        "inner_width": 1400,
        "scroll_width": 1400,
        "main_scroll_width": 1385,
        "charts": [chart([t("Baltimore", 10, 10, 70, 24), t("Buffalo", 10, 30, 60, 44)], [m(80, 10, 96, 26)])],
    }
    assert check("app:map@1400x1000", probe) == []


def test_the_report_counts_and_lists():
    defects = [
        Defect("page-too-wide", V, "", ("document",), "scrollWidth 400 > 390"),
        Defect("text-overlap", V, "timeline", ("Mar", "Apr"), "10x14 px"),
    ]
    assert report(defects, views=45, charts=51).splitlines() == [
        "legibility: 45 page views, 51 charts checked, 2 defects",
        "by kind: text-overlap 1, page-too-wide 1",
        f"by view: {V} 2",
        f"  {V} [page]",
        "    page-too-wide     'document'  (scrollWidth 400 > 390)",
        f"  {V} [timeline]",
        "    text-overlap      'Mar' / 'Apr'  (10x14 px)",
    ]
    assert (
        report([], views=3, charts=4, seconds=2.04) == "legibility: 3 page views, 4 charts checked, 0 defects in 2.0s"
    )


def test_a_chart_drawn_at_another_width_than_it_was_built_for():
    v = "app:map@768x1024"
    fits = chart(box=(0, 0, 736, 300)) | {"built": 730, "width_class": "medium"}
    stretched = chart(box=(0, 0, 736, 300)) | {"built": 350, "width_class": "narrow"}
    squeezed = chart(box=(0, 0, 358, 300)) | {"built": 1100, "width_class": "wide"}
    mislabelled = chart(box=(0, 0, 736, 300)) | {"built": 730, "width_class": "wide"}
    assert legibility.built_for_another_width(fits, v) == []
    assert legibility.built_for_another_width(chart(), v) == []  # a figure that does not say its width
    for c in (stretched, squeezed, mislabelled):
        assert legibility.built_for_another_width(c, v) == [legibility.Defect("built-for-another-width", v, "map", ())]
    assert legibility.built_for_another_width(stretched, v)[0].detail == "built 350 px (narrow), drawn 736 px"
