"""Palette, symbols, fonts and sizes: one place, so the screen, the PNG and the static site match.

Colours are Okabe-Ito (safe for the common colour-vision deficiencies), and every colour distinction is doubled
by a marker shape, so a greyscale print still reads. Charts sit on an opaque white card in light and dark mode.
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

CITY_STYLE = {  # group -> (label, colour, symbol, size)
    "excluded": ("Excluded (named in the article)", VERMILLION, "diamond", 15),
    "operations": ("2017 PSP operations site", BLUE, "circle", 11),
    "diagnostic": ("2017 PSP diagnostic site", SKY, "square", 10),
}
POSITION_COLOUR = {"Yea": BLUE, "Nay": ORANGE, "Not Voting": GREY, "Present": YELLOW}
PARTY_SYMBOL = {"R": "circle", "D": "square", "I": "diamond"}
PARTY_NAME = {"R": "Republican", "D": "Democrat", "I": "Independent"}
CATEGORY = {  # lane id -> (label, colour); order is top to bottom
    "psp": ("Public Safety Partnership", VERMILLION),
    "immigration": ("Immigration enforcement", PURPLE),
    "legislation": ("Legislation", GREEN),
    "nlrb": ("NLRB nominations", BLUE),
    "doj": ("Justice Department", ORANGE),
}

TITLE_SIZE = 22
SUBTITLE_SIZE = 14
BODY_SIZE = 13
NOTE_SIZE = 11

# Card frames for sharing (width, height) in CSS pixels; PNGs are written at 2x.
FRAMES = {"social": (1200, 675), "slide": (1600, 900), "square": (1080, 1080)}
DEFAULT_SIZE = (1100, 640)
EXPORT_SCALE = 2
