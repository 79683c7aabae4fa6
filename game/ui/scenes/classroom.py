"""The class screen (F8 during a game): what the projector shows the whole room — only what is public, in large
type. The map as a spectator sees it (`rules.observer_view`), whose turn it is, the scores, and the last public
lines of the log. Seats play behind their covers on the play screen; F8 (or Esc) goes back to it.
"""

from __future__ import annotations

import pygame

from game.describe import describe_entry, signed_agreements
from game.i18n import party_name
from game.ui import style
from game.ui.mapview import MapView
from game.ui.match import Match
from game.ui.scene import Scene, SceneHost
from rules import GameState, observer_view

CAPTIONS = 3  # public log lines shown
TEXT = (240, 236, 224)
DIM = (170, 176, 188)


class ClassScene(Scene):
    """The projector's view of the game. It shows nothing private of any seat, whoever sits at the keyboard."""

    name = "classroom"

    def __init__(self, app: SceneHost, match: Match) -> None:
        super().__init__(app)
        self.match = match
        self.map = MapView(match.scenario, app.tr, app.settings.palette, app.scale * 1.4)
        self.t = 0.0

    def view(self) -> GameState:
        return observer_view(self.match.state)

    def areas(self) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect]:
        """The map (left), the side column (scores), the caption band (bottom)."""
        w, h = self.app.size
        band = max(self.app.u(150), h // 4)
        side = max(self.app.u(300), w // 4)
        return (
            pygame.Rect(0, 0, w - side, h - band),
            pygame.Rect(w - side, 0, side, h - band),
            pygame.Rect(0, h - band, w, band),
        )

    def update(self, dt: float) -> None:
        self.t += dt

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_F8, pygame.K_ESCAPE):
            self.app.pop()
            return True
        return False

    # what it says ------------------------------------------------------------------------------------
    def turn_line(self, view: GameState) -> str:
        tr = self.app.tr
        if self.match.session.is_over:
            return tr("ui.classroom.over")
        if self.match.held():
            return tr("ui.paused.heading")
        seat = self.match.to_act()
        phase = tr(f"phase.{view.phase}")
        if seat is None:
            return tr("ui.classroom.engine", phase=phase)
        return tr("ui.classroom.to_act", seat=party_name(tr, self.match.scenario, seat), phase=phase)

    def round_line(self, view: GameState) -> str:
        return self.app.tr("ui.classroom.round", round=view.round, era=view.era + 1, tension=view.tension)

    def scores(self, view: GameState) -> list[str]:
        """Each seat and its points, the leader first."""
        tr, sc = self.app.tr, self.match.scenario
        ranked = sorted(zip(view.seats, view.vp), key=lambda pair: -pair[1])
        return [tr("ui.classroom.score", seat=party_name(tr, sc, seat), vp=vp) for seat, vp in ranked]

    def captions(self) -> list[str]:
        """The last public lines of the log, oldest first."""
        log = self.match.session.visible_log(None)
        signed = signed_agreements(e.entry for e in log)
        tr, sc = self.app.tr, self.match.scenario
        return [describe_entry(tr, sc, e.entry, signed) for e in log[-CAPTIONS:]]

    def texts(self) -> list[str]:
        view = self.view()
        return [self.turn_line(view), self.round_line(view), *self.scores(view), *self.captions()]

    # drawing -----------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        view = self.view()
        board, side, band = self.areas()
        surface.fill(style.PANEL_BG)
        self.map.set_size(board.size, self.app.scale * 1.4)
        self.map.draw(surface.subsurface(board), view, self.t)
        u = self.app.u
        big, mid = u(34), u(26)
        column = pygame.Rect(side.x + u(16), side.y, side.width - u(16) - u(60), side.height)  # clear of the "?"
        y = side.y + u(16)
        for text, size, colour in ((self.turn_line(view), big, TEXT), (self.round_line(view), mid, DIM)):
            y = self.write(surface, text, size, colour, column, y, bold=size == big) + u(12)
        y += u(8)
        for line in self.scores(view):
            y = self.write(surface, line, mid, TEXT, column, y) + u(6)
        y = band.y + u(12)
        for line in self.captions():
            if y >= band.bottom - u(24):
                break
            y = self.write(surface, line, u(24), TEXT, band.inflate(-u(32), 0), y)

    def write(
        self,
        surface: pygame.Surface,
        text: str,
        size: int,
        colour: tuple[int, int, int],
        area: pygame.Rect,
        y: int,
        bold: bool = False,
    ) -> int:
        """Draw text wrapped to the area's width from y; returns the y below it."""
        face = style.font(size, bold)
        line = ""
        for word in text.split():
            trial = f"{line} {word}".strip()
            if line and face.size(trial)[0] > area.width:
                surface.blit(face.render(line, True, colour), (area.x, y))
                y += face.get_linesize()
                line = word
            else:
                line = trial
        if line:
            surface.blit(face.render(line, True, colour), (area.x, y))
            y += face.get_linesize()
        return y
