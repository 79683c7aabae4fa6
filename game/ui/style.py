"""Colours, seat markers and fonts of the client. Colour is never the only signal: every seat also has
a shape, a hatch pattern and a three-letter code (in the catalogues: ``game.i18n.seat_code``)."""

from __future__ import annotations

import math
from functools import lru_cache

import pygame

from game.resources import ASSETS
from game.ui.maplayer import StateStyle

FONT_REGULAR = ASSETS / "fonts" / "DejaVuSans.ttf"
FONT_BOLD = ASSETS / "fonts" / "DejaVuSans-Bold.ttf"

Color = tuple[int, int, int]

# Per state: colour (standard), colour (colour-blind safe), hatch, marker shape.
_SEATS: dict[str, tuple[Color, Color, str, str]] = {
    "kazakhstan": ((64, 170, 230), (86, 180, 233), "diagonal", "circle"),
    "russia": ((214, 72, 60), (213, 94, 0), "horizontal", "square"),
    "azerbaijan": ((40, 170, 110), (0, 158, 115), "back_diagonal", "triangle"),
    "turkmenistan": ((235, 200, 40), (240, 228, 66), "dots", "diamond"),
    "iran": ((170, 100, 200), (204, 121, 167), "vertical", "hexagon"),
    "georgia": ((240, 140, 40), (230, 159, 0), "cross", "star"),
    "armenia": ((40, 90, 200), (0, 114, 178), "grid", "pentagon"),
    "uzbekistan": ((120, 200, 200), (150, 200, 120), "back_diagonal", "triangle_down"),
    "turkey": ((200, 60, 120), (200, 80, 90), "diagonal", "cross"),
}
_FALLBACK = ((150, 150, 150), (150, 150, 150), "dots", "circle")
SHAPES: tuple[str, ...] = ("circle", "square", "triangle", "diamond", "hexagon", "star", "pentagon", "triangle_down")

NEUTRAL_FILL: Color = (232, 228, 216)
NPS_FILL: Color = (214, 210, 200)

LINK_COLOURS: dict[str, Color] = {
    "rail": (70, 62, 56),
    "sea": (22, 84, 150),
    "oil": (25, 25, 25),
    "gas": (196, 106, 0),
    "power": (150, 40, 170),
}
COMMODITY_COLOURS: dict[str, Color] = {
    "oil": (20, 20, 20),
    "gas": (255, 160, 20),
    "cargo": (250, 250, 250),
    "power": (230, 60, 255),
}
CUT_COLOUR: Color = (210, 30, 30)
PANEL_BG: Color = (30, 34, 42)
TEXT: Color = (236, 236, 236)
DIM_TEXT: Color = (170, 176, 186)
FRAME: Color = (201, 162, 74)  # the frame of an inset or a box drawn over the map


def seat_colour(state_id: str, palette: str) -> Color:
    spec = _SEATS.get(state_id, _FALLBACK)
    return spec[1] if palette == "colourblind" else spec[0]


def seat_shape(state_id: str, index: int = 0) -> str:
    shape = _SEATS.get(state_id, _FALLBACK)[3]
    return shape if state_id in _SEATS else SHAPES[index % len(SHAPES)]


def seat_hatch(state_id: str) -> str:
    return _SEATS.get(state_id, _FALLBACK)[2]


def control_style(state_id: str, palette: str) -> StateStyle:
    """How a state controlled by a seat is filled: a pale tint of its colour and its hatch."""
    r, g, b = seat_colour(state_id, palette)
    fill = (int(r * 0.45 + 255 * 0.55), int(g * 0.45 + 255 * 0.55), int(b * 0.45 + 255 * 0.55))
    return StateStyle(fill=fill, hatch=seat_hatch(state_id), hatch_color=(int(r * 0.7), int(g * 0.7), int(b * 0.7)))


def shape_points(shape: str, centre: tuple[float, float], radius: float) -> list[tuple[float, float]]:
    """The polygon of a marker shape (empty for a circle)."""
    cx, cy = centre
    if shape == "circle":
        return []
    if shape == "square":
        r = radius * 0.88
        return [(cx - r, cy - r), (cx + r, cy - r), (cx + r, cy + r), (cx - r, cy + r)]
    if shape == "cross":
        a, b = radius, radius * 0.4
        return [
            (cx - b, cy - a), (cx + b, cy - a), (cx + b, cy - b), (cx + a, cy - b), (cx + a, cy + b), (cx + b, cy + b),
            (cx + b, cy + a), (cx - b, cy + a), (cx - b, cy + b), (cx - a, cy + b), (cx - a, cy - b), (cx - b, cy - b),
        ]  # fmt: skip
    corners, start, inner = {
        "triangle": (3, -90.0, 0.0),
        "triangle_down": (3, 90.0, 0.0),
        "diamond": (4, -90.0, 0.0),
        "pentagon": (5, -90.0, 0.0),
        "hexagon": (6, 0.0, 0.0),
        "star": (5, -90.0, 0.45),
    }.get(shape, (4, -90.0, 0.0))
    points = []
    steps = corners * 2 if inner else corners
    for k in range(steps):
        angle = math.radians(start + k * 360.0 / steps)
        r = radius * (inner if inner and k % 2 else 1.0)
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return points


def draw_marker(surface: pygame.Surface, shape: str, centre: tuple[float, float], radius: float, fill: Color) -> None:
    """A seat's marker: its shape in its colour with a dark outline."""
    points = shape_points(shape, centre, radius)
    if not points:
        pygame.draw.circle(surface, fill, centre, radius)
        pygame.draw.circle(surface, (20, 20, 20), centre, radius, max(1, int(radius // 6)))
        return
    pygame.draw.polygon(surface, fill, points)
    pygame.draw.polygon(surface, (20, 20, 20), points, max(1, int(radius // 6)))


@lru_cache(maxsize=64)
def font(size: int, bold: bool = False) -> pygame.font.Font:
    """The shipped DejaVu Sans at a pixel size (cached)."""
    return pygame.font.Font(str(FONT_BOLD if bold else FONT_REGULAR), max(6, int(size)))


def text_outline(text: str, size: int, colour: Color, outline: Color, bold: bool = False) -> pygame.Surface:
    """Text with a one-pixel halo, readable on any map colour."""
    face = font(size, bold)
    inner = face.render(text, True, colour)
    halo = face.render(text, True, outline)
    w, h = inner.get_size()
    out = pygame.Surface((w + 2, h + 2), pygame.SRCALPHA)
    for dx, dy in ((0, 1), (2, 1), (1, 0), (1, 2), (0, 0), (2, 2), (0, 2), (2, 0)):
        out.blit(halo, (dx, dy))
    out.blit(inner, (1, 1))
    return out
