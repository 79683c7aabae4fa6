"""The window costs little and keeps hotseat hands private in time: a screen where nothing changes is not
redrawn, an input is; the bots think in a worker process that the window closes; a hand hides the moment
its seat ends the turn."""

from __future__ import annotations

import random

import pygame

from game.content_files import load_scenario
from game.ui.match import Match, SeatPlan
from rules import apply
from rules.action import EndTurn
from tests.ui.driver import frames, screen_texts


def _count_draws(app, monkeypatch) -> list[int]:  # type: ignore[no-untyped-def]
    drawn: list[int] = []
    real = app.draw
    monkeypatch.setattr(app, "draw", lambda surface: (drawn.append(1), real(surface)))
    return drawn


def test_a_screen_where_nothing_changes_is_not_redrawn(app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    frames(app, 3)
    drawn = _count_draws(app, monkeypatch)
    app.changed_at -= 60  # long after the last input
    frames(app, 5)
    assert drawn == []
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(50, 50), rel=(1, 1), buttons=(0, 0, 0)))
    frames(app, 1)
    assert drawn == [1]


def test_the_idle_loop_waits_for_events(app) -> None:  # type: ignore[no-untyped-def]
    """Idle, the loop sleeps until an event or the idle tick instead of spinning at 60 frames a second."""
    frames(app, 1)  # the first frame may itself be a change (drawn at once); idle means after it settled
    app.changed_at -= 60
    pygame.event.clear()
    assert not app.lively()
    dt, events = app.wait()
    assert dt >= 0.09 and events == []
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_a, mod=0, unicode="a", scancode=0))
    _, events = app.wait()
    assert [e.type for e in events] == [pygame.KEYDOWN]


def _hotseat_at_end_of_turn(app) -> tuple[Match, str]:  # type: ignore[no-untyped-def]
    """Two humans and two random bots, advanced until a human may end a turn that a bot follows."""
    scenario = load_scenario("caspian-2023", app.assets)
    seats = scenario.definition.default_seats
    plans = tuple(SeatPlan(s, human=i % 2 == 0, level="random") for i, s in enumerate(seats))
    match = Match.start(scenario, 5, plans, "full", "standard")
    rng = random.Random(5)
    while True:
        seat = match.to_act()
        legal = match.session.legal()
        if seat in match.humans() and EndTurn(seat) in legal and match.state.hands[match.state.seats.index(seat)]:
            after = apply(match.scenario, match.state, EndTurn(seat))[0]  # D3: a seat's two turns run back to back
            if after.to_act >= 0 and after.seats[after.to_act] not in match.humans():
                return match, seat
        match.session.submit(rng.choice(legal))


def test_a_hotseat_hand_hides_in_the_first_frame_after_end_turn(app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    match, seat = _hotseat_at_end_of_turn(app)
    match.take_seat(seat)
    play = app.reset("play", match=match)
    frames(app, 3)
    state = match.state
    cards = state.hands[state.seats.index(seat)]
    secrets = {app.tr.card(match.scenario.card(c), "title") for c in cards}
    assert any(s in "\n".join(screen_texts(app)) for s in secrets), "the hand shows during the turn"
    shown: list[str] = []
    real = app.draw
    monkeypatch.setattr(app, "draw", lambda surface: (shown.append("\n".join(screen_texts(app))), real(surface)))
    play.press_control("end")
    frames(app, 1)
    assert match.next_step() == "bot" and match.bots[match.to_act() or ""].busy
    assert shown and not [s for s in secrets if s in shown[0]], "the hand stayed on screen while the bots think"
    match.close()
