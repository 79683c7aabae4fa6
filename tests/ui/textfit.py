"""A reusable check that text fits its box: pygame_gui widgets in the window, and texts a scene draws itself.

`overflowing_widgets(app)` names every label or button whose text is wider or taller than its box, every widget
outside the window, every text box that needs a scroll bar (unless it may scroll) and every two buttons that
overlap; `overflowing_drawn`
does the same for (text, rectangle) pairs a renderer reports (game/ui/charts.py returns them)."""

from __future__ import annotations

from collections.abc import Iterable

import pygame
import pygame_gui

from tests.ui.driver import live_widgets


def _text_fits(widget: pygame_gui.core.UIElement) -> bool:
    """A one-line widget's text fits inside its box (a few pixels of border spared)."""
    font = getattr(widget, "font", None)
    text = getattr(widget, "text", "")
    if font is None or not text:
        return True
    width, height = font.size(text)
    return width <= widget.rect.width - 4 and height <= widget.rect.height


def _clipped_away(widget: pygame_gui.core.UIElement) -> bool:
    """Nothing of the widget reaches the screen: it, or a container it is in, has no area or lies wholly
    outside its own container (pygame_gui keeps a scroll bar of width 0 beside a box while nothing scrolls)."""
    while widget is not None:
        container = widget.ui_container
        if widget.rect.width <= 0 or widget.rect.height <= 0:
            return True
        if container is not None and container is not widget and not container.rect.colliderect(widget.rect):
            return True
        widget = getattr(widget, "parent_element", None) or (container if container is not widget else None)
    return False


def _shown_part(widget: pygame_gui.core.UIElement) -> pygame.Rect:
    """The part of the widget its containers let show (a list's row scrolled half out is cut at the list)."""
    rect = widget.rect.copy()
    container = widget.ui_container
    while container is not None:
        rect = rect.clip(container.rect)
        container = container.ui_container if container.ui_container is not container else None
    return rect


def overflowing_widgets(app: object, may_scroll: Iterable[object] = ()) -> list[str]:
    """Every widget of the app whose text does not fit its box or that leaves the window."""
    window = pygame.Rect((0, 0), app.size)  # type: ignore[attr-defined]
    scrolling = {id(widget) for widget in may_scroll}
    out = []
    for widget in live_widgets(app):  # type: ignore[arg-type]
        if not widget.visible or isinstance(widget, pygame_gui.elements.UITooltip) or _clipped_away(widget):
            continue
        name = f"{type(widget).__name__} {getattr(widget, 'text', '')!r} at {tuple(widget.rect)}"
        if not window.contains(_shown_part(widget)):
            out.append(f"outside the window: {name}")
        if isinstance(widget, (pygame_gui.elements.UILabel, pygame_gui.elements.UIButton)) and not _text_fits(widget):
            out.append(f"text wider or taller than its box: {name}")
        if isinstance(widget, pygame_gui.elements.UITextBox) and id(widget) not in scrolling:
            if widget.scroll_bar is not None:
                out.append(f"text box needs a scroll bar: {name}")
    return out + _overlapping_buttons(app)


def _overlapping_buttons(app: object) -> list[str]:
    """Every pair of buttons on screen that cover each other (one hides the other's text or its click)."""
    shown = [
        (widget, _shown_part(widget))
        for widget in live_widgets(app)  # type: ignore[arg-type]
        if isinstance(widget, pygame_gui.elements.UIButton)
        and widget.visible
        and not _clipped_away(widget)
        and not isinstance(getattr(widget, "parent_element", None), pygame_gui.elements.UIVerticalScrollBar)
    ]
    out = []
    for i, (widget, rect) in enumerate(shown):
        for other, other_rect in shown[i + 1 :]:
            if rect.colliderect(other_rect):
                out.append(
                    f"buttons overlap: {widget.text!r} at {tuple(rect)} and {other.text!r} at {tuple(other_rect)}"
                )
    return out


def overflowing_drawn(drawn: Iterable[tuple[str, pygame.Rect]], bounds: pygame.Rect) -> list[str]:
    """Every drawn text outside `bounds`, and every pair of drawn texts that overlap."""
    items = list(drawn)
    out = [f"outside {tuple(bounds)}: {text!r} at {tuple(rect)}" for text, rect in items if not bounds.contains(rect)]
    for i, (text, rect) in enumerate(items):
        for other, other_rect in items[i + 1 :]:
            if rect.colliderect(other_rect):
                out.append(f"{text!r} overlaps {other!r}")
    return out
