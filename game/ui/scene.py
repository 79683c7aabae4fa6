"""Scenes, and what a scene may ask of the application that hosts them.

A scene has a small lifecycle: ``enter`` / ``exit`` when it becomes or stops being the top of the stack,
``build`` (re)creates its widgets for the current window size, ``handle(input) -> consumed?``,
``update(dt)`` and ``draw(surface)``. Scenes change the game only by submitting actions; ``draw`` changes
nothing. The host draws a frame only when something changed (an input, a scene entered or its widgets
rebuilt: ``add``/``clear`` tell it through ``host.changed()``), for a moment after that, or while
``animating()``; a scene whose drawing changes some other way calls ``host.changed()`` itself. Only the
top scene has widgets: the ones under it are drawn, dimmed, as its backdrop.

A scene knows its host only as a `SceneHost` and other scenes only by name: ``host.push("card",
match=match, card_id=card)`` opens the scene registered as "card" with those arguments (Tuxemon's
``push_state``), so no scene imports another.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, Protocol, TypeVar

import pygame
import pygame_gui

from game.i18n import Translator
from game.mods import Library
from game.ui.settings import Settings
from game.ui.widgets import button

W = TypeVar("W", bound=pygame_gui.core.UIElement)
T = TypeVar("T")


class SceneHost(Protocol):
    """What scenes use of the application: text, scale, widgets, settings, and the scene stack by name."""

    tr: Translator
    settings: Settings
    assets: Path
    library: Library
    manager: pygame_gui.UIManager
    bot_delay: float
    host_port: int  # where a class game hosted from the window listens (0: any free port)
    frame_started: float  # when this frame began (time.perf_counter): what a frame may still do is timed from it
    tutorial: Any  # the guided tutorial's overlay while one runs (game.ui.tutorial_overlay), else None

    @property
    def size(self) -> tuple[int, int]: ...

    @property
    def scale(self) -> float: ...

    @property
    def top(self) -> Scene | None: ...

    def u(self, pixels: float) -> int: ...

    def apply_settings(self, settings: Settings) -> None: ...

    def push(self, name: str, **kwargs: Any) -> Scene: ...

    def pop(self) -> Scene: ...

    def replace(self, name: str, **kwargs: Any) -> Scene: ...

    def reset(self, name: str, **kwargs: Any) -> Scene: ...

    def quit(self) -> None: ...

    def changed(self) -> None: ...

    def map_until(self) -> float: ...


class Scene:
    """One screen of the client."""

    modal = False  # drawn over the scene under it (dimmed) instead of replacing it
    name = "scene"  # the name other scenes open it by

    def __init__(self, app: SceneHost) -> None:
        self.app = app
        self.widgets: list[pygame_gui.core.UIElement] = []
        self._kept: dict[Hashable, tuple[list[Any], Any]] = {}  # widgets built by ``reuse``, by their key
        self._spare: dict[Hashable, tuple[list[Any], Any]] = {}  # the last build's, while a rebuild runs

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
        """Build the widgets again; those made through ``reuse`` with the same key as in the last build stay (a
        panel that changed in one line is not made again whole: issue 13's frame budget)."""
        old, self.widgets = self.widgets, []
        self._spare, self._kept = self._kept, {}
        try:
            self.build()
        finally:
            self._spare = {}
            stayed = {id(widget) for widgets, _ in self._kept.values() for widget in widgets}
            for widget in old:
                if id(widget) not in stayed:
                    widget.kill()
            self.app.changed()

    def clear(self) -> None:
        for widget in self.widgets:
            widget.kill()
        self.widgets.clear()
        self._kept.clear()
        self.app.changed()

    def reuse(self, key: Hashable, make: Callable[[], W]) -> W:
        """The widget ``make`` builds, or during a rebuild the last build's with the same ``key`` (which must
        name everything the widget shows: its place, text, tooltip, state), kept as it was; added to the scene."""
        widgets, _ = self.reuse_group(key, lambda: ([make()], None))
        return widgets[0]  # type: ignore[return-value]

    def reuse_group(self, key: Hashable, make: Callable[[], tuple[list[Any], T]]) -> tuple[list[Any], T]:
        """``reuse`` for widgets made together (a container and what it holds) with what the scene needs to know of
        them (``make`` returns both): the last build's group with the same ``key`` during a rebuild."""
        key = (id(self.app.manager), key)
        group = self._spare.pop(key, None)
        if group is None:
            group = make()
        self._kept[key] = group
        self.widgets.extend(group[0])
        self.app.changed()
        return group

    def add(self, widget: W) -> W:
        """Keep a widget so the scene can drop it; returns it."""
        self.widgets.append(widget)
        self.app.changed()
        return widget

    def button_column(
        self, catalogue: str, keys: tuple[str, ...], top: int, width: int, primary: str
    ) -> dict[str, Any]:
        """A column of big buttons centred under `top`, one a key, labelled `<catalogue>.<key>` with the tip
        `<catalogue>.<key>_tip`; the `primary` key's is the one to press. Returns them by key."""
        u, tr = self.app.u, self.app.tr
        bh, x = u(50), (self.app.size[0] - width) // 2
        out: dict[str, Any] = {}
        for i, key in enumerate(keys):
            rect = pygame.Rect(x, top + i * (bh + u(12)), width, bh)
            style = "@primary" if key == primary else "@big_button"
            tip = tr(f"{catalogue}.{key}_tip")
            out[key] = self.add(button(self.app.manager, rect, tr(f"{catalogue}.{key}"), object_id=style, tip=tip))
        return out

    # per frame ---------------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        """React to one input or widget event; True if consumed."""
        return False

    def update(self, dt: float) -> None:
        """Advance animations and timers by dt seconds."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw everything but the widgets."""

    def animating(self) -> bool:
        """Whether the scene moves on its own, so that it is drawn every frame even with no input."""
        return False

    def draw_backdrop(self, surface: pygame.Surface) -> None:
        """Draw this scene as the dimmed background of a modal scene above it."""
        self.draw(surface)

    def texts(self) -> list[str]:
        """Every text this scene draws outside its widgets (for privacy tests)."""
        return []

    def hovered_link(self) -> str:
        """The link (a glossary term's, "term:<id>") under the pointer in what the scene draws itself ("" when
        none; links in text boxes the application finds itself)."""
        return ""

    def help_spot(self) -> tuple[int, int]:
        """Where the application puts the "?" help button (its top left corner): the window's top right."""
        w, _ = self.app.size
        return w - self.app.u(40), self.app.u(6)
