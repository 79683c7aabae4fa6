"""The window with mods: the new-game screen lists an installed mod's scenario, which plays to the end."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.ui.autoplay import play_to_end
from tests.ui.driver import click

EXAMPLE = Path(__file__).resolve().parent.parent.parent / "docs" / "example-mod"


def test_new_game_lists_an_installed_mod_and_plays_it(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CASPIAN_GAMBIT_DATA", str(tmp_path / "data"))
    shutil.copytree(EXAMPLE, tmp_path / "data" / "mods" / "steppe")
    from game.ui.app import App, window_mods

    app = App(size=(1280, 800), persist=False, bot_delay=0.0, mods=window_mods())
    app.reset("title")
    app.step(0.0)
    click(app, app.top.buttons["new"])  # type: ignore[union-attr]
    scene = app.top
    assert scene is not None and "steppe-1990s" in scene.scenarios  # type: ignore[attr-defined]
    while scene.scenario_id != "steppe-1990s":  # type: ignore[attr-defined]
        click(app, scene.controls["scenario"])  # type: ignore[attr-defined]
    assert scene.controls["scenario"].text.startswith("Steppe and Sea: the 1990s")  # type: ignore[attr-defined]
    seen = play_to_end(app, limit=4000)
    assert seen[-1] == "game_over" and app.top.match.session.scenario.id == "steppe-1990s"  # type: ignore[union-attr]
