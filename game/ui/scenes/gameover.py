"""Game over: the winner, the final scores, every seat's revealed national interest, and the way out."""

from __future__ import annotations

import pygame
import pygame_gui

from game.describe import describe_entry
from game.i18n import party_name
from game.ui.backdrop import draw_title_backdrop
from game.ui.match import Match
from game.ui.scene import Scene, SceneHost
from game.ui.widgets import button, esc, label, text_box
from rules import outcome
from rules.log import ObjectiveRevealed, PointsScored


class GameOverScene(Scene):
    name = "game_over"

    def __init__(self, app: SceneHost, match: Match) -> None:
        super().__init__(app)
        self.match = match

    def result_html(self) -> str:
        tr, sc = self.app.tr, self.match.scenario
        result = outcome(sc, self.match.state)
        if result is None:
            return ""
        rows = [f"<font size=5><b>{esc(tr('ui.over.winner', seat=party_name(tr, sc, result.winner)))}</b></font>"]
        rows.append(esc(tr(f"ui.over.reason.{result.reason}", rounds=result.rounds)))
        rows += ["", f"<b>{esc(tr('ui.over.scores'))}</b>"]
        rows += [
            f"   {esc(party_name(tr, sc, seat))}: {score}" for seat, score in sorted(result.scores, key=lambda s: -s[1])
        ]
        public = self.match.session.visible_log(None)
        revealed = [e.entry for e in public if isinstance(e.entry, ObjectiveRevealed)]
        if revealed:
            rows += ["", f"<b>{esc(tr('ui.over.objectives'))}</b>"]
            rows += ["   " + esc(describe_entry(tr, sc, e)) for e in revealed]
        last = [e.entry for e in public[-30:] if isinstance(e.entry, PointsScored)]
        if last:
            rows += ["", f"<b>{esc(tr('ui.summit.points'))}</b>"]
            rows += ["   " + esc(describe_entry(tr, sc, e)) for e in last]
        return "<br>".join(rows)

    def build(self) -> None:
        app, u, tr, m = self.app, self.app.u, self.app.tr, self.app.manager
        w, h = app.size
        self.add(label(m, pygame.Rect(0, u(20), w, u(60)), tr("ui.over.heading"), "@title"))
        pw = min(w - u(60), u(900))
        self.add(text_box(m, pygame.Rect((w - pw) // 2, u(96), pw, h - u(200)), self.result_html()))
        bw, bh = u(300), u(54)
        self.save = self.add(button(m, pygame.Rect(w // 2 - bw - u(10), h - u(88), bw, bh), tr("ui.menu.save")))
        self.title = self.add(
            button(m, pygame.Rect(w // 2 + u(10), h - u(88), bw, bh), tr("ui.menu.title"), object_id="@primary")
        )

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
        return True

    def draw(self, surface: pygame.Surface) -> None:
        draw_title_backdrop(surface)
