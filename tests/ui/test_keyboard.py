"""Keyboard everywhere: Tab, the arrows and Enter reach every button of Title, Settings and Play with a
visible focus ring; a secret pick and a warned action take a second step; warnings show before commit."""

from __future__ import annotations

import html
import re

import pygame
import pytest

from game.ui.match import Match, SeatPlan
from game.ui.screenshots import mid_game
from rules.action import Advance, KeepObjective, PlayCard, UseOps
from tests.ui.driver import click, frames, press


def test_title_answers_tab_arrows_and_enter_with_a_focus_ring(app) -> None:  # type: ignore[no-untyped-def]
    title = app.top
    assert app.focus.current(title, app.screen.get_rect()) is None, "no ring before a key moves it"
    press(app, pygame.K_TAB)
    first = app.focus.current(title, app.screen.get_rect())
    assert first is title.buttons["new"]
    press(app, pygame.K_DOWN)
    assert app.focus.current(title, app.screen.get_rect()) is title.buttons["tutorial"]
    press(app, pygame.K_UP)
    app.draw(app.screen)
    ring = first.rect.inflate(2 * app.u(3), 2 * app.u(3))
    assert tuple(app.screen.get_at((ring.x + 1, ring.centery)))[:3] == (255, 214, 90), "the ring shows"
    press(app, pygame.K_RETURN)
    frames(app, 2)
    assert app.top.name == "new_game"


def test_settings_answer_tab_and_enter_and_esc(app) -> None:  # type: ignore[no-untyped-def]
    app.push("settings")
    frames(app, 2)
    press(app, pygame.K_TAB)
    focused = app.focus.current(app.top, app.screen.get_rect())
    assert focused is app.top.buttons["language"]
    press(app, pygame.K_RETURN)
    frames(app, 2)
    assert app.settings.language == "ru"
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "title"


def _at_setup(app) -> tuple[Match, str]:  # type: ignore[no-untyped-def]
    """A new all-human tutorial game at its first secret pick (a national interest), its seat at the screen."""
    from game.content_files import load_scenario

    scenario = load_scenario("tutorial", app.assets)
    plans = tuple(SeatPlan(s) for s in scenario.definition.default_seats)
    match = Match.start(scenario, 5, plans, scenario.definition.default_length, "standard")
    while match.to_act() is None:
        match.session.submit(Advance())
    seat = match.to_act()
    assert seat is not None and isinstance(match.session.legal()[0], KeepObjective)
    match.take_seat(seat)
    return match, seat


def test_a_secret_pick_takes_a_second_step(app) -> None:  # type: ignore[no-untyped-def]
    match, seat = _at_setup(app)
    play = app.reset("play", match=match)
    frames(app, 3)
    before = len(match.session.actions)
    press(app, pygame.K_1)
    assert app.top.name == "preview" and len(match.session.actions) == before, "one key press commits nothing"
    press(app, pygame.K_ESCAPE)
    assert app.top is play and len(match.session.actions) == before
    press(app, pygame.K_1)
    press(app, pygame.K_RETURN)
    assert isinstance(match.session.actions[before], KeepObjective)
    match.close()


def test_tab_and_enter_press_the_play_screens_buttons(app) -> None:  # type: ignore[no-untyped-def]
    match = mid_game("tutorial", 11, app.assets, steps=8)
    me = match.to_act()
    assert me is not None
    match.take_seat(me)
    app.reset("play", match=match)
    frames(app, 3)
    for _ in range(12):
        press(app, pygame.K_TAB)
        focused = app.focus.current(app.top, app.screen.get_rect())
        if focused is not None and id(focused) in app.top.card_buttons:
            break
    else:
        pytest.fail("Tab never reached a card of the hand")
    press(app, pygame.K_RETURN)
    frames(app, 2)
    assert app.top.name == "card"
    match.close()


def _plain(text: str) -> str:
    """A widget's text as read: markup (glossary links, bold) taken out, entities put back."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def _rival_card(app) -> tuple[Match, str, str]:  # type: ignore[no-untyped-def]
    """A game whose acting seat holds a card that favours another seat: (match, seat, card)."""
    for seed in range(1, 20):
        match = mid_game("caspian-2023", seed, app.assets, steps=8)
        me = match.to_act()
        if me is not None:
            hand = match.state.hands[match.state.seats.index(me)]
            rival = [c for c in hand if match.scenario.card(c).favours not in ("", me)]
            rival = [c for c in rival if match.scenario.card(c).favours in match.state.seats]
            if rival:
                return match, me, rival[0]
        match.close()
    raise AssertionError("no seed deals a rival's card")


def test_ops_of_a_rivals_card_warn_before_the_event_fires(app) -> None:  # type: ignore[no-untyped-def]
    match, me, card = _rival_card(app)
    match.take_seat(me)
    play = app.reset("play", match=match)
    frames(app, 2)
    rival = match.scenario.card(card).favours
    warning = app.tr(
        "foresight.fires", seat=app.tr.name("state", rival), card=app.tr.card(match.scenario.card(card), "title")
    )
    scene = app.push("card", match=match, card_id=card)
    frames(app, 2)
    assert any(warning in _plain(w.tool_tip_text or "") for w in scene.widgets if id(w) in scene.choices)
    app.pop()
    match.session.submit(PlayCard(me, card))
    match.session.submit(UseOps(me, "influence"))
    play.rebuild()
    target = next(w for w in play.widgets if id(w) in play.action_buttons and w.is_enabled)
    assert "⚠" in target.text and warning in _plain(target.tool_tip_text)
    before = len(match.session.actions)
    click(app, target)
    assert app.top.name == "preview" and len(match.session.actions) == before
    assert warning in _plain(app.top.widgets[0].html_text)
    click(app, app.top.confirm)
    assert len(match.session.actions) == before + 1
    match.close()
