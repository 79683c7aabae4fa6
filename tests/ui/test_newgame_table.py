"""The new-game screen sets up any table a scenario allows (seats, states, order, human or bot), by clicks
and by keys; the table is remembered in the settings file; every text fits its box."""

from __future__ import annotations

import pygame
import pytest

from game import estimates
from game.i18n import LANGUAGES
from game.table import TableSeat
from game.ui.app import App
from game.ui.scenes.newgame import NewGameScene
from game.ui.settings import TEXT_SIZES, Settings, read_settings
from tests.ui.driver import click, frames, press

WANTED = (
    TableSeat("iran", True),
    TableSeat("russia", False, "hard"),
    TableSeat("georgia", True),
    TableSeat("kazakhstan", False, "greedy"),
    TableSeat("azerbaijan", False, "random"),
    TableSeat("turkey", False, "greedy"),
)


def _open(app: App, scenario: str) -> NewGameScene:
    app.reset("title")
    scene = app.push("new_game", seed=11, scenario=scenario)
    frames(app, 2)
    assert isinstance(scene, NewGameScene) and scene.scenario_id == scenario
    return scene


def _click_until(app: App, scene: NewGameScene, key: str, attr: str, value: object) -> None:
    """Click seat button `key` ("state:3") until that seat's `attr` is `value`."""
    index = int(key.split(":")[1])
    for _ in range(12):
        if getattr(scene.table[index], attr) == value:
            return
        click(app, scene.controls[key])
    assert getattr(scene.table[index], attr) == value, key


def _set_up_six(app: App, scene: NewGameScene) -> None:
    """Clicks only: two seats added (Iran, Georgia), Turkmenistan's seat turned to Türkiye, the order set
    with the arrows, then every seat's player and level."""
    click(app, scene.controls["add"])
    click(app, scene.controls["add"])
    assert [s.state for s in scene.table[4:]] == ["iran", "georgia"]
    _click_until(app, scene, "state:3", "state", "turkey")
    for i, want in enumerate(WANTED):
        at = [s.state for s in scene.table].index(want.state)
        for j in range(at, i, -1):
            click(app, scene.controls[f"up:{j}"])
    for i, want in enumerate(WANTED):
        assert scene.table[i].state == want.state
        _click_until(app, scene, f"player:{i}", "human", want.human)
        if not want.human:
            _click_until(app, scene, f"level:{i}", "level", want.level)


def test_a_six_seat_table_set_by_clicks_starts_with_those_seats_and_is_remembered(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CASPIAN_GAMBIT_DATA", str(tmp_path / "data"))
    app = App(read_settings()[0], size=(1280, 720), persist=True, bot_delay=0.0)
    scene = _open(app, "caspian-2023")
    assert [s.state for s in scene.table] == ["russia", "kazakhstan", "azerbaijan", "turkmenistan"]
    _set_up_six(app, scene)
    click(app, scene.controls["down:0"])  # iran after russia ...
    click(app, scene.controls["up:1"])  # ... and back first
    assert scene.table == WANTED
    click(app, scene.start)
    match = app.top.match  # type: ignore[attr-defined]
    assert match.setup.seats == tuple(s.state for s in WANTED)
    assert [(p.state, p.human) for p in match.plans] == [(s.state, s.human) for s in WANTED]
    assert {seat: type(runner.bot).__name__ for seat, runner in match.bots.items()} == {
        "russia": "HardBot",
        "kazakhstan": "GreedyBot",
        "azerbaijan": "RandomBot",
        "turkey": "GreedyBot",
    }
    match.close()
    again = App(read_settings()[0], size=(1280, 720), persist=False, bot_delay=0.0)
    assert _open(again, "caspian-2023").table == WANTED
    assert _open(again, "tutorial").table == (TableSeat("kazakhstan"), TableSeat("russia"))


def test_keys_alone_add_a_seat_and_start(app) -> None:  # type: ignore[no-untyped-def]
    scene = _open(app, "caspian-2024")
    assert scene.focus == "start"
    press(app, pygame.K_TAB)  # wraps to the first control
    assert scene.focus == "scenario"
    while scene.focus != "add":
        press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    assert len(scene.table) == 5
    while scene.focus != "player:4":
        press(app, pygame.K_UP)
    press(app, pygame.K_SPACE)
    press(app, pygame.K_TAB)
    press(app, pygame.K_RIGHT)
    assert scene.table[4] == TableSeat(scene.table[4].state, False, "hard")
    while scene.focus != "start":
        press(app, pygame.K_TAB)
    press(app, pygame.K_RETURN)
    assert len(app.stack[0].match.setup.seats) == 5  # type: ignore[attr-defined]


def test_the_tutorial_keeps_its_two_seats_and_says_why(app) -> None:  # type: ignore[no-untyped-def]
    scene = _open(app, "tutorial")
    tr = app.tr
    assert not scene.controls["add"].is_enabled and not scene.controls["remove:0"].is_enabled
    # the tooltips give the reason (their terms marked as glossary links)
    assert scene.controls["add"].tool_tip_text.startswith(tr("ui.new.at_most", count=2)[:29])
    assert scene.controls["remove:1"].tool_tip_text.startswith(tr("ui.new.at_least", count=2)[:30])
    assert not scene.controls["state:0"].is_enabled  # its lesson scripts hands for these two states only
    click(app, scene.controls["shuffle"])
    click(app, scene.controls["add"])
    assert sorted(s.state for s in scene.table) == ["kazakhstan", "russia"]


def test_a_full_table_greys_add_and_an_emptied_one_greys_remove(app) -> None:  # type: ignore[no-untyped-def]
    scene = _open(app, "caspian-2023")
    while scene.controls["add"].is_enabled:
        click(app, scene.controls["add"])
    assert len(scene.table) == 9 and len({s.state for s in scene.table}) == 9
    assert not scene.controls["state:8"].is_enabled
    while scene.controls["remove:0"].is_enabled:
        click(app, scene.controls["remove:0"])
    assert len(scene.table) == 2


def test_a_remembered_table_that_does_not_fit_falls_back(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CASPIAN_GAMBIT_DATA", str(tmp_path / "data"))
    tables = {
        "tutorial": [["iran", True, "hard"], ["russia", False, "hard"]],
        "caspian-2023": [["atlantis", True, "hard"], ["georgia", False, "genius"], "junk"],
    }
    app = App(Settings(tables=tables), size=(1280, 720), persist=False, bot_delay=0.0)
    assert _open(app, "tutorial").table == (TableSeat("russia", False, "hard"), TableSeat("kazakhstan"))
    assert _open(app, "caspian-2023").table == (TableSeat("georgia", False, "greedy"), TableSeat("russia"))


def _overflowing(scene: NewGameScene) -> list[str]:
    out = []
    for widget in scene.widgets:
        font = getattr(widget, "font", None)
        text = getattr(widget, "text", "")
        if font is not None and text and font.size(text)[0] > widget.rect.width - 4:
            out.append(text)
        if widget.rect.right > scene.app.size[0] or widget.rect.bottom > scene.app.size[1]:
            out.append(f"off screen: {text}")
    return out


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_of_a_nine_seat_table_fits_on_every_text_size(tmp_path, monkeypatch, size, lang) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CASPIAN_GAMBIT_DATA", str(tmp_path / "data"))
    for text_size in TEXT_SIZES:
        app = App(Settings(language=lang, text_size=text_size), size=size, persist=False, bot_delay=0.0)
        scene = _open(app, "caspian-2023")
        while scene.controls["add"].is_enabled:
            click(app, scene.controls["add"])
        for i in range(0, 9, 2):
            click(app, scene.controls[f"player:{i}"])
        scene.table = tuple(TableSeat(s.state, s.human, "random") for s in scene.table)
        scene.rebuild()
        assert _overflowing(scene) == [], (size, lang, text_size)


def test_the_lesson_format_is_offered_with_its_measured_minutes_and_starts_a_lesson(app) -> None:  # type: ignore[no-untyped-def]
    scene = _open(app, "caspian-2023")
    for _ in range(len(scene.scenario.definition.format_names())):  # type: ignore[union-attr]
        if scene.length == "lesson":
            break
        click(app, scene.controls["length"])
    assert scene.length == "lesson"
    minutes = estimates.minutes("caspian-2023", "lesson")
    assert minutes is not None
    assert scene.controls["length"].text.startswith(f"Lesson: one era (~{minutes} min)")
    click(app, scene.start)
    match = app.top.match
    assert match.setup.length == "lesson"
    assert match.session.scenario is scene.scenario.played("lesson", len(match.setup.seats))  # type: ignore[union-attr]
