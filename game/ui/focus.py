"""Keyboard focus for every screen: Tab and Shift+Tab (and the arrows, where the screen does not use them)
move a focus over the top screen's enabled buttons in reading order, Enter or Space presses the focused
button, and a ring shows where the focus is. A screen with its own focus (New game) keeps it: the keys reach
this only when the screen did not use them. A click with the mouse puts the ring away."""

from __future__ import annotations

import pygame
import pygame_gui

from game.ui.scene import Scene

FOCUS_RING: tuple[int, int, int] = (255, 214, 90)
_NEXT = {pygame.K_TAB: 1, pygame.K_DOWN: 1, pygame.K_RIGHT: 1, pygame.K_UP: -1, pygame.K_LEFT: -1}
_PRESS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


class FocusRing:
    """Which button of the top screen has the keyboard's focus (none until a key moves it)."""

    def __init__(self) -> None:
        self.widget: pygame_gui.elements.UIButton | None = None
        self.owner: Scene | None = None  # the screen the focus was moved on (another screen starts without)
        self.text = ""  # the focused button's text: after a rebuild the focus finds the same button again

    def buttons(self, scene: Scene, window: pygame.Rect) -> list[pygame_gui.elements.UIButton]:
        """The screen's buttons the keyboard may focus: shown, enabled and on the window, in reading order."""
        found = [
            w
            for w in scene.widgets
            if isinstance(w, pygame_gui.elements.UIButton) and w.alive() and w.visible and w.is_enabled
        ]
        found = [w for w in found if window.contains(w.rect) and _shown_in_container(w)]
        return sorted(found, key=lambda w: (w.rect.y, w.rect.x))

    def current(self, scene: Scene, window: pygame.Rect) -> pygame_gui.elements.UIButton | None:
        """The focused button, found again by its text when the screen rebuilt its widgets (None: no focus)."""
        if self.widget is None or scene is not self.owner:
            return None
        if self.widget.alive() and self.widget.visible:
            return self.widget
        again = next((w for w in self.buttons(scene, window) if w.text == self.text), None)
        self.widget = again
        return again

    def move(self, scene: Scene, window: pygame.Rect, step: int) -> None:
        """Focus the next (step 1) or previous (-1) button; the first key focuses the first (or last) one."""
        buttons = self.buttons(scene, window)
        here = self.current(scene, window)
        if not buttons:
            self.widget = None
            return
        index = buttons.index(here) + step if here in buttons else (0 if step > 0 else -1)
        self.widget, self.owner = buttons[index % len(buttons)], scene
        self.text = self.widget.text

    def clear(self) -> None:
        self.widget = None

    def handle(self, event: pygame.event.Event, scene: Scene, window: pygame.Rect) -> bool:
        """A key the screen left unused: move the focus or press the focused button; True if used."""
        if event.type != pygame.KEYDOWN or event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            return False
        if event.key in _NEXT:
            back = event.key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT
            self.move(scene, window, -1 if back else _NEXT[event.key])
            return True
        return self.press(event, scene, window)

    def press(self, event: pygame.event.Event, scene: Scene, window: pygame.Rect) -> bool:
        """Enter or Space with a button focused: press it as a click would (True); else leave the key."""
        focused = self.current(scene, window)
        if event.type != pygame.KEYDOWN or event.key not in _PRESS or focused is None or not focused.is_enabled:
            return False
        data = {"ui_element": focused, "ui_object_id": focused.most_specific_combined_id}
        pygame.event.post(pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, data))
        return True

    def draw(self, surface: pygame.Surface, scene: Scene, window: pygame.Rect, width: int) -> None:
        """The ring around the focused button."""
        focused = self.current(scene, window)
        if focused is not None:
            pygame.draw.rect(surface, FOCUS_RING, focused.rect.inflate(2 * width, 2 * width), width, 4)


def _shown_in_container(widget: pygame_gui.core.UIElement) -> bool:
    """Whether a button inside a scrolled list lies in the list's visible part."""
    container = widget.ui_container
    if container is None:
        return True
    rect = container.get_container().get_rect() if hasattr(container, "get_container") else container.get_rect()
    return bool(rect.contains(widget.rect))
