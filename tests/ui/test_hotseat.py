"""Hotseat: a whole Tutorial game through clicks only; nothing private of another seat on any screen;
undo within a turn; forbidden actions greyed with the engine's reason."""

from __future__ import annotations

import random

import pygame
import pytest
from attrs import evolve

from game.content_files import load_scenario
from game.describe import describe_entry
from game.ui.match import Match, SeatPlan
from game.ui.screenshots import mid_game
from rules.scenario import Scenario
from tests.ui.autoplay import play_to_end
from tests.ui.driver import click, frames, live_widgets, press, screen_texts


def test_whole_tutorial_game_through_clicks(app) -> None:  # type: ignore[no-untyped-def]
    seen = play_to_end(app)
    assert seen[-1] == "game_over"
    assert {"new_game", "cover", "recap", "play", "card", "flows"} <= set(seen)
    assert app.stack[-2].match.session.is_over


def _secrets(app, match: Match, seat: str, viewer: str) -> set[str]:  # type: ignore[no-untyped-def]
    """Strings that would give away `seat`'s private data, less what `viewer` may legitimately see."""
    tr, sc, state = app.tr, match.scenario, match.state
    i = state.seats.index(seat)
    secret: set[str] = set()
    for card in state.hands[i]:
        secret |= {card, tr.card(sc.card(card), "title")}
    if state.headlines[i]:
        secret |= {state.headlines[i], tr.card(sc.card(state.headlines[i]), "title")}
    objective = state.objectives[i]
    if objective:
        secret |= {tr.name("objective", objective), tr.name("objective_text", objective)}
    mine = state.seats.index(viewer)
    allowed = {c for c in state.hands[mine]} | {tr.card(sc.card(c), "title") for c in state.hands[mine]}
    if state.objectives[mine]:
        allowed |= {tr.name("objective", state.objectives[mine]), tr.name("objective_text", state.objectives[mine])}
    public = " ".join(describe_entry(tr, sc, e.entry) for e in match.session.visible_log(None))
    return {s for s in secret - allowed if s and s not in public}


def _assert_hidden(app, secrets: set[str], screen: str) -> None:  # type: ignore[no-untyped-def]
    text = "\n".join(screen_texts(app))
    leaked = sorted(s for s in secrets if s in text)
    assert leaked == [], f"{screen} shows another seat's private data: {leaked}"


@pytest.fixture
def game(app):  # type: ignore[no-untyped-def]
    match = mid_game("tutorial", 11, app.assets, steps=8)
    a = match.to_act()
    assert a is not None
    match.take_seat(a)
    play = app.reset("play", match=match)
    frames(app, 3)
    return app, match, play, a


def test_no_screen_of_seat_a_shows_seat_b_private_data(game) -> None:  # type: ignore[no-untyped-def]
    app, match, play, a = game
    b = next(s for s in match.state.seats if s != a)
    secrets = _secrets(app, match, b, a)
    assert secrets, "seat B should hold private data to hide"
    _assert_hidden(app, secrets, "play")
    for region in play.map.base_map.game_states():
        x, y = play.map.viewport.to_screen(*region.label)
        play.hover = play.map.pick((int(x), int(y)))
        _assert_hidden(app, secrets, f"map hover {region.slug}")
    play.hover = None
    scenes = [
        ("card", {"card_id": match.state.hands[match.state.seats.index(a)][0]}),
        ("menu", {}),
        ("save", {}),
        ("recap", {"seat": a}),
    ]
    if match.state.last_flows is not None:
        scenes.append(("flows", {"before": None}))
    for name, kwargs in scenes:
        app.push(name, match=match, **kwargs)
        frames(app, 2)
        _assert_hidden(app, secrets, name)
        app.pop()
    match.hand_over()
    app.push("cover", match=match, seat=b)
    frames(app, 2)
    _assert_hidden(app, secrets | _secrets(app, match, a, b), "cover")


def test_no_seat_sees_the_console_its_reveal_or_private_data_on_the_class_screen(game) -> None:  # type: ignore[no-untyped-def]
    """The teacher's console is locked to a seat (F9 without the passphrase shows no game data); after the
    teacher's reveal-all, the seat's screens show nothing more of another seat; the class screen (F8) and the
    paused screen show nothing private of any seat, the one at the keyboard included."""
    from game.teacher import Lock
    from rules.teacher import TeacherNote

    app, match, play, a = game
    b = next(s for s in match.state.seats if s != a)
    match.lock = Lock.of("owl")
    everyone = _secrets(app, match, b, a) | _secrets(app, match, a, b)
    press(app, pygame.K_F9)
    assert app.top.name == "console" and not app.top.unlocked
    _assert_hidden(app, everyone, "locked console")
    app.top.unlocked = True
    app.top.press("reveal")
    assert app.top.revealing
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)
    assert app.top is play
    play.rebuild()
    frames(app, 2)
    _assert_hidden(app, _secrets(app, match, b, a), "play after the teacher's reveal")
    assert not [
        w
        for w in (app.tr("ui.console.heading"), app.tr("ui.console.reveal_heading"))
        if w in "\n".join(screen_texts(app))
    ]
    press(app, pygame.K_F8)
    assert app.top.name == "classroom"
    _assert_hidden(app, everyone, "class screen")
    press(app, pygame.K_F8)
    assert app.top is play
    match.session.submit(TeacherNote("pause", ""))
    frames(app, 3)
    assert app.top.name == "paused"
    _assert_hidden(app, everyone, "paused")


def test_undo_takes_back_steps_of_my_turn(game) -> None:  # type: ignore[no-untyped-def]
    app, match, play, a = game
    card_button = next(w for w in play.widgets if id(w) in play.card_buttons)
    click(app, card_button)
    assert app.top.name == "card"
    influence = next(w for w in app.top.widgets if id(w) in app.top.choices and w.is_enabled and "influence" in w.text)
    click(app, influence)
    assert app.top is play and match.state.turn.verb == "influence"
    assert play.controls["undo"].is_enabled
    click(app, play.controls["undo"])
    assert match.state.turn.use == "" and match.state.turn.card
    click(app, play.controls["undo"])
    assert match.state.turn.card == ""
    assert not play.controls["undo"].is_enabled


def test_forbidden_actions_are_greyed_with_the_engines_reason(game) -> None:  # type: ignore[no-untyped-def]
    app, match, play, a = game
    end = play.controls["end"]
    assert not end.is_enabled
    reason = match.session.why_not(__import__("rules.action", fromlist=["EndTurn"]).EndTurn(a))
    assert reason is not None and app.tr.reason(reason) in end.tool_tip_text
    pygame.mouse.set_pos(end.rect.center)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=end.rect.center, rel=(0, 0), buttons=(0, 0, 0)))
    frames(app, 80)
    tips = [w for w in live_widgets(app) if type(w).__name__ == "UITooltip"]
    assert tips, "hovering a disabled button shows its reason"


def test_keyboard_plays_a_card_and_ends_the_turn(game) -> None:  # type: ignore[no-untyped-def]
    app, match, play, a = game
    before = len(match.session.actions)
    press(app, pygame.K_1)
    assert app.top.name == "card"
    press(app, pygame.K_1)
    assert len(match.session.actions) > before


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_seat_with_no_card_left_is_told_to_pass_not_to_play_a_card(app, lang) -> None:  # type: ignore[no-untyped-def]
    app.settings.language = lang
    app.refresh()
    # The shipped decks fill every hand (rules §4.3), so the deck is cut to 6 cards, fewer than the 8 two turns
    # of four seats need, as in tests/game/test_hotseat.py, for a seat to run out.
    full = load_scenario("caspian-2023", app.assets)
    few = evolve(full.definition, cards=tuple(c.id for c in full.cards[:6]))
    scenario = Scenario(few, full.world, full.cards, full.sources, full.content_hash)
    plans = tuple(SeatPlan(s) for s in scenario.definition.default_seats)
    match = Match.start(scenario, 2, plans, "full", "standard")
    session, rng = match.session, random.Random(2)
    while not (session.state.phase == "actions" and [a.kind for a in session.legal()] == ["pass_turn"]):
        assert not session.is_over, "no seat ran out of cards"
        session.submit(rng.choice(session.legal()))
    match.take_seat(match.to_act())
    play = app.reset("play", match=match)
    frames(app, 2)
    if app.top is not play:  # the hand-over cover and the recap first
        match.take_seat(match.to_act())
        play = app.reset("play", match=match)
        frames(app, 2)
    texts = " ".join(screen_texts(app))
    assert app.tr("ui.play.no_card") in texts and app.tr("ui.play.pick_card") not in texts
    assert play.controls["end"].text == app.tr("ui.play.pass") and play.controls["end"].is_enabled
    press(app, pygame.K_RETURN)
    assert session.actions[-1].kind == "pass_turn"
