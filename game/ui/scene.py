"""Scenes and the scene stack.

A scene has a small lifecycle: ``enter`` / ``exit`` when it becomes or stops being the top of the stack,
``build`` (re)creates its widgets for the current window size, ``handle(input) -> consumed?``,
``update(dt)`` and ``draw(surface)``. Scenes change the game only by submitting actions; ``draw`` changes
nothing. Only the top scene has widgets: the ones under it are drawn, dimmed, as its backdrop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

import pygame
import pygame_gui

if TYPE_CHECKING:
    from game.ui.app import App

W = TypeVar("W", bound=pygame_gui.core.UIElement)


class Scene:
    """One screen of the client."""

    modal = False  # drawn over the scene under it (dimmed) instead of replacing it
    name = "scene"

    def __init__(self, app: App) -> None:
        self.app = app
        self.widgets: list[pygame_gui.core.UIElement] = []

    # lifecycle ---------------------------------------------------------------------------------------
    def enter(self) -> None:
        """Became the top scene: build its widgets."""
        self.build()

    def exit(self) -> None:
        """Stopped being the top scene: drop its widgets."""
        self.clear()

    def build(self) -> None:
        """Create the widgets for the current window size."""

    def rebuild(self) -> None:
        self.clear()
        self.build()

    def clear(self) -> None:
        for widget in self.widgets:
            widget.kill()
        self.widgets.clear()

    def add(self, widget: W) -> W:
        """Keep a widget so the scene can drop it; returns it."""
        self.widgets.append(widget)
        return widget

    # per frame ---------------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        """React to one input or widget event; True if consumed."""
        return False

    def update(self, dt: float) -> None:
        """Advance animations and timers by dt seconds."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw everything but the widgets."""

    def draw_backdrop(self, surface: pygame.Surface) -> None:
        """Draw this scene as the dimmed background of a modal scene above it."""
        self.draw(surface)

    def texts(self) -> list[str]:
        """Every text this scene draws outside its widgets (for privacy tests)."""
        return []
