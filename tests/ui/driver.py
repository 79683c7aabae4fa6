"""Drive the client headless through posted input: clicks at widgets' centres and key presses."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pygame_gui  # noqa: E402

from game.ui.app import App  # noqa: E402


def frames(app: App, count: int = 2, dt: float = 0.02) -> None:
    for _ in range(count):
        app.step(dt)


def click_at(app: App, pos: tuple[int, int], button: int = 1) -> None:
    """A left click at a pixel, as the window would deliver it."""
    pygame.mouse.set_pos(pos)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    frames(app, 1)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
    frames(app, 1)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))
    frames(app, 2)


def click(app: App, widget: pygame_gui.core.UIElement) -> None:
    """Click a widget where it is on screen."""
    click_at(app, widget.rect.center)


def press(app: App, key: int, mod: int = 0) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
    frames(app, 2)


def live_widgets(app: App) -> list[pygame_gui.core.UIElement]:
    """Every widget alive in the manager."""
    return [w for w in app.manager.get_sprite_group().sprites() if isinstance(w, pygame_gui.core.UIElement)]


def screen_texts(app: App) -> list[str]:
    """Every text on screen: widgets' texts and tooltips, and the scenes' own drawn texts."""
    from game.ui.widgets import widget_texts

    out = widget_texts(live_widgets(app))
    for scene in app.stack:
        out += scene.texts()
    return out
