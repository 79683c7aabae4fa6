"""A screen that fails does not end the client (issue 15): the crash screen, a report with the traceback and
the game saved in the data folder, and play continues from the newest autosave."""

from __future__ import annotations

import pytest

from game import saves
from game.ui.crash import crashes_folder
from game.ui.screenshots import mid_game
from tests.ui.driver import click, frames


def test_an_exception_in_a_scene_shows_the_crash_screen_and_play_continues(app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    match = mid_game("tutorial", 11, app.assets, steps=8)
    match.take_seat(match.to_act())
    play = app.reset("play", match=match)
    frames(app, 2)
    autosaved = match.autosaver.save_now()
    assert autosaved is not None
    steps = len(match.session.actions)

    def broken(dt: float) -> None:
        raise RuntimeError("a screen failed")

    monkeypatch.setattr(play, "update", broken)
    frames(app, 2)
    assert app.top.name == "crash"
    reports = sorted(crashes_folder().glob("crash-*.txt"))
    assert len(reports) == 1
    text = reports[0].read_text(encoding="utf-8")
    assert "RuntimeError: a screen failed" in text and "play" in text
    game = next(crashes_folder().glob("crash-*-game.json"))
    assert len(saves.load(game).actions) == steps
    click(app, app.top.buttons["continue"])
    frames(app, 2)
    resumed = app.playing()  # a hotseat game resumes behind the cover
    assert resumed is not None and resumed is not match and len(resumed.session.actions) == steps


def test_the_crash_screen_failing_itself_is_not_hidden(app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    crash = app.reset("crash", report=None)

    def broken(dt: float) -> None:
        raise RuntimeError("the crash screen failed")

    monkeypatch.setattr(crash, "update", broken)
    with pytest.raises(RuntimeError):
        app.step(0.02, [])


def test_a_damaged_client_part_of_a_save_is_a_message_not_a_crash(app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from game.ui.savefiles import load_match

    match = mid_game("tutorial", 11, app.assets, steps=8)
    doc = saves.to_document(match.session)
    match.close()
    seat = doc["setup"]["seats"][0]
    path = tmp_path / "game.json"
    doc["client"] = {"plans": 5}  # was: TypeError (int is not iterable)
    path.write_text(saves.layout(doc))
    loaded = load_match(path, app.library)
    assert all(plan.human for plan in loaded.plans)
    loaded.close()
    doc["client"] = {"plans": [{"state": seat, "human": False, "level": ["hard"]}]}  # was: an unknown bot level
    path.write_text(saves.layout(doc))
    with pytest.raises(saves.SaveError, match="client.plans"):
        load_match(path, app.library)
