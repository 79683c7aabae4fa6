"""Drive the client headless through posted input: clicks at widgets' centres and key presses."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pygame_gui  # noqa: E402

from game.ui.app import App  # noqa: E402
from game.ui.match import Match  # noqa: E402
from game.ui.screenshots import mid_game  # noqa: E402
from game.ui.settings import Settings  # noqa: E402


@contextmanager
def seated_mid_game(
    tmp_path: Path, monkeypatch: Any, size: tuple[int, int], lang: str = "en", text_size: float = 1.0
) -> Iterator[tuple[App, Match]]:
    """A window of ``size`` (a fresh data folder, no saved settings) and the mid-game caspian-2023 position of
    seed 7 with the seat to act taken (the map tests' game); the match is closed after."""
    monkeypatch.setenv("CASPIAN_GAMBIT_DATA", str(tmp_path / "data"))
    app = App(Settings(language=lang, text_size=text_size), size=size, persist=False, bot_delay=0.0)
    match = mid_game("caspian-2023", 7)
    try:
        match.take_seat(match.to_act() or match.state.seats[0])
        yield app, match
    finally:
        match.close()


def map_views(app: App, match: Match, monkeypatch: Any) -> Iterator[tuple[str, Any]]:
    """Every map drawer the play screen and the class screen (hosted or not) show for the match, each placed and
    sized as its screen draws it, with where it is ("play", "play inset", "class hosted=False", ...)."""
    from game.ui.scenes.classroom import ClassScene

    play: Any = app.reset("play", match=match)
    app.step(0.05)
    yield "play", play.map
    if play.shows_inset():
        yield "play inset", play.inset.view
    for hosted in (False, True):
        monkeypatch.setattr(ClassScene, "hosted", property(lambda _scene, h=hosted: h))
        scene = app.reset("classroom", match=match)
        assert isinstance(scene, ClassScene)
        board, inset = scene.board_rects(scene.areas()[0])
        scene.map.set_size(board.size, app.scale * 1.4)
        yield f"class hosted={hosted}", scene.map
        if inset is not None:
            scene.inset.place(inset.size, app.tr, app.settings.palette, app.scale * 1.4)
            yield f"class inset hosted={hosted}", scene.inset.view


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


def widget_texts(widgets: list[pygame_gui.core.UIElement]) -> list[str]:
    """Every text a list of widgets shows or keeps (labels, buttons, text boxes, tooltips, menus)."""
    out: list[str] = []
    for widget in widgets:
        for attr in ("text", "html_text", "tool_tip_text", "selected_option"):
            value = getattr(widget, attr, None)
            if isinstance(value, str):
                out.append(value)
            elif isinstance(value, tuple) and value and isinstance(value[0], str):
                out.extend(v for v in value if isinstance(v, str))
        options = getattr(widget, "options_list", None)
        if isinstance(options, list):
            out.extend(o if isinstance(o, str) else str(o[0]) for o in options)
        item_list = getattr(widget, "item_list", None)
        if isinstance(item_list, list):
            out.extend(str(item.get("text", "")) for item in item_list if isinstance(item, dict))
    return out


def screen_texts(app: App) -> list[str]:
    """Every text on screen: widgets' texts and tooltips, and the scenes' own drawn texts."""
    out = widget_texts(live_widgets(app))
    for scene in app.stack:
        out += scene.texts()
    return out
