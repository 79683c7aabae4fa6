"""The lesson format of the shipped scenarios: one era, played to its end with the format's own numbers, and
replayed from (scenario, seed, actions) to the same state."""

from __future__ import annotations

import pytest

from game.bots import make_bot
from game.content_files import load_scenario
from game.estimates import LESSON_FORMAT
from game.session import Session
from rules import player_view

LESSON_SCENARIOS = ("caspian-2023", "caspian-2024")


def play_lesson(scenario_id: str, seed: int) -> Session:
    """A lesson of the scenario's default seats, every seat a random bot, played to its end."""
    scenario = load_scenario(scenario_id)
    seats = scenario.definition.default_seats
    session = Session.start(scenario, seed, seats, LESSON_FORMAT)
    bots = {seat: make_bot("random", seat, seed + i) for i, seat in enumerate(seats)}
    for _ in range(5000):
        session.run_engine()
        seat = session.current_seat()
        if seat is None:
            break
        session.submit(bots[seat].choose(session.scenario, player_view(session.state, seat), session.legal()).action)
    assert session.is_over
    return session


@pytest.mark.parametrize("scenario_id", LESSON_SCENARIOS)
def test_a_lesson_plays_one_era_to_its_end_with_its_own_numbers(scenario_id: str) -> None:
    scenario = load_scenario(scenario_id)
    lesson = scenario.definition.format(LESSON_FORMAT)
    assert lesson.eras == 1 and (lesson.rules or lesson.route_vp or lesson.start_prices)
    session = play_lesson(scenario_id, 3)
    state = session.state
    assert state.outcome is not None and state.outcome.reason in ("final", "instant")
    assert state.era == 0
    assert session.scenario is scenario.played(LESSON_FORMAT, len(scenario.definition.default_seats))
    played = session.scenario
    for key, value in lesson.rules.items():
        assert getattr(played.rules, key) == value != getattr(scenario.rules, key), key
    for route, vp in lesson.route_vp.items():
        assert played.routes[played.route_index[route]].vp == vp, route
    prices = {**played.world.prices, **played.start_prices}
    assert session.initial.prices == tuple(prices[c] for c in played.commodities)
    other = "full" if "full" in scenario.definition.lengths else "short"
    assert session.scenario.played(other, len(state.seats)) is scenario


@pytest.mark.parametrize("scenario_id", LESSON_SCENARIOS)
def test_a_lesson_replays_from_its_seed_and_actions(scenario_id: str) -> None:
    session = play_lesson(scenario_id, 11)
    again = Session.replay(load_scenario(scenario_id), session.setup, session.actions)
    assert again.state == session.state
