"""Game over: the winner, every seat's score as a track across the rounds, the points by reason with each
seat's revealed national interest, and the way out."""

from __future__ import annotations

import pygame
import pygame_gui

from game.i18n import party_name, world_name
from game.scoreboard import FinalBoard, final_board
from game.ui.backdrop import draw_title_backdrop
from game.ui.charts import Bar, BarChart, Drawn, Track, draw_bars, draw_track
from game.ui.match import Match
from game.ui.savefiles import debrief_of, saves_folder
from game.ui.scene import Scene, SceneHost
from game.ui.scenes.summit import points_chart
from game.ui.style import seat_colour
from game.ui.widgets import button, label


class GameOverScene(Scene):
    name = "game_over"

    def __init__(self, app: SceneHost, match: Match) -> None:
        super().__init__(app)
        self.match = match
        self.board: FinalBoard | None = final_board(match.session)
        self.panels: list[tuple[pygame.Rect, Drawn]] = []  # each chart's rectangle and the texts drawn in it
        self.charts: tuple[Track, BarChart] | None = None

    def track(self, board: FinalBoard) -> Track:
        tr, sc, palette = self.app.tr, self.match.scenario, self.app.settings.palette
        lines = tuple((party_name(tr, sc, seat), seat_colour(seat, palette), values) for seat, values in board.track)
        return Track(tr("ui.over.track"), tr("ui.over.round"), lines)

    def by_reason(self, board: FinalBoard) -> BarChart:
        tr, sc = self.app.tr, self.match.scenario
        values = [tr("ui.over.score", score=p.total) for p in board.points]
        chart = points_chart(self.app, self.match, tr("ui.over.by_reason"), board.points, board.reasons, values)
        interests = {seat: (objective, met) for seat, objective, met in board.objectives}
        bars = []
        for bar, p in zip(chart.bars, board.points):
            if p.seat in interests:
                objective, met = interests[p.seat]
                name = world_name(tr, sc, "objective", objective)
                bar = Bar(
                    bar.label,
                    bar.parts,
                    bar.value,
                    p.seat == board.winner,
                    tr("ui.over.met" if met else "ui.over.missed", objective=name),
                )
            bars.append(bar)
        return BarChart(chart.title, tuple(bars), chart.legend)

    def chart_rects(self) -> tuple[pygame.Rect, pygame.Rect]:
        u, (w, h) = self.app.u, self.app.size
        top, bottom, gap = u(114), h - u(100), u(20)
        left = (w - u(60) - gap) * 9 // 20
        return pygame.Rect(u(30), top, left, bottom - top), pygame.Rect(
            u(30) + left + gap, top, w - u(60) - gap - left, bottom - top
        )

    def build(self) -> None:
        app, u, tr, m = self.app, self.app.u, self.app.tr, self.app.manager
        w, h = app.size
        board, sc = self.board, self.match.scenario
        heading = tr("ui.over.winner", seat=party_name(tr, sc, board.winner)) if board else tr("ui.over.heading")
        self.add(label(m, pygame.Rect(0, u(12), w, u(60)), heading, "@title"))
        if board is not None:
            self.add(
                label(
                    m,
                    pygame.Rect(u(30), u(72), w - u(60), u(36)),
                    tr(f"ui.over.reason.{board.reason}", rounds=board.rounds),
                    "@subtitle",
                )
            )
            self.charts = (self.track(board), self.by_reason(board))
        bw, bh, y = u(300), u(54), h - u(84)
        self.save = self.add(button(m, pygame.Rect(w // 2 - bw * 3 // 2 - u(20), y, bw, bh), tr("ui.menu.save")))
        self.debrief = self.add(button(m, pygame.Rect(w // 2 - bw // 2, y, bw, bh), tr("debrief.open")))
        title_rect = pygame.Rect(w // 2 + bw // 2 + u(20), y, bw, bh)
        self.title = self.add(button(m, title_rect, tr("ui.menu.title"), object_id="@primary"))

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_ESCAPE):
            self.match.close()
            self.app.reset("title")
            return True
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return False
        if event.ui_element is self.title:
            self.match.close()
            self.app.reset("title")
        elif event.ui_element is self.save:
            self.app.push("save", match=self.match)
        elif event.ui_element is self.debrief:
            saved = saves_folder() / f"{self.match.save_name}.json" if self.match.save_name else None
            self.app.push("debrief", **debrief_of(self.match.session, saved, self.app.library))
        return True

    def draw(self, surface: pygame.Surface) -> None:
        draw_title_backdrop(surface)
        if self.charts is None:
            return
        size = self.app.u(14)
        track_rect, bars_rect = self.chart_rects()
        self.panels = [
            (track_rect, draw_track(surface, track_rect, self.charts[0], size)),
            (bars_rect, draw_bars(surface, bars_rect, self.charts[1], size)),
        ]

    def texts(self) -> list[str]:
        return [text for _, drawn in self.panels for text, _ in drawn]
