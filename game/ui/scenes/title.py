"""The title screen: new game, load, settings, quit."""

from __future__ import annotations

import pygame
import pygame_gui

from game.ui import style
from game.ui.scene import Scene
from game.ui.widgets import button, label


class TitleScene(Scene):
    name = "title"

    def build(self) -> None:
        app, tr, u = self.app, self.app.tr, self.app.u
        w, h = app.size
        bw, bh = u(320), u(52)
        x = (w - bw) // 2
        y = h // 2 - u(40)
        self.add(label(app.manager, pygame.Rect(0, h // 5, w, u(70)), tr("ui.title.name"), "@title"))
        self.add(label(app.manager, pygame.Rect(0, h // 5 + u(74), w, u(34)), tr("ui.title.tagline"), "@subtitle"))
        self.buttons = {}
        for i, key in enumerate(("new", "load", "settings", "quit")):
            rect = pygame.Rect(x, y + i * (bh + u(14)), bw, bh)
            self.buttons[key] = self.add(
                button(app.manager, rect, tr(f"ui.title.{key}"), object_id="@big_button", tip=tr(f"ui.title.{key}_tip"))
            )

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            for key, widget in self.buttons.items():
                if event.ui_element is widget:
                    self.choose(key)
                    return True
        if event.type == pygame.KEYDOWN:
            keys = {pygame.K_n: "new", pygame.K_l: "load", pygame.K_s: "settings", pygame.K_ESCAPE: "quit"}
            if event.key in keys:
                self.choose(keys[event.key])
                return True
        return False

    def choose(self, key: str) -> None:
        from game.ui.scenes.newgame import NewGameScene
        from game.ui.scenes.saveload import LoadScene
        from game.ui.scenes.settings import SettingsScene

        if key == "new":
            self.app.push(NewGameScene(self.app))
        elif key == "load":
            self.app.push(LoadScene(self.app))
        elif key == "settings":
            self.app.push(SettingsScene(self.app))
        elif key == "quit":
            self.app.running = False

    def draw(self, surface: pygame.Surface) -> None:
        draw_title_backdrop(surface)


_BACKDROP: dict[tuple[int, int], pygame.Surface] = {}


def draw_title_backdrop(surface: pygame.Surface) -> None:
    """A dark board-room gradient with the Caspian's outline motif (cached per size)."""
    size = surface.get_size()
    found = _BACKDROP.get(size)
    if found is None:
        found = pygame.Surface(size)
        w, h = size
        for y in range(0, h, 4):
            f = y / max(1, h)
            pygame.draw.rect(found, (int(16 + 18 * f), int(26 + 20 * f), int(38 + 24 * f)), (0, y, w, 4))
        for i in range(7):
            pygame.draw.circle(found, (36, 52, 70), (w // 2, int(h * 0.95)), int(h * (0.35 + i * 0.12)), 1)
        credit = style.font(max(10, h // 70)).render("Natural Earth · DejaVu Sans", True, (90, 104, 124))
        found.blit(credit, (w - credit.get_width() - 12, h - credit.get_height() - 8))
        _BACKDROP.clear()
        _BACKDROP[size] = found
    surface.blit(found, (0, 0))
