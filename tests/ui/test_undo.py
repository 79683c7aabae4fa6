"""Undo in the window takes back only the viewer's own private choices: Ctrl+Z while a bot acts leaves the
bot's action alone (issue 15)."""

from __future__ import annotations

import pygame

from game.ui.match import Match, SeatPlan
from game.ui.screenshots import mid_game
from rules.action import PlayCard
from tests.ui.driver import frames, press


def test_ctrl_z_while_a_bot_acts_does_not_take_back_the_bots_action(app) -> None:  # type: ignore[no-untyped-def]
    shown = mid_game("tutorial", 11, app.assets, steps=8)
    session = shown.session
    bot = session.current_seat()
    assert bot is not None
    human = next(s for s in session.state.seats if s != bot)
    plans = tuple(SeatPlan(s, human=s == human) for s in session.state.seats)
    match = Match(session, plans, viewer=human)  # the bot's runner is left out: it never decides by itself
    play = app.reset("play", match=match)
    frames(app, 2)
    card = session.state.hands[session.state.seats.index(bot)][0]
    session.submit(PlayCard(bot, card))  # the bot has taken a card and still acts
    frames(app, 2)
    assert not play.controls["undo"].is_enabled
    press(app, pygame.K_z, pygame.KMOD_CTRL)
    frames(app, 2)
    assert session.actions[-1] == PlayCard(bot, card) and session.state.turn.card == card
    assert not session.can_undo(human) and session.can_undo(bot)
    shown.close()
