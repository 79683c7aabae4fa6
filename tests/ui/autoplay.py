"""Play the client through its screens with clicks only: always the first enabled choice."""

from __future__ import annotations

from game.ui.app import App
from tests.ui.driver import click, frames


def first_enabled(widgets: list, wanted: set[int]):  # type: ignore[no-untyped-def]
    for widget in widgets:
        if id(widget) in wanted and widget.is_enabled:
            return widget
    return None


def step(app: App) -> str:
    """One click on whatever screen is showing; returns that screen's name."""
    scene = app.top
    assert scene is not None
    name = scene.name
    if name == "title":
        click(app, scene.buttons["new"])  # type: ignore[attr-defined]
    elif name == "new_game":
        click(app, scene.start)  # type: ignore[attr-defined]
    elif name == "cover":
        click(app, scene.ready)  # type: ignore[attr-defined]
    elif name in ("recap", "flows", "summit"):
        click(app, scene.go)  # type: ignore[attr-defined]
    elif name == "card":
        widget = first_enabled(scene.widgets, set(scene.choices))  # type: ignore[attr-defined]
        click(app, widget if widget is not None else scene.close)  # type: ignore[attr-defined]
    elif name in ("preview", "proposal"):
        click(app, scene.confirm)  # type: ignore[attr-defined]
    elif name == "play":
        wanted = set(scene.action_buttons) | set(scene.card_buttons) | set(scene.step_buttons)  # type: ignore[attr-defined]
        widget = first_enabled(scene.widgets, wanted)
        end = scene.controls.get("end")  # type: ignore[attr-defined]
        if widget is not None:
            click(app, widget)
        elif end is not None and end.is_enabled:
            click(app, end)
        else:
            frames(app, 2)
    else:
        frames(app, 1)
    return name


def play_to_end(app: App, limit: int = 800) -> list[str]:
    """Click until the game-over screen shows; the screens seen, in order."""
    seen: list[str] = []
    for _ in range(limit):
        if app.top is not None and app.top.name == "game_over":
            seen.append("game_over")
            return seen
        seen.append(step(app))
    return seen
