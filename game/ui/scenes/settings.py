"""Settings: language, text size, colour-blind palette, full screen (remembered between runs)."""

from __future__ import annotations

import attrs
import pygame
import pygame_gui

from game.i18n import LANGUAGES
from game.ui.backdrop import draw_title_backdrop
from game.ui.scene import Scene
from game.ui.settings import PALETTES, TEXT_SIZES
from game.ui.widgets import button, label, next_value


class SettingsScene(Scene):
    name = "settings"
    KEYS = ("language", "text_size", "palette", "fullscreen")

    def value_text(self, key: str) -> str:
        s, tr = self.app.settings, self.app.tr
        if key == "language":
            return tr(f"language.{s.language}")
        if key == "text_size":
            return tr(f"text_size.{TEXT_SIZES.index(s.text_size)}")
        if key == "palette":
            return tr(f"palette.{s.palette}")
        return tr("ui.common.yes") if s.fullscreen else tr("ui.common.no")

    def build(self) -> None:
        app, u, tr, m = self.app, self.app.u, self.app.tr, self.app.manager
        w, h = app.size
        pw = min(w - u(40), u(720))
        x = (w - pw) // 2
        self.add(label(m, pygame.Rect(0, u(30), w, u(60)), tr("ui.settings.heading"), "@title"))
        self.buttons = {}
        for i, key in enumerate(self.KEYS):
            y = u(130) + i * u(62)
            self.add(label(m, pygame.Rect(x, y, pw // 2, u(50)), tr(f"ui.settings.{key}")))
            rect = pygame.Rect(x + pw // 2, y, pw // 2, u(50))
            self.buttons[key] = self.add(
                button(m, rect, self.value_text(key) + "  ▸", tip=tr(f"ui.settings.{key}_tip"))
            )
        self.back = self.add(
            button(
                m,
                pygame.Rect((w - u(300)) // 2, h - u(90), u(300), u(54)),
                tr("ui.common.back"),
                tip=tr("ui.settings.back_tip"),
                object_id="@primary",
            )
        )

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pop()
            return True
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return False
        if event.ui_element is self.back:
            self.app.pop()
            return True
        key = next((k for k, wdg in self.buttons.items() if wdg is event.ui_element), None)
        if key is None:
            return False
        s = self.app.settings
        if key == "language":
            s = attrs.evolve(s, language=next_value(LANGUAGES, s.language))
        elif key == "text_size":
            s = attrs.evolve(s, text_size=TEXT_SIZES[(TEXT_SIZES.index(s.text_size) + 1) % len(TEXT_SIZES)])
        elif key == "palette":
            s = attrs.evolve(s, palette=next_value(PALETTES, s.palette))
        else:
            s = attrs.evolve(s, fullscreen=not s.fullscreen)
        self.app.apply_settings(s)
        return True

    def draw(self, surface: pygame.Surface) -> None:
        draw_title_backdrop(surface)
