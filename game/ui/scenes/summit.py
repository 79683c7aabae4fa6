"""A summit as charts: each bloc's presence in its parts against the line a bloc needs to dominate, then the
points each seat scored here by reason."""

from __future__ import annotations

import pygame
import pygame_gui

from game.i18n import party_name, world_name
from game.scoreboard import SeatPoints, summit_board
from game.ui.backdrop import draw_title_backdrop
from game.ui.charts import SERIES, Bar, BarChart, Drawn, draw_bars
from game.ui.match import Match
from game.ui.scene import Scene, SceneHost
from game.ui.widgets import button, label

PARTS = (SERIES[4], SERIES[1], SERIES[3])  # sponsor's weight, members, standing


def reason_colours(reasons: tuple[str, ...]) -> dict[str, tuple[int, int, int]]:
    """A colour per reason, in the order the reasons were first scored."""
    return {reason: SERIES[i % len(SERIES)] for i, reason in enumerate(reasons)}


def points_chart(
    host: SceneHost,
    match: Match,
    title: str,
    points: tuple[SeatPoints, ...],
    reasons: tuple[str, ...],
    values: list[str],
) -> BarChart:
    """Stacked bars of each seat's points by reason, with the words `values` after each bar."""
    tr, sc = host.tr, match.scenario
    colours = reason_colours(reasons)
    bars = tuple(
        Bar(party_name(tr, sc, p.seat), tuple((amount, colours[r]) for r, amount in p.by_reason), value)
        for p, value in zip(points, values)
    )
    return BarChart(title, bars, tuple((tr(f"vp_reason.{r}"), colours[r]) for r in reasons))


class SummitScene(Scene):
    name = "summit"

    def __init__(self, app: SceneHost, match: Match, entries: tuple[object, ...]) -> None:
        super().__init__(app)
        self.match = match
        self.board = summit_board(match.session, entries)
        self.panels: list[tuple[pygame.Rect, Drawn]] = []  # each chart's rectangle and the texts drawn in it

    def verdict(self) -> str:
        tr, sc = self.app.tr, self.match.scenario
        if self.board.dominant:
            return tr("ui.summit.dominant", bloc=world_name(tr, sc, "bloc", self.board.dominant))
        return tr("ui.summit.sovereignty")

    def presence_chart(self) -> BarChart:
        tr, sc, board = self.app.tr, self.match.scenario, self.board
        bars = tuple(
            Bar(
                world_name(tr, sc, "bloc", bar.bloc),
                tuple(zip((bar.weight, bar.members, bar.standing), PARTS)),
                str(bar.total),
                strong=bar.bloc == board.dominant,
            )
            for bar in sorted(board.bars, key=lambda b: -b.total)
        )
        legend = tuple(zip((tr("ui.summit.weight"), tr("ui.summit.members"), tr("ui.summit.standing")), PARTS))
        return BarChart(
            tr("ui.summit.presence"), bars, legend, board.needed, tr("ui.summit.needed", presence=board.needed)
        )

    def scored_chart(self) -> BarChart:
        tr, board = self.app.tr, self.board
        totals = dict(board.standings)
        values = [tr("ui.summit.gain", amount=f"{p.total:+d}", total=totals[p.seat]) for p in board.points]
        return points_chart(self.app, self.match, tr("ui.summit.points"), board.points, board.reasons, values)

    def chart_rects(self) -> tuple[pygame.Rect, pygame.Rect]:
        u, (w, h) = self.app.u, self.app.size
        top, bottom, gap = u(114), h - u(100), u(20)
        half = (w - u(60) - gap) // 2
        return pygame.Rect(u(30), top, half, bottom - top), pygame.Rect(u(30) + half + gap, top, half, bottom - top)

    def build(self) -> None:
        app, u, tr, m = self.app, self.app.u, self.app.tr, self.app.manager
        w, h = app.size
        self.add(label(m, pygame.Rect(0, u(12), w, u(60)), tr("ui.summit.heading"), "@title"))
        self.add(label(m, pygame.Rect(u(30), u(72), w - u(60), u(36)), self.verdict(), "@subtitle"))
        self.charts = (self.presence_chart(), self.scored_chart())
        bw, bh = u(300), u(54)
        self.go = self.add(
            button(m, pygame.Rect((w - bw) // 2, h - u(84), bw, bh), tr("ui.common.continue"), object_id="@primary")
        )

    def handle(self, event: pygame.event.Event) -> bool:
        pressed = event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.go
        if pressed or (event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_SPACE)):
            self.app.pop()
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        draw_title_backdrop(surface)
        size = self.app.u(14)
        self.panels = [
            (rect, draw_bars(surface, rect, chart, size)) for rect, chart in zip(self.chart_rects(), self.charts)
        ]

    def texts(self) -> list[str]:
        return [text for _, drawn in self.panels for text, _ in drawn]
