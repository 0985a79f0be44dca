"""Palette, symbols, fonts and sizes: one place, so the screen, the PNG and the static site match.

Colours are Okabe-Ito (safe for the common colour-vision deficiencies), and every colour distinction is doubled
by a marker shape, so a greyscale print still reads. Charts sit on an opaque white card in light and dark mode.
Labels are words, not style: they live in ``words.toml``.
"""

from __future__ import annotations

FONT = "Source Sans Pro, DejaVu Sans, Arial, sans-serif"
INK = "#1A1A1A"
MUTED = "#5A5A5A"
GRID = "#E3E3E3"
LAND = "#F1F1EF"
BORDER = "#BDBDBD"
CARD = "#FFFFFF"

# Okabe-Ito
ORANGE, SKY, GREEN, YELLOW, BLUE, VERMILLION, PURPLE, GREY = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#8C8C8C",
)

CITY_STYLE = {  # group -> (colour, symbol, size)
    "excluded": (VERMILLION, "diamond", 15),
    "operations": (BLUE, "circle", 11),
    "diagnostic": (SKY, "square", 10),
}
POSITION_COLOUR = {"Yea": BLUE, "Nay": ORANGE, "Not Voting": GREY, "Present": YELLOW}
PARTY_SYMBOL = {"R": "circle", "D": "square", "I": "diamond"}
CATEGORY_COLOUR = {  # keyed by contract.tables.EVENT_CATEGORIES (a test checks they match)
    "psp": VERMILLION,
    "immigration": PURPLE,
    "legislation": GREEN,
    "nlrb": BLUE,
    "doj": ORANGE,
}
ENTITY_COLOUR = {  # the article view's highlights, by entity type
    "person": "#CCE3F2",
    "organization": "#FBE3C2",
    "city": "#F7CDB3",
    "state": "#EFE7B0",
    "program": "#C7E9DE",
    "legislation": "#D9EFC7",
    "policy": "#EBD3E4",
    "publication": "#E2E2E2",
    "district": "#E6DFC0",
}

TITLE_SIZE = 22
SUBTITLE_SIZE = 14
BODY_SIZE = 13
NOTE_SIZE = 11

# Width classes: a chart lays out for the width of its own box (CSS px). Narrow: below 500; medium: below 900;
# wide: the rest. The app measures each chart's box in the browser; the static site ships one variant per class
# at the design width below and picks, at load, the widest that fits the chart's box.
NARROW, MEDIUM, WIDE = "narrow", "medium", "wide"
SITE_WIDTHS = {NARROW: 340, MEDIUM: 700, WIDE: 1100}


def width_class(width: float) -> str:
    return NARROW if width < 500 else MEDIUM if width < 900 else WIDE


# Where a reader cannot hover (a phone, a tablet), Plotly shows a chart's tool bar at all times, at its top right,
# over the end of the title's first line on a narrow screen. A page of the app draws each chart with a band of this
# many px above its title for the bar (figures.framing.with_tool_band); the bar is 26 px tall, 2 px from the top.
TOOLBAR_BAND = 30

# Card frames for sharing (width, height) in CSS pixels; PNGs are written at 2x.
FRAMES = {"social": (1200, 675), "slide": (1600, 900), "square": (1080, 1080)}
DEFAULT_WIDTH = 1100  # a chart drawn before its box is measured (a first paint, the tests without a browser)
EXPORT_SCALE = 2

# Timeline layout (px unless named otherwise). Wide and medium: lanes across, time left to right; narrow: time down.
TIMELINE_MAIN_SHARE = 0.8  # of the time axis: the story's panel; the rest holds the later outcomes
TIMELINE_LANE_LABELS = {WIDE: 190, MEDIUM: 124}  # room left of the plot for the lane names, card padding included
TIMELINE_LANE_PX = 86  # height of one lane, across
TIMELINE_DAY_PX = 2.6  # height of one day, down (narrow)
TIMELINE_COLUMN_PX = 30  # widest column per lane, down (narrow)
TIMELINE_MONTH_AXIS = 62  # room left of the plot for the month labels, down (narrow)
TIMELINE_AXIS_ROOM = 40  # room under the plot for the month labels, across
TIMELINE_LATER_PAD_DAYS = 200  # the later-outcomes panel runs this many days past its first and last event
TIMELINE_STORY_PAD_DAYS = 10  # the story's panel ends this many days past its last event
TIMELINE_GAP = {"across": 0.035, "down": 0.06}  # between the two panels, as a share of the figure
TIMELINE_MONTH_MIN_PX = 44  # below this many px per month, tick every other month
LATER_PANEL = "#F6F6F6"  # the later outcomes' background
TRANSLUCENT = "rgba(255,255,255,0.85)"  # behind a label over the plot
TIMELINE_TURNED_CHAR_PX = 7  # height per character of a lane name turned upright above its column (narrow)

# Map layout.
MAP_PAD_KM = 60  # land shown past the outermost state outline
MAP_LABEL_FAR = 45  # px: a label placed farther than this from its city gets a leader line
LABEL_BACKING = "rgba(255,255,255,0.75)"  # behind a city's name

# Senate charts.
SEAT_PX = (6.0, 15.0)  # a senator's marker in the seat chart, smallest and largest
RING_SCALE = 1.8  # a chosen senator's ring, in seat sizes
TALLY_ROW_PX, TALLY_BAR_PX = 96, 28  # a tally row (its label above, the bar, the majority note below) and its bar
TALLY_AXIS_ROOM = 46  # under the bars: the axis and its title
