"""Charts for a room to read: horizontal bars in parts, a legend in words, and a score track.

Each renderer draws a chart model into a rectangle and returns the texts it drew with their rectangles, so
tests can check that every text fits (the scenes build the models from game.scoreboard and the catalogues)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from game.ui import style

Color = tuple[int, int, int]
Drawn = list[tuple[str, pygame.Rect]]

INK: Color = (236, 236, 230)
FAINT: Color = (150, 162, 180)
PANEL: Color = (22, 28, 38)
# Okabe and Ito's colours, told apart with every common colour-vision deficiency.
SERIES: tuple[Color, ...] = (
    (230, 159, 0),
    (86, 180, 233),
    (0, 158, 115),
    (240, 228, 66),
    (0, 114, 178),
    (213, 94, 0),
    (204, 121, 167),
    (190, 190, 190),
)


@dataclass(frozen=True)
class Bar:
    """One row: a label, its parts (value and colour), the words after the bar, and whether it stands out."""

    label: str
    parts: tuple[tuple[int, Color], ...]
    value: str
    strong: bool = False
    note: str = ""  # a second line under the bar


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: tuple[Bar, ...]
    legend: tuple[tuple[str, Color], ...]
    mark: int | None = None  # a value marked by a dashed line across the rows
    mark_label: str = ""


@dataclass(frozen=True)
class Track:
    """Lines across rounds: each a label, a colour and a value per mark (the start, then each round)."""

    title: str
    axis: str  # the word under the marks ("round")
    lines: tuple[tuple[str, Color, tuple[int, ...]], ...]
    first: int = 0  # the number of the first mark (0: the start; 1: the first mark is round 1's end)


def fitted(text: str, size: int, width: int, bold: bool = False) -> pygame.Surface:
    """The text in the largest size up to `size` (down to three quarters of it) that fits `width`."""
    floor = max(6, size * 3 // 4)
    while size > floor and style.font(size, bold).size(text)[0] > width:
        size -= 1
    return style.font(size, bold).render(text, True, INK)


def wrapped(text: str, size: int, width: int, bold: bool = False) -> list[str]:
    """The text in lines of whole words that fit `width` (a word longer than that gets a line of its own)."""
    face = style.font(size, bold)
    lines: list[str] = []
    for word in text.split(" "):
        if lines and face.size(f"{lines[-1]} {word}")[0] <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _blit(surface: pygame.Surface, image: pygame.Surface, pos: tuple[int, int], text: str, drawn: Drawn) -> int:
    rect = surface.blit(image, pos)
    drawn.append((text, pygame.Rect(pos, image.get_size())))
    return rect.right


def draw_legend(
    surface: pygame.Surface, rect: pygame.Rect, items: Sequence[tuple[str, Color]], size: int, drawn: Drawn
) -> int:
    """Colour swatches with their words, wrapped across lines; returns the bottom it reached."""
    x, y, line = rect.x, rect.y, size + size // 2
    for text, colour in items:
        image = fitted(text, size, rect.width - size * 2)
        need = size + size // 2 + image.get_width() + size
        if x > rect.x and x + need > rect.right:
            x, y = rect.x, y + line
        pygame.draw.rect(surface, colour, (x, y + size // 4, size, size))
        x = _blit(surface, image, (x + size + size // 2, y), text, drawn) + size
    return y + line


def label_layout(texts: Sequence[str], size: int, width: int, height: int) -> tuple[int, list[list[str]]]:
    """The size (from `size` down to two thirds of it) at which every text, wrapped to `width`, fits `height`;
    and the wrapped lines."""
    floor = max(6, size * 2 // 3)
    while True:
        lines = [wrapped(text, size, width, True) for text in texts]
        face = style.font(size, True)
        fits = all(face.size(line)[0] <= width for rows in lines for line in rows)
        if size <= floor or (fits and max(map(len, lines)) * face.get_linesize() <= height):
            return size, lines
        size -= 1


def draw_bars(surface: pygame.Surface, rect: pygame.Rect, chart: BarChart, size: int) -> Drawn:
    """Horizontal bars in parts, labels on the left, values on the right, a marked value, a legend below."""
    drawn: Drawn = []
    pygame.draw.rect(surface, PANEL, rect, border_radius=size // 2)
    pad = size // 2
    inner = rect.inflate(-2 * pad, -2 * pad)
    title = fitted(chart.title, size + size // 4, inner.width, bold=True)
    _blit(surface, title, inner.topleft, chart.title, drawn)
    top = inner.y + title.get_height() + pad
    note_h = style.font(size).get_linesize() + pad if any(b.note for b in chart.bars) else 0
    legend_h = _legend_height(chart.legend, size, inner.width) + pad + (size + pad if chart.mark is not None else 0)
    row = min(size * 7 // 2 + note_h, (inner.bottom - top - legend_h) // max(1, len(chart.bars)))
    label_size, labels = label_layout([b.label for b in chart.bars], size, inner.width * 2 // 5, row - note_h)
    label_w = max(style.font(label_size, True).size(line)[0] for lines in labels for line in lines)
    value_w = min(inner.width // 4, max(style.font(size, True).size(b.value)[0] for b in chart.bars) + pad)
    left, right = inner.x + label_w + pad, inner.right - value_w
    low = min([0] + [sum(v for v, _ in b.parts if v < 0) for b in chart.bars])
    high = max([1, chart.mark or 0] + [sum(v for v, _ in b.parts if v > 0) for b in chart.bars])
    per = (right - left - pad) / (high - low)
    zero = left + round(-low * per)
    y = top
    for bar, lines in zip(chart.bars, labels):
        face = style.font(label_size, bar.strong)
        y_text = y + (row - note_h - face.get_linesize() * len(lines)) // 2
        for line in lines:
            _blit(surface, face.render(line, True, INK), (inner.x, y_text), line, drawn)
            y_text += face.get_linesize()
        bar_h = min(size * 3 // 2, row - note_h - 2)
        _draw_bar(surface, bar, zero, y + (row - note_h - bar_h) // 2, bar_h, per, size)
        end = zero + round(sum(v for v, _ in bar.parts if v > 0) * per)
        words = fitted(bar.value, size, value_w, bold=True)
        _blit(surface, words, (end + pad // 2, y + (row - note_h - words.get_height()) // 2), bar.value, drawn)
        if bar.note:
            _blit(surface, fitted(bar.note, size, inner.width), (inner.x, y + row - note_h - pad // 2), bar.note, drawn)
        y += row
    if chart.mark is not None:
        x = zero + round(chart.mark * per)
        for dash in range(top, y, size // 2):
            pygame.draw.line(surface, INK, (x, dash), (x, min(dash + size // 4, y)), max(2, size // 8))
        mark = fitted(chart.mark_label, size, inner.width)
        spot = (max(inner.x, min(x - mark.get_width() // 2, inner.right - mark.get_width())), y)
        _blit(surface, mark, spot, chart.mark_label, drawn)
        y += size + pad
    y += pad
    draw_legend(surface, pygame.Rect(inner.x, y, inner.width, inner.bottom - y), chart.legend, size, drawn)
    return drawn


def _draw_bar(surface: pygame.Surface, bar: Bar, zero: int, y: int, height: int, per: float, size: int) -> None:
    """One bar's parts: positive ones rightwards from zero, negative ones leftwards; a frame if it stands out."""
    pos, neg = zero, zero
    for value, colour in bar.parts:
        width = round(abs(value) * per)
        if value > 0:
            pygame.draw.rect(surface, colour, (pos, y, width, height))
            pos += width
        elif value < 0:
            neg -= width
            pygame.draw.rect(surface, colour, (neg, y, width, height))
    if bar.strong:
        pygame.draw.rect(surface, INK, (zero, y, max(2, pos - zero), height), max(2, size // 8))


def _legend_height(items: Sequence[tuple[str, Color]], size: int, width: int) -> int:
    """How tall draw_legend's lines come out."""
    lines, x = 1, 0
    for text, _ in items:
        need = size * 3 + min(width - size * 2, style.font(size).size(text)[0])
        if x and x + need > width:
            lines, x = lines + 1, 0
        x += need
    return lines * (size + size // 2)


def draw_track(surface: pygame.Surface, rect: pygame.Rect, track: Track, size: int) -> Drawn:
    """A score track: a line per seat across the marks, its name and score at the end of its line."""
    drawn: Drawn = []
    pygame.draw.rect(surface, PANEL, rect, border_radius=size // 2)
    pad = size // 2
    inner = rect.inflate(-2 * pad, -2 * pad)
    title = fitted(track.title, size + size // 4, inner.width, bold=True)
    _blit(surface, title, inner.topleft, track.title, drawn)
    ends = [f"{label} {values[-1]}" for label, _, values in track.lines]
    end_w = min(inner.width * 2 // 5, max(style.font(size, True).size(t)[0] for t in ends) + size + pad * 2)
    end_size, _ = label_layout(ends, size, end_w - size - pad, style.font(size, True).get_linesize())
    axis_w = style.font(size).size(str(max(v for _, _, vals in track.lines for v in vals)))[0] + pad
    line = style.font(size).get_linesize()
    plot = pygame.Rect(inner.x + axis_w, inner.y + title.get_height() + line, 0, 0)
    plot.width = inner.right - end_w - pad - plot.x
    plot.height = inner.bottom - 2 * line - 2 - plot.y
    marks = max(len(values) for _, _, values in track.lines)
    high = max(1, max(v for _, _, vals in track.lines for v in vals))
    low = min(0, min(v for _, _, vals in track.lines for v in vals))

    def at(i: int, v: int) -> tuple[int, int]:
        return plot.x + round(i * plot.width / max(1, marks - 1)), plot.bottom - round(
            (v - low) * plot.height / (high - low)
        )

    pygame.draw.line(surface, FAINT, plot.bottomleft, plot.bottomright, 1)
    pygame.draw.line(surface, FAINT, plot.bottomleft, plot.topleft, 1)
    for v in (low, high):
        image = style.font(size).render(str(v), True, FAINT)
        _blit(surface, image, (inner.x, at(0, v)[1] - image.get_height() // 2), str(v), drawn)
    step = max(1, (marks - 1) // 8)
    for i in range(0 if track.first else step, marks, step):
        number = str(i + track.first)
        image = style.font(size).render(number, True, FAINT)
        _blit(surface, image, (at(i, low)[0] - image.get_width() // 2, plot.bottom + 2), number, drawn)
    axis = fitted(track.axis, size, plot.width // 2)
    _blit(surface, axis, (plot.centerx - axis.get_width() // 2, plot.bottom + 2 + line), track.axis, drawn)
    ends_at: list[int] = []
    for (_, colour, values), end in sorted(zip(track.lines, ends), key=lambda item: -item[0][2][-1]):
        points = [at(i, v) for i, v in enumerate(values)]
        if len(points) > 1:
            pygame.draw.lines(surface, (10, 10, 10), False, points, max(5, size // 3))
            pygame.draw.lines(surface, colour, False, points, max(3, size // 5))
        x, y = points[-1]
        pygame.draw.circle(surface, colour, (x, y), max(4, size // 3))
        image = style.font(end_size, True).render(end, True, INK)
        y = max(y - image.get_height() // 2, ends_at[-1]) if ends_at else y - image.get_height() // 2
        ends_at.append(y + image.get_height())
        pygame.draw.rect(surface, colour, (x + pad, y + size // 4, size // 2, size // 2))
        _blit(surface, image, (x + pad + size, y), end, drawn)
    return drawn
