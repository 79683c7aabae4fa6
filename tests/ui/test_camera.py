"""Hotseat: zoom and pan belong to the seat. Handed the screen through the cover, a person's seat finds its own
last view of the map (the whole map the first time), not the one the previous person left; by posted input."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui.screenshots import mid_game
from rules.action import EndTurn, PassTurn
from tests.ui.driver import frames, press


def _play_on_until(app, match, wanted: Callable[[str], bool]) -> None:  # type: ignore[no-untyped-def]
    """Play the seats' turns (ending each turn as soon as it may) and go through every cover, recap and
    screen between by Enter, until the play screen shows a wanted seat at its own turn."""
    for _ in range(2000):
        seat = match.to_act()
        if app.top.name != "play":
            press(app, pygame.K_RETURN)
        elif seat is not None and seat == match.viewer:
            if wanted(seat):
                return
            legal = match.session.legal()
            ends = [a for a in legal if isinstance(a, (EndTurn, PassTurn))]
            match.session.submit((ends or list(legal))[0])
        frames(app, 1)
    raise AssertionError("no turn of a wanted seat came")


def test_each_seat_gets_its_own_camera_back(app) -> None:  # type: ignore[no-untyped-def]
    match = mid_game("tutorial", 11, app.assets, steps=8)
    a = match.to_act()
    assert a is not None
    match.take_seat(a)
    play = app.reset("play", match=match)
    frames(app, 2)
    home = play.map.viewport
    assert home.zoom == 1.0
    for key in (pygame.K_PLUS, pygame.K_PLUS, pygame.K_LEFT):
        press(app, key)
    frames(app, 2)
    mine = play.map.viewport
    assert mine.zoom > 1.0 and mine.center != home.center
    _play_on_until(app, match, lambda seat: seat != a)
    b = match.viewer
    assert play.map.viewport == home  # b's first turn on the screen: the whole map, not a's zoom
    press(app, pygame.K_PLUS)
    press(app, pygame.K_UP)
    frames(app, 2)
    theirs = play.map.viewport
    assert theirs not in (home, mine)
    _play_on_until(app, match, lambda seat: seat == a)
    assert play.map.viewport == mine
    _play_on_until(app, match, lambda seat: seat == b)
    assert play.map.viewport == theirs
