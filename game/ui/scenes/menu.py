"""The in-game menu: resume, save, load, end after this era, settings, back to the title."""

from __future__ import annotations

import pygame
import pygame_gui

from game.ui.match import Match
from game.ui.savefiles import ask_to_leave
from game.ui.scene import Scene, SceneHost
from game.ui.widgets import button, label


class MenuScene(Scene):
    modal = True
    name = "menu"
    KEYS = ("resume", "save", "load", "end_era", "settings", "title")

    def __init__(self, app: SceneHost, match: Match) -> None:
        super().__init__(app)
        self.match = match

    def build(self) -> None:
        app, u, tr, m = self.app, self.app.u, self.app.tr, self.app.manager
        w, h = app.size
        bw, bh = u(340), u(50)
        top = h // 2 - (len(self.KEYS) * (bh + u(12))) // 2
        self.add(label(m, pygame.Rect(0, top - u(70), w, u(56)), tr("ui.menu.heading"), "@title"))
        self.buttons = {}
        for i, key in enumerate(self.KEYS):
            rect = pygame.Rect((w - bw) // 2, top + i * (bh + u(12)), bw, bh)
            tip, enabled = (tr("ui.menu.end_era_tip"), self.can_end_era()) if key == "end_era" else ("", True)
            widget = button(m, rect, tr(f"ui.menu.{key}"), object_id="@big_button", tip=tip, enabled=enabled)
            self.buttons[key] = self.add(widget)

    def can_end_era(self) -> bool:
        """Whether the menu offers to end after this era: once, while the game goes on."""
        return self.match.last_era is None and not self.match.session.is_over

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pop()
            return True
        if event.type == pygame.KEYDOWN and pygame.K_1 <= event.key < pygame.K_1 + len(self.KEYS):
            chosen: str | None = self.KEYS[event.key - pygame.K_1]
        elif event.type == pygame_gui.UI_BUTTON_PRESSED:
            chosen = next((k for k, w in self.buttons.items() if w is event.ui_element), None)
        else:
            return False
        if chosen == "resume":
            self.app.pop()
        elif chosen == "save":
            self.app.replace("save", match=self.match)
        elif chosen == "load":
            self.app.replace("load")
        elif chosen == "end_era" and self.can_end_era():
            self.match.last_era = self.match.state.era
            self.app.pop()
        elif chosen == "settings":
            self.app.replace("settings")
        elif chosen == "title":
            self.app.pop()
            ask_to_leave(self.app, self.match, "title")
        return chosen is not None
