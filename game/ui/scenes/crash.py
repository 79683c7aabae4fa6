"""The crash screen: a screen failed; the game and a report were saved (`game.ui.crash`); continue from the
newest autosave or go back to the title."""

from __future__ import annotations

from pathlib import Path

import pygame

from game import autosaves
from game.ui.backdrop import draw_title_backdrop
from game.ui.savefiles import autosave_folder, newest_autosave
from game.ui.scene import Scene, SceneHost
from game.ui.widgets import esc, label, pressed, text_box


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
        self.buttons = self.button_column("ui.crash", keys, y + u(200), u(380), keys[0])

    def handle(self, event: pygame.event.Event) -> bool:
        key = pressed(event, self.buttons)
        if key is not None:
            self.choose(key)
        return key is not None

    def choose(self, key: str) -> None:
        """Continue from the newest autosave that loads, or go to the title."""
        match = newest_autosave(self.app.library, self.app.host_port) if key == "continue" else None
        if match is None:
            self.app.reset("title")
        else:
            self.app.reset("play", match=match)

    def draw(self, surface: pygame.Surface) -> None:
        draw_title_backdrop(surface)
