"""The class screen (F8 on the play screen): the projector's view in large type — whose turn, the round, every
score and the last public log lines — and back to the play screen with F8 or Esc."""

from __future__ import annotations

import pygame

from game.describe import describe_entry
from game.i18n import party_name
from game.ui.screenshots import mid_game
from tests.ui.driver import frames, press, screen_texts


def test_f8_shows_the_public_game_in_large_type_and_f8_returns(app) -> None:  # type: ignore[no-untyped-def]
    match = mid_game("caspian-2023", 5, app.assets, steps=20)
    seat = match.to_act()
    match.take_seat(seat)
    play = app.reset("play", match=match)
    frames(app, 2)
    press(app, pygame.K_F8)
    assert app.top.name == "classroom"
    shown = screen_texts(app)
    tr, sc = app.tr, match.scenario
    assert tr("ui.classroom.to_act", seat=party_name(tr, sc, seat), phase=tr(f"phase.{match.state.phase}")) in shown
    for s, vp in zip(match.state.seats, match.state.vp):
        assert tr("ui.classroom.score", seat=party_name(tr, sc, s), vp=vp) in shown
    last = match.session.visible_log(None)[-1].entry
    assert describe_entry(tr, sc, last) in shown
    frames(app, 5)  # the game waits for the seat: nothing is played while the room looks at the class screen
    assert match.to_act() == seat
    press(app, pygame.K_F8)
    assert app.top is play
    press(app, pygame.K_F8)
    press(app, pygame.K_ESCAPE)
    assert app.top is play
