"""A long list of text lines shown a window at a time: the play screen's whole-game log.

Only the rows that show are wrapped into surfaces (a game's log of thousands of lines never becomes one
tall surface); the window starts at a whole row, so no line is cut at the top. It follows the newest row
(at the bottom) until the reader scrolls up with the wheel, PgUp/PgDn or the scroll bar, and keeps its place
while new rows come. Words the `spans` function finds (the glossary's terms) are underlined, and `term_at`
says which one is under the pointer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame
from attrs import frozen

from game.ui import style

WHEEL_ROWS = 3  # rows one notch of the mouse wheel scrolls
TERM_COLOUR = (159, 208, 255)  # the underline of a term (the theme's link colour)
Spans = Callable[[str], list[tuple[int, int, str]]]  # a text -> (start, end, id) of the terms in it


@frozen
class Row:
    """One line of the log: its text, and whether it is a note (drawn dimmer), not an entry."""

    text: str
    note: bool = False


def wrap(text: str, face: pygame.font.Font, width: int) -> list[str]:
    """The text broken at spaces into lines no wider than `width` (a word wider than that stands alone)."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        trial = f"{line} {word}" if line else word
        if line and face.size(trial)[0] > width:
            lines.append(line)
            line = word
        else:
            line = trial
    lines.append(line)
    return lines


class LogView:
    """Rows drawn in a rectangle, newest at the bottom, with a scroll bar on the right."""

    def __init__(self, spans: Spans | None = None) -> None:
        self.rows: list[Row] = []
        self.spans = spans
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.size = 13  # font pixel size
        self.top: int | None = None  # the first row shown; None: follow the newest row
        self.dragging = False
        self._face: tuple[int, pygame.font.Font] | None = None
        self._lines: dict[int, list[str]] = {}  # row index -> its wrapped lines (for the current width and size)
        self._terms: dict[int, list[list[tuple[int, int, str]]]] = {}  # row index -> each line's terms
        self._surfaces: dict[int, list[pygame.Surface]] = {}  # only the rows shown last
        self._layout_for: tuple = ()

    # content -----------------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Row]) -> None:
        """Show other rows (another filter, reader or language), at the newest."""
        self.rows = list(rows)
        self.top = None
        self._lines.clear()
        self._terms.clear()
        self._surfaces.clear()

    def append(self, rows: Sequence[Row]) -> None:
        """Add rows at the bottom; a reader scrolled up keeps the rows he reads."""
        self.rows.extend(rows)

    def place(self, rect: pygame.Rect, size: int) -> None:
        """Where the log goes and its font size (wrapped lines are kept while both stay)."""
        self.rect = pygame.Rect(rect)
        self.size = size
        key = (self.text_width, size)
        if key != self._layout_for:
            self._layout_for = key
            self._lines.clear()
            self._terms.clear()
            self._surfaces.clear()

    # geometry ----------------------------------------------------------------------------------------
    @property
    def face(self) -> pygame.font.Font:
        if self._face is None or self._face[0] != self.size:
            self._face = (self.size, style.font(self.size))
        return self._face[1]

    @property
    def bar_width(self) -> int:
        return max(6, self.size * 2 // 3)

    @property
    def pad(self) -> int:
        return max(2, self.size // 3)

    @property
    def text_width(self) -> int:
        return max(1, self.rect.width - self.bar_width - 3 * self.pad)

    @property
    def line_height(self) -> int:
        return int(self.face.get_linesize())

    def lines(self, index: int) -> list[str]:
        """A row's wrapped lines."""
        if index not in self._lines:
            self._lines[index] = wrap(self.rows[index].text, self.face, self.text_width)
        return self._lines[index]

    def terms(self, index: int) -> list[list[tuple[int, int, str]]]:
        """Each wrapped line's terms as (start, end, id) in that line (a term broken over two lines is in both)."""
        if index not in self._terms:
            text, found = self.rows[index].text, self.spans(self.rows[index].text) if self.spans else []
            out, at = [], 0
            for line in self.lines(index):
                at = max(at, text.find(line, at))
                end = at + len(line)
                out.append([(max(s, at) - at, min(e, end) - at, t) for s, e, t in found if s < end and e > at])
                at = end
            self._terms[index] = out
        return self._terms[index]

    def height(self, index: int) -> int:
        return len(self.lines(index)) * self.line_height

    def last_top(self) -> int:
        """The first row shown when the newest row is at the bottom."""
        room = self.rect.height - 2 * self.pad
        index = len(self.rows)
        while index > 0 and room - self.height(index - 1) >= 0:
            room -= self.height(index - 1)
            index -= 1
        return min(index, len(self.rows) - 1) if self.rows else 0

    def first(self) -> int:
        """The first row shown now."""
        end = self.last_top()
        return end if self.top is None else max(0, min(self.top, end))

    def shown(self) -> range:
        """The rows shown whole (the one row at the top even if taller than the window)."""
        start = self.first()
        room = self.rect.height - 2 * self.pad
        index = start
        while index < len(self.rows) and (index == start or room - self.height(index) >= 0):
            room -= self.height(index)
            index += 1
        return range(start, index)

    def at_bottom(self) -> bool:
        """Whether the newest row shows."""
        return self.top is None or self.first() >= self.last_top()

    # scrolling ---------------------------------------------------------------------------------------
    def scroll_to(self, top: int) -> None:
        """Show rows from `top` (at or past the last window: follow the newest row)."""
        end = self.last_top()
        self.top = None if top >= end else max(0, top)

    def scroll(self, rows: int) -> None:
        self.scroll_to(self.first() + rows)

    def page(self, pages: int) -> None:
        """PgUp/PgDn: a window's rows less one, up or down."""
        self.scroll(pages * max(1, len(self.shown()) - 1))

    def to_end(self) -> None:
        self.top = None

    def bar(self) -> tuple[pygame.Rect, pygame.Rect] | None:
        """The scroll bar's track and thumb (None when every row shows)."""
        end = self.last_top()
        if end == 0:
            return None
        track = pygame.Rect(self.rect.right - self.bar_width - self.pad, self.rect.y + self.pad, self.bar_width, 0)
        track.height = self.rect.height - 2 * self.pad
        count = len(self.rows)
        thumb_h = max(self.bar_width * 2, track.height * len(self.shown()) // max(1, count))
        y = track.y + (track.height - thumb_h) * self.first() // end
        return track, pygame.Rect(track.x, y, track.width, thumb_h)

    def handle(self, event: pygame.event.Event) -> bool:
        """The wheel over the log, and a press or drag on its scroll bar; True if used."""
        pos = getattr(event, "pos", None) or pygame.mouse.get_pos()
        if event.type == pygame.MOUSEWHEEL and self.rect.collidepoint(pygame.mouse.get_pos()):
            self.scroll(-WHEEL_ROWS * event.y)
            return True
        bar = self.bar()
        on_bar = bar is not None and bar[0].inflate(6, 0).collidepoint(pos)
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and on_bar:
            self.dragging = True
            self.drag_to(pos[1])
            return True
        if event.type == pygame.MOUSEMOTION and self.dragging:
            self.drag_to(pos[1])
            return True
        if event.type == pygame.MOUSEBUTTONUP and self.dragging:
            self.dragging = False
            return True
        return False

    def drag_to(self, y: int) -> None:
        """Scroll so that the thumb's middle is at `y`."""
        bar = self.bar()
        if bar is None:
            return
        track, thumb = bar
        span = max(1, track.height - thumb.height)
        share = (y - track.y - thumb.height / 2) / span
        self.scroll_to(round(max(0.0, min(1.0, share)) * self.last_top()))

    # drawing -----------------------------------------------------------------------------------------
    def drawn(self) -> list[tuple[str, pygame.Rect]]:
        """Each line shown and where it is drawn."""
        out = []
        x, y = self.rect.x + self.pad, self.rect.y + self.pad
        for index in self.shown():
            for line in self.lines(index):
                w, h = self.face.size(line)
                out.append((line, pygame.Rect(x, y, w, h)))
                y += self.line_height
        return out

    def term_rects(self) -> list[tuple[str, pygame.Rect]]:
        """Each term shown (its id) and where it is drawn."""
        out = []
        x, y = self.rect.x + self.pad, self.rect.y + self.pad
        for index in self.shown():
            for line, spans in zip(self.lines(index), self.terms(index), strict=True):
                for start, end, term in spans:
                    left, right = self.face.size(line[:start])[0], self.face.size(line[:end])[0]
                    out.append((term, pygame.Rect(x + left, y, right - left, self.line_height)))
                y += self.line_height
        return out

    def term_at(self, pos: tuple[int, int]) -> str:
        """The id of the term drawn under a point ("" when none)."""
        if not self.rect.collidepoint(pos):
            return ""
        return next((term for term, rect in self.term_rects() if rect.collidepoint(pos)), "")

    def draw(self, surface: pygame.Surface) -> None:
        """The rows shown and the scroll bar (surfaces kept for the rows shown, no others)."""
        pygame.draw.rect(surface, style.PANEL_BG, self.rect)
        shown = self.shown()
        self._surfaces = {i: self._surfaces.get(i) or self.render(i) for i in shown}
        x, y = self.rect.x + self.pad, self.rect.y + self.pad
        clip = surface.get_clip()
        surface.set_clip(self.rect.clip(clip))
        for index in shown:
            for line in self._surfaces[index]:
                surface.blit(line, (x, y))
                y += self.line_height
        surface.set_clip(clip)
        bar = self.bar()
        if bar is not None:
            track, thumb = bar
            pygame.draw.rect(surface, (48, 54, 64), track, border_radius=3)
            pygame.draw.rect(surface, (140, 148, 160), thumb, border_radius=3)

    def render(self, index: int) -> list[pygame.Surface]:
        """A row's lines as images, its terms underlined."""
        colour = style.DIM_TEXT if self.rows[index].note else style.TEXT
        out = []
        for line, spans in zip(self.lines(index), self.terms(index), strict=True):
            image = self.face.render(line, True, colour)
            y = min(image.get_height() - 1, self.face.get_ascent() + 2)
            for start, end, _ in spans:
                left, right = self.face.size(line[:start])[0], self.face.size(line[:end])[0]
                pygame.draw.line(image, TERM_COLOUR, (left, y), (right - 1, y), 1)
            out.append(image)
        return out
