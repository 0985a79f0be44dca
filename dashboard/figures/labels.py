"""Label placement in screen space, shared by the map and the timeline: no label may cover another label or a
marker. Greedy and deterministic, so the screen, the PNG and the tests agree."""

from __future__ import annotations

import math
from dataclasses import dataclass

LABEL_SIZE = 13


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlap(self, other: Box) -> float:
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return w * h if w > 0 and h > 0 else 0.0


def text_box(cx: float, cy: float, text: str, size: int = LABEL_SIZE) -> Box:
    """Approximate screen box of a label centred at (cx, cy); y grows downwards. Lines break at ``<br>``."""
    lines = text.split("<br>")
    w = 0.62 * size * max(len(line) for line in lines) + 6
    h = 1.35 * size * len(lines)
    return Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def place_labels(
    points: list[tuple[float, float]],
    texts: list[str],
    bounds: Box,
    size: int = LABEL_SIZE,
    *,
    obstacles: list[tuple[float, float]] = (),
    radii: tuple[int, ...] = (12, 30, 52, 78),
    blocked: list[Box] = (),
    prefer_right: bool = False,
) -> list[tuple[float, float]]:
    """For each point (screen px), an offset (dx, dy) for its label so labels avoid each other, all markers
    and the ``blocked`` boxes (other text). ``prefer_right``: labels go right of their points when they can.

    Greedy: the most crowded points choose first, each the cheapest of 12 directions x the given distances.
    """
    markers = [Box(x - 9, y - 9, x + 9, y + 9) for x, y in [*points, *obstacles]]
    crowd = [sum(1 for q in points if math.dist(p, q) < 120) for p in points]
    order = sorted(range(len(points)), key=lambda i: (-crowd[i], points[i][0]))
    placed: dict[int, Box] = {}
    offsets: dict[int, tuple[float, float]] = {}
    for i in order:
        x, y = points[i]
        best = None
        first = text_box(0, 0, texts[i], size)
        w, h = first.x1 * 2, first.y1 * 2
        for radius in radii:
            for angle in (0, 180, 90, 270, 45, 135, 225, 315, 30, 150, 210, 330):
                ux, uy = math.cos(math.radians(angle)), -math.sin(math.radians(angle))
                dx = ux * (radius + w / 2)
                dy = uy * (radius + h / 2)
                box = text_box(x + dx, y + dy, texts[i], size)
                cost = sum(box.overlap(b) for b in placed.values()) * 10
                cost += sum(box.overlap(m) for m in markers) * 10
                cost += sum(box.overlap(b) for b in blocked) * 40
                outside = (
                    max(0, bounds.x0 - box.x0)
                    + max(0, box.x1 - bounds.x1)
                    + max(0, bounds.y0 - box.y0)
                    + max(0, box.y1 - bounds.y1)
                )
                side = (0 if angle in (0, 180) else 5) + (8 if prefer_right and ux < 0 else 0)
                cost += outside * 50 + radius * 2 + side
                if best is None or cost < best[0]:
                    best = (cost, dx, dy, box)
        _, dx, dy, box = best
        placed[i] = box
        offsets[i] = (dx, dy)
    return [offsets[i] for i in range(len(points))]
