"""The crash screen: a screen failed; the game and a report were saved (`game.ui.crash`); continue from the
newest autosave or go back to the title."""

from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui

from game import autosaves
from game.ui.backdrop import draw_title_backdrop
from game.ui.savefiles import autosave_folder, newest_autosave
from game.ui.scene import Scene, SceneHost
from game.ui.widgets import button, esc, label, text_box


class CrashScene(Scene):
    """Something went wrong: where the report is, and the way back into play."""

    name = "crash"

    def __init__(self, app: SceneHost, report: Path | None) -> None:
        super().__init__(app)
        self.report = report

    def build(self) -> None:
        app, u, tr, m = self.app, self.app.u, self.app.tr, self.app.manager
        w, h = app.size
        pw = min(w - u(40), u(820))
        x, y = (w - pw) // 2, h // 2 - u(190)
        self.add(label(m, pygame.Rect(x, y, pw, u(56)), tr("ui.crash.heading"), "@title"))
        if self.report is None:
            text = tr("ui.crash.not_saved")
        else:
            game = self.report.with_name(f"{self.report.stem}-game.json").exists()
            text = tr("ui.crash.saved_game" if game else "ui.crash.saved", path=str(self.report))
        self.add(text_box(m, pygame.Rect(x, y + u(62), pw, u(120)), esc(text)))
        keys = (("continue",) if autosaves.listing(autosave_folder()) else ()) + ("title",)
        self.buttons = {}
        bw, bh = u(380), u(50)
        for i, key in enumerate(keys):
            rect = pygame.Rect((w - bw) // 2, y + u(200) + i * (bh + u(12)), bw, bh)
            style = "@primary" if i == 0 else "@big_button"
            self.buttons[key] = self.add(
                button(m, rect, tr(f"ui.crash.{key}"), object_id=style, tip=tr(f"ui.crash.{key}_tip"))
            )

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            for key, widget in self.buttons.items():
                if event.ui_element is widget:
                    self.choose(key)
                    return True
        return False

    def choose(self, key: str) -> None:
        """Continue from the newest autosave that loads, or go to the title."""
        match = newest_autosave(self.app.library) if key == "continue" else None
        if match is None:
            self.app.reset("title")
        else:
            self.app.reset("play", match=match)

    def draw(self, surface: pygame.Surface) -> None:
        draw_title_backdrop(surface)
