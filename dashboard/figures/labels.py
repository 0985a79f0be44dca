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
    """Approximate screen box of a label centred at (cx, cy); y grows downwards."""
    w = 0.58 * size * len(text) + 6
    h = 1.35 * size
    return Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def place_labels(
    points: list[tuple[float, float]],
    texts: list[str],
    bounds: Box,
    size: int = LABEL_SIZE,
    *,
    obstacles: list[tuple[float, float]] = (),
    radii: tuple[int, ...] = (12, 30, 52, 78),
) -> list[tuple[float, float]]:
    """For each point (screen px), an offset (dx, dy) for its label so labels avoid each other and all markers.

    Greedy: the most crowded points choose first, each the cheapest of 12 directions x the given distances.
    """
    markers = [Box(x - 8, y - 8, x + 8, y + 8) for x, y in [*points, *obstacles]]
    crowd = [sum(1 for q in points if math.dist(p, q) < 120) for p in points]
    order = sorted(range(len(points)), key=lambda i: (-crowd[i], points[i][0]))
    placed: dict[int, Box] = {}
    offsets: dict[int, tuple[float, float]] = {}
    for i in order:
        x, y = points[i]
        best = None
        w = text_box(0, 0, texts[i], size).x1 * 2
        h = 1.35 * size
        for radius in radii:
            for angle in (0, 180, 90, 270, 45, 135, 225, 315, 30, 150, 210, 330):
                ux, uy = math.cos(math.radians(angle)), -math.sin(math.radians(angle))
                dx = ux * (radius + w / 2)
                dy = uy * (radius + h / 2)
                box = text_box(x + dx, y + dy, texts[i], size)
                cost = sum(box.overlap(b) for b in placed.values()) * 10
                cost += sum(box.overlap(m) for m in markers) * 10
                outside = (
                    max(0, bounds.x0 - box.x0)
                    + max(0, box.x1 - bounds.x1)
                    + max(0, bounds.y0 - box.y0)
                    + max(0, box.y1 - bounds.y1)
                )
                cost += outside * 50 + radius * 2 + (0 if angle in (0, 180) else 5)
                if best is None or cost < best[0]:
                    best = (cost, dx, dy, box)
        _, dx, dy, box = best
        placed[i] = box
        offsets[i] = (dx, dy)
    return [offsets[i] for i in range(len(points))]
