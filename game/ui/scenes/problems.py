"""The files the window could not read when it opened (a damaged settings file, broken mods), in a dialog over
the title screen: one line each naming the file and the key path, and a button to carry on without them."""

from __future__ import annotations

from collections.abc import Sequence

import pygame
import pygame_gui

from game.ui.scene import Scene, SceneHost
from game.ui.widgets import button, esc, label, text_box


class ProblemsScene(Scene):
    """What could not be read, and what the game does instead; Carry on (Enter, Esc) closes it."""

    modal = True
    name = "problems"

    def __init__(self, app: SceneHost, lines: Sequence[str]) -> None:
        super().__init__(app)
        self.lines = tuple(lines)

    def build(self) -> None:
        app, u, tr, m = self.app, self.app.u, self.app.tr, self.app.manager
        w, h = app.size
        pw, ph = min(w - u(40), u(1100)), min(h - u(40), u(520))
        x, y = (w - pw) // 2, (h - ph) // 2
        self.add(label(m, pygame.Rect(x, y, pw, u(60)), tr("ui.problems.heading"), "@title"))
        self.add(text_box(m, pygame.Rect(x, y + u(64), pw, u(76)), esc(tr("ui.problems.instead"))))
        lines = "<br>".join(f"• {esc(line)}" for line in self.lines)
        self.list = self.add(text_box(m, pygame.Rect(x, y + u(144), pw, ph - u(144) - u(62)), lines))
        bw, bh = u(260), u(48)
        rect = pygame.Rect((w - bw) // 2, y + ph - bh, bw, bh)
        self.carry_on = self.add(
            button(m, rect, tr("ui.problems.carry_on"), object_id="@primary", tip=tr("ui.problems.carry_on_tip"))
        )

    def handle(self, event: pygame.event.Event) -> bool:
        pressed = event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.carry_on
        keyed = event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER)
        if pressed or keyed:
            self.app.pop()
            return True
        return False
