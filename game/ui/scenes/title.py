"""The title screen: continue (when there is an autosave), new game, load, settings, quit."""

from __future__ import annotations

import pygame

from game import autosaves
from game.ui.backdrop import draw_title_backdrop
from game.ui.savefiles import autosave_folder, newest_autosave
from game.ui.scene import Scene
from game.ui.tutorial_overlay import start_tutorial
from game.ui.widgets import button, glossed, label, pressed, text_box

_OPENS = {"new": "new_game", "load": "load", "settings": "settings"}  # button -> the scene it opens


class TitleScene(Scene):
    name = "title"

    def build(self) -> None:
        app, tr, u = self.app, self.app.tr, self.app.u
        w, h = app.size
        rows: tuple[tuple[str, ...], ...] = (("continue",),) if autosaves.listing(autosave_folder()) else ()
        rows += (("new", "tutorial"), ("load",), ("settings",), ("quit",))  # a new game and the tutorial side by side
        room = 4 * (u(52) + u(14))  # the buttons share the height four take, so the objectives keep theirs
        gap = u(14) * 4 // len(rows)
        bw, bh = u(320), room // len(rows) - gap
        y = h // 5 + u(124)
        places = {}
        for i, row in enumerate(rows):
            left = (w - len(row) * bw - (len(row) - 1) * u(14)) // 2
            for j, key in enumerate(row):
                places[key] = pygame.Rect(left + j * (bw + u(14)), y + i * (bh + gap), bw, bh)
        self.add(label(app.manager, pygame.Rect(0, h // 5, w, u(70)), tr("ui.title.name"), "@title"))
        self.add(label(app.manager, pygame.Rect(0, h // 5 + u(74), w, u(34)), tr("ui.title.tagline"), "@subtitle"))
        self.buttons = {}
        for key, rect in places.items():
            self.buttons[key] = self.add(
                button(app.manager, rect, tr(f"ui.title.{key}"), object_id="@big_button", tip=tr(f"ui.title.{key}_tip"))
            )
        top = y + room + u(6)
        bw = min(w - u(60), u(980))
        self.objectives = self.add(
            text_box(app.manager, pygame.Rect((w - bw) // 2, top, bw, h - top - u(14)), self.objectives_html())
        )

    def objectives_html(self) -> str:
        """The three things the game sets out to teach, each in a sentence, its terms explained on hover."""
        tr = self.app.tr
        rows = [f"<b>{glossed(tr.lang, tr('ui.objectives.heading'))}</b>"]
        rows += [f"• {glossed(tr.lang, tr(f'ui.objectives.{key}'))}" for key in ("dependence", "vectors", "blocs")]
        return "<br>".join(rows)

    def handle(self, event: pygame.event.Event) -> bool:
        key = pressed(event, self.buttons)
        if key is not None:
            self.choose(key)
            return True
        if event.type == pygame.KEYDOWN:
            keys = {pygame.K_n: "new", pygame.K_t: "tutorial", pygame.K_l: "load", pygame.K_s: "settings"}
            keys[pygame.K_ESCAPE] = "quit"
            if "continue" in self.buttons:
                keys[pygame.K_c] = "continue"
            if event.key in keys:
                self.choose(keys[event.key])
                return True
        return False

    def choose(self, key: str) -> None:
        if key == "quit":
            self.app.quit()
        elif key == "continue":
            self.resume()
        elif key == "tutorial":
            start_tutorial(self.app)
        else:
            self.app.push(_OPENS[key])

    def resume(self) -> None:
        """Play on from the newest autosave; a hotseat game starts behind the cover (no seat in front)."""
        match = newest_autosave(self.app.library, self.app.host_port)
        if match is None:
            self.rebuild()  # nothing loadable any more
        else:
            self.app.reset("play", match=match)

    def draw(self, surface: pygame.Surface) -> None:
        draw_title_backdrop(surface)
