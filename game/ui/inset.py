"""The Caucasus inset: the map's own drawer (`MapView`) at a fixed view of the label plan's region, framed and
titled beside the map, with that region outlined on the map (``MapView.outlined``). The play screen and the class
screen show it in the room the whole board leaves free beside it."""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from game.geo import BBox
from game.i18n import Translator
from game.ui import style
from game.ui.mapview import MapView, Pick
from rules import GameState, Scenario
from rules.state import FlowPath


def spare_width(area: pygame.Rect, bbox: BBox) -> int:
    """The width the whole board (``bbox``, fitted to the area's height) leaves free beside it in ``area``."""
    x0, y0, x1, y1 = bbox
    return max(0, area.w - int(area.h * (x1 - x0) / (y1 - y0)))


class Inset:
    """The enlarged region beside a map: its own view of the same drawer (names without the plan's nudges)."""

    def __init__(self, scenario: Scenario, tr: Translator, palette: str, ui_scale: float) -> None:
        self.view = MapView(scenario, tr, palette, ui_scale)
        self.view.nudged = False

    def region(self) -> BBox | None:
        """The region it enlarges (None if the label plan names none)."""
        return self.view.region_box()

    def place(self, size: tuple[int, int], tr: Translator, palette: str, ui_scale: float) -> None:
        """Show the region in a frame of ``size``; the names shrink with a frame narrow for the text size."""
        view = self.view
        view.tr, view.palette = tr, palette
        view.ui_scale = ui_scale * max(0.6, min(1.0, size[0] / (300 * ui_scale)))
        region = self.region()
        if region is not None:
            view.frame(size, region)

    def draw(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        board: MapView,
        state: GameState,
        title: pygame.Surface,
        t: float = 0.0,
        flows: Sequence[FlowPath] = (),
        hover: Pick | None = None,
        highlight: Sequence[Pick] = (),
        until: float | None = None,
    ) -> None:
        """The inset in ``rect`` with its frame and its title above (its region is outlined on the board by the
        board's own drawer, under the board's names: ``MapView.outlined``)."""
        if self.region() is None:
            return
        line = max(1, round(board.ui_scale * 2))
        self.view.draw(surface.subsurface(rect), state, t, flows, hover, highlight, until)
        pygame.draw.rect(surface, style.FRAME, rect.inflate(2 * line, 2 * line), line)
        surface.blit(title, (rect.x, rect.y - 2 * line - title.get_height()))


def title_image(words: str, size: int, width: int) -> pygame.Surface:
    """The inset's title, in the largest size up to ``size`` that fits ``width``."""
    while size > 9 and style.font(size, bold=True).size(words)[0] > width:
        size -= 1
    return style.font(size, bold=True).render(words, True, style.TEXT)
