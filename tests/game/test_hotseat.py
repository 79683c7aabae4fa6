"""Hotseat flow (game.hotseat): a seat with nothing to decide is never sent through the cover; the session
takes its forced action in public. Headless: no window, the match driven as the play scene drives it."""

from __future__ import annotations

from attrs import evolve

from game import hotseat
from game.bots import make_bot
from game.content_files import load_scenario
from game.session import Session
from game.ui.match import Match, SeatPlan
from rules import GameState, player_view
from rules.action import EndTurn, PassTurn, PlaceInfluence, PlayCard, UseOps
from rules.log import TurnPassed, is_visible
from rules.scenario import Scenario
from rules.state import Turn
from tests.rules.helpers import BETA, SEATS, at_actions, mini

HUMANS = SEATS  # alpha and beta share the screen


def session_at(state: GameState) -> Session:
    """A mini session whose current state is `state` (no action taken yet, so nothing to undo)."""
    session = Session.start(mini(), 7, SEATS)
    session.state = state
    return session


def test_a_seat_with_no_card_passes_without_a_cover() -> None:
    session = session_at(at_actions(mini(), "beta", hands={"beta": ()}))
    assert session.legal() == (PassTurn("beta"),)
    assert hotseat.next_step(session, HUMANS, "alpha", take_forced=False) == "cover"  # the flow before
    assert hotseat.next_step(session, HUMANS, "alpha") == "forced"
    entries = session.submit(hotseat.forced_action(session, HUMANS, "alpha"))  # type: ignore[arg-type]
    assert [e for e in entries if isinstance(e, TurnPassed)] == [TurnPassed("beta")]
    assert all(is_visible(e, None) for e in entries)  # the pass is public


def test_a_seat_with_a_card_is_covered() -> None:
    session = session_at(at_actions(mini(), "beta", hands={"beta": ("c6",)}))
    assert hotseat.next_step(session, HUMANS, "alpha") == "cover"
    assert hotseat.forced_action(session, HUMANS, "alpha") is None


def test_a_turn_another_seat_finished_ends_without_a_cover() -> None:
    """Beta's proposal was answered by alpha at the screen: beta has only its turn to end."""
    state = at_actions(mini(), "beta", turn=Turn(BETA, "c1", "ops", "negotiate", True))
    session = session_at(state)
    assert session.legal() == (EndTurn("beta"),)
    assert hotseat.forced_action(session, HUMANS, "alpha") == EndTurn("beta")
    assert hotseat.next_step(session, HUMANS, "beta") == "seat"  # at the screen, it sees the answer first


def test_a_seat_that_can_undo_is_not_forced() -> None:
    """Its own last step can still be taken back: ending the turn is the seat's to decide."""
    session = session_at(at_actions(mini(), "beta", hands={"beta": ("c6",)}))
    session.submit(PlayCard("beta", "c6"))
    session.submit(UseOps("beta", "influence"))
    session.submit(PlaceInfluence("beta", "gamma"))
    assert session.legal() == (EndTurn("beta"),) and session.can_undo("beta")
    assert hotseat.forced_action(session, HUMANS, "alpha") is None


def test_one_human_never_needs_a_cover() -> None:
    """Alone at the screen, a seat with no card presses Pass itself: it costs no hand-over."""
    session = session_at(at_actions(mini(), "beta", hands={"beta": ()}))
    assert hotseat.next_step(session, ("beta",), "beta") == "seat"
    assert hotseat.next_step(session, ("beta",), None) == "seat"
    assert hotseat.next_step(session, ("alpha",), "alpha") == "bot"


def test_a_class_game_covers_even_one_human_and_waits_for_its_browsers() -> None:
    """Hosted from the window, the screen is the room's: one person at it is covered too (else the projector would
    show its hand), and a browser seat's turn is the browser's ("remote"), not a bot's."""
    session = session_at(at_actions(mini(), "beta"))
    assert hotseat.next_step(session, ("beta",), None) == "seat"
    assert hotseat.next_step(session, ("beta",), None, take_forced=False, remote=("alpha",)) == "cover"
    assert hotseat.next_step(session, ("alpha",), None, remote=("beta",)) == "remote"
    assert hotseat.viewer_after_hand_over(("beta",), "beta", ("alpha",)) is None


def test_no_seat_without_a_card_is_ever_covered() -> None:
    """A whole four-seat hotseat game (greedy bots deciding for the human seats), driven through the match
    as the play scene drives it: every cover leads to a real decision, and the seats that ran out of cards
    passed without one. The deck is cut to 6 cards, fewer than the 8 two turns of four seats need, so that
    seats do run out (the shipped decks fill every hand, rules §4.3)."""
    full = load_scenario("caspian-2023")
    few = evolve(full.definition, cards=tuple(c.id for c in full.cards[:6]))
    scenario = Scenario(few, full.world, full.cards, full.sources, full.content_hash)
    seats = tuple(scenario.definition.default_seats)
    match = Match.start(scenario, 3, tuple(SeatPlan(s) for s in seats), "full", "standard")
    bots = {s: make_bot("greedy", s, 11 + i) for i, s in enumerate(seats)}
    covers = passes = 0
    while (step := match.next_step()) != "over":
        if step == "engine":
            match.engine_step()
        elif step == "forced":
            entries = match.take_forced()
            passes += any(isinstance(e, TurnPassed) for e in entries)
        elif step == "cover":
            seat = match.to_act()
            assert seat is not None
            assert match.session.legal() != (PassTurn(seat),), f"{seat} covered only to pass"
            covers += 1
            match.hand_over()
            match.take_seat(seat)
        else:
            assert step == "seat"
            seat = match.to_act()
            assert seat is not None
            view = player_view(match.state, seat)
            match.session.submit(bots[seat].choose(scenario, view, match.session.legal()).action)
    assert passes > 0 and covers > 0
