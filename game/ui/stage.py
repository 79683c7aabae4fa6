"""Other seats' moves played out on the map one at a time (`game.captions.Beat`): the caption across the top of
the map, the places it touched ringed with the numbers that changed there, and the card it showed, large.
Each beat stays long enough for a room to read it; Space or a click on the caption moves on, Backspace skips
the rest."""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Iterable

import pygame

from game.captions import Beat
from game.ui import style
from game.ui.cardface import Face
from game.ui.logview import wrap
from game.ui.mapview import MapView, Pick

BEAT_DELAYS = 3.5  # a beat lasts this many bot delays (the pace the window plays bots at)
GOLD = (255, 206, 84)


class Stage:
    """The beats waiting to be shown and the one on the map now."""

    def __init__(self) -> None:
        self.queue: deque[Beat] = deque()
        self.now: Beat | None = None
        self.left = 0.0  # seconds the beat on the map stays
        self.clock = 0.0  # seconds since it came (the rings pulse with it)
        self.caption_rect = pygame.Rect(0, 0, 0, 0)
        self.drawn: list[tuple[str, pygame.Rect]] = []  # texts drawn last, where (for the text-fit tests)

    @property
    def busy(self) -> bool:
        return self.now is not None or bool(self.queue)

    def add(self, beats: Iterable[Beat]) -> None:
        self.queue.extend(beats)

    def update(self, dt: float, length: float) -> bool:
        """Time passes; the next beat comes when this one is done. True when what shows changed."""
        self.clock += dt
        if self.now is not None:
            self.left -= dt
            if self.left > 0:
                return False
        return self.next(length)

    def next(self, length: float) -> bool:
        """Show the next beat (or nothing); True when what shows changed."""
        before = self.now
        self.now = self.queue.popleft() if self.queue else None
        self.left, self.clock = length, 0.0
        return before is not None or self.now is not None

    def skip(self) -> None:
        """Show no more beats."""
        self.queue.clear()
        self.now = None

    def picks(self) -> tuple[Pick, ...]:
        """The places the beat on the map touched (the map rings them)."""
        return tuple(Pick(m.kind, m.id) for m in self.now.marks) if self.now is not None else ()

    def texts(self) -> list[str]:
        return [self.now.caption] if self.now is not None else []

    # drawing -----------------------------------------------------------------------------------------
    def draw(
        self,
        surface: pygame.Surface,
        area: pygame.Rect,
        view: MapView,
        unit: Callable[[float], int],
        face_of: Callable[[str, int], Face],
        hint: str,
    ) -> None:
        """The beat on the map: its places ringed with their changes, its card, and its caption with the hint."""
        self.drawn = []
        beat = self.now
        if beat is None:
            return
        pulse = 0.5 + 0.5 * math.sin(self.clock * 5.0)
        target = surface.subsurface(area)
        caption_bottom = self._caption(surface, area, beat.caption, hint, unit)
        spots = []
        for mark in beat.marks:
            spot = view.spot(Pick(mark.kind, mark.id))
            if spot is None:
                continue
            spots.append(spot[0])
            radius = unit(30 + 6 * pulse)
            pygame.draw.circle(target, GOLD, spot, radius, max(2, unit(3)))
            if mark.text:
                at = (area.x + int(spot[0]) + radius, area.y + int(spot[1]) - radius)
                self._badge(surface, mark.text, at, unit)
        if beat.card:
            width = min(unit(240), area.width // 3)
            face = face_of(beat.card, width)
            east = bool(spots) and sum(spots) / len(spots) > area.width / 2  # the card goes where the moves are not
            at = (area.x + unit(12) if east else area.right - width - unit(12), caption_bottom + unit(12))
            surface.blit(face.surface, at)
            self.drawn += [(text, rect.move(at)) for text, rect in face.texts]

    def _badge(self, surface: pygame.Surface, text: str, at: tuple[int, int], unit: Callable[[float], int]) -> None:
        face = style.font(unit(22), bold=True)
        image = face.render(text, True, (20, 20, 20))
        box = image.get_rect(midleft=at).inflate(unit(12), unit(4))
        if box.colliderect(self.caption_rect):  # a place under the caption band: its change shows just below the band
            box.top = self.caption_rect.bottom + unit(4)
        pygame.draw.rect(surface, GOLD, box, border_radius=unit(8))
        pygame.draw.rect(surface, (20, 20, 20), box, 1, border_radius=unit(8))
        surface.blit(image, image.get_rect(center=box.center))
        self.drawn.append((text, box))

    def _caption(
        self, surface: pygame.Surface, area: pygame.Rect, caption: str, hint: str, unit: Callable[[float], int]
    ) -> int:
        """The caption in a band across the top of the map (wrapped), the hint under it; returns its bottom."""
        face, small = style.font(unit(20), bold=True), style.font(unit(13))
        pad = unit(10)
        left = area.x + unit(230)  # clear of the map's tool row and the help button
        width = area.right - left - unit(12)
        lines = wrap(caption, face, width - 2 * pad)
        height = len(lines) * face.get_linesize() + small.get_linesize() + 2 * pad
        band = pygame.Rect(left, area.y + unit(8), width, height)
        shade = pygame.Surface(band.size, pygame.SRCALPHA)
        shade.fill((17, 21, 27, 235))
        surface.blit(shade, band)
        pygame.draw.rect(surface, GOLD, band, 2, border_radius=unit(6))
        y = band.y + pad
        for line in lines:
            image = face.render(line, True, style.TEXT)
            self.drawn.append((line, surface.blit(image, (band.x + pad, y))))
            y += face.get_linesize()
        image = small.render(hint, True, style.DIM_TEXT)
        self.drawn.append((hint, surface.blit(image, (band.right - pad - image.get_width(), y))))
        self.caption_rect = band
        return band.bottom
