"""Every screen's text fits its boxes (issue 13): each scene the client registers (game.ui.scenes.SCENES), in
English and Russian, at 1280x720 and 1920x1080, on every text size — no label or button whose text runs past
its box, no widget outside the window, no text box that scrolls unless it holds a document that may."""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import pygame_gui
import pytest

from game.ui.app import App
from game.ui.scenes import SCENES
from game.ui.screenshots import negotiating
from game.ui.settings import TEXT_SIZES
from tests.ui.driver import frames
from tests.ui.test_help import SCREENS, _open
from tests.ui.textfit import overflowing_widgets

SIZES = ((1280, 720), (1920, 1080))


def _open_any(app: App, name: str) -> None:
    """Bring the app to the screen of this name: test_help's way, or the proposal, help, crash and problems
    screens."""
    if name in SCREENS:
        _open(name)(app)
    elif name == "proposal":
        match, proposal = negotiating("caspian-2023", 7, app.assets)
        assert proposal is not None
        app.reset("play", match=match)
        app.push("proposal", match=match, proposal=proposal)
    elif name == "help":
        app.reset("title")
        app.push("help")
    elif name == "crash":
        app.reset("crash", report=None)
    elif name == "problems":
        app.reset("title")
        app.push("problems", lines=["settings.toml: text_size: not a number", "mods/x: mod.toml: missing id"])
    frames(app, 2)
    assert app.top is not None and app.top.name == name


def _documents(app: App) -> list[object]:
    """The text boxes that hold a document the reader scrolls (the play screen's status, a card's text, the
    title's learning objectives, the help's body): the rest must show their whole text."""
    top = app.top
    boxes = [getattr(top, "status_box", None), getattr(top, "objectives", None), getattr(top, "body", None)]
    if top is not None and top.name == "card":
        boxes += [w for w in top.widgets if isinstance(w, pygame_gui.elements.UITextBox)]
    return [box for box in boxes if box is not None]


def _configurations() -> Iterator[tuple[tuple[int, int], str, float]]:
    for size in SIZES:
        for lang in ("en", "ru"):
            for text_size in TEXT_SIZES:
                yield size, lang, text_size


@pytest.mark.parametrize("name", [scene.name for scene in SCENES])
def test_every_text_of_every_screen_fits_in_both_languages_at_every_size(app, name: str) -> None:  # type: ignore[no-untyped-def]
    _open_any(app, name)
    problems = []
    for size, lang, text_size in _configurations():
        app.settings = attrs.evolve(app.settings, language=lang, text_size=text_size)
        app.resize(size)
        frames(app, 1)
        problems += [f"{size} {lang} {text_size}: {p}" for p in overflowing_widgets(app, _documents(app))]
    assert problems == [], "\n".join(problems)


def test_a_screen_not_opened_here_fails_the_walk(app) -> None:  # type: ignore[no-untyped-def]
    """The walk covers SCENES by name: a scene it cannot open is an error, not a silent pass."""
    with pytest.raises((AssertionError, KeyError)):
        _open_any(app, "no_such_screen")
