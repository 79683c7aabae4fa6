"""The map's legend folds away: L or its button over the map hides and shows it, and the settings remember it."""

from __future__ import annotations

import pygame

from game.ui.screenshots import mid_game
from game.ui.settings import read_settings, save_settings
from tests.ui.driver import click, frames, press


def _legend_corner(app) -> bytes:  # type: ignore[no-untyped-def]
    """The pixels of the map's bottom-left corner, where the legend sits."""
    area = app.top.map_rect
    u = app.u
    corner = pygame.Rect(area.x + u(8), area.bottom - u(60), u(80), u(50))
    return pygame.image.tobytes(app.screen.subsurface(corner), "RGB")


def test_l_and_the_legend_button_hide_and_show_the_legend_and_the_settings_keep_it(app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    match = mid_game("tutorial", 11, app.assets, steps=8)
    match.take_seat(match.to_act() or match.state.seats[0])
    app.reset("play", match=match)
    frames(app, 3)
    shown = _legend_corner(app)
    press(app, pygame.K_l)
    frames(app, 2)
    assert app.settings.legend is False
    assert _legend_corner(app) != shown
    click(app, app.top.controls["legend"])
    frames(app, 2)
    assert app.settings.legend is True
    assert _legend_corner(app) == shown
    press(app, pygame.K_l)
    path = tmp_path / "settings.json"
    assert save_settings(app.settings, path)
    assert read_settings(path)[0].legend is False
