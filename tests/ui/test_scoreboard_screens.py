"""The summit and game-over charts: drawn in both languages at both window sizes and every text size, every
text inside its box, readable from the back row, and no secret shown before the rules reveal it."""

from __future__ import annotations

import random
import re
from functools import lru_cache

import pygame_gui
import pytest

from game.i18n import world_name
from game.ui import style
from game.ui.app import App
from game.ui.match import Match
from game.ui.screenshots import mid_game
from game.ui.settings import TEXT_SIZES, Settings
from rules.log import SummitHeld
from tests.ui.driver import frames, screen_texts
from tests.ui.textfit import overflowing_drawn, overflowing_widgets

KEY = re.compile(r"^[a-z_]+(\.[a-z_0-9]+)+$")


@lru_cache(maxsize=1)
def finished() -> tuple[Match, tuple[object, ...]]:
    """A seeded game played to its end, and the entries of its first summit."""
    match = mid_game("caspian-2023", 7)
    rng = random.Random(8)
    while not match.session.is_over:
        match.session.submit(rng.choice(match.session.legal()))
    match.hand_over()
    log = match.session.log
    step = next(e.step for e in log if isinstance(e.entry, SummitHeld))
    return match, tuple(e.entry for e in log if e.step == step)


def shown(app: App, name: str) -> list[str]:
    """Open a screen of the finished game; every problem with its texts."""
    match, entries = finished()
    scene = app.push(name, match=match, entries=entries) if name == "summit" else app.push(name, match=match)
    frames(app, 2)
    problems = overflowing_widgets(app)
    for rect, drawn in scene.panels:  # type: ignore[attr-defined]
        problems += overflowing_drawn(drawn, rect)
    problems += [f"untranslated: {text}" for text in screen_texts(app) if KEY.match(text)]
    app.pop()
    return problems


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_summit_and_game_over_fit_in_both_languages_at_every_text_size(tmp_path, monkeypatch, size, lang) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CASPIAN_GAMBIT_DATA", str(tmp_path))
    for text_size in TEXT_SIZES:
        app = App(Settings(language=lang, text_size=text_size), size=size, persist=False, bot_delay=0.0)
        app.reset("title")
        for name in ("summit", "game_over"):
            assert shown(app, name) == [], (name, text_size)


def test_the_back_row_reads_the_charts_at_1920_by_1080_on_normal(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CASPIAN_GAMBIT_DATA", str(tmp_path))
    app = App(Settings(text_size=1.0), size=(1920, 1080), persist=False, bot_delay=0.0)
    app.reset("title")
    match, entries = finished()
    body = style.font(18).get_height()
    for name, args in (("summit", {"entries": entries}), ("game_over", {})):
        scene = app.push(name, match=match, **args)
        frames(app, 2)
        heights = [rect.height for _, drawn in scene.panels for _, rect in drawn]  # type: ignore[attr-defined]
        assert heights and min(heights) >= body, name
        buttons = [w for w in scene.widgets if isinstance(w, pygame_gui.elements.UIButton)]
        assert buttons and all(w.rect.height >= 40 for w in buttons), name
        app.pop()


def test_the_summit_shows_no_national_interest_and_game_over_shows_every_one(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CASPIAN_GAMBIT_DATA", str(tmp_path))
    app = App(Settings(), size=(1280, 720), persist=False, bot_delay=0.0)
    app.reset("title")
    match, entries = finished()
    secrets = [world_name(app.tr, match.scenario, "objective", o) for o in match.state.objectives if o]
    assert secrets
    app.push("summit", match=match, entries=entries)
    frames(app, 2)
    assert not [s for s in secrets if any(s in text for text in screen_texts(app))]
    app.pop()
    app.push("game_over", match=match)
    frames(app, 2)
    assert all(any(s in text for text in screen_texts(app)) for s in secrets)
