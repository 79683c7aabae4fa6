"""Widget helpers: buttons that explain why they are disabled, choices that cycle, and simple layout."""

from __future__ import annotations

import html
from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import UIElement

from game.glossary import load_glossary


class ReasonButton(pygame_gui.elements.UIButton):
    """A button whose tooltip still shows while it is disabled (it then says why)."""

    def can_hover(self) -> bool:
        return not self.is_selected and not self.held

    def on_hovered(self) -> None:
        if self.is_enabled:
            super().on_hovered()
        else:
            UIElement.on_hovered(self)

    def on_unhovered(self) -> None:
        if self.is_enabled:
            super().on_unhovered()
        else:
            UIElement.on_unhovered(self)


def button(
    manager: pygame_gui.UIManager,
    rect: pygame.Rect,
    text: str,
    *,
    tip: str | None = None,
    enabled: bool = True,
    object_id: str | None = None,
    container: Any = None,
) -> ReasonButton:
    """A button; when disabled, its tooltip gives the reason."""
    widget = ReasonButton(
        relative_rect=rect,
        text=text,
        manager=manager,
        container=container,
        tool_tip_text=html.escape(tip) if tip else None,
        object_id=pygame_gui.core.ObjectID(object_id=object_id) if object_id else None,
    )
    if not enabled:
        widget.disable()
    return widget


def label(
    manager: pygame_gui.UIManager, rect: pygame.Rect, text: str, object_id: str | None = None, container: Any = None
) -> pygame_gui.elements.UILabel:
    return pygame_gui.elements.UILabel(
        relative_rect=rect,
        text=text,
        manager=manager,
        container=container,
        object_id=pygame_gui.core.ObjectID(object_id=object_id) if object_id else None,
    )


def text_box(
    manager: pygame_gui.UIManager,
    rect: pygame.Rect,
    html_text: str,
    object_id: str | None = None,
    container: Any = None,
) -> pygame_gui.elements.UITextBox:
    return pygame_gui.elements.UITextBox(
        html_text=html_text,
        relative_rect=rect,
        manager=manager,
        container=container,
        object_id=pygame_gui.core.ObjectID(object_id=object_id) if object_id else None,
    )


def esc(text: str) -> str:
    """Text made safe for a rich text box."""
    return html.escape(text, quote=False)


def glossed(lang: str, text: str) -> str:
    """Text made safe for a rich text box, its glossary terms links that show their entry on hover."""
    return load_glossary().mark(text, lang)


def link_point(box: pygame_gui.elements.UITextBox, href: str) -> tuple[int, int] | None:
    """Where on screen a text box shows the link to `href` (None when it shows none)."""
    for chunk in box.link_hover_chunks:
        if chunk.href == href:
            base_x, base_y = box._calculate_hyperlinks_offsets()
            return int(base_x + chunk.x + 2), int(base_y + chunk.y + chunk.size[1] // 2)
    return None


def pressed(event: pygame.event.Event, buttons: dict[str, Any]) -> str | None:
    """The key of the button in `buttons` that this event presses, else None."""
    if event.type != pygame_gui.UI_BUTTON_PRESSED:
        return None
    return next((key for key, widget in buttons.items() if event.ui_element is widget), None)


def next_value(values: tuple[str, ...], current: str, step: int = 1) -> str:
    """The value after (or with step -1, before) `current` for a button that cycles through `values` (the
    first if current is not one)."""
    if current not in values:
        return values[0]
    return values[(values.index(current) + step) % len(values)]
