"""Leaving a game: the question asked when there is play since the last save, and the end of a lesson's era."""

from __future__ import annotations

import pygame
import pygame_gui

from game.ui.backdrop import draw_title_backdrop
from game.ui.match import Match
from game.ui.savefiles import leave
from game.ui.scene import Scene, SceneHost
from game.ui.widgets import button, esc, label, pressed, text_box


class LeaveScene(Scene):
    """Leave the game? Save and leave, leave (play kept in the autosave), or stay."""

    modal = True
    name = "leave"
    KEYS = ("save_leave", "leave", "stay")

    def __init__(self, app: SceneHost, match: Match, then: str) -> None:
        super().__init__(app)
        self.match = match
        self.then = then  # "title" or "quit"

    def build(self) -> None:
        app, u, tr, m = self.app, self.app.u, self.app.tr, self.app.manager
        w, h = app.size
        pw = min(w - u(40), u(760))
        x, y = (w - pw) // 2, h // 2 - u(150)
        self.add(label(m, pygame.Rect(x, y, pw, u(56)), tr("ui.leave.heading"), "@title"))
        self.add(text_box(m, pygame.Rect(x, y + u(62), pw, u(70)), esc(tr("ui.leave.kept"))))
        self.buttons = self.button_column("ui.leave", self.KEYS, y + u(144), u(360), "save_leave")

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.choose("stay")
            return True
        key = pressed(event, self.buttons)
        if key is not None:
            self.choose(key)
        return key is not None

    def choose(self, key: str) -> None:
        if key == "save_leave":
            self.app.replace("save", match=self.match, then=self.then)
        elif key == "leave":
            leave(self.app, self.match, self.then)
        else:
            self.app.pop()


class EraEndScene(Scene):
    """The era the players chose to end after is over: the game is in the autosave, "Continue" resumes it."""

    name = "era_end"

    def __init__(self, app: SceneHost, match: Match) -> None:
        super().__init__(app)
        self.match = match

    def build(self) -> None:
        app, u, tr, m = self.app, self.app.u, self.app.tr, self.app.manager
        w, h = app.size
        sc = self.match.scenario
        era = sc.definition.eras[self.match.last_era or 0]
        key = f"era.{sc.id}.{era.number}"
        era_name = tr(key) if tr.has(key) else era.name
        self.add(label(m, pygame.Rect(0, h // 4, w, u(64)), tr("ui.era_end.heading", era=era.number), "@title"))
        text = tr("ui.era_end.text", era=era.number, era_name=era_name)
        self.add(label(m, pygame.Rect(0, h // 4 + u(76), w, u(36)), text, "@subtitle"))
        self.add(label(m, pygame.Rect(0, h // 4 + u(114), w, u(36)), tr("ui.era_end.next"), "@subtitle"))
        bw, bh = u(380), u(56)
        rect = pygame.Rect((w - bw) // 2, h // 2 + u(60), bw, bh)
        self.done = self.add(button(m, rect, tr("ui.era_end.title"), object_id="@primary"))

    def handle(self, event: pygame.event.Event) -> bool:
        pressed = event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.done
        if pressed or (event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_ESCAPE)):
            leave(self.app, self.match, "title")
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        draw_title_backdrop(surface)
